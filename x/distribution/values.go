package distribution

import (
	"fmt"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/distribution/types"
)

// The stored values of distribution are protobuf messages holding
// DecCoins, each amount as the integer count of 10^-18 units:
//
//   - the community pool: cosmos.distribution.v1beta1.FeePool;
//   - a validator's commission: ValidatorAccumulatedCommission;
//   - a validator's outstanding rewards: ValidatorOutstandingRewards;
//   - a validator's reward index: ValidatorHistoricalRewards, whose
//     cumulative_reward_ratio it is (reference_count is unused, zero);
//   - a delegation's start: stakechain.distribution.v1.DelegationStart.
//
// Each has one encode and one decode function here.

// unmarshal decodes a stored message, panicking on corrupt state.
func unmarshal(bz []byte, m interface{ Unmarshal([]byte) error }) {
	if err := m.Unmarshal(bz); err != nil {
		panic(fmt.Sprintf("distribution: corrupt %T in state: %v", m, err))
	}
}

// DecCoinsFromProto reads decimal coins from their wire form and checks
// that they are canonical.
func DecCoinsFromProto(in []*authtypes.DecCoin) (DecCoins, error) {
	out := make(DecCoins, len(in))
	for i, c := range in {
		if c == nil {
			return nil, core.ErrInvalidCoins.Wrap("empty decimal coin")
		}
		amt, err := core.DecFromProto(c.Amount)
		if err != nil {
			return nil, core.ErrInvalidCoins.Wrapf("decimal amount of %s: %v", c.Denom, err)
		}
		out[i] = core.DecCoin{Denom: c.Denom, Amount: amt}
	}
	if err := out.Validate(); err != nil {
		return nil, err
	}
	return out, nil
}

func mustDecCoins(in []*authtypes.DecCoin) DecCoins {
	ds, err := DecCoinsFromProto(in)
	if err != nil {
		panic(fmt.Sprintf("distribution: corrupt decimal coins in state: %v", err))
	}
	return ds
}

func encodeFeePool(pool DecCoins) []byte {
	return core.MarshalValue(&types.FeePool{CommunityPool: DecCoinsToProto(pool)})
}

func decodeFeePool(bz []byte) DecCoins {
	var m types.FeePool
	unmarshal(bz, &m)
	return mustDecCoins(m.CommunityPool)
}

func encodeCommission(comm DecCoins) []byte {
	return core.MarshalValue(&types.ValidatorAccumulatedCommission{Commission: DecCoinsToProto(comm)})
}

func decodeCommission(bz []byte) DecCoins {
	var m types.ValidatorAccumulatedCommission
	unmarshal(bz, &m)
	return mustDecCoins(m.Commission)
}

func encodeOutstanding(out DecCoins) []byte {
	return core.MarshalValue(&types.ValidatorOutstandingRewards{Rewards: DecCoinsToProto(out)})
}

func decodeOutstanding(bz []byte) DecCoins {
	var m types.ValidatorOutstandingRewards
	unmarshal(bz, &m)
	return mustDecCoins(m.Rewards)
}

func encodeRewardIndex(idx DecCoins) []byte {
	return core.MarshalValue(&types.ValidatorHistoricalRewards{CumulativeRewardRatio: DecCoinsToProto(idx)})
}

func decodeRewardIndex(bz []byte) DecCoins {
	var m types.ValidatorHistoricalRewards
	unmarshal(bz, &m)
	return mustDecCoins(m.CumulativeRewardRatio)
}

func encodeStart(idx DecCoins) []byte {
	return core.MarshalValue(&types.DelegationStart{CumulativeRewardRatio: DecCoinsToProto(idx)})
}

func decodeStart(bz []byte) DecCoins {
	var m types.DelegationStart
	unmarshal(bz, &m)
	return mustDecCoins(m.CumulativeRewardRatio)
}

// getDecCoins reads the value at key with decode; an absent key is zero.
func getDecCoins(r store.Reader, key []byte, decode func([]byte) DecCoins) DecCoins {
	bz := r.Get(key)
	if bz == nil {
		return DecCoins{}
	}
	return decode(bz)
}

// setDecCoins stores ds at key with encode; nothing is stored for zero.
func setDecCoins(w store.Writer, key []byte, ds DecCoins, encode func(DecCoins) []byte) {
	if ds.IsZero() {
		w.Delete(key)
		return
	}
	w.Set(key, encode(ds))
}

func setCommunityPool(w store.Writer, pool DecCoins) {
	setDecCoins(w, communityPoolKey, pool, encodeFeePool)
}

func setCommission(w store.Writer, val authtypes.Address, comm DecCoins) {
	setDecCoins(w, commissionKey(val), comm, encodeCommission)
}

func setOutstanding(w store.Writer, val authtypes.Address, out DecCoins) {
	setDecCoins(w, outstandingKey(val), out, encodeOutstanding)
}

func setRewardIndex(w store.Writer, val authtypes.Address, idx DecCoins) {
	setDecCoins(w, indexKey(val), idx, encodeRewardIndex)
}
