package app

import (
	"bytes"
	"slices"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
)

// The recheck replay.
//
// After every block the check-state starts again from the committed state,
// and CometBFT checks each transaction left in the mempool again, in order,
// to put its effects back. Under load that is two or three more runs of
// every transaction, under the mempool's lock that the next proposal waits
// for. So CheckTx records what a successful run of a tx read from the
// check-state and wrote to it (checkRecord), and when the tx is checked
// again it applies the record instead of running the tx wherever a run
// would answer the same and leave the same check-state. The records are a
// cache: CheckTx's answers and check-state are the same with and without
// them (TestRecheckReplayEqualsRunningAgain, on random mempools and blocks).
//
// What a run reads. Running tx in check mode is a function of the tx, of
// the values it reads from the check-state, and of the block only through
// the tx's timeout height and the messages that are given the block
// (Msg.UsesBlock: a route added with routeStateOnly gives its handler
// none); the chain id and the node's minimum gas prices do not change.
// runTx reads the check-state only through its own caches and writes to it
// only at its end, so every read it makes sees the state as it was before
// the tx (recorder). A tx that reads a range of keys is not recorded.
//
// Exact reads. A record holds every key the run read, with its value (nil:
// absent), and every key it only asked whether it is there (Has, as a
// transfer asks of its recipient's account), with the answer. When the
// check-state gives every read the same value and every question the same
// answer, the tx does not use the block and its timeout height has not
// passed, a run takes the same path and writes the same values: applying
// the recorded writes is the run, and its answer (gas wanted and used) is
// the recorded one.
//
// Balance moves. Exact reads seldom match a transfer: its sender is the
// recipient of others' transfers, and a block from another proposer orders
// them differently from this mempool. A MsgSend and the fee (bank.Deduct
// in the check-state) change a balance only by adding and taking amounts
// the tx fixes, take only from a signer, and fail on a balance only where
// it does not cover a take (the CONTRACT of bank.Moves). So for a tx whose
// messages are all MsgSends, each balance it read and wrote is recorded
// instead as a move: what it held when checked (held) and by how much the
// tx changed it (by). Run again on a balance that holds h, the tx adds and
// takes the same amounts in the same order, so at every step the balance
// holds h-held more than it did when checked, and it ends at h+by:
//   - if h >= held, every take it covered then it covers now, and the run
//     succeeds as before. held is the bound the record can know to be
//     enough; the net decrease -by is not: a self-send of 10 with a fee of
//     1 changes its sender's balance by -1 but needs 11, and the sender's
//     balance may have fallen since it was checked (a transfer to it left
//     the mempool, or another account moved its coins with a token's
//     transferFrom, which leaves the sender's account as it was).
//   - a balance that the tx raised and whose owner did not sign it (a
//     recipient's) is never taken from, so any h will do: its bound is zero.
// On replay each moved balance must hold at least its bound, and becomes
// h+by; if one holds less, or h+by is out of an amount's range, the tx runs
// in full, which gives the answer whichever it is. Nothing else in a
// transfer depends on a balance's value: its gas, the params and the
// accounts it reads are other keys, read exactly.
//
// Anything else (no record, a changed read, a balance below its bound, a
// passed timeout height) runs the tx in full and records it again; a run
// that fails, reads a range or uses the block drops its record.

// checkRecord is what one successful run of a tx in CheckTx read from the
// check-state and wrote to it.
type checkRecord struct {
	reads  []store.Change // each key read, with its value then (nil: absent)
	has    []presence     // each key asked only whether it is there
	writes []store.Change // in the order made; a nil Value is a deletion
	moves  []balanceMove  // balances changed by fixed amounts; not in reads or writes
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

// bankMoves is all the replay uses of the bank.
var bankMoves bank.Moves

// checkRecords keeps the record of each tx by hash. It is sized like the
// decode cache, for the same reason (decodeCacheSize).
type checkRecords = boundedMap[[32]byte, *checkRecord]

func newCheckRecords(max int) *checkRecords { return newBoundedMap[[32]byte, *checkRecord](max) }

// checkRun runs tx in check mode on st, or replays its record where that
// gives the same answer and state. With a.checked nil it always runs tx.
func (a *App) checkRun(st store.Writer, tx *Tx) txResult {
	if a.checked == nil {
		return a.runTx(modeCheck, st, a.checkBlock(), tx)
	}
	if rec, ok := a.checked.get(tx.Hash); ok && replayable(tx, a.checkHeight()) && rec.replay(st) {
		a.checkReplays++
		return rec.res
	}
	r := &recorder{w: st}
	b := a.checkBlock()
	res := a.runTx(modeCheck, r, b, tx)
	if res.err != nil || r.iterated || !replayable(tx, b.Height) {
		a.checked.remove(tx.Hash)
		return res
	}
	rec := &checkRecord{reads: r.reads, has: r.has, writes: r.writes, res: txResult{gasWanted: res.gasWanted, gasUsed: res.gasUsed}}
	if onlyTransfers(tx) {
		rec.takeMoves(tx.Signers)
	}
	a.checked.put(tx.Hash, rec)
	return res
}

// replayable reports whether running tx at the given height depends on
// nothing but the state it reads: its messages do not use the block, and
// its timeout height, if any, is not passed.
func replayable(tx *Tx, height int64) bool {
	if tx.Eth != nil {
		return false // what it reads depends on its sender's code and the EVM's rules: run it
	}
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

// onlyTransfers reports whether every message of tx is a MsgSend, which
// moves only the amounts it fixes.
func onlyTransfers(tx *Tx) bool {
	for _, m := range tx.Msgs {
		if m.TypeURL() != banktypes.TypeURLMsgSend {
			return false
		}
	}
	return true
}

// takeMoves turns each balance that the record read and then wrote from
// reads and writes into a move.
func (rec *checkRecord) takeMoves(signers []authtypes.Address) {
	// A balance may be written more than once (the fee, then the
	// messages): its last write is its value after the tx. Every read of a
	// key saw the same value, the check-state's before the tx.
	after := map[string][]byte{}
	for _, w := range rec.writes {
		after[string(w.Key)] = w.Value
	}
	moved := map[string]bool{}
	for _, r := range rec.reads {
		v, written := after[string(r.Key)]
		if !written || moved[string(r.Key)] {
			continue
		}
		owner, held, by, ok := bankMoves.Of(r.Key, r.Value, v)
		if !ok {
			continue
		}
		m := balanceMove{key: r.Key, atLeast: held, by: by}
		if by.IsPositive() && !slices.ContainsFunc(signers, owner.Equal) {
			m.atLeast = math.ZeroInt() // a recipient's: nothing is taken from it
		}
		rec.moves = append(rec.moves, m)
		moved[string(r.Key)] = true
	}
	if len(moved) == 0 {
		return
	}
	isMoved := func(c store.Change) bool { return moved[string(c.Key)] }
	rec.reads = slices.DeleteFunc(rec.reads, isMoved)
	rec.writes = slices.DeleteFunc(rec.writes, isMoved)
}

// replay applies rec to st and reports true if st holds every value rec
// read, answers every question it asked the same, and holds every moved
// balance at its bound; otherwise it changes nothing and reports false.
func (rec *checkRecord) replay(st store.Writer) bool {
	if !unchanged(st, rec) {
		return false
	}
	var movedBuf [4]store.Change // a transfer moves two or three balances
	moved := movedBuf[:0]
	for _, m := range rec.moves {
		held, next, ok := bankMoves.Add(st.Get(m.key), m.by)
		if !ok || held.LT(m.atLeast) {
			return false
		}
		moved = append(moved, store.Change{Key: m.key, Value: next})
	}
	write(st, rec.writes)
	write(st, moved)
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

// recorder passes reads and writes through to the check-state and records
// them.
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
