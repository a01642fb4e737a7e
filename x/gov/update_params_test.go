package gov

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/gov/types"
)

func TestGovParamsSurviveTheWireFormOfTheirUpdate(t *testing.T) {
	p := DefaultParams()
	p.Quorum = math.LegacyMustNewDecFromStr("0.4")
	u, err := ParseMsgUpdateParams(&types.MsgUpdateParams{Authority: Authority().String(), Params: ParamsToProto(p)})
	require.NoError(t, err)
	require.Equal(t, ParamsToProto(p), ParamsToProto(u.Params))

	w := store.NewCache(store.Empty{})
	var k Keeper
	var ev core.Events
	require.NoError(t, k.UpdateParams(w, &ev, Authority(), u))
	require.Equal(t, "0.400000000000000000", k.Params(w).Quorum.String())
}

func TestAGovParamsUpdateFromAnyoneButGovernanceChangesNothing(t *testing.T) {
	p := DefaultParams()
	w := store.NewCache(store.Empty{})
	var k Keeper
	require.NoError(t, k.SetParams(w, p))
	other := append([]byte(nil), Authority()...)
	other[0] ^= 1
	q := p
	q.Quorum = math.LegacyMustNewDecFromStr("0.9")
	var ev core.Events
	require.ErrorIs(t, k.UpdateParams(w, &ev, Authority(), UpdateParams{Authority: other, Params: q}), ErrUnauthorized)
	require.Equal(t, p.Quorum, k.Params(w).Quorum)

	bad := ParamsToProto(p)
	bad.Threshold = "one half"
	_, err := ParseMsgUpdateParams(&types.MsgUpdateParams{Authority: Authority().String(), Params: bad})
	require.Error(t, err)
}
