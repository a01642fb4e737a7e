package store

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// bulkOp is one operation of a differential run: a write, a delete, or a
// read of one key or of a range.
type bulkOp struct {
	kind       byte // 's' set, 'd' delete, 'g' get and has, 'i' iterate
	key, other string
	value      string
}

// checkBulkAgainstCache applies ops to a BulkCache and to a Cache over the
// same parent, requires every read to agree, and then requires the bulk
// cache's changes to equal the cache's.
func checkBulkAgainstCache(t *testing.T, parent Reader, ops []bulkOp) {
	t.Helper()
	bulk, cache := NewBulkCache(parent), NewCache(parent)
	for n, op := range ops {
		switch op.kind {
		case 's':
			bulk.Set([]byte(op.key), []byte(op.value))
			cache.Set([]byte(op.key), []byte(op.value))
		case 'd':
			bulk.Delete([]byte(op.key))
			cache.Delete([]byte(op.key))
		case 'g':
			require.Equal(t, cache.Get([]byte(op.key)), bulk.Get([]byte(op.key)), "op %d: get %q", n, op.key)
			require.Equal(t, cache.Has([]byte(op.key)), bulk.Has([]byte(op.key)), "op %d: has %q", n, op.key)
		case 'i':
			require.Equal(t, dump(cache, bound(op.key), bound(op.other)), dump(bulk, bound(op.key), bound(op.other)), "op %d: range [%q, %q)", n, op.key, op.other)
		}
	}
	require.Equal(t, cache.Len(), bulk.Len())
	require.Equal(t, dumpChanges(cache.Changes()), dumpChanges(bulk.TakeChanges()))
	require.Zero(t, bulk.Len(), "TakeChanges empties the cache")
}

// bulkParent is a committed state for the bulk cache to read through: every
// third key of the space the operations use.
func bulkParent(t *testing.T) Reader {
	t.Helper()
	parent := NewCache(Empty{})
	for i := 0; i < 600; i += 3 {
		parent.Set([]byte(fmt.Sprintf("k%03d", i)), []byte(fmt.Sprintf("p%d", i)))
	}
	return NewOverlay(Empty{}, parent.Changes())
}

// TestBulkCacheReadsAndWritesAsACacheDoes runs long random sequences of
// writes, deletes and reads through a BulkCache and a Cache alike. The
// sequences cross the points where the bulk cache grows its index and sorts
// its writes: many writes between reads of a range, and few.
func TestBulkCacheReadsAndWritesAsACacheDoes(t *testing.T) {
	parent := bulkParent(t)
	for seed := uint64(1); seed <= 20; seed++ {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 0))
			key := func() string { return fmt.Sprintf("k%03d", r.IntN(600)) }
			// Early seeds iterate rarely, so that thousands of writes wait
			// unsorted; later ones often.
			iterateEvery := 2 + int(seed)*int(seed)*10
			var ops []bulkOp
			for n := 0; n < 6000; n++ {
				switch {
				case r.IntN(iterateEvery) == 0:
					a, b := key(), key()
					if a > b {
						a, b = b, a
					}
					switch r.IntN(4) {
					case 0:
						a = ""
					case 1:
						b = ""
					}
					ops = append(ops, bulkOp{kind: 'i', key: a, other: b})
				case r.IntN(5) == 0:
					ops = append(ops, bulkOp{kind: 'd', key: key()})
				case r.IntN(3) == 0:
					ops = append(ops, bulkOp{kind: 'g', key: key()})
				default:
					ops = append(ops, bulkOp{kind: 's', key: key(), value: fmt.Sprintf("v%d", n)})
				}
			}
			checkBulkAgainstCache(t, parent, ops)
		})
	}
}

// TestBulkCacheKeepsNoCallerMemory: a key buffer the caller reuses does not
// change what was written, and a value set is the one read back.
func TestBulkCacheKeepsNoCallerMemory(t *testing.T) {
	c := NewBulkCache(Empty{})
	key := []byte("a1")
	c.Set(key, []byte("one"))
	key[1] = '2'
	c.Set(key, []byte("two"))
	require.Equal(t, "one", string(c.Get([]byte("a1"))))
	require.Equal(t, "two", string(c.Get([]byte("a2"))))
	require.Equal(t, "a1=one a2=two", dump(c, nil, nil))
}

// TestBulkCacheRejectsWhatACacheRejects: an empty key or a nil value is a
// programming error in both.
func TestBulkCacheRejectsWhatACacheRejects(t *testing.T) {
	c := NewBulkCache(Empty{})
	require.Panics(t, func() { c.Set(nil, []byte("v")) })
	require.Panics(t, func() { c.Set([]byte("k"), nil) })
}

// FuzzBulkCache reads the input as operations on a small key space and
// compares the bulk cache with a Cache.
func FuzzBulkCache(f *testing.F) {
	f.Add([]byte("s1s2s3i00d2g2i19s9i09"))
	f.Add([]byte("s5s4s3s2s1s0g3d3g3i05s3i05"))
	f.Fuzz(func(t *testing.T, in []byte) {
		var ops []bulkOp
		for i := 0; i+1 < len(in); i += 2 {
			k := fmt.Sprintf("k%03d", int(in[i+1])%40*15)
			switch in[i] % 4 {
			case 0:
				ops = append(ops, bulkOp{kind: 's', key: k, value: fmt.Sprintf("v%d", i)})
			case 1:
				ops = append(ops, bulkOp{kind: 'd', key: k})
			case 2:
				ops = append(ops, bulkOp{kind: 'g', key: k})
			case 3:
				other := ""
				if i+2 < len(in) {
					other = fmt.Sprintf("k%03d", int(in[i+2])%40*15)
				}
				ops = append(ops, bulkOp{kind: 'i', key: k, other: other})
			}
		}
		checkBulkAgainstCache(t, bulkParent(t), ops)
	})
}
