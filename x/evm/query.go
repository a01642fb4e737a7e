package evm

import (
	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/stakechain/stakechain/app/store"
)

// Account is what Ethereum clients read of an account.
type Account struct {
	Nonce    uint64
	Balance  *uint256.Int // wei
	CodeHash common.Hash  // the empty-code hash for an account without code, zero if none exists
}

// reader is a StateDB over r for reads only: its changes, if any, are
// never committed.
func (k Keeper) reader(r store.Reader) *StateDB { return NewStateDB(store.NewCache(r), k.ledger) }

// Account returns the nonce, wei balance and code hash of addr.
func (k Keeper) Account(r store.Reader, addr common.Address) Account {
	s := k.reader(r)
	return Account{Nonce: s.GetNonce(addr), Balance: s.GetBalance(addr), CodeHash: s.GetCodeHash(addr)}
}

// Code returns the code at addr (nil if none).
func (k Keeper) Code(r store.Reader, addr common.Address) []byte { return k.reader(r).GetCode(addr) }

// Storage returns the storage word at slot of addr.
func (k Keeper) Storage(r store.Reader, addr common.Address, slot common.Hash) common.Hash {
	return k.reader(r).GetState(addr, slot)
}
