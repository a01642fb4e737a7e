package distribution

import (
	"encoding/json"
	"testing"

	"cosmossdk.io/math"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/distribution/types"
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

func TestDistributionParamsRoundTripThroughMsgUpdateParams(t *testing.T) {
	e := newEnv(t)
	want := Params{CommunityTax: math.LegacyNewDecWithPrec(35, 3)}
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

func TestDistributionCommunityTaxIsReadInTheWireFormAndAsAPlainDecimal(t *testing.T) {
	for _, s := range []string{"50000000000000000", "0.05", "0.05000"} {
		u, err := ParseMsgUpdateParams(wireUpdate(t, govAuthority.String(), &types.Params{CommunityTax: s}))
		require.NoError(t, err, s)
		require.True(t, u.Params.CommunityTax.Equal(dec("0.05")), s)
	}
}

func TestDistributionUpdateParamsFromAnotherAccountIsRefusedAndStoresNothing(t *testing.T) {
	e := newEnv(t)
	before := e.k.Params(e.w)
	u, err := ParseMsgUpdateParams(wireUpdate(t, addr("mallory").String(), &types.Params{CommunityTax: "0.5"}))
	require.NoError(t, err)
	var ev core.Events
	require.ErrorIs(t, e.k.UpdateParams(e.w, &ev, govAuthority, u), ErrUnauthorized)
	sameJSON(t, before, e.k.Params(e.w))
	require.Empty(t, ev.List())
}

func TestDistributionInvalidParamsAreRefused(t *testing.T) {
	for _, c := range []struct {
		name string
		p    *types.Params
	}{
		{"params are missing", nil},
		{"a tax above one", &types.Params{CommunityTax: "1.000000000000000001"}},
		{"a tax above one in the wire form", &types.Params{CommunityTax: "2000000000000000000"}},
		{"a negative tax", &types.Params{CommunityTax: "-0.01"}},
		{"a missing tax", &types.Params{}},
		{"a tax that is not a number", &types.Params{CommunityTax: "2%"}},
		{"withdraw addresses enabled", &types.Params{CommunityTax: "0.02", WithdrawAddrEnabled: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseMsgUpdateParams(wireUpdate(t, govAuthority.String(), c.p))
			require.ErrorIs(t, err, core.ErrInvalidRequest)
		})
	}
}
