package store

import (
	"fmt"
	"math/rand/v2"
	"testing"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/cometbft/cometbft/libs/log"
	"github.com/cosmos/iavl"
	ics23 "github.com/cosmos/ics23/go"
	"github.com/stretchr/testify/require"
)

// TestNodeProofIsIAVLs applies the same random sets and deletes, version
// after version, to the in-memory nodes and to IAVL, and checks for every
// version that the proofs of present keys, of absent keys between, below
// and above them, are byte for byte IAVL's and verify against the root hash.
func TestNodeProofIsIAVLs(t *testing.T) {
	for _, keySpace := range []int{2, 30, 500} {
		t.Run(fmt.Sprintf("keys=%d", keySpace), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(keySpace), 11))
			ref := iavl.NewMutableTree(dbAdapter{db: dbm.NewMemDB()}, 1000, true, log.NewNopLogger())
			var root *node
			var roots []*node
			for v := int64(1); v <= 12; v++ {
				root = randomBatch(t, rng, ref, root, keySpace, v)
				_, _, err := ref.SaveVersion()
				require.NoError(t, err)
				roots = append(roots, root)
			}
			// Check the versions once all are saved, so that the older ones
			// are read back after the later ones shared their nodes.
			for i, root := range roots {
				v := int64(i + 1)
				if root == nil {
					continue
				}
				imm, err := ref.GetImmutable(v)
				require.NoError(t, err)
				keys := [][]byte{[]byte("a"), []byte("k"), []byte("z")} // below and above every key
				for k := range keySpace {
					keys = append(keys, fmt.Appendf(nil, "k%05d", k), fmt.Appendf(nil, "k%05d~", k))
				}
				for _, key := range keys {
					value, err := imm.Get(key)
					require.NoError(t, err)
					checkProof(t, imm, root, key, value)
				}
			}
		})
	}
}

// TestNodeProofOfOneKey checks the proofs against a tree of a single leaf:
// of its key, and of keys below and above it, with only a right or a left
// neighbour.
func TestNodeProofOfOneKey(t *testing.T) {
	ref := iavl.NewMutableTree(dbAdapter{db: dbm.NewMemDB()}, 1000, true, log.NewNopLogger())
	_, err := ref.Set([]byte("m"), []byte("one"))
	require.NoError(t, err)
	_, _, err = ref.SaveVersion()
	require.NoError(t, err)
	imm, err := ref.GetImmutable(1)
	require.NoError(t, err)
	root := newLeaf([]byte("m"), []byte("one"), 1)
	root.rehash(nil)
	checkProof(t, imm, root, []byte("m"), []byte("one"))
	checkProof(t, imm, root, []byte("a"), nil)
	checkProof(t, imm, root, []byte("z"), nil)

	root.hashed = false
	_, err = root.proof([]byte("m"))
	require.Error(t, err, "proof against a tree not hashed")
}

// checkProof checks that root's proof of key, whose value is value (nil if
// absent), is the one IAVL gives from imm, that it proves what it should
// against the root hash, and that it proves nothing else.
func checkProof(t *testing.T, imm *iavl.ImmutableTree, root *node, key, value []byte) {
	t.Helper()
	want, err := imm.GetProof(key)
	require.NoError(t, err)
	wantBytes, err := want.Marshal()
	require.NoError(t, err)
	got, err := root.proof(key)
	require.NoError(t, err)
	gotBytes, err := got.Marshal()
	require.NoError(t, err)
	require.Equal(t, wantBytes, gotBytes, "proof of %q", key)

	hash := rootHash(root)
	require.Equal(t, imm.Hash(), hash)
	wrong := append([]byte("wrong-"), value...)
	if value != nil {
		require.NotNil(t, got.GetExist(), "proof of %q is of membership", key)
		require.True(t, ics23.VerifyMembership(ics23.IavlSpec, hash, got, key, value), "%q is in", key)
		require.False(t, ics23.VerifyMembership(ics23.IavlSpec, hash, got, key, wrong), "%q has another value", key)
		require.False(t, ics23.VerifyNonMembership(ics23.IavlSpec, hash, got, key), "%q is not absent", key)
	} else {
		require.NotNil(t, got.GetNonexist(), "proof of %q is of non-membership", key)
		require.True(t, ics23.VerifyNonMembership(ics23.IavlSpec, hash, got, key), "%q is absent", key)
		require.False(t, ics23.VerifyMembership(ics23.IavlSpec, hash, got, key, wrong), "%q has no value", key)
	}
	otherHash := append([]byte(nil), hash...)
	otherHash[0] ^= 1
	require.False(t, ics23.VerifyNonMembership(ics23.IavlSpec, otherHash, got, key) ||
		ics23.VerifyMembership(ics23.IavlSpec, otherHash, got, key, value), "proof of %q under another root hash", key)
}
