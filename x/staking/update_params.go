package staking

import (
	"fmt"
	"strings"
	"time"

	"cosmossdk.io/math"
	gogotypes "github.com/cosmos/gogoproto/types"

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
type UpdateParams struct {
	Authority authtypes.Address
	Params    Params
}

// ParseMsgUpdateParams checks a MsgUpdateParams without state: the
// authority decodes, the parameters are present and valid. Decimals are
// read with ParamDecFromProto. historical_entries is accepted and ignored:
// this chain keeps no historical info.
func ParseMsgUpdateParams(m *types.MsgUpdateParams) (UpdateParams, error) {
	authority, err := authtypes.ParseAddress(m.Authority)
	if err != nil {
		return UpdateParams{}, core.ErrInvalidAddress.Wrapf("authority: %v", err)
	}
	if m.Params == nil {
		return UpdateParams{}, core.ErrInvalidRequest.Wrap("params are missing")
	}
	unbonding, err := ParamDurationFromProto(m.Params.UnbondingTime)
	if err != nil {
		return UpdateParams{}, core.ErrInvalidRequest.Wrapf("params: unbonding_time: %v", err)
	}
	minCommission, err := ParamDecFromProto(m.Params.MinCommissionRate)
	if err != nil {
		return UpdateParams{}, core.ErrInvalidRequest.Wrapf("params: min_commission_rate: %v", err)
	}
	p := Params{
		BondDenom:         m.Params.BondDenom,
		UnbondingTime:     unbonding,
		MaxValidators:     m.Params.MaxValidators,
		MaxEntries:        m.Params.MaxEntries,
		MinCommissionRate: minCommission,
	}
	check := p
	check.PowerReduction = DefaultPowerReduction
	if err := check.Validate(); err != nil {
		return UpdateParams{}, core.ErrInvalidRequest.Wrapf("params: %v", err)
	}
	return UpdateParams{Authority: authority, Params: p}, nil
}

// UpdateParams replaces the parameters if m is signed by authority, the
// chain's parameter authority (the gov module account), and emits an
// "update_params" event. The power reduction stays as it is.
//
// NOTE: the bond denom may not change at all (ErrBondDenomChanged): every
// delegation, unbonding and pool balance is counted in it. It fails,
// changing nothing, for any other signer (ErrUnauthorized).
func (k Keeper) UpdateParams(w store.Writer, ev *core.Events, authority authtypes.Address, m UpdateParams) error {
	if !m.Authority.Equal(authority) {
		return ErrUnauthorized.Wrapf("expected %s, got %s", authority, m.Authority)
	}
	cur := k.Params(w)
	if m.Params.BondDenom != cur.BondDenom {
		return ErrBondDenomChanged.Wrapf("it is %s, the message asks for %s", cur.BondDenom, m.Params.BondDenom)
	}
	p := m.Params
	p.PowerReduction = cur.PowerReduction
	if err := p.Validate(); err != nil {
		return core.ErrInvalidRequest.Wrapf("params: %v", err)
	}
	if err := k.SetParams(w, p); err != nil {
		return core.ErrInvalidRequest.Wrapf("params: %v", err)
	}
	ev.Emit("update_params", core.Attr("module", ModuleName), core.Attr("authority", m.Authority.String()))
	return nil
}

// ParamsToProto is p in its Cosmos wire form, as the Params query answers
// and a MsgUpdateParams carries it. The power reduction has no field.
func ParamsToProto(p Params) *types.Params {
	d := p.UnbondingTime.D()
	return &types.Params{
		UnbondingTime:     &gogotypes.Duration{Seconds: int64(d / time.Second), Nanos: int32(d % time.Second)},
		MaxValidators:     p.MaxValidators,
		MaxEntries:        p.MaxEntries,
		BondDenom:         p.BondDenom,
		MinCommissionRate: types.DecToProto(p.MinCommissionRate),
	}
}

// ParamDecFromProto reads a decimal field of a parameter-change message
// (MsgUpdateParams of staking, slashing, distribution and mint). It accepts
// two forms:
//
//   - the Cosmos wire form, the integer count of 10^-18 units
//     ("50000000000000000" is 0.05), which Cosmos clients send;
//   - a plain decimal with a point ("0.05"), because people write proposal
//     JSON by hand.
//
// A string containing '.' is read as a plain decimal, anything else as the
// wire form; so "1" is 10^-18, and one is "1.0" or "1000000000000000000".
// The empty string is refused: a parameter left out is an error, not zero.
func ParamDecFromProto(s string) (math.LegacyDec, error) {
	if s == "" {
		return math.LegacyDec{}, fmt.Errorf("%w: value is missing", types.ErrBadNumber)
	}
	if strings.Contains(s, ".") {
		return math.LegacyNewDecFromStr(s)
	}
	return types.DecFromProto(s)
}

// ParamDurationFromProto reads a Duration field of a parameter-change
// message; it must be present and within time.Duration's range.
func ParamDurationFromProto(d *gogotypes.Duration) (core.Duration, error) {
	if d == nil {
		return 0, fmt.Errorf("%w: duration is missing", types.ErrBadNumber)
	}
	td, err := gogotypes.DurationFromProto(d)
	if err != nil {
		return 0, err
	}
	return core.Duration(td), nil
}
