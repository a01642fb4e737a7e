package mint

import (
	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/mint/types"
	"github.com/stakechain/stakechain/x/staking"
	stakingtypes "github.com/stakechain/stakechain/x/staking/types"
)

// ErrUnauthorized refuses a MsgUpdateParams not signed by the chain's
// parameter authority. It is the first code of the mint codespace (Cosmos's
// x/mint registers none). The code is consensus-critical and never
// renumbered.
var ErrUnauthorized = core.Register(ModuleName, 2, "only governance may change the parameters")

// UpdateParams is a MsgUpdateParams with its authority decoded and its
// parameters checked.
type UpdateParams struct {
	Authority authtypes.Address
	Params    Params
}

// ParseMsgUpdateParams checks a MsgUpdateParams without state: the
// authority decodes, the parameters are present and valid. The four rates
// are read with staking.ParamDecFromProto: the Cosmos wire form or a plain
// decimal such as "0.13".
func ParseMsgUpdateParams(m *types.MsgUpdateParams) (UpdateParams, error) {
	authority, err := authtypes.ParseAddress(m.Authority)
	if err != nil {
		return UpdateParams{}, core.ErrInvalidAddress.Wrapf("authority: %v", err)
	}
	w := m.Params
	if w == nil {
		return UpdateParams{}, core.ErrInvalidRequest.Wrap("params are missing")
	}
	p := Params{MintDenom: w.MintDenom, BlocksPerYear: w.BlocksPerYear}
	for _, f := range []struct {
		name string
		s    string
		dst  *math.LegacyDec
	}{
		{"inflation_rate_change", w.InflationRateChange, &p.InflationRateChange},
		{"inflation_max", w.InflationMax, &p.InflationMax},
		{"inflation_min", w.InflationMin, &p.InflationMin},
		{"goal_bonded", w.GoalBonded, &p.GoalBonded},
	} {
		d, err := staking.ParamDecFromProto(f.s)
		if err != nil {
			return UpdateParams{}, core.ErrInvalidRequest.Wrapf("params: %s: %v", f.name, err)
		}
		*f.dst = d
	}
	if err := p.Validate(); err != nil {
		return UpdateParams{}, core.ErrInvalidRequest.Wrapf("params: %v", err)
	}
	return UpdateParams{Authority: authority, Params: p}, nil
}

// UpdateParams replaces the parameters if m is signed by authority, the
// chain's parameter authority (the gov module account), and emits an
// "update_params" event. It fails, changing nothing, for any other signer
// (ErrUnauthorized). The minter is left as it is: the next BeginBlock moves
// the inflation rate under the new parameters and clamps it to the new
// bounds.
func (k Keeper) UpdateParams(w store.Writer, ev *core.Events, authority authtypes.Address, m UpdateParams) error {
	if !m.Authority.Equal(authority) {
		return ErrUnauthorized.Wrapf("expected %s, got %s", authority, m.Authority)
	}
	if err := m.Params.Validate(); err != nil {
		return core.ErrInvalidRequest.Wrapf("params: %v", err)
	}
	if err := k.SetParams(w, m.Params); err != nil {
		return core.ErrInvalidRequest.Wrapf("params: %v", err)
	}
	ev.Emit("update_params", core.Attr("module", ModuleName), core.Attr("authority", m.Authority.String()))
	return nil
}

// ParamsToProto is p in its Cosmos wire form, as the Params query answers
// it and a MsgUpdateParams carries it.
func ParamsToProto(p Params) *types.Params {
	return &types.Params{
		MintDenom:           p.MintDenom,
		InflationRateChange: stakingtypes.DecToProto(p.InflationRateChange),
		InflationMax:        stakingtypes.DecToProto(p.InflationMax),
		InflationMin:        stakingtypes.DecToProto(p.InflationMin),
		GoalBonded:          stakingtypes.DecToProto(p.GoalBonded),
		BlocksPerYear:       p.BlocksPerYear,
	}
}
