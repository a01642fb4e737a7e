package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/cosmos/iavl"
)

// The first version of an empty tree (a new chain's genesis state and its
// first block) can hold millions of keys. IAVL's working tree would keep
// every one of them in memory as a node until Commit, and then write them in
// one batch; a genesis of a million accounts took the node past 13 GB.
//
// So until its first Commit a Tree keeps the applied changes as one sorted
// list of keys and values, and the first Commit builds the tree from it
// bottom-up, streaming the nodes through IAVL's importer, which writes them
// in batches as it goes. The tree built is the balanced tree over the sorted
// keys: each inner node splits its keys in two halves, the left one the
// larger by at most one. Its root hash is computed the same way, without
// building it, for the Apply calls before that Commit.
//
// The shape, and so the hash, differs from the one that inserting the same
// keys one by one into IAVL gives; any node computes the same one. Later
// versions are written by IAVL as usual, on top of the imported one.

// initialState is the content of the first version while it is built: its
// keys in strictly ascending order, each with a non-nil value. It keeps the
// slices of the changes it is given.
type initialState struct {
	kvs []Change
	// shared is set while kvs is the very list the first apply was given:
	// a new chain's genesis, which InitChain keeps reading through an
	// Overlay until the first block is committed. The next apply copies it
	// before changing anything, so the genesis is held once until then.
	shared bool
}

// apply merges changes, in strictly ascending key order, into the state: a
// nil Value deletes its key. Updates and deletes are made in place; new keys
// are merged in from the back, so that the list is copied only when it
// outgrows its capacity.
func (s *initialState) apply(changes []Change) {
	if len(s.kvs) == 0 {
		if !slices.ContainsFunc(changes, func(c Change) bool { return c.Value == nil }) {
			s.kvs, s.shared = changes, true
			return
		}
		s.kvs = make([]Change, 0, len(changes)+len(changes)/64+64)
		for _, c := range changes {
			if c.Value != nil {
				s.kvs = append(s.kvs, c)
			}
		}
		return
	}
	if len(changes) == 0 {
		return // nothing to merge, and no reason to copy a shared list
	}
	if s.shared {
		// Room for the keys later applies add (the first block's), so
		// that they do not copy a list of genesis size again.
		s.kvs = append(make([]Change, 0, len(s.kvs)+len(s.kvs)/64+64), s.kvs...)
		s.shared = false
	}
	// Updates and deletes, in place.
	var inserts []Change
	out, i := 0, 0
	for _, c := range changes {
		for i < len(s.kvs) && bytes.Compare(s.kvs[i].Key, c.Key) < 0 {
			s.kvs[out] = s.kvs[i]
			out++
			i++
		}
		found := i < len(s.kvs) && bytes.Equal(s.kvs[i].Key, c.Key)
		switch {
		case found && c.Value == nil:
			i++ // deleted
		case found:
			s.kvs[out] = Change{Key: s.kvs[i].Key, Value: c.Value}
			out++
			i++
		case c.Value != nil:
			inserts = append(inserts, c)
		}
	}
	out += copy(s.kvs[out:], s.kvs[i:])
	clear(s.kvs[out:]) // let go of what was deleted
	s.kvs = s.kvs[:out]
	if len(inserts) == 0 {
		return
	}

	// Inserts, merged from the back into the grown list.
	n := len(s.kvs)
	s.kvs = slices.Grow(s.kvs, len(inserts))[:n+len(inserts)]
	mergeFromBack(s.kvs, n, inserts)
}

// mergeFromBack merges add (ascending, none of its keys in list[:n]) into
// list[:n] (ascending), where list has room for both: len(list) is
// n+len(add). It fills list from the back, so that no entry of list[:n] is
// overwritten before it has moved. add must not share list's memory.
func mergeFromBack(list []Change, n int, add []Change) {
	w, r := len(list)-1, n-1
	for j := len(add) - 1; j >= 0; j-- {
		for r >= 0 && bytes.Compare(list[r].Key, add[j].Key) > 0 {
			list[w] = list[r]
			w--
			r--
		}
		list[w] = add[j]
		w--
	}
}

// walkBalanced calls fn with every node of the balanced tree over kvs (sorted,
// not empty), in post-order: the order IAVL's importer takes them in. All
// nodes carry version. It stops at fn's first error.
func walkBalanced(kvs []Change, version int64, fn func(*iavl.ExportNode) error) error {
	var walk func(lo, hi int) (int8, error)
	walk = func(lo, hi int) (int8, error) {
		if hi-lo == 1 {
			return 0, fn(&iavl.ExportNode{Key: kvs[lo].Key, Value: kvs[lo].Value, Version: version, Height: 0})
		}
		mid := lo + (hi-lo+1)/2
		lh, err := walk(lo, mid)
		if err != nil {
			return 0, err
		}
		rh, err := walk(mid, hi)
		if err != nil {
			return 0, err
		}
		h := max(lh, rh) + 1
		// An inner node's key is the first key of its right subtree.
		return h, fn(&iavl.ExportNode{Key: kvs[mid].Key, Version: version, Height: h})
	}
	_, err := walk(0, len(kvs))
	return err
}

// balancedHash returns the root hash of the balanced tree over kvs at
// version, as IAVL computes a node's hash: SHA-256 over the height, size and
// version as signed varints, then for a leaf its key and the SHA-256 of its
// value, for an inner node its children's hashes, each length-prefixed. An
// empty tree hashes as IAVL's does, to the SHA-256 of nothing.
func balancedHash(kvs []Change, version int64) []byte {
	if len(kvs) == 0 {
		h := sha256.Sum256(nil)
		return h[:]
	}
	type sub struct {
		hash [sha256.Size]byte
		size int64
	}
	var (
		stack []sub
		buf   []byte
	)
	header := func(height int8, size int64) {
		buf = binary.AppendVarint(buf[:0], int64(height))
		buf = binary.AppendVarint(buf, size)
		buf = binary.AppendVarint(buf, version)
	}
	hashed := func(b []byte) []byte {
		buf = binary.AppendUvarint(buf, uint64(len(b)))
		return append(buf, b...)
	}
	err := walkBalanced(kvs, version, func(n *iavl.ExportNode) error {
		if n.Height == 0 {
			header(0, 1)
			buf = hashed(n.Key)
			vh := sha256.Sum256(n.Value)
			buf = hashed(vh[:])
			stack = append(stack, sub{hash: sha256.Sum256(buf), size: 1})
			return nil
		}
		l, r := stack[len(stack)-2], stack[len(stack)-1]
		size := l.size + r.size
		header(n.Height, size)
		buf = hashed(l.hash[:])
		buf = hashed(r.hash[:])
		stack = append(stack[:len(stack)-2], sub{hash: sha256.Sum256(buf), size: size})
		return nil
	})
	if err != nil || len(stack) != 1 {
		panic(fmt.Sprintf("store: hashing the first version: %v (%d roots)", err, len(stack)))
	}
	return stack[0].hash[:]
}
