package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"

	ics23 "github.com/cosmos/ics23/go"
)

// proof returns an ics23 proof of key against the hashed tree under root
// (not nil): of membership (CommitmentProof_Exist) if key is in the tree, of
// non-membership (CommitmentProof_Nonexist, with the existence proofs of the
// neighbouring keys, either may be absent at the ends) otherwise.
//
// The proof is IAVL's, byte for byte what ImmutableTree.GetProof gives for
// the same tree.
func (root *node) proof(key []byte) (*ics23.CommitmentProof, error) {
	if root == nil || !root.hashed {
		return nil, errors.New("store: proof against a tree not hashed")
	}
	// The search for key ends at the leaf of the greatest key not above it,
	// or at the first leaf if there is none: an inner node's key is the first
	// key of its right subtree. The key just above is then that of the last
	// node the search left by its left child.
	var above []byte
	n := root
	for !n.leaf() {
		if bytes.Compare(key, n.key) < 0 {
			above = n.key
			n = n.left
		} else {
			n = n.right
		}
	}
	if bytes.Equal(n.key, key) {
		return &ics23.CommitmentProof{Proof: &ics23.CommitmentProof_Exist{Exist: root.existence(key, 0)}}, nil
	}
	nonexist := &ics23.NonExistenceProof{Key: key}
	if bytes.Compare(n.key, key) < 0 {
		nonexist.Left = root.existence(n.key, 0)
		if above != nil {
			nonexist.Right = root.existence(above, 0)
		}
	} else { // key is below every key
		nonexist.Right = root.existence(n.key, 0)
	}
	return &ics23.CommitmentProof{Proof: &ics23.CommitmentProof_Nonexist{Nonexist: nonexist}}, nil
}

// existence returns the proof that key, which is under n at the given depth
// below the root, has its value: the leaf's operation, then, from the leaf's
// parent up to the root, one operation for each inner node on the path. An
// operation hashes the node's height, size and version as signed varints and
// the length-prefixed hashes of its children, of which it carries the one
// off the path: the left one in its prefix when the path goes right, the
// right one in its suffix when the path goes left.
func (n *node) existence(key []byte, depth int) *ics23.ExistenceProof {
	if n.leaf() {
		return &ics23.ExistenceProof{
			Key:   bytes.Clone(n.key),
			Value: bytes.Clone(n.value),
			Leaf: &ics23.LeafOp{
				Hash:         ics23.HashOp_SHA256,
				PrehashValue: ics23.HashOp_SHA256,
				Length:       ics23.LengthOp_VAR_PROTO,
				Prefix:       n.header(0),
			},
			Path: make([]*ics23.InnerOp, 0, depth),
		}
	}
	op := &ics23.InnerOp{Hash: ics23.HashOp_SHA256}
	var p *ics23.ExistenceProof
	if bytes.Compare(key, n.key) < 0 {
		p = n.left.existence(key, depth+1)
		op.Prefix = append(n.header(1), sha256.Size)
		op.Suffix = append(append(make([]byte, 0, 1+sha256.Size), sha256.Size), n.right.hash[:]...)
	} else {
		p = n.right.existence(key, depth+1)
		op.Prefix = append(n.header(2+sha256.Size), sha256.Size)
		op.Prefix = append(op.Prefix, n.left.hash[:]...)
		op.Prefix = append(op.Prefix, sha256.Size)
	}
	p.Path = append(p.Path, op)
	return p
}

// header returns what n's hashed bytes begin with, its height, size and
// version as signed varints, with room for extra bytes more.
func (n *node) header(extra int) []byte {
	b := make([]byte, 0, 3*binary.MaxVarintLen64+extra)
	b = binary.AppendVarint(b, int64(n.height))
	b = binary.AppendVarint(b, n.size)
	return binary.AppendVarint(b, n.version)
}
