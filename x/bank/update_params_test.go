package bank

import (
	"testing"

	"github.com/stretchr/testify/require"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

var paramsAuthority = authtypes.ModuleAddress("gov")

// decodeUpdate sends m through its wire encoding and the stateless parse.
func decodeUpdate(t *testing.T, m *types.MsgUpdateParams) (UpdateParams, error) {
	bz, err := m.Marshal()
	require.NoError(t, err)
	var got types.MsgUpdateParams
	require.NoError(t, got.Unmarshal(bz))
	return ParseMsgUpdateParams(&got)
}

func TestUpdateParamsRoundTripsEveryFieldThroughTheWireAndIntoState(t *testing.T) {
	w, bk, _ := setup(t)
	want := Params{SendGas: 12_000, SendGasPerCoin: 3_000, SendEnabled: false}
	require.Equal(t, want, ParamsFromProto(ParamsToProto(want)))

	u, err := decodeUpdate(t, &types.MsgUpdateParams{Authority: paramsAuthority.String(), Params: ParamsToProto(want)})
	require.NoError(t, err)
	require.Equal(t, UpdateParams{Authority: paramsAuthority, Params: want}, u)

	var ev core.Events
	require.NoError(t, bk.UpdateParams(w, &ev, paramsAuthority, u))
	require.Equal(t, want, bk.Params(w))
	require.Equal(t, []core.Event{{Type: "update_params", Attributes: []core.Attribute{
		core.Attr("module", ModuleName), core.Attr("authority", paramsAuthority.String()),
	}}}, ev.List())
}

func TestUpdateParamsFromAnyOtherSignerIsRefusedAndChangesNothing(t *testing.T) {
	w, bk, _ := setup(t)
	var ev core.Events
	err := bk.UpdateParams(w, &ev, paramsAuthority, UpdateParams{Authority: addr("mallory"), Params: Params{SendGas: 1}})
	require.ErrorIs(t, err, ErrInvalidAuthority)
	space, code, _ := core.ABCIInfo(err)
	require.Equal(t, "bank", space)
	require.Equal(t, uint32(8), code)
	require.Equal(t, DefaultParams(), bk.Params(w))
	require.Empty(t, ev.List())
}

func TestInvalidUpdateParamsMessagesAreRefused(t *testing.T) {
	cases := []struct {
		name string
		msg  *types.MsgUpdateParams
		want error
	}{
		{"a zero send_gas", &types.MsgUpdateParams{Authority: paramsAuthority.String(), Params: &types.Params{SendGasPerCoin: 2_000, SendEnabled: true}}, core.ErrInvalidRequest},
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
	w, bk, _ := setup(t)
	var ev core.Events
	err := bk.UpdateParams(w, &ev, paramsAuthority, UpdateParams{Authority: paramsAuthority, Params: Params{SendEnabled: true}})
	require.ErrorIs(t, err, core.ErrInvalidRequest)
	require.Equal(t, DefaultParams(), bk.Params(w))
	require.Empty(t, ev.List())
}
