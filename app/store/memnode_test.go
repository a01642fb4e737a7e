package store

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/cometbft/cometbft/libs/log"
	"github.com/cosmos/iavl"
	"github.com/stretchr/testify/require"
)

// TestNodesHaveIAVLShapeAndHashes applies the same random sets and deletes,
// version after version, to the in-memory nodes and to IAVL itself, and
// checks that every version has the same root hash, and that the nodes of
// older versions are untouched by later ones.
func TestNodesHaveIAVLShapeAndHashes(t *testing.T) {
	for _, keySpace := range []int{3, 40, 2000} {
		t.Run(fmt.Sprintf("keys=%d", keySpace), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(keySpace), 7))
			ref := iavl.NewMutableTree(dbAdapter{db: dbm.NewMemDB()}, 1000, true, log.NewNopLogger())
			var root *node
			type version struct {
				root *node
				hash []byte
				kvs  string
			}
			var versions []version
			for v := int64(1); v <= 60; v++ {
				// Several batches per version, hashing in between as Apply does.
				for batch := 0; batch < 1+rng.IntN(3); batch++ {
					root = randomBatch(t, rng, ref, root, keySpace, v)
					require.Equal(t, ref.WorkingHash(), rootHash(root), "working hash of version %d", v)
				}
				refHash, refVersion, err := ref.SaveVersion()
				require.NoError(t, err)
				require.Equal(t, v, refVersion)
				require.Equal(t, refHash, rootHash(root), "version %d", v)
				versions = append(versions, version{root: root, hash: refHash, kvs: dumpNodes(root)})
			}
			for i, ver := range versions {
				if ver.root != nil {
					ver.root.hashed = false
					ver.root.rehash(nil)
					require.Equal(t, ver.hash, rootHash(ver.root), "version %d rehashed", i+1)
				}
				require.Equal(t, ver.kvs, dumpNodes(ver.root), "version %d still holds its keys", i+1)
			}
		})
	}
}

// dumpNodes lists the keys and values under n.
func dumpNodes(n *node) string {
	var b bytes.Buffer
	n.iterate(nil, nil, func(k, v []byte) bool {
		fmt.Fprintf(&b, "%s=%s ", k, v)
		return true
	})
	return b.String()
}

// randomBatch applies one batch of random sets and deletes of keys among
// keySpace to ref, an IAVL tree, and to the tree under root for version v,
// checking that both find the same keys to delete, and returns the new
// root, hashed.
func randomBatch(t *testing.T, rng *rand.Rand, ref *iavl.MutableTree, root *node, keySpace int, v int64) *node {
	t.Helper()
	for range rng.IntN(keySpace) + 1 {
		key := fmt.Appendf(nil, "k%05d", rng.IntN(keySpace))
		if rng.IntN(4) == 0 {
			_, refRemoved, err := ref.Remove(key)
			require.NoError(t, err)
			removed := false
			if root != nil {
				root, _, removed = root.remove(key, v)
			}
			require.Equal(t, refRemoved, removed, "remove %s", key)
			continue
		}
		value := fmt.Appendf(nil, "v%d", rng.Int())
		_, err := ref.Set(key, value)
		require.NoError(t, err)
		if root == nil {
			root = newLeaf(key, value, v)
		} else {
			root, _ = root.set(key, value, v)
		}
	}
	if root != nil {
		root.rehash(nil)
	}
	return root
}
