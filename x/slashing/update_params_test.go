package slashing

import (
	"encoding/json"
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/slashing/types"
)

var govAuthority = authtypes.ModuleAddress("gov")

// sameJSON fails unless want and got encode alike, so decimals compare by
// value.
func sameJSON(t *testing.T, want, got any) {
	t.Helper()
	a, err := json.Marshal(want)
	require.NoError(t, err)
	b, err := json.Marshal(got)
	require.NoError(t, err)
	require.JSONEq(t, string(a), string(b))
}

// wireUpdate encodes and decodes a MsgUpdateParams, as it travels in a
// proposal.
func wireUpdate(t *testing.T, authority string, p *types.Params) *types.MsgUpdateParams {
	t.Helper()
	bz, err := proto.Marshal(&types.MsgUpdateParams{Authority: authority, Params: p})
	require.NoError(t, err)
	var m types.MsgUpdateParams
	require.NoError(t, proto.Unmarshal(bz, &m))
	return &m
}

func intendedSlashingParams() Params {
	return Params{
		SignedBlocksWindow:      20_000,
		MinSignedPerWindow:      math.LegacyNewDecWithPrec(5, 2),
		DowntimeJailDuration:    core.Duration(10*time.Minute + 250*time.Millisecond),
		SlashFractionDoubleSign: math.LegacyNewDecWithPrec(25, 3),
		SlashFractionDowntime:   math.LegacyNewDecWithPrec(1, 4),
	}
}

func TestSlashingParamsRoundTripThroughMsgUpdateParams(t *testing.T) {
	e := newEnv(t)
	want := intendedSlashingParams()
	u, err := ParseMsgUpdateParams(wireUpdate(t, govAuthority.String(), ParamsToProto(want)))
	require.NoError(t, err)
	require.True(t, u.Authority.Equal(govAuthority))
	sameJSON(t, want, u.Params)

	var ev core.Events
	require.NoError(t, e.k.UpdateParams(e.w, &ev, govAuthority, u))
	sameJSON(t, want, e.k.Params(e.w))
	require.Equal(t, "update_params", ev.List()[0].Type)
}

func TestSlashingDecimalsAreReadInTheWireFormAndAsPlainDecimals(t *testing.T) {
	for _, s := range []string{"50000000000000000", "0.05", "0.050"} {
		p := ParamsToProto(intendedSlashingParams())
		p.MinSignedPerWindow = []byte(s)
		p.SlashFractionDowntime = []byte(s)
		u, err := ParseMsgUpdateParams(wireUpdate(t, govAuthority.String(), p))
		require.NoError(t, err, s)
		require.True(t, u.Params.MinSignedPerWindow.Equal(math.LegacyNewDecWithPrec(5, 2)), s)
		require.True(t, u.Params.SlashFractionDowntime.Equal(math.LegacyNewDecWithPrec(5, 2)), s)
	}
}

func TestSlashingUpdateParamsFromAnotherAccountIsRefusedAndStoresNothing(t *testing.T) {
	e := newEnv(t)
	before := e.k.Params(e.w)
	u, err := ParseMsgUpdateParams(wireUpdate(t, addr("mallory").String(), ParamsToProto(intendedSlashingParams())))
	require.NoError(t, err)
	var ev core.Events
	require.ErrorIs(t, e.k.UpdateParams(e.w, &ev, govAuthority, u), ErrUnauthorized)
	sameJSON(t, before, e.k.Params(e.w))
	require.Empty(t, ev.List())
}

func TestSlashingInvalidParamsAreRefused(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(p *types.Params)
	}{
		{"params are missing", nil},
		{"a zero window", func(p *types.Params) { p.SignedBlocksWindow = 0 }},
		{"a share above one", func(p *types.Params) { p.MinSignedPerWindow = []byte("1.01") }},
		{"a negative slash fraction", func(p *types.Params) { p.SlashFractionDoubleSign = []byte("-1") }},
		{"a slash fraction that is not a number", func(p *types.Params) { p.SlashFractionDowntime = []byte("1e-2") }},
		{"a missing slash fraction", func(p *types.Params) { p.SlashFractionDowntime = nil }},
		{"a missing jail duration", func(p *types.Params) { p.DowntimeJailDuration = nil }},
		{"a negative jail duration", func(p *types.Params) { p.DowntimeJailDuration.Seconds = -5 }},
	} {
		t.Run(c.name, func(t *testing.T) {
			var p *types.Params
			if c.change != nil {
				p = ParamsToProto(intendedSlashingParams())
				c.change(p)
			}
			_, err := ParseMsgUpdateParams(wireUpdate(t, govAuthority.String(), p))
			require.ErrorIs(t, err, core.ErrInvalidRequest)
		})
	}
}
