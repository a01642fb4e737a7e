package slashing

import (
	"fmt"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/slashing/types"
)

// ErrUnauthorized refuses a MsgUpdateParams not signed by the chain's
// parameter authority. It is the transaction-level core.ErrUnauthorized
// (codespace "sdk", code 4), not a new slashing code: the slashing codespace
// is pinned to the codes Cosmos clients know (TestSlashingErrorCodesAreUnique
// counts them), and Cosmos itself answers this case outside the slashing
// codespace.
var ErrUnauthorized = core.ErrUnauthorized

// UpdateParams is a MsgUpdateParams with its authority decoded and its
// parameters checked.
type UpdateParams = core.UpdateParams[authtypes.Address, Params]

// ParseMsgUpdateParams checks a MsgUpdateParams without state: the
// authority decodes, the parameters are present and valid. The three
// decimals, bytes on the wire, hold either the Cosmos form (the ASCII
// digits of the integer count of 10^-18 units) or a plain decimal such as
// "0.05", which people write in proposals by hand (see
// core.ParamDecFromProto).
func ParseMsgUpdateParams(m *types.MsgUpdateParams) (UpdateParams, error) {
	return core.ParseUpdateParams(m.Authority, authtypes.ParseAddress, m.Params, ParamsFromProto, Params.Validate)
}

// UpdateParams replaces the parameters if m is signed by authority, the
// chain's parameter authority (the gov module account), and emits an
// "update_params" event. It fails, changing nothing, for any other signer
// (ErrUnauthorized).
//
// NOTE: as SetParams documents, a new signed_blocks_window starts every
// validator's liveness window over.
func (k Keeper) UpdateParams(w store.Writer, ev *core.Events, authority authtypes.Address, m UpdateParams) error {
	return core.ApplyUpdateParams(w, ev, authority, m, core.ParamsUpdate[store.Writer, Params]{
		Module: ModuleName, Unauthorized: ErrUnauthorized, Set: k.SetParams,
	})
}

// ParamsFromProto reads p from its Cosmos wire form, unchecked. The
// decimals are read with core.ParamDecFromProto.
func ParamsFromProto(w *types.Params) (Params, error) {
	jail, err := core.ParamDurationFromProto(w.DowntimeJailDuration)
	if err != nil {
		return Params{}, fmt.Errorf("downtime_jail_duration: %w", err)
	}
	p := Params{SignedBlocksWindow: w.SignedBlocksWindow, DowntimeJailDuration: jail}
	for _, f := range []struct {
		name string
		bz   []byte
		dst  *math.LegacyDec
	}{
		{"min_signed_per_window", w.MinSignedPerWindow, &p.MinSignedPerWindow},
		{"slash_fraction_double_sign", w.SlashFractionDoubleSign, &p.SlashFractionDoubleSign},
		{"slash_fraction_downtime", w.SlashFractionDowntime, &p.SlashFractionDowntime},
	} {
		d, err := core.ParamDecFromProto(string(f.bz))
		if err != nil {
			return Params{}, fmt.Errorf("%s: %w", f.name, err)
		}
		*f.dst = d
	}
	return p, nil
}
