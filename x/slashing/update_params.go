package slashing

import (
	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/slashing/types"
	"github.com/stakechain/stakechain/x/staking"
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
type UpdateParams struct {
	Authority authtypes.Address
	Params    Params
}

// ParseMsgUpdateParams checks a MsgUpdateParams without state: the
// authority decodes, the parameters are present and valid. The three
// decimals, bytes on the wire, hold either the Cosmos form (the ASCII
// digits of the integer count of 10^-18 units) or a plain decimal such as
// "0.05", which people write in proposals by hand (see
// staking.ParamDecFromProto).
func ParseMsgUpdateParams(m *types.MsgUpdateParams) (UpdateParams, error) {
	authority, err := authtypes.ParseAddress(m.Authority)
	if err != nil {
		return UpdateParams{}, core.ErrInvalidAddress.Wrapf("authority: %v", err)
	}
	w := m.Params
	if w == nil {
		return UpdateParams{}, core.ErrInvalidRequest.Wrap("params are missing")
	}
	jail, err := staking.ParamDurationFromProto(w.DowntimeJailDuration)
	if err != nil {
		return UpdateParams{}, core.ErrInvalidRequest.Wrapf("params: downtime_jail_duration: %v", err)
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
		d, err := staking.ParamDecFromProto(string(f.bz))
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
// (ErrUnauthorized).
//
// NOTE: as SetParams documents, a new signed_blocks_window starts every
// validator's liveness window over.
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
