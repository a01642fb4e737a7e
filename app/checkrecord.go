package app

import (
	"bytes"

	"github.com/stakechain/stakechain/app/store"
)

// After every block the check-state starts again from the committed state,
// and CometBFT rechecks each transaction left in the mempool, in order, to
// put its effects back. Under load that is two or three runs of every
// transaction on top of its first check, and it holds the mempool's lock
// that the next proposal waits for.
//
// Running a transaction in CheckTx is a function of the state it reads, the
// transaction, the block's height (its timeout height) and, for some
// messages, the block's height and time. So CheckTx records what a
// transaction read and wrote (checkRecord); when it is checked again and
// every value it read is still the same, its writes are applied as they are
// instead of running it. When anything it read has changed, or its messages
// use the block, it runs in full and is recorded again. The records are a
// cache: what CheckTx answers and the check-state it leaves are the same
// with or without them.

// checkRecord is what one successful run of a tx in CheckTx read from the
// check-state and wrote to it.
type checkRecord struct {
	reads  []store.Change // each key read, with its value then (nil: absent)
	writes []store.Change // in the order made; a nil Value is a deletion
	res    txResult       // without events: CheckTx returns none
}

// checkRecords keeps the record of each tx by hash. It is sized like the
// decode cache, for the same reason (decodeCacheSize).
type checkRecords = boundedMap[[32]byte, *checkRecord]

func newCheckRecords(max int) *checkRecords { return newBoundedMap[[32]byte, *checkRecord](max) }

// recorder passes reads and writes through to the check-state and records
// them. runTx reads only through its own caches over the recorder and
// writes to it only at its end, so every read it records was made on the
// check-state as it was before the tx.
type recorder struct {
	w        store.Writer
	reads    []store.Change
	writes   []store.Change
	iterated bool // a range read: not recorded, the tx cannot be replayed
}

var _ store.Writer = (*recorder)(nil)

func (r *recorder) Get(key []byte) []byte {
	v := r.w.Get(key)
	r.reads = append(r.reads, store.Change{Key: bytes.Clone(key), Value: v})
	return v
}

func (r *recorder) Has(key []byte) bool { return r.Get(key) != nil }

func (r *recorder) Iterate(start, end []byte, fn func(key, value []byte) bool) {
	r.iterated = true
	r.w.Iterate(start, end, fn)
}

func (r *recorder) Set(key, value []byte) {
	r.w.Set(key, value)
	r.writes = append(r.writes, store.Change{Key: bytes.Clone(key), Value: value})
}

func (r *recorder) Delete(key []byte) {
	r.w.Delete(key)
	r.writes = append(r.writes, store.Change{Key: bytes.Clone(key)})
}

// checkRun runs tx in check mode on st, replaying its record when that
// gives the same result. With a.checked nil it always runs tx.
func (a *App) checkRun(st store.Writer, tx *Tx) txResult {
	if a.checked == nil {
		return a.runTx(modeCheck, st, a.checkBlock(), tx)
	}
	if rec, ok := a.checked.get(tx.Hash); ok && replayable(tx, a.checkHeight()) && unchanged(st, rec.reads) {
		for _, c := range rec.writes {
			if c.Value == nil {
				st.Delete(c.Key)
			} else {
				st.Set(c.Key, c.Value)
			}
		}
		return rec.res
	}
	r := &recorder{w: st}
	b := a.checkBlock()
	res := a.runTx(modeCheck, r, b, tx)
	if res.err != nil || r.iterated || !replayable(tx, b.Height) {
		a.checked.remove(tx.Hash)
		return res
	}
	a.checked.put(tx.Hash, &checkRecord{reads: r.reads, writes: r.writes, res: txResult{gasWanted: res.gasWanted, gasUsed: res.gasUsed}})
	return res
}

// replayable reports whether running tx at the given height depends on
// nothing but the state it reads: its messages do not use the block, and
// its timeout height, if any, is not passed.
func replayable(tx *Tx, height int64) bool {
	if tx.Body.TimeoutHeight != 0 && uint64(height) > tx.Body.TimeoutHeight {
		return false
	}
	for _, m := range tx.Msgs {
		if m.UsesBlock() {
			return false
		}
	}
	return true
}

// unchanged reports whether r holds every recorded value.
func unchanged(r store.Reader, reads []store.Change) bool {
	for _, c := range reads {
		v := r.Get(c.Key)
		if (v == nil) != (c.Value == nil) || !bytes.Equal(v, c.Value) {
			return false
		}
	}
	return true
}
