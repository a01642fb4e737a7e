package bank

import (
	"bytes"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// Moves is all that the mempool's recheck replay (app/checkrecord.go) knows
// of the bank: which keys hold balances and whose, and how to add a change
// to a stored balance. With it the replay adds what a transaction did to a
// balance to that balance as it is now, without running the transaction
// again; it reads and writes no other bank state.
//
// CONTRACT: the replay relies on this. Send (and so HandleSend) and Deduct
// change balances only by adding and taking the amounts they are given;
// they take only from their from (Send) or addr (Deduct), and fail on a
// balance only where it does not cover a take. Nothing else they do
// depends on a balance: what else they read (params, whether the
// recipient's account exists) are keys of their own.
type Moves struct{}

// Of returns how the balance stored at key changed from the value before
// to the value after (nil: zero): whose balance it is, what it held, and
// by how much it changed. ok is false if key holds no balance or a value
// is not an amount.
func (Moves) Of(key, before, after []byte) (owner types.Address, held, by math.Int, ok bool) {
	owner, ok = balanceOwner(key)
	if !ok {
		return nil, math.Int{}, math.Int{}, false
	}
	held, err := core.DecodeAmount(before)
	if err != nil {
		return nil, math.Int{}, math.Int{}, false
	}
	is, err := core.DecodeAmount(after)
	if err != nil {
		return nil, math.Int{}, math.Int{}, false
	}
	return owner, held, is.Sub(held), true
}

// Add returns what the balance stored as value holds, and its stored value
// with by added: nil for zero, which is deleted, never stored. ok is false
// if value is not an amount or the sum is negative or out of an amount's
// range.
func (Moves) Add(value []byte, by math.Int) (held math.Int, next []byte, ok bool) {
	held, err := core.DecodeAmount(value)
	if err != nil {
		return math.Int{}, nil, false
	}
	sum, err := held.SafeAdd(by)
	if err != nil || sum.IsNegative() {
		return math.Int{}, nil, false
	}
	return held, amountValue(sum), true
}

// balanceOwner returns the account whose balance key holds (balanceKey),
// sharing key's bytes; ok is false if key holds no balance.
func balanceOwner(key []byte) (types.Address, bool) {
	rest, ok := bytes.CutPrefix(key, balancePrefix)
	if !ok || len(rest) == 0 {
		return nil, false
	}
	n := int(rest[0])
	if len(rest) <= 1+n { // an address and a denom of at least one byte
		return nil, false
	}
	return types.Address(rest[1 : 1+n]), true
}

// amountValue is how an amount (a balance, a supply) is stored: nil for
// zero, which is deleted, never stored.
func amountValue(amt math.Int) []byte {
	if amt.IsZero() {
		return nil
	}
	return core.EncodeAmount(amt)
}
