package app

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	"github.com/stakechain/stakechain/x/auth/keys"
)

// sigCache remembers signatures that verified, so that a transaction's
// signatures are checked once per node: in CheckTx, or beside the block
// function (verifyFromTheEnd), and then found here by the block function.
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

// sigCacheSize is the fewest signatures the cache holds: five times a
// mempool of 10,000 one-signer transactions. An entry is needed from CheckTx
// until the tx is in a block, so a larger cache would only hold signatures of
// transactions long committed: at 400 tx/s, 200,000 entries took eight
// minutes to fill and 40 MB.
const sigCacheSize = 50_000

// sigCacheSizeFor is how many signatures the cache holds for a mempool of
// the given size: at least sigCacheSize, and generations (boundedMap) of at
// least twice the mempool, for the reason decodeCacheSize gives.
func sigCacheSizeFor(mempool int) int { return max(sigCacheSize, 4*mempool) }

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

// verifyFromTheEnd checks the signatures of txs against the accounts in r
// (the last committed state) on GOMAXPROCS-1 goroutines, from the last
// transaction backwards, filling the cache, while the caller goes through
// the block from the first, verifying what the cache does not hold yet.
// The two meet in the block: each signature is checked about once, and the
// caller's work (executing the block, or checking the proposal in order)
// overlaps the checks instead of waiting for them. stop ends the checks and
// waits for them; call it before r or txs change.
//
// Signers whose account or key is not in r are left to the caller, and so
// are signatures already in the cache (verified by CheckTx): their account
// is not read here. It only warms the cache, so it cannot change a result.
// On one core there are no goroutines: the caller checks every signature.
func (a *App) verifyFromTheEnd(r store.Reader, txs []*Tx) (stop func()) {
	workers := runtime.GOMAXPROCS(0) - 1
	if workers <= 0 || len(txs) == 0 {
		return func() {}
	}
	var next atomic.Int64 // the next tx to take, counting down
	next.Store(int64(len(txs)))
	var stopped atomic.Bool
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() { //determinism:allowed signature checks beside the block function; they only warm the cache
			defer wg.Done()
			for !stopped.Load() {
				k := next.Add(-1)
				if k < 0 {
					return
				}
				a.warmSignatures(r, txs[k])
			}
		}()
	}
	return func() {
		stopped.Store(true)
		wg.Wait()
	}
}

// warmSignatures checks the signatures of tx that the cache does not hold,
// against the signers' accounts in r.
func (a *App) warmSignatures(r store.Reader, tx *Tx) {
	if tx == nil || tx.Eth != nil { // an Ethereum tx's sender was recovered when decoded
		return
	}
	for i := range tx.Signers {
		if i >= len(tx.Raw.Signatures) || a.sigs.known(sigSlot{tx: tx.Hash, signer: i}) {
			continue
		}
		acc := a.auth.Account(r, tx.Signers[i])
		if acc == nil {
			continue
		}
		pk := tx.PubKeys[i]
		if pk == nil {
			var err error
			if pk, err = auth.PubKey(acc); err != nil || pk == nil {
				continue
			}
		}
		a.verifySignature(tx, i, acc.AccountNumber, pk)
	}
}
