package store

import (
	"errors"
	"testing"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/cosmos/iavl"
	"github.com/stretchr/testify/require"
)

// exportAll collects the nodes of version v of tr.
func exportAll(t *testing.T, tr Tree, v int64) []*iavl.ExportNode {
	t.Helper()
	var nodes []*iavl.ExportNode
	require.NoError(t, tr.Export(v, func(n *iavl.ExportNode) error {
		nodes = append(nodes, n)
		return nil
	}))
	return nodes
}

func TestExportImport(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		src := openTree(t, dbm.NewMemDB(), Options{Backend: b})
		hashes := map[int64][]byte{}
		for n := 1; n <= 12; n++ {
			h, v := commit(t, src, block(n)...)
			hashes[v] = h
		}

		for _, v := range []int64{12, 7} {
			t.Run("an imported version has the exported version's hash and state", func(t *testing.T) {
				nodes := exportAll(t, src, v)
				require.NotEmpty(t, nodes)
				old, err := src.At(v)
				require.NoError(t, err)

				db := dbm.NewMemDB()
				dst := openTree(t, db, Options{Backend: b})
				require.NoError(t, dst.Import(v, nodes))
				require.Equal(t, v, dst.Version())
				require.Equal(t, hashes[v], dst.Hash())
				require.Equal(t, dump(old, nil, nil), dump(dst.Latest(), nil, nil))

				// It survives a reopen and carries on like the source.
				require.NoError(t, dst.Close())
				dst = openTree(t, db, Options{Backend: b})
				require.Equal(t, hashes[v], dst.Hash())
				if v < 12 {
					h, next := commit(t, dst, block(int(v)+1)...)
					require.Equal(t, v+1, next)
					require.Equal(t, hashes[v+1], h)
				}
			})
		}
		t.Run("an empty version exports nothing and imports as empty", func(t *testing.T) {
			empty := openTree(t, dbm.NewMemDB(), Options{Backend: b})
			commit(t, empty)
			require.Empty(t, exportAll(t, empty, 1))
			dst := openTree(t, dbm.NewMemDB(), Options{Backend: b})
			require.NoError(t, dst.Import(1, nil))
			require.Equal(t, int64(1), dst.Version())
			require.Equal(t, emptyHash, dst.Hash())
		})
		t.Run("a tree with versions refuses an import", func(t *testing.T) {
			require.Error(t, src.Import(20, exportAll(t, src, 12)))
		})
		t.Run("an error from the callback stops the export", func(t *testing.T) {
			stop := errors.New("stop")
			calls := 0
			err := src.Export(12, func(*iavl.ExportNode) error {
				calls++
				return stop
			})
			require.ErrorIs(t, err, stop)
			require.Equal(t, 1, calls)
		})
		t.Run("a version not stored cannot be exported", func(t *testing.T) {
			require.ErrorIs(t, src.Export(13, func(*iavl.ExportNode) error { return nil }), ErrVersionUnavailable)
		})
	})
}
