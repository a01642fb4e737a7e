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
//
// Entries are kept per signature (tx hash and signer index) with the account
// number and key it verified for, so that the pass before a block can see
// that a signature is already known without reading the signer's account.
// A hit still needs the account number and key that the block function reads
// from the state to be the recorded ones.
type sigCache struct {
	facts *boundedMap[sigSlot, sigFact]
}

// sigSlot names one signature: signer index signer of the tx of that hash.
// The hash covers the signature and the bytes it signs but for the chain ID
// (fixed per node) and the account number, which sigFact holds.
type sigSlot struct {
	tx     [32]byte
	signer int
}

// sigFact is the account number and public key a signature verified for.
type sigFact struct {
	accNum uint64
	pubKey string
}

// sigCacheSize is how many signatures the cache holds: five times a
// mempool of 10,000 one-signer transactions. An entry is needed from CheckTx
// until the tx is in a block, so a larger cache would only hold signatures of
// transactions long committed: at 400 tx/s, 200,000 entries took eight
// minutes to fill and 40 MB.
const sigCacheSize = 50_000

func newSigCache(max int) *sigCache {
	return &sigCache{facts: newBoundedMap[sigSlot, sigFact](max)}
}

// has reports whether the signature of slot s verified for accNum and pk.
func (c *sigCache) has(s sigSlot, accNum uint64, pk []byte) bool {
	f, ok := c.facts.get(s)
	return ok && f.accNum == accNum && f.pubKey == string(pk)
}

// known reports whether the signature of slot s verified for some account
// number and key.
func (c *sigCache) known(s sigSlot) bool {
	_, ok := c.facts.get(s)
	return ok
}

// add records the latest fact of slot s; an earlier one is true too.
func (c *sigCache) add(s sigSlot, f sigFact) { c.facts.put(s, f) }

func (c *sigCache) len() int { return c.facts.len() }

// verifySignature checks signer i's signature of tx for the given account
// number and key, consulting and filling the cache.
func (a *App) verifySignature(tx *Tx, i int, accNum uint64, pk keys.PubKey) bool {
	s := sigSlot{tx: tx.Hash, signer: i}
	if a.sigs.has(s, accNum, pk.Bytes()) {
		return true
	}
	if !pk.VerifySignature(tx.signBytes(a.chainID, accNum), tx.Raw.Signatures[i]) {
		return false
	}
	a.sigs.add(s, sigFact{accNum: accNum, pubKey: string(pk.Bytes())})
	return true
}

// preVerify checks the signatures of txs in parallel against the accounts
// in r (the last committed state), filling the cache. Signers whose account
// or key is not yet in r are left for the block function to verify, and so
// are signatures already in the cache (verified by CheckTx): their account
// is not read here.
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
			if i < len(tx.Raw.Signatures) && !a.sigs.known(sigSlot{tx: tx.Hash, signer: i}) {
				jobs <- job{tx, i}
			}
		}
	}
	close(jobs)
	wg.Wait()
}
