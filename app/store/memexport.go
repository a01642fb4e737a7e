package store

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/cosmos/iavl"
)

// walk calls fn with every node under n in post-order (children first,
// left before right), stopping at fn's first error.
func (n *node) walk(fn func(*node) error) error {
	if n == nil {
		return nil
	}
	if !n.leaf() {
		if err := n.left.walk(fn); err != nil {
			return err
		}
		if err := n.right.walk(fn); err != nil {
			return err
		}
	}
	return fn(n)
}

// export calls fn with every node under n as IAVL's exporter gives it: in
// post-order, a leaf with its key, value and version, an inner node with its
// key, version and height. The slices are the tree's: fn must not modify
// them.
func (n *node) export(fn func(*iavl.ExportNode) error) error {
	return n.walk(func(nd *node) error {
		return fn(&iavl.ExportNode{Key: nd.key, Value: nd.value, Version: nd.version, Height: nd.height})
	})
}

// nodeBuilder puts a tree together from its nodes in post-order, as export
// and snapshots give them: a leaf is pushed, an inner node takes the last two
// subtrees as its children.
type nodeBuilder struct {
	stack []*node
	first [][]byte // the first key under each subtree of stack
	last  []byte   // the key of the last leaf added
}

// add adds the next node; an inner node's children and size are set by add,
// and its key must be nil (it is set to the first key of its right subtree)
// or that key.
func (b *nodeBuilder) add(n *node) error {
	if n.leaf() {
		if len(n.key) == 0 || n.value == nil {
			return errors.New("a leaf without key or value")
		}
		if b.last != nil && bytes.Compare(b.last, n.key) >= 0 {
			return fmt.Errorf("leaf %X out of order", n.key)
		}
		n.size = 1
		b.stack = append(b.stack, n)
		b.first = append(b.first, n.key)
		b.last = n.key
		return nil
	}
	if len(b.stack) < 2 {
		return fmt.Errorf("inner node of height %d without two subtrees", n.height)
	}
	l, r := b.stack[len(b.stack)-2], b.stack[len(b.stack)-1]
	lk, rk := b.first[len(b.first)-2], b.first[len(b.first)-1]
	if n.key != nil && !bytes.Equal(n.key, rk) {
		return fmt.Errorf("inner node key %X is not the first key %X of its right subtree", n.key, rk)
	}
	if want := max(l.height, r.height) + 1; n.height != want {
		return fmt.Errorf("inner node of height %d over subtrees of heights %d and %d", n.height, l.height, r.height)
	}
	n.left, n.right, n.key = l, r, rk
	n.size = l.size + r.size
	b.stack = append(b.stack[:len(b.stack)-2], n)
	b.first = append(b.first[:len(b.first)-2], lk)
	return nil
}

// root returns the tree built, nil if no node was added.
func (b *nodeBuilder) root() (*node, error) {
	switch len(b.stack) {
	case 0:
		return nil, nil
	case 1:
		return b.stack[0], nil
	}
	return nil, fmt.Errorf("nodes make %d trees, not one", len(b.stack))
}

// importNodes builds the tree of version from exported nodes, checking that
// they make one tree with its keys in order and no node newer than version.
// The tree holds copies of the nodes' slices.
func importNodes(nodes []*iavl.ExportNode, version int64) (*node, error) {
	var b nodeBuilder
	for _, e := range nodes {
		if e.Version <= 0 || e.Version > version {
			return nil, fmt.Errorf("node of version %d in version %d", e.Version, version)
		}
		n := &node{version: e.Version, height: e.Height}
		if e.Height < 0 {
			return nil, fmt.Errorf("node of height %d", e.Height)
		}
		if e.Height == 0 {
			// An empty value may come back from the wire as nil.
			n.key, n.value = bytes.Clone(e.Key), append([]byte{}, e.Value...)
		} else {
			n.key = e.Key
		}
		if err := b.add(n); err != nil {
			return nil, err
		}
	}
	return b.root()
}

// buildBalanced builds the balanced tree over kvs (sorted, not empty) at
// version, the tree initial.go describes. The tree holds copies of the
// changes' slices.
func buildBalanced(kvs []Change, version int64) *node {
	var b nodeBuilder
	err := walkBalanced(kvs, version, func(e *iavl.ExportNode) error {
		n := &node{version: version, height: e.Height}
		if e.Height == 0 {
			n.key, n.value = bytes.Clone(e.Key), bytes.Clone(e.Value)
		}
		return b.add(n)
	})
	root, rootErr := b.root()
	if err = errors.Join(err, rootErr); err != nil {
		panic(fmt.Sprintf("store: building the first version: %v", err))
	}
	return root
}
