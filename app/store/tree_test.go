package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"
	"testing"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/cometbft/cometbft/libs/log"
	"github.com/cosmos/iavl"
	"github.com/stretchr/testify/require"
)

// set and del build changes for tests.
func set(k, v string) Change { return Change{Key: []byte(k), Value: []byte(v)} }
func del(k string) Change    { return Change{Key: []byte(k)} }

// openTree opens a tree over db, closing it when the test ends.
func openTree(t testing.TB, db dbm.DB, opts Options) Tree {
	t.Helper()
	tr, err := Open(db, opts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = tr.Close() })
	return tr
}

// commit applies changes and commits them, checking that Apply announced the
// committed hash.
func commit(t testing.TB, tr Tree, changes ...Change) ([]byte, int64) {
	t.Helper()
	working := tr.Apply(changes)
	hash, version, err := tr.Commit()
	require.NoError(t, err)
	require.Equal(t, working, hash, "Apply's working hash is the committed hash")
	return hash, version
}

// dump returns the key=value pairs of r in [start, end), in iteration order.
func dump(r Reader, start, end []byte) string {
	var parts []string
	r.Iterate(start, end, func(k, v []byte) bool {
		parts = append(parts, string(k)+"="+string(v))
		return true
	})
	return strings.Join(parts, " ")
}

// block returns the deterministic changes of test block n: n%7+10 keys
// spread over a space of 200, mostly sets and every fifth a delete.
func block(n int) []Change {
	var cs []Change
	for i := 0; i < n%7+10; i++ {
		h := sha256.Sum256(binary.BigEndian.AppendUint64(nil, uint64(n*1000+i)))
		key := fmt.Sprintf("k%03d", binary.BigEndian.Uint16(h[:2])%200)
		if h[2]%5 == 0 {
			cs = append(cs, Change{Key: []byte(key)})
		} else {
			cs = append(cs, Change{Key: []byte(key), Value: h[3:11]})
		}
	}
	return inKeyOrder(cs)
}

var emptyHash = sha256.New().Sum(nil)

func TestWritesAreReadBackAcrossCommits(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		tr := openTree(t, dbm.NewMemDB(), Options{Backend: b})
		blocks := []struct {
			name    string
			changes []Change
			want    string
		}{
			{"the first block sets three keys", []Change{set("a", "1"), set("b", "2"), set("c", "3")}, "a=1 b=2 c=3"},
			{"a later block overwrites one key and adds another", []Change{set("b", "20"), set("d", "4")}, "a=1 b=20 c=3 d=4"},
			{"a delete removes a key", []Change{del("a")}, "b=20 c=3 d=4"},
			{"deleting a missing key changes nothing", []Change{del("zz")}, "b=20 c=3 d=4"},
			{"a block without changes keeps the state", nil, "b=20 c=3 d=4"},
			{"an empty value is a value", []Change{set("e", "")}, "b=20 c=3 d=4 e="},
		}
		var want []string
		for i, b := range blocks {
			t.Run(b.name, func(t *testing.T) {
				_, version := commit(t, tr, b.changes...)
				require.Equal(t, int64(i+1), version)
				require.Equal(t, version, tr.Version())
				require.Equal(t, b.want, dump(tr.Latest(), nil, nil))
				want = append(want, b.want)
				for v := 1; v <= i+1; v++ {
					r, err := tr.At(int64(v))
					require.NoError(t, err)
					require.Equal(t, want[v-1], dump(r, nil, nil), "version %d unchanged", v)
				}
			})
		}
		r := tr.Latest()
		require.Equal(t, []byte("20"), r.Get([]byte("b")))
		require.Nil(t, r.Get([]byte("a")))
		require.True(t, r.Has([]byte("c")))
		require.False(t, r.Has([]byte("a")))
		require.True(t, r.Has([]byte("e")))
		require.NotNil(t, r.Get([]byte("e")), "a present empty value is not nil")
	})
}

func TestIterateBounds(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		tr := openTree(t, dbm.NewMemDB(), Options{Backend: b})
		commit(t, tr, set("a", "1"), set("b", "2"), set("ba", "3"), set("c", "4"), set("d", "5"))
		for _, tc := range []struct {
			name       string
			start, end []byte
			want       string
		}{
			{"nil bounds cover every key", nil, nil, "a=1 b=2 ba=3 c=4 d=5"},
			{"the start is inclusive", []byte("b"), nil, "b=2 ba=3 c=4 d=5"},
			{"the end is exclusive", nil, []byte("c"), "a=1 b=2 ba=3"},
			{"bounds between keys", []byte("aa"), []byte("bb"), "b=2 ba=3"},
			{"a prefix range", []byte("b"), PrefixEnd([]byte("b")), "b=2 ba=3"},
			{"an empty range", []byte("c"), []byte("c"), ""},
			{"a reversed range", []byte("d"), []byte("a"), ""},
			{"a range past the last key", []byte("e"), nil, ""},
			{"an empty start is the first key", []byte{}, []byte("b"), "a=1"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				require.Equal(t, tc.want, dump(tr.Latest(), tc.start, tc.end))
			})
		}

		t.Run("returning false stops the iteration", func(t *testing.T) {
			var seen []string
			tr.Latest().Iterate(nil, nil, func(k, _ []byte) bool {
				seen = append(seen, string(k))
				return len(seen) < 2
			})
			require.Equal(t, []string{"a", "b"}, seen)
		})
	})
}

func TestEmptyTree(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		tr := openTree(t, dbm.NewMemDB(), Options{Backend: b})

		t.Run("a new tree is at version 0 with the empty hash", func(t *testing.T) {
			require.Equal(t, int64(0), tr.Version())
			require.Equal(t, emptyHash, tr.Hash())
			require.Nil(t, tr.Latest().Get([]byte("a")))
			require.Equal(t, "", dump(tr.Latest(), nil, nil))
			r, err := tr.At(0)
			require.NoError(t, err)
			require.False(t, r.Has([]byte("a")))
		})
		t.Run("committing nothing makes an empty version 1 with the same hash", func(t *testing.T) {
			require.Equal(t, emptyHash, tr.Apply(nil))
			hash, version := commit(t, tr)
			require.Equal(t, int64(1), version)
			require.Equal(t, emptyHash, hash)
			require.Equal(t, emptyHash, tr.Hash())
		})
		t.Run("deleting every key gives the empty hash again", func(t *testing.T) {
			commit(t, tr, set("a", "1"))
			hash, _ := commit(t, tr, del("a"))
			require.Equal(t, emptyHash, hash)
			require.Equal(t, "", dump(tr.Latest(), nil, nil))
		})
	})
}

func TestHashDependsOnlyOnTheSequenceOfWrites(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		all := []Change{set("a", "1"), set("b", "2"), set("c", "3"), del("b"), set("d", "4"), set("e", "5")}
		base := inKeyOrder(all[:3])
		rest := inKeyOrder(all[3:])
		seq := append(append([]Change(nil), base...), rest...) // InitChain-like, then a block

		reference := func() []byte {
			tr := openTree(t, dbm.NewMemDB(), Options{Backend: b})
			hash, _ := commit(t, tr, seq...)
			return hash
		}()
		for _, tc := range []struct {
			name  string
			split []int // cut points in seq
		}{
			{"one Apply", nil},
			{"two Applies", []int{3}},
			{"one Apply per change", []int{1, 2, 3, 4, 5}},
			{"an empty Apply in between", []int{2, 2}},
		} {
			t.Run(tc.name+" gives the same hash", func(t *testing.T) {
				tr := openTree(t, dbm.NewMemDB(), Options{Backend: b})
				prev := 0
				for _, cut := range append(tc.split, len(seq)) {
					tr.Apply(seq[prev:cut])
					prev = cut
				}
				hash, _, err := tr.Commit()
				require.NoError(t, err)
				require.Equal(t, reference, hash)
			})
		}
	})
}

func TestApplyPutsChangesInKeyOrder(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		sorted := []Change{set("a", "1"), set("b", "2"), set("c", "3")}
		reference := func() []byte {
			tr := openTree(t, dbm.NewMemDB(), Options{Backend: b})
			hash, _ := commit(t, tr, sorted...)
			return hash
		}()
		for _, tc := range []struct {
			name    string
			changes []Change
		}{
			{"reversed changes are sorted", []Change{set("c", "3"), set("b", "2"), set("a", "1")}},
			{"the last change to a key wins", []Change{set("b", "x"), set("a", "1"), set("c", "3"), set("b", "2")}},
			{"a delete then a set of a key is the set", []Change{set("c", "3"), del("a"), set("b", "2"), set("a", "1")}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				tr := openTree(t, dbm.NewMemDB(), Options{Backend: b})
				hash, _ := commit(t, tr, tc.changes...)
				require.Equal(t, reference, hash)
				require.Equal(t, "a=1 b=2 c=3", dump(tr.Latest(), nil, nil))
			})
		}
		t.Run("the caller's slice is left as it was", func(t *testing.T) {
			in := []Change{set("b", "2"), set("a", "1")}
			inKeyOrder(in)
			require.Equal(t, "b", string(in[0].Key))
		})
	})
}

func TestTwoTreesFedTheSameBlocksAgreeOnEveryHash(t *testing.T) {
	forBackends(t, func(t *testing.T, backend Backend) {
		a := openTree(t, dbm.NewMemDB(), Options{Backend: backend})
		b := openTree(t, dbm.NewMemDB(), Options{Backend: backend, KeepRecent: 3, CacheSize: 10})
		for n := 1; n <= 60; n++ {
			ha, va := commit(t, a, block(n)...)
			hb, vb := commit(t, b, block(n)...)
			require.Equal(t, va, vb)
			require.Equal(t, ha, hb, "block %d", n)
		}
		require.Equal(t, dump(a.Latest(), nil, nil), dump(b.Latest(), nil, nil))
	})
}

func TestPruning(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		for _, tc := range []struct {
			name      string
			keep      int64
			interval  int64
			wantFirst int64 // after 10 commits
		}{
			{"KeepRecent 3 keeps the last 3 versions", 3, 0, 8},
			{"KeepRecent 1 still keeps the last 2", 1, 0, 9},
			{"KeepRecent 0 keeps everything", 0, 0, 1},
			{"KeepRecent above the version count prunes nothing", 20, 0, 1},
			{"an interval of 4 prunes at versions 4 and 8 only (IAVL; memory prunes at every Commit)", 3, 4, 6},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if b == BackendMemory && tc.interval > 0 {
					tc.wantFirst = 10 - tc.keep + 1
				}
				db := dbm.NewMemDB()
				tr := openTree(t, db, Options{Backend: b, KeepRecent: tc.keep, PruneInterval: tc.interval})
				var states []string
				for n := 1; n <= 10; n++ {
					commit(t, tr, block(n)...)
					states = append(states, dump(tr.Latest(), nil, nil))
				}
				check := func(tr Tree) {
					for v := int64(1); v <= 10; v++ {
						r, err := tr.At(v)
						if v < tc.wantFirst {
							require.ErrorIs(t, err, ErrVersionUnavailable, "version %d", v)
							continue
						}
						require.NoError(t, err, "version %d", v)
						require.Equal(t, states[v-1], dump(r, nil, nil), "version %d", v)
					}
					_, err := tr.At(11)
					require.ErrorIs(t, err, ErrVersionUnavailable, "a version not yet committed")
				}
				check(tr)
				require.NoError(t, tr.Close())
				check(openTree(t, db, Options{Backend: b, KeepRecent: tc.keep}))
			})
		}
	})
}

func TestReopen(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		t.Run("reopening keeps the version, the hash and the state", func(t *testing.T) {
			db := dbm.NewMemDB()
			tr := openTree(t, db, Options{Backend: b})
			var hash []byte
			for n := 1; n <= 5; n++ {
				hash, _ = commit(t, tr, block(n)...)
			}
			state := dump(tr.Latest(), nil, nil)
			require.NoError(t, tr.Close())
			require.NoError(t, tr.Close(), "Close twice is harmless")

			tr = openTree(t, db, Options{Backend: b})
			require.Equal(t, int64(5), tr.Version())
			require.Equal(t, hash, tr.Hash())
			require.Equal(t, state, dump(tr.Latest(), nil, nil))

			// And it carries on as a tree that never closed.
			ref := openTree(t, dbm.NewMemDB(), Options{Backend: b})
			for n := 1; n <= 6; n++ {
				hash, _ = commit(t, ref, block(n)...)
			}
			got, version := commit(t, tr, block(6)...)
			require.Equal(t, int64(6), version)
			require.Equal(t, hash, got)
		})
		t.Run("InitialVersion numbers the first commit", func(t *testing.T) {
			db := dbm.NewMemDB()
			tr := openTree(t, db, Options{Backend: b, InitialVersion: 100})
			_, version := commit(t, tr, set("a", "1"))
			require.Equal(t, int64(100), version)
			_, version = commit(t, tr, set("b", "1"))
			require.Equal(t, int64(101), version)
			require.NoError(t, tr.Close())
			tr = openTree(t, db, Options{Backend: b, InitialVersion: 100})
			require.Equal(t, int64(101), tr.Version())
			_, err := tr.At(99)
			require.ErrorIs(t, err, ErrVersionUnavailable)
			r, err := tr.At(100)
			require.NoError(t, err)
			require.Equal(t, "a=1", dump(r, nil, nil))
		})
		t.Run("a closed tree refuses writes", func(t *testing.T) {
			tr := openTree(t, dbm.NewMemDB(), Options{Backend: b})
			require.NoError(t, tr.Close())
			_, _, err := tr.Commit()
			require.Error(t, err)
			require.Panics(t, func() { tr.Apply(nil) })
		})
		t.Run("bad options are refused", func(t *testing.T) {
			_, err := Open(dbm.NewMemDB(), Options{Backend: b, KeepRecent: -1})
			require.Error(t, err)
			if b == BackendIAVL {
				_, err = Open(dbm.NewMemDB(), Options{Backend: b, CacheSize: -1})
				require.Error(t, err)
			}
			_, err = Open(nil, Options{Backend: b})
			require.Error(t, err)
			_, err = Open(dbm.NewMemDB(), Options{Backend: "btree"})
			require.ErrorContains(t, err, "unknown backend")
		})
	})
}

// nodeKey is the database key of IAVL node (version, nonce); nonce 1 is the
// root of the version.
func nodeKey(version int64, nonce uint32) []byte {
	k := append([]byte{'s'}, binary.BigEndian.AppendUint64(nil, uint64(version))...)
	return binary.BigEndian.AppendUint32(k, nonce)
}

// versionKeys returns the database keys of the nodes written by version v.
func versionKeys(t *testing.T, db dbm.DB, v int64) [][]byte {
	t.Helper()
	it, err := db.Iterator(nodeKey(v, 0), nodeKey(v+1, 0))
	require.NoError(t, err)
	defer it.Close()
	var keys [][]byte
	for ; it.Valid(); it.Next() {
		keys = append(keys, bytes.Clone(it.Key()))
	}
	return keys
}

// syncBuffer is a log destination safe for concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestOpenRollsBackAHalfWrittenVersion(t *testing.T) {
	for _, tc := range []struct {
		name     string
		versions int64 // committed before the damage
		damage   func(t *testing.T, db dbm.DB, v int64)
	}{
		{"a version without its root (a batch cut short) is rolled back", 3, func(t *testing.T, db dbm.DB, v int64) {
			require.NoError(t, db.Delete(nodeKey(v, 1)))
		}},
		{"a version with only its first nodes written is rolled back", 3, func(t *testing.T, db dbm.DB, v int64) {
			// The root is the last node of the batch; keep the first half.
			keys := versionKeys(t, db, v)
			require.Greater(t, len(keys), 2)
			require.NoError(t, db.Delete(nodeKey(v, 1)))
			for _, k := range keys[len(keys)/2:] {
				require.NoError(t, db.Delete(k))
			}
		}},
		{"a half-written first version leaves an empty tree", 1, func(t *testing.T, db dbm.DB, v int64) {
			require.NoError(t, db.Delete(nodeKey(v, 1)))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := dbm.NewMemDB()
			tr := openTree(t, db, Options{Backend: BackendIAVL})
			hashes := [][]byte{emptyHash}
			for n := 1; n <= int(tc.versions); n++ {
				h, _ := commit(t, tr, block(n)...)
				hashes = append(hashes, h)
			}
			require.NoError(t, tr.Close())
			tc.damage(t, db, tc.versions)

			var logs syncBuffer
			tr = openTree(t, db, Options{Backend: BackendIAVL, Logger: log.NewTMLogger(&logs)})
			require.Equal(t, tc.versions-1, tr.Version())
			require.Equal(t, hashes[tc.versions-1], tr.Hash())
			require.Contains(t, logs.String(), "incomplete")
			require.Empty(t, versionKeys(t, db, tc.versions), "the incomplete version's nodes are gone")

			// Executing the block again gives the same version and hash.
			h, v := commit(t, tr, block(int(tc.versions))...)
			require.Equal(t, tc.versions, v)
			require.Equal(t, hashes[tc.versions], h)
		})
	}
}

func TestReadingAMissingNodePanicsInsteadOfReturningLess(t *testing.T) {
	db := dbm.NewMemDB()
	tr := openTree(t, db, Options{Backend: BackendIAVL})
	// The first version is imported (nodes numbered in post-order); the
	// second is written by IAVL, which numbers the root 1 and its left
	// child 2.
	commit(t, tr, set("zz", "v"))
	var cs []Change
	for i := 0; i < 64; i++ {
		cs = append(cs, set(fmt.Sprintf("k%02d", i), "v"))
	}
	commit(t, tr, cs...)
	require.NoError(t, tr.Close())
	// Node (2, 2) is the root's left child: half of the keys hang below it.
	require.NoError(t, db.Delete(nodeKey(2, 2)))

	tr = openTree(t, db, Options{Backend: BackendIAVL})
	r := tr.Latest()
	for _, tc := range []struct {
		name      string
		read      func()
		wantPanic bool
	}{
		{"a Get in the intact half works", func() { r.Get([]byte("k63")) }, false},
		{"an Iterate over the intact half works", func() { r.Iterate([]byte("k40"), nil, func(_, _ []byte) bool { return true }) }, false},
		{"a Get below the missing node panics", func() { r.Get([]byte("k00")) }, true},
		{"a Has below the missing node panics", func() { r.Has([]byte("k01")) }, true},
		{"an Iterate over the whole range panics", func() { r.Iterate(nil, nil, func(_, _ []byte) bool { return true }) }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.wantPanic {
				require.Panics(t, tc.read)
			} else {
				require.NotPanics(t, tc.read)
			}
		})
	}
	t.Run("an Export fails", func(t *testing.T) {
		err := tr.Export(2, func(*iavl.ExportNode) error { return nil })
		require.Error(t, err)
	})
}

// forBackends runs fn as a subtest for each backend.
func forBackends(t *testing.T, fn func(t *testing.T, b Backend)) {
	for _, b := range []Backend{BackendIAVL, BackendMemory} {
		t.Run(string(b), func(t *testing.T) { fn(t, b) })
	}
}

// viewHash returns the root hash of a view of either backend.
func viewHash(r Reader) []byte {
	switch v := r.(type) {
	case *view:
		return v.hash
	case *memView:
		return v.hash
	}
	panic(fmt.Sprintf("not a view: %T", r))
}

// viewVersion returns the version of a view of either backend.
func viewVersion(r Reader) int64 {
	switch v := r.(type) {
	case *view:
		return v.version
	case *memView:
		return v.version
	}
	panic(fmt.Sprintf("not a view: %T", r))
}
