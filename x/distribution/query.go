package distribution

import (
	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/distribution/types"
)

// DecCoinsToProto converts decimal coins to their wire form: each amount as
// the integer count of 10^-18 units, as Cosmos encodes a DecCoin.
func DecCoinsToProto(ds DecCoins) []*authtypes.DecCoin {
	out := make([]*authtypes.DecCoin, len(ds))
	for i, d := range ds {
		out[i] = &authtypes.DecCoin{Denom: d.Denom, Amount: core.DecToProto(d.Amount)}
	}
	return out
}

// QueryParams answers /cosmos.distribution.v1beta1.Query/Params. The
// proposer rewards, deprecated in Cosmos, are zero; withdraw addresses are
// not supported, so withdraw_addr_enabled is false.
func (k Keeper) QueryParams(r store.Reader, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	return &types.QueryParamsResponse{Params: ParamsToProto(k.Params(r))}, nil
}

// QueryValidatorOutstandingRewards answers
// /cosmos.distribution.v1beta1.Query/ValidatorOutstandingRewards.
func (k Keeper) QueryValidatorOutstandingRewards(r store.Reader, req *types.QueryValidatorOutstandingRewardsRequest) (*types.QueryValidatorOutstandingRewardsResponse, error) {
	val, err := k.knownValidator(r, req.ValidatorAddress)
	if err != nil {
		return nil, err
	}
	return &types.QueryValidatorOutstandingRewardsResponse{Rewards: &types.ValidatorOutstandingRewards{
		Rewards: DecCoinsToProto(k.OutstandingRewards(r, val)),
	}}, nil
}

// QueryValidatorCommission answers
// /cosmos.distribution.v1beta1.Query/ValidatorCommission.
func (k Keeper) QueryValidatorCommission(r store.Reader, req *types.QueryValidatorCommissionRequest) (*types.QueryValidatorCommissionResponse, error) {
	val, err := k.knownValidator(r, req.ValidatorAddress)
	if err != nil {
		return nil, err
	}
	return &types.QueryValidatorCommissionResponse{Commission: &types.ValidatorAccumulatedCommission{
		Commission: DecCoinsToProto(k.ValidatorCommission(r, val)),
	}}, nil
}

// QueryDelegationRewards answers
// /cosmos.distribution.v1beta1.Query/DelegationRewards: what the delegator
// would be paid now, before truncation to whole coins.
func (k Keeper) QueryDelegationRewards(r store.Reader, req *types.QueryDelegationRewardsRequest) (*types.QueryDelegationRewardsResponse, error) {
	del, err := authtypes.ParseAccountInput(req.DelegatorAddress)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrapf("delegator_address: %v", err)
	}
	val, err := authtypes.ParseValoper(req.ValidatorAddress)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrapf("validator_address: %v", err)
	}
	rewards, err := k.PendingRewards(r, del, val)
	if err != nil {
		return nil, err
	}
	return &types.QueryDelegationRewardsResponse{Rewards: DecCoinsToProto(rewards)}, nil
}

// QueryDelegationTotalRewards answers
// /cosmos.distribution.v1beta1.Query/DelegationTotalRewards: the pending
// rewards of each of the delegator's delegations, in validator address
// order, and their sum.
func (k Keeper) QueryDelegationTotalRewards(r store.Reader, req *types.QueryDelegationTotalRewardsRequest) (*types.QueryDelegationTotalRewardsResponse, error) {
	del, err := authtypes.ParseAccountInput(req.DelegatorAddress)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrapf("delegator_address: %v", err)
	}
	resp := &types.QueryDelegationTotalRewardsResponse{Rewards: []*types.DelegationDelegatorReward{}}
	total := DecCoins{}
	for _, d := range k.staking.DelegatorDelegations(r, del) {
		rewards := k.pending(r, d, k.rewardIndex(r, d.Validator))
		resp.Rewards = append(resp.Rewards, &types.DelegationDelegatorReward{
			ValidatorAddress: d.Validator.Valoper(),
			Reward:           DecCoinsToProto(rewards),
		})
		total = total.Add(rewards)
	}
	resp.Total = DecCoinsToProto(total)
	return resp, nil
}

// QueryDelegatorValidators answers
// /cosmos.distribution.v1beta1.Query/DelegatorValidators: the validators the
// delegator has delegated to, in address order.
func (k Keeper) QueryDelegatorValidators(r store.Reader, req *types.QueryDelegatorValidatorsRequest) (*types.QueryDelegatorValidatorsResponse, error) {
	del, err := authtypes.ParseAccountInput(req.DelegatorAddress)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrapf("delegator_address: %v", err)
	}
	resp := &types.QueryDelegatorValidatorsResponse{Validators: []string{}}
	for _, d := range k.staking.DelegatorDelegations(r, del) {
		resp.Validators = append(resp.Validators, d.Validator.Valoper())
	}
	return resp, nil
}

// QueryDelegatorWithdrawAddress answers
// /cosmos.distribution.v1beta1.Query/DelegatorWithdrawAddress. Rewards are
// always paid to the delegator itself.
func (k Keeper) QueryDelegatorWithdrawAddress(_ store.Reader, req *types.QueryDelegatorWithdrawAddressRequest) (*types.QueryDelegatorWithdrawAddressResponse, error) {
	del, err := authtypes.ParseAccountInput(req.DelegatorAddress)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrapf("delegator_address: %v", err)
	}
	return &types.QueryDelegatorWithdrawAddressResponse{WithdrawAddress: del.String()}, nil
}

// QueryCommunityPool answers /cosmos.distribution.v1beta1.Query/CommunityPool.
func (k Keeper) QueryCommunityPool(r store.Reader, _ *types.QueryCommunityPoolRequest) (*types.QueryCommunityPoolResponse, error) {
	return &types.QueryCommunityPoolResponse{Pool: DecCoinsToProto(k.CommunityPool(r))}, nil
}

// knownValidator decodes a validator operator address that has a validator,
// or distribution state left from one.
func (k Keeper) knownValidator(r store.Reader, s string) (authtypes.Address, error) {
	val, err := authtypes.ParseValoper(s)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrapf("validator_address: %v", err)
	}
	if _, ok := k.staking.Validator(r, val); !ok && !r.Has(outstandingKey(val)) {
		return nil, ErrNoValidatorExists.Wrap(s)
	}
	return val, nil
}
