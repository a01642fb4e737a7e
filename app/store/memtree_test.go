package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"testing"
	"time"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/cosmos/iavl"
	"github.com/stretchr/testify/require"
)

// genesisBlock is a first version of many keys, as a genesis writes.
func genesisBlock(n int) []Change {
	cs := make([]Change, n)
	for i := range cs {
		cs[i] = Change{Key: fmt.Appendf(nil, "k%03d/%d", i%200, i), Value: fmt.Appendf(nil, "g%d", i)}
	}
	return inKeyOrder(cs)
}

// TestBackendsAgree feeds the same blocks to both backends and checks that
// they agree on every hash, every export and every proof, and that the
// memory backend reopens to the same state.
func TestBackendsAgree(t *testing.T) {
	db := dbm.NewMemDB()
	a := openTree(t, dbm.NewMemDB(), Options{Backend: BackendIAVL, KeepRecent: 5})
	m := openTree(t, db, Options{Backend: BackendMemory, KeepRecent: 5, SnapshotLogBytes: 2_000})
	for n := 0; n <= 40; n++ {
		changes := block(n)
		if n == 0 {
			changes = genesisBlock(500)
		}
		ha, va := commit(t, a, changes...)
		hm, vm := commit(t, m, changes...)
		require.Equal(t, va, vm)
		require.Equal(t, ha, hm, "version %d", va)
	}
	waitForSnapshots(t, m)
	for v := int64(37); v <= 41; v++ {
		ra, err := a.At(v)
		require.NoError(t, err)
		rm, err := m.At(v)
		require.NoError(t, err)
		require.Equal(t, dump(ra, nil, nil), dump(rm, nil, nil), "version %d", v)
		require.Equal(t, exportAll(t, a, v), exportAll(t, m, v), "export of version %d", v)
		for _, key := range []string{"k000", "k007", "k050/x", "k199", "zzz", "a", "k100/100"} {
			va, pa, err := a.Proof([]byte(key), v)
			require.NoError(t, err)
			vm, pm, err := m.Proof([]byte(key), v)
			require.NoError(t, err)
			require.Equal(t, va, vm, "value of %s", key)
			require.Equal(t, pa, pm, "proof of %s at version %d", key, v)
		}
	}
	_, err := m.At(36)
	require.ErrorIs(t, err, ErrVersionUnavailable)

	state, hash := dump(m.Latest(), nil, nil), m.Hash()
	require.NoError(t, m.Close())
	m = openTree(t, db, Options{Backend: BackendMemory, KeepRecent: 5})
	require.Equal(t, int64(41), m.Version())
	require.Equal(t, hash, m.Hash())
	require.Equal(t, state, dump(m.Latest(), nil, nil))
	// The next blocks go on as on the other backend.
	for n := 41; n <= 45; n++ {
		ha, _ := commit(t, a, block(n)...)
		hm, _ := commit(t, m, block(n)...)
		require.Equal(t, ha, hm, "block %d after reopening", n)
	}
}

// waitForSnapshots waits until the memory tree writes no snapshot.
func waitForSnapshots(t *testing.T, tr Tree) {
	t.Helper()
	d := tr.(*memTree).disk
	require.Eventually(t, func() bool {
		d.mu.Lock()
		defer d.mu.Unlock()
		return !d.running
	}, 10*time.Second, time.Millisecond)
}

// keysWith returns the keys of db with the prefix.
func keysWith(t *testing.T, db dbm.DB, prefix []byte) [][]byte {
	t.Helper()
	it, err := db.Iterator(prefix, PrefixEnd(prefix))
	require.NoError(t, err)
	defer it.Close()
	var out [][]byte
	for ; it.Valid(); it.Next() {
		out = append(out, bytes.Clone(it.Key()))
	}
	return out
}

// TestMemorySnapshotsBoundTheLog checks that snapshots come as the log grows,
// that two are kept with the log after the older one, and that every version
// from the older one on can be taken back with DeleteLatestVersion, the
// state reopening at the version before with its hash.
func TestMemorySnapshotsBoundTheLog(t *testing.T) {
	db := dbm.NewMemDB()
	opts := Options{Backend: BackendMemory, KeepRecent: 3, SnapshotLogBytes: 1_500}
	tr := openTree(t, db, opts)
	hashes := [][]byte{emptyHash}
	for n := 1; n <= 60; n++ {
		h, _ := commit(t, tr, block(n)...)
		hashes = append(hashes, h)
		waitForSnapshots(t, tr) // so that each snapshot is of the version that asked for it
	}
	require.NoError(t, tr.Close())

	snaps, err := (&memDisk{db: db}).snapshotVersions()
	require.NoError(t, err)
	require.Len(t, snaps, 2, "two snapshots are kept")
	require.Greater(t, snaps[0], int64(40), "snapshots follow the log")
	logs := keysWith(t, db, logPrefix)
	require.Equal(t, versionKey(logPrefix, snaps[0]+1), logs[0], "the log starts after the older snapshot")
	require.Equal(t, versionKey(logPrefix, 60), logs[len(logs)-1])
	for _, k := range keysWith(t, db, nodePrefix) {
		v := int64(binary.BigEndian.Uint64(k[len(nodePrefix):]))
		require.Contains(t, snaps, v, "only the kept snapshots have nodes")
	}

	for want := int64(59); want >= snaps[0]; want-- {
		got, err := DeleteLatestVersion(db)
		require.NoError(t, err, "taking back version %d", want+1)
		require.Equal(t, want, got)
		tr := openTree(t, db, opts)
		require.Equal(t, want, tr.Version())
		require.Equal(t, hashes[want], tr.Hash())
		require.NoError(t, tr.Close())
	}
	_, err = DeleteLatestVersion(db)
	require.ErrorContains(t, err, "cannot take back", "nothing older is kept whole")

	// Executing the blocks again gives the same hashes.
	tr = openTree(t, db, opts)
	for n := snaps[0] + 1; n <= 60; n++ {
		h, _ := commit(t, tr, block(int(n))...)
		require.Equal(t, hashes[n], h, "block %d again", n)
	}
}

// TestMemoryOpenDropsASnapshotCutShort checks that nodes of a snapshot whose
// t/snap key was never written are deleted and not loaded.
func TestMemoryOpenDropsASnapshotCutShort(t *testing.T) {
	db := dbm.NewMemDB()
	tr := openTree(t, db, Options{Backend: BackendMemory})
	commit(t, tr, genesisBlock(300)...)
	hash, _ := commit(t, tr, block(2)...)
	require.NoError(t, tr.Close())
	// A snapshot of version 2 that got as far as its first chunk.
	require.NoError(t, db.Set(binary.BigEndian.AppendUint64(versionKey(nodePrefix, 2), 0), []byte{0, 2, 1, 'a', 1, 'b'}))

	tr = openTree(t, db, Options{Backend: BackendMemory})
	require.Equal(t, int64(2), tr.Version())
	require.Equal(t, hash, tr.Hash())
	require.Empty(t, keysWith(t, db, versionKey(nodePrefix, 2)))
}

func TestADatabaseServesOneBackend(t *testing.T) {
	db := dbm.NewMemDB()
	tr := openTree(t, db, Options{Backend: BackendMemory})
	commit(t, tr, set("a", "1"))
	require.NoError(t, tr.Close())
	_, err := Open(db, Options{Backend: BackendIAVL})
	require.ErrorContains(t, err, `holds the state of the "memory" store backend`)

	db = dbm.NewMemDB()
	tr = openTree(t, db, Options{Backend: BackendIAVL})
	commit(t, tr, set("a", "1"))
	commit(t, tr, set("b", "1"))
	require.NoError(t, tr.Close())
	_, err = Open(db, Options{Backend: BackendMemory})
	require.ErrorContains(t, err, `holds the state of the "iavl" store backend`)
}

func TestImportRefusesNodesThatMakeNoTree(t *testing.T) {
	leaf := func(k string) *iavl.ExportNode {
		return &iavl.ExportNode{Key: []byte(k), Value: []byte("v"), Version: 1}
	}
	for _, tc := range []struct {
		name  string
		nodes []*iavl.ExportNode
	}{
		{"two roots", []*iavl.ExportNode{leaf("a"), leaf("b")}},
		{"an inner node without children", []*iavl.ExportNode{{Key: []byte("a"), Version: 1, Height: 1}}},
		{"leaves out of order", []*iavl.ExportNode{leaf("b"), leaf("a"), {Key: []byte("a"), Version: 1, Height: 1}}},
		{"a wrong inner key", []*iavl.ExportNode{leaf("a"), leaf("b"), {Key: []byte("c"), Version: 1, Height: 1}}},
		{"a wrong height", []*iavl.ExportNode{leaf("a"), leaf("b"), {Key: []byte("b"), Version: 1, Height: 2}}},
		{"a node newer than the version", []*iavl.ExportNode{{Key: []byte("a"), Value: []byte("v"), Version: 9}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := openTree(t, dbm.NewMemDB(), Options{Backend: BackendMemory})
			require.Error(t, tr.Import(1, tc.nodes))
			require.Equal(t, int64(0), tr.Version())
		})
	}
}
