package app

import (
	"fmt"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/staking"
)

// CheckInvariants verifies the accounting of the whole state:
//   - the supply of every denom is the sum of all balances, which include
//     the module accounts: the staking pools, the distribution account
//     (outstanding rewards and the community pool) and the fee collector;
//   - the bonded pool holds exactly the tokens of bonded validators, and the
//     not-bonded pool those of the other validators plus the balances of
//     unbonding delegations;
//   - the distribution account holds exactly the community pool plus every
//     validator's outstanding rewards;
//   - the EVM's wei remainders add up to its reserve's balance × 10^12.
//
// It reads the whole state, so it is for tests and audits, not for blocks.
func (a *App) CheckInvariants(r store.Reader) error {
	// Sum every stored balance by denom (keys: prefix | len | holder | denom).
	sums := map[string]math.Int{}
	var bad error
	prefix := []byte("bank/balance/")
	r.Iterate(prefix, store.PrefixEnd(prefix), func(key, _ []byte) bool {
		n := int(key[len(prefix)])
		holder := authtypes.Address(key[len(prefix)+1 : len(prefix)+1+n])
		denom := string(key[len(prefix)+1+n:])
		amt := a.bank.Balance(r, holder, denom)
		if !amt.IsPositive() {
			bad = fmt.Errorf("a non-positive balance of %s is stored for %s", denom, holder)
			return false
		}
		if s, ok := sums[denom]; ok {
			amt = s.Add(amt)
		}
		sums[denom] = amt
		return true
	})
	if bad != nil {
		return bad
	}
	supply := a.bank.TotalSupply(r)
	if len(supply) != len(sums) {
		return fmt.Errorf("supply lists %d denoms, balances hold %d", len(supply), len(sums))
	}
	for _, c := range supply {
		if got := sums[c.Denom]; got.IsNil() || !got.Equal(c.Amount) {
			return fmt.Errorf("supply of %s is %s, balances add up to %s", c.Denom, c.Amount, got)
		}
	}
	if err := a.checkStakingPools(r); err != nil {
		return err
	}
	if err := a.distribution.CheckInvariant(r); err != nil {
		return err
	}
	if err := a.token.CheckInvariant(r); err != nil {
		return err
	}
	return a.evm.CheckInvariants(r)
}

func (a *App) checkStakingPools(r store.Reader) error {
	bonded, notBonded := a.staking.PoolBalances(r)
	wantBonded, wantNot := math.ZeroInt(), math.ZeroInt()
	for _, v := range a.staking.Validators(r) {
		if v.Status == staking.Bonded {
			wantBonded = wantBonded.Add(v.Tokens)
		} else {
			wantNot = wantNot.Add(v.Tokens)
		}
	}
	wantNot = wantNot.Add(a.staking.UnbondingTotal(r))
	if !bonded.Equal(wantBonded) {
		return fmt.Errorf("bonded pool holds %s, bonded validators have %s", bonded, wantBonded)
	}
	if !notBonded.Equal(wantNot) {
		return fmt.Errorf("not-bonded pool holds %s, unbonded validators and unbondings have %s", notBonded, wantNot)
	}
	return nil
}
