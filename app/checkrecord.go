package app

import (
	"bytes"
	"slices"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
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
//
// Balances change all the time: a sender of transfers is also the
// recipient of others', in an order a block from another proposer does not
// keep. A transfer only adds and takes amounts it fixes (its fee too), and
// fails on a balance only where the balance does not cover a take. So for
// a tx whose messages all move fixed amounts (Msg.MovesFixedAmounts), each
// balance it read and wrote is recorded as a move instead: by how much it
// changed, and how much it must hold for the tx to succeed. That is what it
// held when checked, as every take that balance covered then it covers with
// more; and nothing for an account that did not sign the tx and whose
// balance the tx raised (a recipient), as nothing is taken from it. On
// replay each such balance must hold at least that much, and the change is
// added to whatever it holds.

// checkRecord is what one successful run of a tx in CheckTx read from the
// check-state and wrote to it.
type checkRecord struct {
	reads  []store.Change // each key read, with its value then (nil: absent)
	has    []presence     // each key asked only whether it is there
	writes []store.Change // in the order made; a nil Value is a deletion
	moves  []balanceMove  // balances added to or taken from; not in reads or writes
	res    txResult       // without events: CheckTx returns none
}

// presence is whether a key was there when a tx asked (store.Reader.Has).
type presence struct {
	key []byte
	was bool
}

// balanceMove is a balance that a tx changed by a fixed amount: on replay
// it must hold at least atLeast, and it becomes what it holds plus by.
type balanceMove struct {
	key     []byte
	atLeast math.Int
	by      math.Int
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
	has      []presence
	writes   []store.Change
	iterated bool // a range read: not recorded, the tx cannot be replayed
}

var _ store.Writer = (*recorder)(nil)

func (r *recorder) Get(key []byte) []byte {
	v := r.w.Get(key)
	r.reads = append(r.reads, store.Change{Key: bytes.Clone(key), Value: v})
	return v
}

// Has records only whether key is there: a tx that asks whether an
// account exists does not depend on what the account holds.
func (r *recorder) Has(key []byte) bool {
	ok := r.w.Has(key)
	r.has = append(r.has, presence{key: bytes.Clone(key), was: ok})
	return ok
}

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
	if rec, ok := a.checked.get(tx.Hash); ok && replayable(tx, a.checkHeight()) && unchanged(st, rec) {
		if moved, ok := movedValues(st, rec.moves); ok {
			write(st, rec.writes)
			write(st, moved)
			a.checkReplays++
			return rec.res
		}
	}
	r := &recorder{w: st}
	b := a.checkBlock()
	res := a.runTx(modeCheck, r, b, tx)
	if res.err != nil || r.iterated || !replayable(tx, b.Height) {
		a.checked.remove(tx.Hash)
		return res
	}
	rec := &checkRecord{reads: r.reads, has: r.has, writes: r.writes, res: txResult{gasWanted: res.gasWanted, gasUsed: res.gasUsed}}
	if movesFixedAmounts(tx) {
		rec.takeMoves(tx.Signers)
	}
	a.checked.put(tx.Hash, rec)
	return res
}

// movesFixedAmounts reports whether every message of tx moves only fixed
// amounts.
func movesFixedAmounts(tx *Tx) bool {
	for _, m := range tx.Msgs {
		if !m.MovesFixedAmounts() {
			return false
		}
	}
	return true
}

// takeMoves turns each balance that the record read and then wrote from
// reads and writes into a move (see the top of this file).
func (rec *checkRecord) takeMoves(signers []authtypes.Address) {
	// A balance may be written more than once (the fee, then the
	// messages): its last write is its value after the tx. Every read of a
	// key saw the same value, the check-state's before the tx.
	after := map[string][]byte{}
	for _, w := range rec.writes {
		if bank.IsAnyBalanceKey(w.Key) {
			after[string(w.Key)] = w.Value
		}
	}
	moved := map[string]bool{}
	for _, r := range rec.reads {
		v, written := after[string(r.Key)]
		if !written || moved[string(r.Key)] {
			continue
		}
		if m, ok := moveOf(r, v, signers); ok {
			rec.moves = append(rec.moves, m)
			moved[string(r.Key)] = true
		}
	}
	if len(moved) == 0 {
		return
	}
	isMoved := func(c store.Change) bool { return moved[string(c.Key)] }
	rec.reads = slices.DeleteFunc(rec.reads, isMoved)
	rec.writes = slices.DeleteFunc(rec.writes, isMoved)
}

// moveOf returns the change of the balance read as before and written
// last as after, as a move.
func moveOf(before store.Change, after []byte, signers []authtypes.Address) (balanceMove, bool) {
	was, err := bank.BalanceAmount(before.Value)
	if err != nil {
		return balanceMove{}, false
	}
	is, err := bank.BalanceAmount(after)
	if err != nil {
		return balanceMove{}, false
	}
	m := balanceMove{key: before.Key, atLeast: was, by: is.Sub(was)}
	if m.by.IsPositive() && !slices.ContainsFunc(signers, func(s authtypes.Address) bool { return bank.IsBalanceKey(before.Key, s) }) {
		m.atLeast = math.ZeroInt() // a recipient's: nothing is taken from it
	}
	return m, true
}

// movedValues returns the write of each moved balance in r (a nil Value
// deletes it); ok is false if one holds less than its move needs, or the
// sum is beyond an amount's range, where a run in full fails.
func movedValues(r store.Reader, moves []balanceMove) (values []store.Change, ok bool) {
	if len(moves) == 0 {
		return nil, true
	}
	values = make([]store.Change, len(moves))
	for i, m := range moves {
		have, err := bank.BalanceAmount(r.Get(m.key))
		if err != nil || have.LT(m.atLeast) {
			return nil, false
		}
		next, err := have.SafeAdd(m.by)
		if err != nil {
			return nil, false
		}
		values[i] = store.Change{Key: m.key, Value: bank.BalanceValue(next)}
	}
	return values, true
}

// write applies changes to w in order; a nil Value is a deletion.
func write(w store.Writer, changes []store.Change) {
	for _, c := range changes {
		if c.Value == nil {
			w.Delete(c.Key)
		} else {
			w.Set(c.Key, c.Value)
		}
	}
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

// unchanged reports whether r holds every value rec read and has every
// key it found, and no key it missed.
func unchanged(r store.Reader, rec *checkRecord) bool {
	for _, c := range rec.reads {
		v := r.Get(c.Key)
		if (v == nil) != (c.Value == nil) || !bytes.Equal(v, c.Value) {
			return false
		}
	}
	for _, h := range rec.has {
		if r.Has(h.key) != h.was {
			return false
		}
	}
	return true
}
