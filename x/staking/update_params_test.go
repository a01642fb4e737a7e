package staking

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/staking/types"
)

var govAuthority = authtypes.ModuleAddress("gov")

// sameJSON fails unless want and got encode alike: LegacyDec and Int are
// compared by value, not by the layout of their big.Int.
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

func intendedStakingParams() Params {
	return Params{
		BondDenom:         "ustake",
		UnbondingTime:     core.Duration(14*24*time.Hour + 1500*time.Millisecond),
		MaxValidators:     150,
		MaxEntries:        9,
		MinCommissionRate: math.LegacyNewDecWithPrec(5, 2),
	}
}

func TestStakingParamsRoundTripThroughMsgUpdateParams(t *testing.T) {
	e := newEnv(t)
	want := intendedStakingParams()
	u, err := ParseMsgUpdateParams(wireUpdate(t, govAuthority.String(), ParamsToProto(want)))
	require.NoError(t, err)
	require.True(t, u.Authority.Equal(govAuthority))
	require.True(t, u.Params.PowerReduction.IsNil(), "the power reduction is not in the message")
	sameJSON(t, want, u.Params)

	before := e.k.Params(e.w).PowerReduction
	var ev core.Events
	require.NoError(t, e.k.UpdateParams(e.w, &ev, govAuthority, u))
	want.PowerReduction = before
	sameJSON(t, want, e.k.Params(e.w))
	require.Equal(t, "update_params", ev.List()[0].Type)
	sameJSON(t, ParamsToProto(want), mustQueryParams(t, e))
}

func mustQueryParams(t *testing.T, e *env) *types.Params {
	t.Helper()
	resp, err := e.k.QueryParams(e.w, &types.QueryParamsRequest{})
	require.NoError(t, err)
	return resp.Params
}

func TestStakingMinCommissionRateIsReadInTheWireFormAndAsAPlainDecimal(t *testing.T) {
	for _, s := range []string{"50000000000000000", "0.05", "0.050000000000000000"} {
		p := ParamsToProto(intendedStakingParams())
		p.MinCommissionRate = s
		u, err := ParseMsgUpdateParams(wireUpdate(t, govAuthority.String(), p))
		require.NoError(t, err, s)
		require.True(t, u.Params.MinCommissionRate.Equal(math.LegacyNewDecWithPrec(5, 2)), s)
	}
}

func TestStakingUpdateParamsFromAnotherAccountIsRefusedAndStoresNothing(t *testing.T) {
	e := newEnv(t)
	before := e.k.Params(e.w)
	u, err := ParseMsgUpdateParams(wireUpdate(t, addr("mallory").String(), ParamsToProto(intendedStakingParams())))
	require.NoError(t, err)
	var ev core.Events
	err = e.k.UpdateParams(e.w, &ev, govAuthority, u)
	require.ErrorIs(t, err, ErrUnauthorized)
	sameJSON(t, before, e.k.Params(e.w))
	require.Empty(t, ev.List())
}

func TestStakingBondDenomCannotChange(t *testing.T) {
	e := newEnv(t)
	before := e.k.Params(e.w)
	p := intendedStakingParams()
	p.BondDenom = "uother"
	u, err := ParseMsgUpdateParams(wireUpdate(t, govAuthority.String(), ParamsToProto(p)))
	require.NoError(t, err)
	var ev core.Events
	require.ErrorIs(t, e.k.UpdateParams(e.w, &ev, govAuthority, u), ErrBondDenomChanged)
	sameJSON(t, before, e.k.Params(e.w))
}

func TestStakingInvalidParamsAreRefused(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(p *types.Params)
	}{
		{"params are missing", nil},
		{"a commission above one", func(p *types.Params) { p.MinCommissionRate = "1.5" }},
		{"a negative commission", func(p *types.Params) { p.MinCommissionRate = "-0.1" }},
		{"a commission that is not a number", func(p *types.Params) { p.MinCommissionRate = "5%" }},
		{"a missing commission", func(p *types.Params) { p.MinCommissionRate = "" }},
		{"no validators", func(p *types.Params) { p.MaxValidators = 0 }},
		{"no entries", func(p *types.Params) { p.MaxEntries = 0 }},
		{"a missing unbonding time", func(p *types.Params) { p.UnbondingTime = nil }},
		{"a zero unbonding time", func(p *types.Params) { p.UnbondingTime.Seconds, p.UnbondingTime.Nanos = 0, 0 }},
		{"a bad bond denom", func(p *types.Params) { p.BondDenom = "" }},
	} {
		t.Run(c.name, func(t *testing.T) {
			var p *types.Params
			if c.change != nil {
				p = ParamsToProto(intendedStakingParams())
				c.change(p)
			}
			_, err := ParseMsgUpdateParams(wireUpdate(t, govAuthority.String(), p))
			require.Error(t, err)
			require.True(t, errors.Is(err, core.ErrInvalidRequest), err.Error())
		})
	}
}

func TestStakingUpdateParamsWithABadAuthorityAddressIsRefused(t *testing.T) {
	_, err := ParseMsgUpdateParams(wireUpdate(t, "not-an-address", ParamsToProto(intendedStakingParams())))
	require.ErrorIs(t, err, core.ErrInvalidAddress)
}
