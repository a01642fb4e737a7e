package staking

import (
	"time"

	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth/keys"
	"github.com/stakechain/stakechain/x/auth/keys/ed25519"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/staking/types"
)

// ValidatorToProto is v in its Cosmos wire form.
func ValidatorToProto(v Validator) *types.Validator {
	return &types.Validator{
		OperatorAddress: v.Operator.Valoper(),
		ConsensusPubkey: keys.PubKeyToAny(&ed25519.PubKey{Key: v.ConsPubKey}),
		Jailed:          v.Jailed,
		Status:          types.BondStatus(v.Status),
		Tokens:          core.IntToProto(v.Tokens),
		DelegatorShares: core.DecToProto(v.DelegatorShares),
		Description: &types.Description{Moniker: v.Description.Moniker, Identity: v.Description.Identity, Website: v.Description.Website,
			SecurityContact: v.Description.SecurityContact, Details: v.Description.Details},
		UnbondingHeight: v.UnbondingHeight,
		UnbondingTime:   timestamp(v.UnbondingTime),
		Commission: &types.Commission{
			CommissionRates: &types.CommissionRates{Rate: core.DecToProto(v.Commission.Rate), MaxRate: core.DecToProto(v.Commission.MaxRate),
				MaxChangeRate: core.DecToProto(v.Commission.MaxChangeRate)},
			UpdateTime: timestamp(v.CommissionUpdated),
		},
		MinSelfDelegation: core.IntToProto(v.MinSelfDelegation),
	}
}

// QueryValidators answers /cosmos.staking.v1beta1.Query/Validators: every
// validator, or those of one status ("BOND_STATUS_BONDED", ...), in
// operator address order, one page at a time by offset.
func (k Keeper) QueryValidators(r store.Reader, req *types.QueryValidatorsRequest) (*types.QueryValidatorsResponse, error) {
	var want BondStatus
	if req.Status != "" {
		s, ok := types.BondStatus_value[req.Status]
		if !ok || s == 0 {
			return nil, core.ErrInvalidRequest.Wrapf("unknown status %q", req.Status)
		}
		want = BondStatus(s)
	}
	var all []*types.Validator
	for _, v := range k.Validators(r) {
		if want == 0 || v.Status == want {
			all = append(all, ValidatorToProto(v))
		}
	}
	lo, hi, page := authtypes.PageOf(len(all), req.Pagination, maxPage)
	return &types.QueryValidatorsResponse{Validators: all[lo:hi], Pagination: page}, nil
}

// QueryValidator answers /cosmos.staking.v1beta1.Query/Validator.
func (k Keeper) QueryValidator(r store.Reader, req *types.QueryValidatorRequest) (*types.QueryValidatorResponse, error) {
	op, err := authtypes.ParseValoper(req.ValidatorAddr)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrap(err.Error())
	}
	v, ok := k.Validator(r, op)
	if !ok {
		return nil, core.ErrNotFound.Wrapf("rpc error: code = NotFound desc = validator %s not found", req.ValidatorAddr)
	}
	return &types.QueryValidatorResponse{Validator: ValidatorToProto(v)}, nil
}

func (k Keeper) delegationResponse(r store.Reader, d Delegation) *types.DelegationResponse {
	p := k.Params(r)
	bal := "0"
	if v, ok := k.Validator(r, d.Validator); ok && v.DelegatorShares.IsPositive() {
		bal = v.TokensFromShares(d.Shares).TruncateInt().String()
	}
	return &types.DelegationResponse{
		Delegation: delegationToProto(d),
		Balance:    &authtypes.Coin{Denom: p.BondDenom, Amount: bal},
	}
}

// QueryDelegation answers /cosmos.staking.v1beta1.Query/Delegation.
func (k Keeper) QueryDelegation(r store.Reader, req *types.QueryDelegationRequest) (*types.QueryDelegationResponse, error) {
	del, err := authtypes.ParseAccountInput(req.DelegatorAddr)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrap(err.Error())
	}
	val, err := authtypes.ParseValoper(req.ValidatorAddr)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrap(err.Error())
	}
	d, ok := k.Delegation(r, del, val)
	if !ok {
		return nil, core.ErrNotFound.Wrapf("rpc error: code = NotFound desc = delegation with delegator %s not found for validator %s", req.DelegatorAddr, req.ValidatorAddr)
	}
	return &types.QueryDelegationResponse{DelegationResponse: k.delegationResponse(r, d)}, nil
}

// QueryDelegatorDelegations answers
// /cosmos.staking.v1beta1.Query/DelegatorDelegations.
func (k Keeper) QueryDelegatorDelegations(r store.Reader, req *types.QueryDelegatorDelegationsRequest) (*types.QueryDelegatorDelegationsResponse, error) {
	del, err := authtypes.ParseAccountInput(req.DelegatorAddr)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrap(err.Error())
	}
	var all []*types.DelegationResponse
	for _, d := range k.DelegatorDelegations(r, del) {
		all = append(all, k.delegationResponse(r, d))
	}
	lo, hi, page := authtypes.PageOf(len(all), req.Pagination, maxPage)
	return &types.QueryDelegatorDelegationsResponse{DelegationResponses: all[lo:hi], Pagination: page}, nil
}

// QueryUnbondingDelegation answers
// /cosmos.staking.v1beta1.Query/UnbondingDelegation.
func (k Keeper) QueryUnbondingDelegation(r store.Reader, req *types.QueryUnbondingDelegationRequest) (*types.QueryUnbondingDelegationResponse, error) {
	del, err := authtypes.ParseAccountInput(req.DelegatorAddr)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrap(err.Error())
	}
	val, err := authtypes.ParseValoper(req.ValidatorAddr)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrap(err.Error())
	}
	u := k.UnbondingDelegation(r, del, val)
	if len(u.Entries) == 0 {
		return nil, core.ErrNotFound.Wrapf("rpc error: code = NotFound desc = unbonding delegation with delegator %s not found for validator %s", req.DelegatorAddr, req.ValidatorAddr)
	}
	return &types.QueryUnbondingDelegationResponse{Unbond: unbondingToProto(u)}, nil
}

// QueryDelegatorUnbondingDelegations answers
// /cosmos.staking.v1beta1.Query/DelegatorUnbondingDelegations.
func (k Keeper) QueryDelegatorUnbondingDelegations(r store.Reader, req *types.QueryDelegatorUnbondingDelegationsRequest) (*types.QueryDelegatorUnbondingDelegationsResponse, error) {
	del, err := authtypes.ParseAccountInput(req.DelegatorAddr)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrap(err.Error())
	}
	var all []*types.UnbondingDelegation
	for _, u := range k.DelegatorUnbondingDelegations(r, del) {
		all = append(all, unbondingToProto(u))
	}
	lo, hi, page := authtypes.PageOf(len(all), req.Pagination, maxPage)
	return &types.QueryDelegatorUnbondingDelegationsResponse{UnbondingResponses: all[lo:hi], Pagination: page}, nil
}

// QueryParams answers /cosmos.staking.v1beta1.Query/Params.
func (k Keeper) QueryParams(r store.Reader, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p := k.Params(r)
	d := p.UnbondingTime.D()
	return &types.QueryParamsResponse{Params: &types.Params{
		UnbondingTime:     &gogotypes.Duration{Seconds: int64(d / time.Second), Nanos: int32(d % time.Second)},
		MaxValidators:     p.MaxValidators,
		MaxEntries:        p.MaxEntries,
		BondDenom:         p.BondDenom,
		MinCommissionRate: core.DecToProto(p.MinCommissionRate),
	}}, nil
}

// QueryPool answers /cosmos.staking.v1beta1.Query/Pool.
func (k Keeper) QueryPool(r store.Reader, _ *types.QueryPoolRequest) (*types.QueryPoolResponse, error) {
	bonded, notBonded := k.PoolBalances(r)
	return &types.QueryPoolResponse{Pool: &types.Pool{BondedTokens: bonded.String(), NotBondedTokens: notBonded.String()}}, nil
}

// maxPage bounds one page of a list query.
const maxPage = 1000
