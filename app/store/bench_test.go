package store

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"testing"
	"time"

	dbm "github.com/cometbft/cometbft-db"
)

// benchBlock returns block n of the benchmark: size keys picked
// pseudo-randomly from a space of 110,000 (so mostly updates of a 100,000-key
// state, some inserts), with 32-byte values.
func benchBlock(n, size int) []Change {
	cs := make([]Change, size)
	for i := range cs {
		h := sha256.Sum256(binary.BigEndian.AppendUint64(nil, uint64(n)<<32|uint64(i)))
		cs[i] = Change{Key: []byte(fmt.Sprintf("acct/%06d", binary.BigEndian.Uint32(h[:4])%110_000)), Value: h[:]}
	}
	return inKeyOrder(cs)
}

// BenchmarkCommitPerKey measures Apply plus Commit of blocks of 5,000 keys
// over a tree of 100,000 keys, keeping the last 2 versions, with each
// backend (and IAVL over goleveldb and in memory). One op is one
// block; ns/key is the cost per written key.
func BenchmarkCommitPerKey(b *testing.B) {
	const stateKeys, blockKeys = 100_000, 5_000
	for _, backend := range []struct {
		name    string
		backend Backend
		open    func(b *testing.B) dbm.DB
	}{
		{"memory/goleveldb", BackendMemory, func(b *testing.B) dbm.DB {
			db, err := dbm.NewGoLevelDB("bench", b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			return db
		}},
		{"iavl/goleveldb", BackendIAVL, func(b *testing.B) dbm.DB {
			db, err := dbm.NewGoLevelDB("bench", b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			return db
		}},
		{"iavl/memdb", BackendIAVL, func(*testing.B) dbm.DB { return dbm.NewMemDB() }},
	} {
		b.Run(backend.name, func(b *testing.B) {
			db := backend.open(b)
			defer db.Close()
			tr, err := Open(db, Options{Backend: backend.backend, KeepRecent: 2})
			if err != nil {
				b.Fatal(err)
			}
			defer tr.Close()
			initial := make([]Change, stateKeys)
			for i := range initial {
				h := sha256.Sum256(binary.BigEndian.AppendUint64(nil, uint64(i)))
				initial[i] = Change{Key: []byte(fmt.Sprintf("acct/%06d", i)), Value: h[:]}
			}
			tr.Apply(initial)
			if _, _, err := tr.Commit(); err != nil {
				b.Fatal(err)
			}
			blocks := make([][]Change, 16)
			for i := range blocks {
				blocks[i] = benchBlock(i, blockKeys)
			}
			written := 0
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				blk := blocks[i%len(blocks)]
				tr.Apply(blk)
				if _, _, err := tr.Commit(); err != nil {
					b.Fatal(err)
				}
				written += len(blk)
			}
			b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(written), "ns/key")
		})
	}
}
