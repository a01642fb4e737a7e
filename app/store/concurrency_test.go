package store

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/cosmos/iavl"
	"github.com/stretchr/testify/require"
)

// stamp returns the changes of version v: every one of 100 keys set to v.
func stamp(v int64) []Change {
	cs := make([]Change, 100)
	for i := range cs {
		cs[i] = Change{Key: []byte(fmt.Sprintf("k%03d", i)), Value: []byte(fmt.Sprintf("%06d", v))}
	}
	return cs
}

// checkStamped fails unless r holds version v's stamp on all 100 keys.
func checkStamped(r Reader, v int64) error {
	want := fmt.Sprintf("%06d", v)
	n := 0
	var err error
	r.Iterate(nil, nil, func(k, val []byte) bool {
		n++
		if string(val) != want {
			err = fmt.Errorf("version %d: %s=%s", v, k, val)
			return false
		}
		return true
	})
	if err == nil && n != 100 {
		err = fmt.Errorf("version %d: %d keys", v, n)
	}
	if got := string(r.Get([]byte("k050"))); err == nil && got != want {
		err = fmt.Errorf("version %d: Get k050 = %s", v, got)
	}
	return err
}

func TestViewsStayConsistentWhileBlocksCommit(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		tr := openTree(t, dbm.NewMemDB(), Options{Backend: b, CacheSize: 1000})
		commit(t, tr, stamp(1)...)

		const versions = 60
		var done atomic.Bool
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		reader := func(check func() error) {
			defer wg.Done()
			for !done.Load() {
				if err := check(); err != nil {
					errs <- err
					return
				}
			}
		}
		wg.Add(4)
		go reader(func() error { // the latest view, as CheckTx uses it
			r := tr.Latest()
			return checkStamped(r, viewVersion(r))
		})
		go reader(func() error { // an older version, as a query at a height does
			v := tr.Version()/2 + 1
			r, err := tr.At(v)
			if err != nil {
				return err
			}
			return checkStamped(r, v)
		})
		go reader(func() error { // a proof against the version's hash
			v := tr.Version()
			r, err := tr.At(v)
			if err != nil {
				return err
			}
			value, proof, err := tr.Proof([]byte("k007"), v)
			if err != nil {
				return err
			}
			ops, err := QueryProofOps([]byte("k007"), proof)
			if err != nil {
				return err
			}
			return VerifyQueryProof(ops, viewHash(r), []byte("k007"), value)
		})
		go reader(func() error { // a snapshot export
			leaves := 0
			err := tr.Export(tr.Version(), func(n *iavl.ExportNode) error {
				if n.Height == 0 {
					leaves++
				}
				return nil
			})
			if err == nil && leaves != 100 {
				err = fmt.Errorf("exported %d keys", leaves)
			}
			return err
		})

		for v := int64(2); v <= versions; v++ {
			tr.Apply(stamp(v)[:50])
			tr.Apply(stamp(v)[50:])
			_, got, err := tr.Commit()
			require.NoError(t, err)
			require.Equal(t, v, got)
		}
		done.Store(true)
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		require.NoError(t, checkStamped(tr.Latest(), versions))
	})
}
