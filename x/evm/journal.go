package evm

import (
	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
)

// change is one entry of the undo journal: the StateDB records one before
// every mutation, and revert restores what the mutation replaced.
type change interface {
	revert(s *StateDB)
}

// journal is the undo log of a StateDB with its snapshot marks. A snapshot
// id is the index of its mark in marks; reverting to it undoes every entry
// recorded after the mark and forgets the later marks.
type journal struct {
	entries []change
	marks   []int // marks[id] = len(entries) when snapshot id was taken
}

func (j *journal) append(c change) { j.entries = append(j.entries, c) }

func (j *journal) snapshot() int {
	j.marks = append(j.marks, len(j.entries))
	return len(j.marks) - 1
}

// revertTo undoes the entries after snapshot id, newest first. It panics on
// an id that was never handed out or was already reverted past: the EVM
// reverting to an unknown snapshot is a bug, not an input.
func (j *journal) revertTo(s *StateDB, id int) {
	if id < 0 || id >= len(j.marks) {
		panic("evm: revert to an unknown snapshot")
	}
	mark := j.marks[id]
	for i := len(j.entries) - 1; i >= mark; i-- {
		j.entries[i].revert(s)
		j.entries[i] = nil
	}
	j.entries = j.entries[:mark]
	j.marks = j.marks[:id]
}

func (j *journal) reset() {
	clear(j.entries)
	j.entries = j.entries[:0]
	j.marks = j.marks[:0]
}

type (
	// replaceAccount undoes CreateAccount: the cache held prev (nil: nothing).
	replaceAccount struct {
		addr common.Address
		prev *account
	}
	touchAccount  struct{ acct *account }
	balanceChange struct {
		acct *account
		prev uint256.Int
	}
	nonceChange struct {
		acct *account
		prev uint64
	}
	codeChange struct {
		acct     *account
		prevHash common.Hash
		prevCode []byte
	}
	storageChange struct {
		acct    *account
		slot    common.Hash
		prev    common.Hash
		hadPrev bool // the slot was written before in this state
	}
	newContractChange   struct{ acct *account }
	selfDestructChange  struct{ acct *account }
	refundChange        struct{ prev uint64 }
	logChange           struct{}
	accessAddressChange struct{ addr common.Address }
	accessSlotChange    struct {
		addr common.Address
		slot common.Hash
	}
	transientChange struct {
		key  addrSlot
		prev common.Hash
	}
)

func (c replaceAccount) revert(s *StateDB) {
	if c.prev == nil {
		delete(s.accounts, c.addr)
		return
	}
	s.accounts[c.addr] = c.prev
}

func (c touchAccount) revert(*StateDB)  { c.acct.exists = false }
func (c balanceChange) revert(*StateDB) { c.acct.balance = c.prev }
func (c nonceChange) revert(*StateDB)   { c.acct.nonce = c.prev }

func (c codeChange) revert(*StateDB) {
	c.acct.codeHash, c.acct.code = c.prevHash, c.prevCode
}

func (c storageChange) revert(*StateDB) {
	if c.hadPrev {
		c.acct.dirty[c.slot] = c.prev
		return
	}
	delete(c.acct.dirty, c.slot)
}

func (c newContractChange) revert(*StateDB)  { c.acct.newContract = false }
func (c selfDestructChange) revert(*StateDB) { c.acct.selfDestructed = false }
func (c refundChange) revert(s *StateDB)     { s.refund = c.prev }

func (logChange) revert(s *StateDB) {
	s.logs[len(s.logs)-1] = nil
	s.logs = s.logs[:len(s.logs)-1]
}

func (c accessAddressChange) revert(s *StateDB) { delete(s.accessAddrs, c.addr) }
func (c accessSlotChange) revert(s *StateDB)    { delete(s.accessSlots, slotKey(c.addr, c.slot)) }

func (c transientChange) revert(s *StateDB) {
	if c.prev == (common.Hash{}) {
		delete(s.transient, c.key)
		return
	}
	s.transient[c.key] = c.prev
}
