package token

import (
	"fmt"

	"github.com/stakechain/stakechain/app/store"
)

// CheckInvariant verifies the token module's accounting against the bank:
//
//   - no token's bank supply is above its max supply;
//   - no coins of a token denom exist without their token;
//   - the token module account holds nothing (it holds coins only between
//     the two steps of a mint or a burn, inside one message);
//   - every stored allowance is positive and of an existing token.
//
// It reads every token, allowance and supply, so it is for tests, audits
// and genesis, not for blocks.
func (k Keeper) CheckInvariant(r store.Reader) error {
	for _, t := range k.Tokens(r) {
		if s := k.bank.Supply(r, t.Denom); s.GT(t.MaxSupply) {
			return fmt.Errorf("token: supply %s of %s is above its max supply %s", s, t.Denom, t.MaxSupply)
		}
	}
	for _, c := range k.bank.TotalSupply(r) {
		if IsTokenDenom(c.Denom) && !r.Has(tokenKey(c.Denom)) {
			return fmt.Errorf("token: %s of %s exist, but no such token was created: %w", c.Amount, c.Denom, ErrTokenNotFound)
		}
	}
	if held := k.bank.Balances(r, moduleAddress()); !held.IsZero() {
		return fmt.Errorf("token: the %s module account holds %s", ModuleName, held)
	}
	type allowance struct {
		key   []byte
		value []byte
	}
	var allowances []allowance
	r.Iterate(allowancePrefix, store.PrefixEnd(allowancePrefix), func(key, value []byte) bool {
		allowances = append(allowances, allowance{
			key:   append([]byte(nil), key[len(allowancePrefix):]...),
			value: append([]byte(nil), value...),
		})
		return true
	})
	for _, a := range allowances {
		owner, spender, denom := splitAllowanceKey(a.key)
		if amt := decodeAmount(a.value); !amt.IsPositive() {
			return fmt.Errorf("token: a non-positive allowance %s of %s from %s to %s is stored", amt, denom, owner, spender)
		}
		if !r.Has(tokenKey(denom)) {
			return fmt.Errorf("token: an allowance of %s from %s to %s is stored, but no such token exists", denom, owner, spender)
		}
	}
	return nil
}
