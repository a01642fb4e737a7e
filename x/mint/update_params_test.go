package mint

import (
	"encoding/json"
	"testing"

	"cosmossdk.io/math"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/mint/types"
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

func intendedMintParams() Params {
	return Params{
		MintDenom:           "ustake",
		InflationRateChange: dec("0.1"),
		InflationMax:        dec("0.15"),
		InflationMin:        dec("0.05"),
		GoalBonded:          dec("0.6"),
		BlocksPerYear:       5_000_000,
	}
}

func TestMintParamsRoundTripThroughMsgUpdateParams(t *testing.T) {
	e := newEnv(t, 1_000_000, 0)
	want := intendedMintParams()
	u, err := ParseMsgUpdateParams(wireUpdate(t, govAuthority.String(), ParamsToProto(want)))
	require.NoError(t, err)
	require.True(t, u.Authority.Equal(govAuthority))
	sameJSON(t, want, u.Params)

	var ev core.Events
	require.NoError(t, e.k.UpdateParams(e.w, &ev, govAuthority, u))
	sameJSON(t, want, e.k.Params(e.w))
	require.Equal(t, "update_params", ev.List()[0].Type)
	resp, err := e.k.QueryParams(e.w, &types.QueryParamsRequest{})
	require.NoError(t, err)
	sameJSON(t, ParamsToProto(want), resp.Params)
}

func TestMintRatesAreReadInTheWireFormAndAsPlainDecimals(t *testing.T) {
	p := &types.Params{
		MintDenom:           "ustake",
		InflationRateChange: "0.10",
		InflationMax:        "150000000000000000",
		InflationMin:        "0.05",
		GoalBonded:          "600000000000000000",
		BlocksPerYear:       5_000_000,
	}
	u, err := ParseMsgUpdateParams(wireUpdate(t, govAuthority.String(), p))
	require.NoError(t, err)
	sameJSON(t, intendedMintParams(), u.Params)
	require.True(t, u.Params.InflationMax.Equal(math.LegacyNewDecWithPrec(15, 2)))
}

func TestMintUpdateParamsFromAnotherAccountIsRefusedAndStoresNothing(t *testing.T) {
	e := newEnv(t, 1_000_000, 0)
	before := e.k.Params(e.w)
	u, err := ParseMsgUpdateParams(wireUpdate(t, addr("mallory").String(), ParamsToProto(intendedMintParams())))
	require.NoError(t, err)
	var ev core.Events
	require.ErrorIs(t, e.k.UpdateParams(e.w, &ev, govAuthority, u), ErrUnauthorized)
	sameJSON(t, before, e.k.Params(e.w))
	require.Empty(t, ev.List())
}

func TestMintInvalidParamsAreRefused(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(p *types.Params)
	}{
		{"params are missing", nil},
		{"a bad denom", func(p *types.Params) { p.MintDenom = "" }},
		{"a maximum below the minimum", func(p *types.Params) { p.InflationMax = "0.01" }},
		{"a rate above one", func(p *types.Params) { p.InflationRateChange = "1.5" }},
		{"a zero goal", func(p *types.Params) { p.GoalBonded = "0" }},
		{"a missing goal", func(p *types.Params) { p.GoalBonded = "" }},
		{"a rate that is not a number", func(p *types.Params) { p.InflationMin = "5%" }},
		{"no blocks a year", func(p *types.Params) { p.BlocksPerYear = 0 }},
	} {
		t.Run(c.name, func(t *testing.T) {
			var p *types.Params
			if c.change != nil {
				p = ParamsToProto(intendedMintParams())
				c.change(p)
			}
			_, err := ParseMsgUpdateParams(wireUpdate(t, govAuthority.String(), p))
			require.ErrorIs(t, err, core.ErrInvalidRequest)
		})
	}
}
