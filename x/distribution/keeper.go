package distribution

import (
	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	"github.com/stakechain/stakechain/x/staking"
)

// Keeper allocates fees and inflation and pays rewards. It holds no state;
// every method takes the state view it works on.
type Keeper struct {
	bank    bank.Keeper
	staking staking.Keeper
}

// NewKeeper returns a distribution keeper. The auth keeper behind bk must
// know the module accounts of ModuleAccounts and auth.FeeCollectorName.
func NewKeeper(bk bank.Keeper, sk staking.Keeper) Keeper {
	return Keeper{bank: bk, staking: sk}
}

// ModuleAccounts are the module accounts distribution needs: its own, which
// holds the rewards not yet paid and the community pool. It neither mints
// nor burns.
func ModuleAccounts() []auth.ModuleAccountSpec {
	return []auth.ModuleAccountSpec{{Name: ModuleName}}
}

// moduleAddress is the distribution module account.
func moduleAddress() authtypes.Address { return authtypes.ModuleAddress(ModuleName) }

// CommunityPool returns the community pool.
func (k Keeper) CommunityPool(r store.Reader) DecCoins {
	return getDecCoins(r, communityPoolKey, decodeFeePool)
}

// ValidatorCommission returns the commission val has accumulated and not
// withdrawn.
func (k Keeper) ValidatorCommission(r store.Reader, val authtypes.Address) DecCoins {
	return getDecCoins(r, commissionKey(val), decodeCommission)
}

// OutstandingRewards returns everything allocated to val that nobody has
// been paid yet: its commission, and its delegators' rewards.
func (k Keeper) OutstandingRewards(r store.Reader, val authtypes.Address) DecCoins {
	return getDecCoins(r, outstandingKey(val), decodeOutstanding)
}

// rewardIndex returns val's cumulative reward per share: what one share
// held since the validator was created would have earned.
func (k Keeper) rewardIndex(r store.Reader, val authtypes.Address) DecCoins {
	return getDecCoins(r, indexKey(val), decodeRewardIndex)
}

// start returns the reward index at which the delegation was last settled,
// and false if it never was.
func (k Keeper) start(r store.Reader, del, val authtypes.Address) (DecCoins, bool) {
	bz := r.Get(startKey(del, val))
	if bz == nil {
		return nil, false
	}
	return decodeStart(bz), true
}

// setStart stores the start of a delegation, also at index zero: a start
// is a value even when it is empty.
func (k Keeper) setStart(w store.Writer, del, val authtypes.Address, idx DecCoins) {
	w.Set(startKey(del, val), encodeStart(idx))
}

// pending is what delegation d has earned since its last settlement at the
// reward index idx: its current shares times the growth of the index,
// truncated. It never exceeds the part of the validator's outstanding
// rewards that is not commission; when the settlement contract (doc.go) is
// kept that cap never binds, and when it is broken it keeps the other
// delegators' and the validator's rewards whole.
func (k Keeper) pending(r store.Reader, d staking.Delegation, idx DecCoins) DecCoins {
	start, ok := k.start(r, d.Delegator, d.Validator)
	if !ok {
		start = idx
	}
	growth, ok := idx.SafeSub(start)
	if !ok {
		panic("distribution: a reward index went down")
	}
	owed := growth.MulDecTruncate(d.Shares)
	avail := k.OutstandingRewards(r, d.Validator).Sub(k.ValidatorCommission(r, d.Validator))
	return owed.Min(avail)
}

// PendingRewards returns what del would be paid, before truncation to
// whole coins, if it withdrew its rewards from val now.
func (k Keeper) PendingRewards(r store.Reader, del, val authtypes.Address) (DecCoins, error) {
	if _, ok := k.staking.Validator(r, val); !ok {
		return nil, ErrNoValidatorExists.Wrap(val.Valoper())
	}
	d, ok := k.staking.Delegation(r, del, val)
	if !ok {
		return nil, ErrNoDelegationExists.Wrapf("%s to %s", del, val.Valoper())
	}
	return k.pending(r, d, k.rewardIndex(r, val)), nil
}
