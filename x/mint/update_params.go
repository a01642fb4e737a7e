package mint

import (
	"fmt"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/mint/types"
)

// ErrUnauthorized refuses a MsgUpdateParams not signed by the chain's
// parameter authority. It is the first code of the mint codespace (Cosmos's
// x/mint registers none). The code is consensus-critical and never
// renumbered.
var ErrUnauthorized = core.Register(ModuleName, 2, "only governance may change the parameters")

// UpdateParams is a MsgUpdateParams with its authority decoded and its
// parameters checked.
type UpdateParams = core.UpdateParams[authtypes.Address, Params]

// ParseMsgUpdateParams checks a MsgUpdateParams without state: the
// authority decodes, the parameters are present and valid. The four rates
// are read with core.ParamDecFromProto: the Cosmos wire form or a plain
// decimal such as "0.13".
func ParseMsgUpdateParams(m *types.MsgUpdateParams) (UpdateParams, error) {
	return core.ParseUpdateParams(m.Authority, authtypes.ParseAddress, m.Params, ParamsFromProto, Params.Validate)
}

// UpdateParams replaces the parameters if m is signed by authority, the
// chain's parameter authority (the gov module account), and emits an
// "update_params" event. It fails, changing nothing, for any other signer
// (ErrUnauthorized). The minter is left as it is: the next BeginBlock moves
// the inflation rate under the new parameters and clamps it to the new
// bounds.
func (k Keeper) UpdateParams(w store.Writer, ev *core.Events, authority authtypes.Address, m UpdateParams) error {
	return core.ApplyUpdateParams(w, ev, authority, m, core.ParamsUpdate[store.Writer, Params]{
		Module: ModuleName, Unauthorized: ErrUnauthorized, Set: k.SetParams,
	})
}

// ParamsToProto is p in its Cosmos wire form, as the Params query answers
// it and a MsgUpdateParams carries it.
func ParamsToProto(p Params) *types.Params {
	return &types.Params{
		MintDenom:           p.MintDenom,
		InflationRateChange: core.DecToProto(p.InflationRateChange),
		InflationMax:        core.DecToProto(p.InflationMax),
		InflationMin:        core.DecToProto(p.InflationMin),
		GoalBonded:          core.DecToProto(p.GoalBonded),
		BlocksPerYear:       p.BlocksPerYear,
	}
}

// ParamsFromProto reads p from its Cosmos wire form, unchecked. The rates
// are read with core.ParamDecFromProto.
func ParamsFromProto(w *types.Params) (Params, error) {
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
		d, err := core.ParamDecFromProto(f.s)
		if err != nil {
			return Params{}, fmt.Errorf("%s: %w", f.name, err)
		}
		*f.dst = d
	}
	return p, nil
}

// MinterToProto is m in its Cosmos wire form, cosmos.mint.v1beta1.Minter.
func MinterToProto(m Minter) *types.Minter {
	return &types.Minter{Inflation: core.DecToProto(m.Inflation), AnnualProvisions: core.DecToProto(m.AnnualProvisions)}
}

// MinterFromProto reads a minter from its Cosmos wire form.
func MinterFromProto(w *types.Minter) (Minter, error) {
	inflation, err := core.DecFromProto(w.Inflation)
	if err != nil {
		return Minter{}, fmt.Errorf("inflation: %w", err)
	}
	provisions, err := core.DecFromProto(w.AnnualProvisions)
	if err != nil {
		return Minter{}, fmt.Errorf("annual_provisions: %w", err)
	}
	return Minter{Inflation: inflation, AnnualProvisions: provisions}, nil
}
