package store

import (
	"fmt"
	"math/rand"
	"sync"
	"testing"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/stretchr/testify/require"
)

// TestValueCacheNeverChangesWhatAViewReads writes random versions and reads
// every key through every kept version's view, with value caches of several
// sizes (two entries, so generations turn over all the time, up to all
// keys), and checks each read against the model of that version.
func TestValueCacheNeverChangesWhatAViewReads(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) { valueCacheReads(t, b) })
}

func valueCacheReads(t *testing.T, b Backend) {
	for _, size := range []int{-1, 2, 16, 1000} {
		t.Run(fmt.Sprintf("size=%d", size), func(t *testing.T) {
			rng := rand.New(rand.NewSource(int64(size) + 7))
			tr := openTree(t, dbm.NewMemDB(), Options{Backend: b, ValueCacheSize: size, KeepRecent: 5})
			const keys = 40
			key := func(i int) []byte { return []byte(fmt.Sprintf("k%02d", i)) }
			model := map[string][]byte{}
			var models []map[string][]byte // by version - 1
			var views []Reader
			for v := 1; v <= 30; v++ {
				// Read some keys of the latest version first, so the cache
				// holds entries filled by reads as well as by writes.
				if len(views) > 0 {
					for i := 0; i < 10; i++ {
						k := key(rng.Intn(keys))
						require.Equal(t, model[string(k)], views[len(views)-1].Get(k))
					}
				}
				var changes []Change
				for i := 0; i < 8; i++ {
					k := key(rng.Intn(keys))
					if rng.Intn(3) == 0 {
						changes = append(changes, Change{Key: k})
						delete(model, string(k))
					} else {
						val := []byte(fmt.Sprintf("v%d-%d", v, i))
						changes = append(changes, Change{Key: k, Value: val})
						model[string(k)] = val
					}
				}
				tr.Apply(changes)
				_, version, err := tr.Commit()
				require.NoError(t, err)
				require.EqualValues(t, v, version)
				snapshot := map[string][]byte{}
				for k, val := range model {
					snapshot[k] = val
				}
				models = append(models, snapshot)
				views = append(views, tr.Latest())
				// Every kept version, old views and new ones from At.
				for back := 0; back < 4 && back < len(views); back++ {
					ver := len(views) - back
					at, err := tr.At(int64(ver))
					require.NoError(t, err)
					for _, r := range []Reader{views[ver-1], at} {
						for i := 0; i < keys; i++ {
							want := models[ver-1][string(key(i))]
							require.Equal(t, want, r.Get(key(i)), "version %d key %d", ver, i)
							require.Equal(t, want != nil, r.Has(key(i)), "version %d key %d", ver, i)
						}
					}
				}
			}
		})
	}
}

// TestValueCacheReadsDuringCommit reads the latest version from several
// goroutines while versions are committed (run with -race): each read must
// match the version of the view it was made through.
func TestValueCacheReadsDuringCommit(t *testing.T) {
	forBackends(t, valueCacheReadsDuringCommit)
}

func valueCacheReadsDuringCommit(t *testing.T, b Backend) {
	// Every version is kept: a reader may still hold an old view.
	tr := openTree(t, dbm.NewMemDB(), Options{Backend: b, ValueCacheSize: 8})
	key := []byte("counter")
	tr.Apply([]Change{{Key: key, Value: []byte("1")}})
	_, _, err := tr.Commit()
	require.NoError(t, err)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				v := tr.Latest()
				got := string(v.Get(key))
				if want := fmt.Sprint(viewVersion(v)); got != want {
					errs <- fmt.Errorf("view of version %d read %q", viewVersion(v), got)
					return
				}
			}
		}()
	}
	for n := 2; n <= 200; n++ {
		tr.Apply([]Change{{Key: key, Value: []byte(fmt.Sprint(n))}, {Key: []byte(fmt.Sprintf("other%d", n)), Value: []byte("x")}})
		_, _, err := tr.Commit()
		require.NoError(t, err)
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// TestValueCacheAfterReopen reopens the memory backend, whose versions come
// back from its snapshot and log, and checks that reads through the cache
// see the reopened state and the versions committed after it.
func TestValueCacheAfterReopen(t *testing.T) {
	db := dbm.NewMemDB()
	tr, err := Open(db, Options{Backend: BackendMemory, ValueCacheSize: 4, KeepRecent: 3})
	require.NoError(t, err)
	for v := 1; v <= 5; v++ {
		tr.Apply([]Change{{Key: []byte("k"), Value: []byte(fmt.Sprint(v))}, {Key: []byte(fmt.Sprintf("o%d", v)), Value: []byte("x")}})
		_, _, err := tr.Commit()
		require.NoError(t, err)
	}
	require.Equal(t, "5", string(tr.Latest().Get([]byte("k"))))
	require.NoError(t, tr.Close())

	tr = openTree(t, db, Options{Backend: BackendMemory, ValueCacheSize: 4, KeepRecent: 3})
	old, err := tr.At(4)
	require.NoError(t, err)
	require.Equal(t, "4", string(old.Get([]byte("k"))))
	require.Equal(t, "5", string(tr.Latest().Get([]byte("k"))))
	_, cached := tr.(*memTree).values.get([]byte("k"), 5)
	require.True(t, cached, "a read of the latest version fills the cache")
	tr.Apply([]Change{{Key: []byte("k")}})
	_, _, err = tr.Commit()
	require.NoError(t, err)
	require.Nil(t, tr.Latest().Get([]byte("k")))
	require.False(t, tr.Latest().Has([]byte("k")))
	prev, err := tr.At(5)
	require.NoError(t, err)
	require.Equal(t, "5", string(prev.Get([]byte("k"))))
	require.Equal(t, "4", string(old.Get([]byte("k"))))
}
