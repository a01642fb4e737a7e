package staking

import (
	"fmt"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/staking/types"
)

// Errors of MsgUpdateParams. They sit here rather than in errors.go so that
// the change adding them touches no existing file; the codes are
// consensus-critical and never renumbered.
var (
	ErrUnauthorized     = core.Register(ModuleName, 21, "only governance may change the parameters")
	ErrBondDenomChanged = core.Register(ModuleName, 22, "bond denom cannot change")
)

// UpdateParams is a MsgUpdateParams with its authority decoded and its
// parameters checked.
//
// NOTE: Params.PowerReduction is not a Cosmos parameter and is not in the
// message. ParseMsgUpdateParams leaves it nil and Keeper.UpdateParams keeps
// the chain's current value.
type UpdateParams = core.UpdateParams[authtypes.Address, Params]

// ParseMsgUpdateParams checks a MsgUpdateParams without state: the
// authority decodes, the parameters are present and valid. Decimals are
// read with core.ParamDecFromProto. historical_entries is accepted and
// ignored: this chain keeps no historical info.
func ParseMsgUpdateParams(m *types.MsgUpdateParams) (UpdateParams, error) {
	return core.ParseUpdateParams(m.Authority, authtypes.ParseAddress, m.Params, ParamsFromProto, validateMsgParams)
}

// validateMsgParams validates parameters from a message, which carry no
// power reduction.
func validateMsgParams(p Params) error {
	p.PowerReduction = DefaultPowerReduction
	return p.Validate()
}

// UpdateParams replaces the parameters if m is signed by authority, the
// chain's parameter authority (the gov module account), and emits an
// "update_params" event. The power reduction stays as it is.
//
// NOTE: the bond denom may not change at all (ErrBondDenomChanged): every
// delegation, unbonding and pool balance is counted in it. It fails,
// changing nothing, for any other signer (ErrUnauthorized).
func (k Keeper) UpdateParams(w store.Writer, ev *core.Events, authority authtypes.Address, m UpdateParams) error {
	return core.ApplyUpdateParams(w, ev, authority, m, core.ParamsUpdate[store.Writer, Params]{
		Module: ModuleName, Unauthorized: ErrUnauthorized, Complete: k.keepBondDenom, Set: k.SetParams,
	})
}

// keepBondDenom refuses a change of the bond denom and carries the current
// power reduction over to p.
func (k Keeper) keepBondDenom(w store.Writer, p Params) (Params, error) {
	cur := k.Params(w)
	if p.BondDenom != cur.BondDenom {
		return p, ErrBondDenomChanged.Wrapf("it is %s, the message asks for %s", cur.BondDenom, p.BondDenom)
	}
	p.PowerReduction = cur.PowerReduction
	return p, nil
}

// ParamsToProto is p in its Cosmos wire form, as the Params query answers
// and a MsgUpdateParams carries it. The power reduction has no field.
func ParamsToProto(p Params) *types.Params {
	return &types.Params{
		UnbondingTime:     core.DurationToProto(p.UnbondingTime),
		MaxValidators:     p.MaxValidators,
		MaxEntries:        p.MaxEntries,
		BondDenom:         p.BondDenom,
		MinCommissionRate: core.DecToProto(p.MinCommissionRate),
	}
}

// ParamsFromProto reads p from its Cosmos wire form, unchecked. The
// decimal is read with core.ParamDecFromProto, so a plain decimal such as
// "0.05" is taken too. The power reduction, which has no field, is left
// nil.
func ParamsFromProto(w *types.Params) (Params, error) {
	unbonding, err := core.ParamDurationFromProto(w.UnbondingTime)
	if err != nil {
		return Params{}, fmt.Errorf("unbonding_time: %w", err)
	}
	minCommission, err := core.ParamDecFromProto(w.MinCommissionRate)
	if err != nil {
		return Params{}, fmt.Errorf("min_commission_rate: %w", err)
	}
	return Params{
		BondDenom:         w.BondDenom,
		UnbondingTime:     unbonding,
		MaxValidators:     w.MaxValidators,
		MaxEntries:        w.MaxEntries,
		MinCommissionRate: minCommission,
	}, nil
}
