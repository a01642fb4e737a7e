package distribution

import (
	"fmt"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/staking"
)

// BeginBlock allocates everything the fee collector holds (the last block's
// fees and this block's inflation) among the validators that signed the
// last block, as votes report them.
//
// The whole balance moves to the distribution module account. If nobody
// signed, all of it goes to the community pool. Otherwise the community
// tax goes to the pool, and each signer gets the rest times its power over
// the signers' total power (truncated to 18 decimals). A signer that is no
// longer a validator gets nothing; its share, and whatever truncation left
// over, goes to the community pool too, so that the validators' rewards and
// the pool's increase add up to exactly the fees.
//
// A validator's reward is split into its commission (reward × its
// commission rate) and its delegators' part, which raises its reward index
// by part / delegator shares. If it has no delegator shares the delegators'
// part goes to the community pool. What the validator keeps (both parts,
// or the commission alone) is added to its outstanding rewards.
func (k Keeper) BeginBlock(w store.Writer, ev *core.Events, b core.Block, votes []core.Vote) {
	collector := authtypes.ModuleAddress(auth.FeeCollectorName)
	fees := k.bank.Balances(w, collector)
	if fees.IsZero() {
		return
	}
	if err := k.bank.Send(w, ev, collector, moduleAddress(), fees); err != nil {
		panic(fmt.Sprintf("distribution: the fee collector cannot pay out its own balance %s: %v", fees, err))
	}
	collected := NewDecCoinsFromCoins(fees)
	pool := k.CommunityPool(w)

	signed := math.ZeroInt()
	for _, v := range votes {
		if v.Signed && v.Power > 0 {
			signed = signed.Add(math.NewInt(v.Power))
		}
	}
	if signed.IsZero() {
		setCommunityPool(w, pool.Add(collected))
		return
	}

	p := k.Params(w)
	forValidators := collected.Sub(collected.MulDecTruncate(p.CommunityTax))
	total := math.LegacyNewDecFromInt(signed)
	remaining := collected
	for _, v := range votes {
		if !v.Signed || v.Power <= 0 {
			continue
		}
		val, ok := k.staking.ValidatorByConsAddr(w, v.ConsAddr)
		if !ok {
			continue
		}
		reward := forValidators.MulDecTruncate(math.LegacyNewDec(v.Power).QuoTruncate(total))
		if reward.IsZero() {
			continue
		}
		remaining = remaining.Sub(k.allocateToValidator(w, ev, val, reward))
	}
	setCommunityPool(w, pool.Add(remaining))
}

// allocateToValidator credits reward to val and returns the part it kept:
// all of it, or only the commission if it has no delegator shares.
func (k Keeper) allocateToValidator(w store.Writer, ev *core.Events, val staking.Validator, reward DecCoins) DecCoins {
	op := val.Operator
	commission := reward.MulDecTruncate(val.Commission.Rate)
	delegators := reward.Sub(commission)
	kept := reward
	if val.DelegatorShares.IsPositive() {
		if !delegators.IsZero() {
			setRewardIndex(w, op, k.rewardIndex(w, op).Add(delegators.QuoDecTruncate(val.DelegatorShares)))
		}
	} else {
		kept = commission
	}
	if !commission.IsZero() {
		setCommission(w, op, k.ValidatorCommission(w, op).Add(commission))
	}
	setOutstanding(w, op, k.OutstandingRewards(w, op).Add(kept))
	ev.Emit("commission",
		core.Attr("amount", commission.String()),
		core.Attr("validator", op.Valoper()))
	ev.Emit("rewards",
		core.Attr("amount", kept.String()),
		core.Attr("validator", op.Valoper()))
	return kept
}
