package distribution

import (
	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// SettleDelegation pays del what its delegation to val has earned since it
// was last settled, and restarts its accounting at val's current reward
// index. The reward, (index − start) × the delegation's current shares, is
// paid in whole coins from the distribution module account; it leaves val's
// outstanding rewards, and its decimal change goes to the community pool.
//
// If del has no delegation to val, nothing is paid and the accounting of
// the delegation about to be created starts at the current index.
//
// CONTRACT: the caller settles a delegation before every change of its
// shares (see doc.go); otherwise the delegation is paid for past blocks at
// its new share count.
func (k Keeper) SettleDelegation(w store.Writer, ev *core.Events, del, val authtypes.Address) (core.Coins, error) {
	idx := k.rewardIndex(w, val)
	d, ok := k.staking.Delegation(w, del, val)
	if !ok {
		k.setStart(w, del, val, idx)
		return core.Coins{}, nil
	}
	owed := k.pending(w, d, idx)
	k.setStart(w, del, val, idx)
	coins, change := owed.TruncateDecimal()
	if !owed.IsZero() {
		setOutstanding(w, val, k.OutstandingRewards(w, val).Sub(owed))
		setCommunityPool(w, k.CommunityPool(w).Add(change))
	}
	if !coins.IsZero() {
		if err := k.bank.Send(w, ev, moduleAddress(), del, coins); err != nil {
			return nil, err
		}
	}
	amount := coins.String()
	if coins.IsZero() {
		// As Cosmos reports an empty withdrawal.
		amount = "0" + k.staking.Params(w).BondDenom
	}
	ev.Emit("withdraw_rewards",
		core.Attr("amount", amount),
		core.IndexedAttr("validator", val.Valoper()),
		core.IndexedAttr("delegator", del.String()))
	return coins, nil
}

// WithdrawDelegatorReward executes MsgWithdrawDelegatorReward: it settles
// del's delegation to val, which must exist, and returns what was paid
// (nothing if there was nothing to pay).
func (k Keeper) WithdrawDelegatorReward(w store.Writer, ev *core.Events, del, val authtypes.Address) (core.Coins, error) {
	if _, ok := k.staking.Validator(w, val); !ok {
		return nil, ErrNoValidatorExists.Wrap(val.Valoper())
	}
	if _, ok := k.staking.Delegation(w, del, val); !ok {
		return nil, ErrNoDelegationExists.Wrapf("%s to %s", del, val.Valoper())
	}
	return k.SettleDelegation(w, ev, del, val)
}

// WithdrawValidatorCommission executes MsgWithdrawValidatorCommission: it
// pays the whole coins of val's accumulated commission to the operator's
// account (the same bytes as val) and keeps the decimal change for later.
// It fails if there is not one whole coin to pay.
func (k Keeper) WithdrawValidatorCommission(w store.Writer, ev *core.Events, val authtypes.Address) (core.Coins, error) {
	coins, change := k.ValidatorCommission(w, val).TruncateDecimal()
	if coins.IsZero() {
		return nil, ErrNoValidatorCommission.Wrap(val.Valoper())
	}
	setCommission(w, val, change)
	setOutstanding(w, val, k.OutstandingRewards(w, val).Sub(NewDecCoinsFromCoins(coins)))
	if err := k.bank.Send(w, ev, moduleAddress(), val, coins); err != nil {
		return nil, err
	}
	ev.Emit("withdraw_commission", core.Attr("amount", coins.String()))
	return coins, nil
}
