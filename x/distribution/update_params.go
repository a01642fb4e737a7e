package distribution

import (
	"errors"
	"fmt"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/distribution/types"
)

// ErrUnauthorized refuses a MsgUpdateParams or MsgCommunityPoolSpend not
// signed by the chain's parameter authority. Code 14 is the first after
// those of Cosmos's x/distribution (2 to 13). It sits here rather than in
// errors.go so that the change adding it touches no existing file; the code
// is consensus-critical and never renumbered.
var ErrUnauthorized = core.Register(ModuleName, 14, "only governance may change the parameters or spend the community pool")

// UpdateParams is a MsgUpdateParams with its authority decoded and its
// parameters checked.
type UpdateParams = core.UpdateParams[authtypes.Address, Params]

// ParseMsgUpdateParams checks a MsgUpdateParams without state: the
// authority decodes, the parameters are present and valid (see
// ParamsFromProto).
func ParseMsgUpdateParams(m *types.MsgUpdateParams) (UpdateParams, error) {
	return core.ParseUpdateParams(m.Authority, authtypes.ParseAddress, m.Params, ParamsFromProto, Params.Validate)
}

// UpdateParams replaces the parameters if m is signed by authority, the
// chain's parameter authority (the gov module account), and emits an
// "update_params" event. It fails, changing nothing, for any other signer
// (ErrUnauthorized).
func (k Keeper) UpdateParams(w store.Writer, ev *core.Events, authority authtypes.Address, m UpdateParams) error {
	return core.ApplyUpdateParams(w, ev, authority, m, core.ParamsUpdate[store.Writer, Params]{
		Module: ModuleName, Unauthorized: ErrUnauthorized, Set: k.SetParams,
	})
}

// ParamsToProto is p in its Cosmos wire form, as the Params query answers
// it: the proposer rewards, deprecated, are zero and withdraw_addr_enabled
// is false.
func ParamsToProto(p Params) *types.Params {
	zero := core.DecToProto(math.LegacyZeroDec())
	return &types.Params{
		CommunityTax:        core.DecToProto(p.CommunityTax),
		BaseProposerReward:  zero,
		BonusProposerReward: zero,
	}
}

// ParamsFromProto reads p from its Cosmos wire form, unchecked.
// community_tax is read with core.ParamDecFromProto: the Cosmos wire form
// or a plain decimal such as "0.02". base_proposer_reward and
// bonus_proposer_reward, deprecated and unused in Cosmos too, are ignored.
// withdraw_addr_enabled must be false: this chain always pays rewards to
// the delegator.
func ParamsFromProto(w *types.Params) (Params, error) {
	if w.WithdrawAddrEnabled {
		return Params{}, errors.New("withdraw_addr_enabled: withdraw addresses are not supported")
	}
	tax, err := core.ParamDecFromProto(w.CommunityTax)
	if err != nil {
		return Params{}, fmt.Errorf("community_tax: %w", err)
	}
	return Params{CommunityTax: tax}, nil
}
