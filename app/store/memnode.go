package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
)

// node is a node of the in-memory tree (the memory backend). The tree is
// persistent: a committed node is never modified, and a change copies the
// nodes on the path to the key, so every committed version is a root that
// shares the nodes it did not change with the versions before and after it.
//
// Shape and hashes are IAVL's (github.com/cosmos/iavl v1): the same changes
// give the same tree and the same root hash as the IAVL backend, node by node,
// so the two backends agree on the application hash and on proofs.
//
// A leaf holds a key and its value. An inner node has two children and the
// first key of its right subtree; keys below it go left, others right. An
// inner node's key is shared with the leaf it came from.
type node struct {
	key, value  []byte
	left, right *node
	hash        [sha256.Size]byte // valid when hashed
	version     int64             // the version that created the node
	size        int64             // leaves under the node
	height      int8              // 0 for a leaf
	hashed      bool
}

func (n *node) leaf() bool { return n.height == 0 }

// newLeaf returns a leaf of the working version.
func newLeaf(key, value []byte, version int64) *node {
	return &node{key: key, value: value, version: version, size: 1}
}

// hashBytes appends to buf what IAVL hashes for a node: its height, size and
// version as signed varints, then for a leaf its key and the SHA-256 of its
// value, for an inner node its children's hashes, each length-prefixed. The
// children must be hashed.
func (n *node) hashBytes(buf []byte) []byte {
	buf = binary.AppendVarint(buf, int64(n.height))
	buf = binary.AppendVarint(buf, n.size)
	buf = binary.AppendVarint(buf, n.version)
	if n.leaf() {
		buf = binary.AppendUvarint(buf, uint64(len(n.key)))
		buf = append(buf, n.key...)
		vh := sha256.Sum256(n.value)
		buf = append(buf, sha256.Size)
		return append(buf, vh[:]...)
	}
	buf = append(buf, sha256.Size)
	buf = append(buf, n.left.hash[:]...)
	buf = append(buf, sha256.Size)
	return append(buf, n.right.hash[:]...)
}

// rehash computes the hash of every node under n not yet hashed (the nodes
// of the working version), children first. buf is scratch space, returned
// for reuse.
func (n *node) rehash(buf []byte) []byte {
	if n.hashed {
		return buf
	}
	if !n.leaf() {
		buf = n.left.rehash(buf)
		buf = n.right.rehash(buf)
	}
	buf = n.hashBytes(buf[:0])
	n.hash = sha256.Sum256(buf)
	n.hashed = true
	return buf
}

// rootHash returns the hash of the tree under root, IAVL's SHA-256 of nothing
// for an empty tree. The tree must be hashed.
func rootHash(root *node) []byte {
	if root == nil {
		h := sha256.Sum256(nil)
		return h[:]
	}
	return bytes.Clone(root.hash[:])
}

// mutable returns n ready to be changed for the working version: n itself
// if the working version created it (no committed version holds it, so no
// reader sees it), else a copy of it, IAVL's clone. Either way its hash is to
// be computed again.
func (n *node) mutable(version int64) *node {
	if n.version == version {
		n.hashed = false
		return n
	}
	c := *n
	c.version = version
	c.hashed = false
	return &c
}

// update sets n's height and size from its children.
func (n *node) update() {
	n.height = max(n.left.height, n.right.height) + 1
	n.size = n.left.size + n.right.size
}

func (n *node) balanceFactor() int { return int(n.left.height) - int(n.right.height) }

// set returns the tree under n with key set to value, and whether the key
// was already there (in which case no height or size changed and no
// rebalancing is needed).
func (n *node) set(key, value []byte, version int64) (*node, bool) {
	if n.leaf() {
		switch bytes.Compare(key, n.key) {
		case -1:
			return &node{key: n.key, height: 1, size: 2, version: version,
				left: newLeaf(key, value, version), right: n}, false
		case 1:
			return &node{key: key, height: 1, size: 2, version: version,
				left: n, right: newLeaf(key, value, version)}, false
		default:
			return newLeaf(key, value, version), true
		}
	}
	n = n.mutable(version)
	var updated bool
	if bytes.Compare(key, n.key) < 0 {
		n.left, updated = n.left.set(key, value, version)
	} else {
		n.right, updated = n.right.set(key, value, version)
	}
	if updated {
		return n, true
	}
	n.update()
	return n.balance(version), false
}

// remove returns the tree under n without key (nil if it was the last key),
// the new first key of n's subtree if it changed (so that an ancestor whose
// key it was can follow), and whether the key was there. Nothing is copied
// when the key is absent.
func (n *node) remove(key []byte, version int64) (newSelf *node, newKey []byte, removed bool) {
	if n.leaf() {
		if bytes.Equal(key, n.key) {
			return nil, nil, true
		}
		return n, nil, false
	}
	if bytes.Compare(key, n.key) < 0 {
		left, newKey, removed := n.left.remove(key, version)
		if !removed {
			return n, nil, false
		}
		if left == nil { // the left child was the leaf removed
			return n.right, n.key, true
		}
		n = n.mutable(version)
		n.left = left
		n.update()
		return n.balance(version), newKey, true
	}
	right, newKey, removed := n.right.remove(key, version)
	if !removed {
		return n, nil, false
	}
	if right == nil {
		return n.left, nil, true
	}
	n = n.mutable(version)
	n.right = right
	if newKey != nil {
		n.key = newKey
	}
	n.update()
	return n.balance(version), nil, true
}

// balance restores the AVL property at n, a node of the working version whose
// children are balanced, with IAVL's rotations.
func (n *node) balance(version int64) *node {
	switch b := n.balanceFactor(); {
	case b > 1:
		if n.left.balanceFactor() < 0 { // left-right
			n.left = n.left.rotateLeft(version)
		}
		return n.rotateRight(version)
	case b < -1:
		if n.right.balanceFactor() > 0 { // right-left
			n.right = n.right.rotateRight(version)
		}
		return n.rotateLeft(version)
	}
	return n
}

func (n *node) rotateRight(version int64) *node {
	n = n.mutable(version)
	l := n.left.mutable(version)
	n.left = l.right
	l.right = n
	n.update()
	l.update()
	return l
}

func (n *node) rotateLeft(version int64) *node {
	n = n.mutable(version)
	r := n.right.mutable(version)
	n.right = r.left
	r.left = n
	n.update()
	r.update()
	return r
}

// get returns the value of key under n, nil if absent.
func (n *node) get(key []byte) []byte {
	if n == nil {
		return nil
	}
	for !n.leaf() {
		if bytes.Compare(key, n.key) < 0 {
			n = n.left
		} else {
			n = n.right
		}
	}
	if bytes.Equal(n.key, key) {
		return n.value
	}
	return nil
}

// iterate calls fn for each leaf under n with a key in [start, end) in
// ascending order (nil bounds are open) and reports whether fn asked to go
// on.
func (n *node) iterate(start, end []byte, fn func(key, value []byte) bool) bool {
	if n == nil {
		return true
	}
	if n.leaf() {
		if (start != nil && bytes.Compare(n.key, start) < 0) || (end != nil && bytes.Compare(n.key, end) >= 0) {
			return true
		}
		return fn(n.key, n.value)
	}
	// Keys under n.left are below n.key; keys under n.right are at or above it.
	if start == nil || bytes.Compare(start, n.key) < 0 {
		if !n.left.iterate(start, end, fn) {
			return false
		}
	}
	if end == nil || bytes.Compare(n.key, end) < 0 {
		return n.right.iterate(start, end, fn)
	}
	return true
}
