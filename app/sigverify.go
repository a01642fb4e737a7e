package app

import (
	"runtime"
	"sync"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	"github.com/stakechain/stakechain/x/auth/keys"
)

// sigCache remembers signatures that verified, so that a transaction's
// signatures are checked once per node: in CheckTx, or in the parallel pass
// before a block, and then found here by the deterministic block function.
// An entry is a fact (this signature of this tx verifies for this account
// number and key), so whether it is present changes only speed, never a
// result.
type sigCache struct {
	mu      sync.Mutex
	entries map[sigKey]struct{}
	order   []sigKey // insertion order, for eviction
	max     int
}

type sigKey struct {
	tx     [32]byte
	signer int
	accNum uint64
	pubKey string
}

func newSigCache(max int) *sigCache {
	return &sigCache{entries: make(map[sigKey]struct{}, max), max: max}
}

func (c *sigCache) has(k sigKey) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.entries[k]
	return ok
}

func (c *sigCache) add(k sigKey) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[k]; ok {
		return
	}
	if len(c.order) >= c.max {
		drop := c.order[:c.max/4]
		for _, old := range drop {
			delete(c.entries, old)
		}
		c.order = append(c.order[:0], c.order[len(drop):]...)
	}
	c.entries[k] = struct{}{}
	c.order = append(c.order, k)
}

func (c *sigCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// verifySignature checks signer i's signature of tx for the given account
// number and key, consulting and filling the cache.
func (a *App) verifySignature(tx *Tx, i int, accNum uint64, pk keys.PubKey) bool {
	k := sigKey{tx: tx.Hash, signer: i, accNum: accNum, pubKey: string(pk.Bytes())}
	if a.sigs.has(k) {
		return true
	}
	if !pk.VerifySignature(tx.signBytes(a.chainID, accNum), tx.Raw.Signatures[i]) {
		return false
	}
	a.sigs.add(k)
	return true
}

// preVerify checks the signatures of txs in parallel against the accounts
// in r (the last committed state), filling the cache. Signers whose account
// or key is not yet in r are left for the block function to verify.
// It runs before the deterministic block function and only warms the cache.
func (a *App) preVerify(r store.Reader, txs []*Tx) {
	type job struct {
		tx *Tx
		i  int
	}
	jobs := make(chan job, 256)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() { //determinism:allowed signature checks before the block function; they only warm the cache
			defer wg.Done()
			for j := range jobs {
				acc := a.auth.Account(r, j.tx.Signers[j.i])
				if acc == nil {
					continue
				}
				pk := j.tx.PubKeys[j.i]
				if pk == nil {
					var err error
					if pk, err = auth.PubKey(acc); err != nil || pk == nil {
						continue
					}
				}
				a.verifySignature(j.tx, j.i, acc.AccountNumber, pk)
			}
		}()
	}
	for _, tx := range txs {
		if tx == nil {
			continue
		}
		for i := range tx.Signers {
			if i < len(tx.Raw.Signatures) {
				jobs <- job{tx, i}
			}
		}
	}
	close(jobs)
	wg.Wait()
}
