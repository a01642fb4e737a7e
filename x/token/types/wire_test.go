package types_test

import (
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protowire"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/token/types"
)

// fields splits b into its top-level fields: number → raw value (the bytes
// of a length-delimited field, the number of a varint).
func fields(t *testing.T, b []byte) map[protowire.Number]any {
	t.Helper()
	out := map[protowire.Number]any{}
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		require.GreaterOrEqual(t, n, 0, "bad tag")
		b = b[n:]
		switch typ {
		case protowire.VarintType:
			v, n := protowire.ConsumeVarint(b)
			require.GreaterOrEqual(t, n, 0)
			out[num], b = v, b[n:]
		case protowire.BytesType:
			v, n := protowire.ConsumeBytes(b)
			require.GreaterOrEqual(t, n, 0)
			out[num], b = v, b[n:]
		default:
			t.Fatalf("unexpected wire type %d of field %d", typ, num)
		}
	}
	return out
}

func TestMsgCreateTokenRoundTripsWithItsFieldNumbers(t *testing.T) {
	in := &types.MsgCreateToken{Creator: "stake1creator", Symbol: "GOLD", Name: "Gold", Decimals: 6, MaxSupply: "1000000", InitialSupply: "1000"}
	bz, err := in.Marshal()
	require.NoError(t, err)
	var out types.MsgCreateToken
	require.NoError(t, out.Unmarshal(bz))
	require.Equal(t, in, &out)

	require.Equal(t, map[protowire.Number]any{
		1: []byte("stake1creator"), 2: []byte("GOLD"), 3: []byte("Gold"), 4: uint64(6), 5: []byte("1000000"), 6: []byte("1000"),
	}, fields(t, bz))
}

func TestMsgTransferFromCarriesTheAmountAsACosmosCoinAtFieldFour(t *testing.T) {
	in := &types.MsgTransferFrom{Spender: "s", Owner: "o", Recipient: "r", Amount: &authtypes.Coin{Denom: "token/stake1x/ABC", Amount: "5"}}
	bz, err := in.Marshal()
	require.NoError(t, err)
	fs := fields(t, bz)
	require.Equal(t, []byte("s"), fs[1])
	require.Equal(t, []byte("o"), fs[2])
	require.Equal(t, []byte("r"), fs[3])
	require.Equal(t, map[protowire.Number]any{1: []byte("token/stake1x/ABC"), 2: []byte("5")}, fields(t, fs[4].([]byte)))

	var out types.MsgTransferFrom
	require.NoError(t, out.Unmarshal(bz))
	require.Equal(t, in, &out)
}

func TestTypeURLsAreSlashAndTheFullProtoName(t *testing.T) {
	for url, msg := range map[string]proto.Message{
		types.TypeURLMsgCreateToken:          &types.MsgCreateToken{},
		types.TypeURLMsgMint:                 &types.MsgMint{},
		types.TypeURLMsgBurn:                 &types.MsgBurn{},
		types.TypeURLMsgApprove:              &types.MsgApprove{},
		types.TypeURLMsgTransferFrom:         &types.MsgTransferFrom{},
		types.TypeURLMsgChangeAdmin:          &types.MsgChangeAdmin{},
		types.TypeURLMsgCreateTokenResponse:  &types.MsgCreateTokenResponse{},
		types.TypeURLMsgMintResponse:         &types.MsgMintResponse{},
		types.TypeURLMsgBurnResponse:         &types.MsgBurnResponse{},
		types.TypeURLMsgApproveResponse:      &types.MsgApproveResponse{},
		types.TypeURLMsgTransferFromResponse: &types.MsgTransferFromResponse{},
		types.TypeURLMsgChangeAdminResponse:  &types.MsgChangeAdminResponse{},
	} {
		require.Equal(t, url, "/"+proto.MessageName(msg))
	}
}
