package bank

import (
	"bytes"
	"sort"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth/types"
)

// Holding is an account's new amount of one denomination.
type Holding struct {
	Addr   types.Address
	Amount math.Int
}

// Reassign sets the balances of denom held by the given accounts to the
// given amounts, all at once. The amounts must add up to what the same
// accounts held before, so the supply does not change; otherwise, or if an
// address appears twice or an amount is negative, it fails and changes
// nothing. Accounts are written in ascending address order and an account
// that receives coins is created if it does not exist.
//
// It is for a module that keeps its own ledger of the same value (the EVM's
// wei balances) and settles a whole transaction's moves in one step.
func (k Keeper) Reassign(w store.Writer, denom string, holdings []Holding) error {
	sorted := append([]Holding(nil), holdings...)
	sort.Slice(sorted, func(i, j int) bool { return bytes.Compare(sorted[i].Addr, sorted[j].Addr) < 0 })
	before, after := math.ZeroInt(), math.ZeroInt()
	for i, h := range sorted {
		if i > 0 && bytes.Equal(sorted[i-1].Addr, h.Addr) {
			return ErrBadReassignment.Wrapf("%s is listed twice", h.Addr)
		}
		if h.Amount.IsNil() || h.Amount.IsNegative() {
			return ErrBadReassignment.Wrapf("%s would get a negative amount", h.Addr)
		}
		before = before.Add(k.Balance(w, h.Addr, denom))
		after = after.Add(h.Amount)
	}
	if !before.Equal(after) {
		return ErrBadReassignment.Wrapf("the accounts hold %s%s, the new amounts add up to %s%s", before, denom, after, denom)
	}
	for _, h := range sorted {
		setAmount(w, balanceKey(h.Addr, denom), amountValue(h.Amount))
		if h.Amount.IsPositive() && !k.auth.HasAccount(w, h.Addr) {
			k.auth.EnsureAccount(w, h.Addr)
		}
	}
	return nil
}
