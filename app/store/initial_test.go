package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sort"
	"testing"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/cometbft/cometbft/libs/log"
	"github.com/cosmos/iavl"
	"github.com/stretchr/testify/require"
)

// randomChanges returns n sets of distinct pseudo-random keys, in key order.
func randomChanges(seed, n int) []Change {
	cs := make([]Change, n)
	for i := range cs {
		h := sha256.Sum256(binary.BigEndian.AppendUint64([]byte(fmt.Sprint(seed)), uint64(i)))
		cs[i] = Change{Key: append([]byte("k"), h[:12]...), Value: h[12 : 12+int(h[0]%20)]}
	}
	return inKeyOrder(cs)
}

func TestTheFirstVersionIsImportedWithTheHashApplyAnnounced(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		// 25,000 keys make about 50,000 nodes: the importer writes several
		// batches.
		for _, n := range []int{1, 2, 3, 4, 5, 7, 8, 9, 100, 1000, 25_000} {
			t.Run(fmt.Sprint(n), func(t *testing.T) {
				cs := randomChanges(n, n)
				tr := openTree(t, dbm.NewMemDB(), Options{Backend: b})
				_, v := commit(t, tr, cs...) // checks Apply's hash against the committed one
				require.Equal(t, int64(1), v)

				r := tr.Latest()
				got := 0
				r.Iterate(nil, nil, func(k, v []byte) bool {
					require.Equal(t, cs[got].Key, k)
					require.Equal(t, cs[got].Value, v)
					got++
					return true
				})
				require.Equal(t, n, got)
				for _, c := range cs {
					require.Equal(t, c.Value, r.Get(c.Key))
				}
				require.Nil(t, r.Get([]byte("a")), "a key below every key")

				// The tree is a valid AVL tree: IAVL writes the next version
				// on top of it, and a tree fed the same writes agrees.
				next := []Change{cs[0], {Key: []byte("new")}, {Key: cs[n/2].Key, Value: []byte("changed")}}
				next[0].Value = nil
				next = inKeyOrder(append(next, randomChanges(n+1, 50)...))
				h2, v2 := commit(t, tr, next...)
				require.Equal(t, int64(2), v2)
				again := openTree(t, dbm.NewMemDB(), Options{Backend: b})
				commit(t, again, cs...)
				h2again, _ := commit(t, again, next...)
				require.Equal(t, h2, h2again)
				if n > 1 { // with one key, the change to it is the last word
					require.Nil(t, tr.Latest().Get(cs[0].Key))
					require.Equal(t, []byte("changed"), tr.Latest().Get(cs[n/2].Key))
				}
			})
		}
	})
}

func TestTheImportedTreeIsBalanced(t *testing.T) {
	cs := randomChanges(1, 1000)
	tr := openTree(t, dbm.NewMemDB(), Options{Backend: BackendIAVL})
	commit(t, tr, cs...)
	var root *iavl.ExportNode
	leaves := 0
	require.NoError(t, tr.Export(1, func(n *iavl.ExportNode) error {
		root = n
		if n.Height == 0 {
			leaves++
		}
		return nil
	}))
	require.Equal(t, 1000, leaves)
	// ceil(log2(1000)) = 10: the least height a binary tree of 1000 leaves has.
	require.Equal(t, int8(10), root.Height)
}

func TestChangesBeforeTheFirstCommitAddUp(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		// Several Applies with overwrites and deletes, against a model.
		tr := openTree(t, dbm.NewMemDB(), Options{Backend: b})
		model := map[string][]byte{}
		var hash []byte
		for b := 1; b <= 20; b++ {
			cs := block(b)
			for _, c := range cs {
				if c.Value == nil {
					delete(model, string(c.Key))
				} else {
					model[string(c.Key)] = c.Value
				}
			}
			hash = tr.Apply(cs)
		}
		committed, v, err := tr.Commit()
		require.NoError(t, err)
		require.Equal(t, int64(1), v)
		require.Equal(t, hash, committed)

		// The same content applied in one go gives the same version.
		keys := make([]string, 0, len(model))
		for k := range model { //determinism:sorted (test model, sorted below)
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var all []Change
		for _, k := range keys {
			all = append(all, Change{Key: []byte(k), Value: model[k]})
		}
		require.Equal(t, committed, balancedHash(all, 1))
		require.Equal(t, dumpChanges(all), dump(tr.Latest(), nil, nil))
	})
}

// TestTheGenesisListIsNotChangedByLaterApplies: the first Apply keeps the
// list it is given without copying it (InitChain reads the same list through
// an Overlay until block 1 is committed), so the applies after it must copy
// it before changing it.
func TestTheGenesisListIsNotChangedByLaterApplies(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		tr := openTree(t, dbm.NewMemDB(), Options{Backend: b})
		var genesis []Change
		for i := 0; i < 100; i += 2 {
			genesis = append(genesis, Change{Key: []byte(fmt.Sprintf("k%03d", i)), Value: []byte("g")})
		}
		before := dumpChanges(genesis)
		tr.Apply(genesis)
		model := map[string][]byte{}
		for _, c := range genesis {
			model[string(c.Key)] = c.Value
		}
		for n := 2; n <= 5; n++ {
			for _, c := range block(n) {
				if c.Value == nil {
					delete(model, string(c.Key))
				} else {
					model[string(c.Key)] = c.Value
				}
			}
			tr.Apply(block(n))
			require.Equal(t, before, dumpChanges(genesis), "apply %d changed the genesis list", n)
		}
		_, _, err := tr.Commit()
		require.NoError(t, err)
		require.Equal(t, modelDump2(model), dump(tr.Latest(), nil, nil))
	})
}

// modelDump2 prints a model of byte values as dump prints a Reader.
func modelDump2(model map[string][]byte) string {
	m := make(map[string]string, len(model))
	for k, v := range model { //determinism:allowed copied into another map
		m[k] = string(v)
	}
	return modelDump(m, "", "")
}

func dumpChanges(cs []Change) string {
	var b bytes.Buffer
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s=%s", c.Key, c.Value)
	}
	return b.String()
}

func TestAnEmptyFirstVersion(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		tr := openTree(t, dbm.NewMemDB(), Options{Backend: b})
		h, v := commit(t, tr, set("a", "1"), del("a"))
		require.Equal(t, int64(1), v)
		require.Equal(t, emptyHash, h)
		h2, v2 := commit(t, tr, set("b", "2"))
		require.Equal(t, int64(2), v2)
		require.NotEqual(t, emptyHash, h2)
		require.Equal(t, []byte("2"), tr.Latest().Get([]byte("b")))
	})
}

func TestAnImportCutShortIsRolledBack(t *testing.T) {
	// The importer writes a batch every 10,000 nodes; a process that dies
	// after some of them leaves a version without its root, which Open
	// deletes before the first version is built again.
	cs := randomChanges(7, 25_000)
	want := balancedHash(cs, 1)

	db := dbm.NewMemDB()
	work := iavl.NewMutableTree(dbAdapter{db: db}, 100, true, log.NewNopLogger())
	imp, err := work.Import(1)
	require.NoError(t, err)
	added := 0
	require.Error(t, walkBalanced(cs, 1, func(n *iavl.ExportNode) error {
		if added == 30_000 {
			return fmt.Errorf("killed")
		}
		added++
		return imp.Add(n)
	}))
	imp.Close() // waits for the batch in flight, as a process killed later would have written it
	require.NotEmpty(t, versionKeys(t, db, 1), "some nodes reached the database")

	var logs syncBuffer
	tr := openTree(t, db, Options{Backend: BackendIAVL, Logger: log.NewTMLogger(&logs)})
	require.Equal(t, int64(0), tr.Version())
	require.Contains(t, logs.String(), "incomplete")
	h, v := commit(t, tr, cs...)
	require.Equal(t, int64(1), v)
	require.Equal(t, want, h)
}
