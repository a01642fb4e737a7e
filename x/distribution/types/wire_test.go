package types_test

import (
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protowire"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/distribution/types"
)

// field is one top-level field of an encoded message.
type field struct {
	typ   protowire.Type
	bytes []byte // for BytesType
	num   uint64 // for VarintType
}

// decodeFields splits b into its top-level fields by number, in order.
func decodeFields(t *testing.T, b []byte) map[protowire.Number][]field {
	t.Helper()
	out := map[protowire.Number][]field{}
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		require.GreaterOrEqual(t, n, 0, "bad tag")
		b = b[n:]
		f := field{typ: typ}
		switch typ {
		case protowire.VarintType:
			f.num, n = protowire.ConsumeVarint(b)
		case protowire.BytesType:
			f.bytes, n = protowire.ConsumeBytes(b)
		default:
			n = protowire.ConsumeFieldValue(num, typ, b)
		}
		require.GreaterOrEqual(t, n, 0, "bad value of field %d", num)
		b = b[n:]
		out[num] = append(out[num], f)
	}
	return out
}

// only returns the single occurrence of field num, which must have type typ.
func only(t *testing.T, fs map[protowire.Number][]field, num protowire.Number, typ protowire.Type) field {
	t.Helper()
	require.Len(t, fs[num], 1, "field %d", num)
	require.Equal(t, typ, fs[num][0].typ, "wire type of field %d", num)
	return fs[num][0]
}

func marshal(t *testing.T, m proto.Marshaler) []byte {
	t.Helper()
	bz, err := m.Marshal()
	require.NoError(t, err)
	return bz
}
func TestMsgWithdrawDelegatorRewardRoundTripsWithEveryFieldSet(t *testing.T) {
	in := &types.MsgWithdrawDelegatorReward{DelegatorAddress: "stake1delegator", ValidatorAddress: "stakevaloper1validator"}
	bz := marshal(t, in)
	var out types.MsgWithdrawDelegatorReward
	require.NoError(t, out.Unmarshal(bz))
	require.Equal(t, in, &out)

	fs := decodeFields(t, bz)
	require.Equal(t, "stake1delegator", string(only(t, fs, 1, protowire.BytesType).bytes))
	require.Equal(t, "stakevaloper1validator", string(only(t, fs, 2, protowire.BytesType).bytes))
}

func TestWithdrawResponsesListWholeCoinsInFieldOne(t *testing.T) {
	coins := []*authtypes.Coin{{Denom: "uatom", Amount: "1"}, {Denom: "ustake", Amount: "2"}}
	for _, m := range []proto.Marshaler{
		&types.MsgWithdrawDelegatorRewardResponse{Amount: coins},
		&types.MsgWithdrawValidatorCommissionResponse{Amount: coins},
	} {
		fs := decodeFields(t, marshal(t, m))
		require.Len(t, fs[1], 2)
		second := decodeFields(t, fs[1][1].bytes)
		require.Equal(t, "ustake", string(only(t, second, 1, protowire.BytesType).bytes))
		require.Equal(t, "2", string(only(t, second, 2, protowire.BytesType).bytes))
	}
	fs := decodeFields(t, marshal(t, &types.MsgWithdrawValidatorCommission{ValidatorAddress: "v"}))
	require.Equal(t, "v", string(only(t, fs, 1, protowire.BytesType).bytes))
}

func TestDelegationTotalRewardsCarryDecCoinAmountsAsAtomics(t *testing.T) {
	// 1.5ustake as a DecCoin: amount 1.5 * 10^18.
	dc := &authtypes.DecCoin{Denom: "ustake", Amount: "1500000000000000000"}
	in := &types.QueryDelegationTotalRewardsResponse{
		Rewards: []*types.DelegationDelegatorReward{{ValidatorAddress: "v", Reward: []*authtypes.DecCoin{dc}}},
		Total:   []*authtypes.DecCoin{dc},
	}
	bz := marshal(t, in)
	var out types.QueryDelegationTotalRewardsResponse
	require.NoError(t, out.Unmarshal(bz))
	require.Equal(t, in, &out)

	fs := decodeFields(t, bz)
	reward := decodeFields(t, only(t, fs, 1, protowire.BytesType).bytes)
	require.Equal(t, "v", string(only(t, reward, 1, protowire.BytesType).bytes))
	coin := decodeFields(t, only(t, reward, 2, protowire.BytesType).bytes)
	require.Equal(t, "1500000000000000000", string(only(t, coin, 2, protowire.BytesType).bytes))
	only(t, fs, 2, protowire.BytesType) // total
}

func TestDistributionParamsKeepTheDeprecatedProposerRewardFields(t *testing.T) {
	in := &types.Params{
		CommunityTax: "20000000000000000", BaseProposerReward: "1", BonusProposerReward: "2", WithdrawAddrEnabled: true,
	}
	fs := decodeFields(t, marshal(t, in))
	require.Equal(t, "20000000000000000", string(only(t, fs, 1, protowire.BytesType).bytes)) // 0.02
	require.Equal(t, "1", string(only(t, fs, 2, protowire.BytesType).bytes))
	require.Equal(t, "2", string(only(t, fs, 3, protowire.BytesType).bytes))
	require.Equal(t, uint64(1), only(t, fs, 4, protowire.VarintType).num)
}

func TestDistributionTypeURLsAreSlashAndTheFullProtoName(t *testing.T) {
	for url, msg := range map[string]proto.Message{
		types.TypeURLMsgWithdrawDelegatorReward:             &types.MsgWithdrawDelegatorReward{},
		types.TypeURLMsgWithdrawValidatorCommission:         &types.MsgWithdrawValidatorCommission{},
		types.TypeURLMsgWithdrawDelegatorRewardResponse:     &types.MsgWithdrawDelegatorRewardResponse{},
		types.TypeURLMsgWithdrawValidatorCommissionResponse: &types.MsgWithdrawValidatorCommissionResponse{},
	} {
		require.Equal(t, url, "/"+proto.MessageName(msg))
	}
}
