package auth

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

var paramsAuthority = types.ModuleAddress("gov")

func newParamsState(t *testing.T) (*store.Cache, Keeper) {
	w := store.NewCache(store.Empty{})
	k := NewKeeper()
	require.NoError(t, k.InitGenesis(w, DefaultGenesis()))
	return w, k
}

// decodeUpdate sends m through its wire encoding and the stateless parse.
func decodeUpdate(t *testing.T, m *types.MsgUpdateParams) (UpdateParams, error) {
	bz, err := m.Marshal()
	require.NoError(t, err)
	var got types.MsgUpdateParams
	require.NoError(t, got.Unmarshal(bz))
	return ParseMsgUpdateParams(&got)
}

func TestUpdateParamsRoundTripsEveryFieldThroughTheWireAndIntoState(t *testing.T) {
	w, k := newParamsState(t)
	want := Params{
		MaxMemoCharacters:      512,
		TxSigLimit:             3,
		MaxTxBytes:             128 * 1024,
		MaxMsgsPerTx:           16,
		TxBaseGas:              7_000,
		TxSizeCostPerByte:      11,
		SigVerifyCostSecp256k1: 1_100,
		SigVerifyCostEd25519:   600,
	}
	require.Equal(t, want, ParamsFromProto(ParamsToProto(want)))

	u, err := decodeUpdate(t, &types.MsgUpdateParams{Authority: paramsAuthority.String(), Params: ParamsToProto(want)})
	require.NoError(t, err)
	require.Equal(t, UpdateParams{Authority: paramsAuthority, Params: want}, u)

	var ev core.Events
	require.NoError(t, k.UpdateParams(w, &ev, paramsAuthority, u))
	require.Equal(t, want, k.Params(w))
	require.Equal(t, []core.Event{{Type: "update_params", Attributes: []core.Attribute{
		core.Attr("module", ModuleName), core.Attr("authority", paramsAuthority.String()),
	}}}, ev.List())
}

func TestUpdateParamsFromAnyOtherSignerIsRefusedAndChangesNothing(t *testing.T) {
	w, k := newParamsState(t)
	p := DefaultParams()
	p.TxSigLimit = 1
	var ev core.Events
	err := k.UpdateParams(w, &ev, paramsAuthority, UpdateParams{Authority: addr("mallory"), Params: p})
	require.ErrorIs(t, err, core.ErrUnauthorized)
	space, code, _ := core.ABCIInfo(err)
	require.Equal(t, "sdk", space)
	require.Equal(t, uint32(4), code)
	require.Equal(t, DefaultParams(), k.Params(w))
	require.Empty(t, ev.List())
}

func TestInvalidUpdateParamsMessagesAreRefused(t *testing.T) {
	with := func(f func(*types.Params)) *types.Params {
		p := ParamsToProto(DefaultParams())
		f(p)
		return p
	}
	cases := []struct {
		name string
		msg  *types.MsgUpdateParams
		want error
	}{
		{"a zero tx_sig_limit", &types.MsgUpdateParams{Authority: paramsAuthority.String(), Params: with(func(p *types.Params) { p.TxSigLimit = 0 })}, core.ErrInvalidRequest},
		{"a zero max_msgs_per_tx", &types.MsgUpdateParams{Authority: paramsAuthority.String(), Params: with(func(p *types.Params) { p.MaxMsgsPerTx = 0 })}, core.ErrInvalidRequest},
		{"a max_tx_bytes below 256", &types.MsgUpdateParams{Authority: paramsAuthority.String(), Params: with(func(p *types.Params) { p.MaxTxBytes = 255 })}, core.ErrInvalidRequest},
		{"a max_memo_characters above 65536", &types.MsgUpdateParams{Authority: paramsAuthority.String(), Params: with(func(p *types.Params) { p.MaxMemoCharacters = 1<<16 + 1 })}, core.ErrInvalidRequest},
		{"missing params", &types.MsgUpdateParams{Authority: paramsAuthority.String()}, core.ErrInvalidRequest},
		{"an authority that is not an address", &types.MsgUpdateParams{Authority: "gov", Params: ParamsToProto(DefaultParams())}, core.ErrInvalidAddress},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeUpdate(t, tc.msg)
			require.ErrorIs(t, err, tc.want)
		})
	}
}

func TestTheKeeperRefusesInvalidParamsEvenFromTheAuthorityAndChangesNothing(t *testing.T) {
	w, k := newParamsState(t)
	p := DefaultParams()
	p.TxSigLimit = 0
	var ev core.Events
	err := k.UpdateParams(w, &ev, paramsAuthority, UpdateParams{Authority: paramsAuthority, Params: p})
	require.ErrorIs(t, err, core.ErrInvalidRequest)
	require.Equal(t, DefaultParams(), k.Params(w))
	require.Empty(t, ev.List())
}
