package types_test

import (
	"testing"

	"github.com/cosmos/gogoproto/proto"
	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/stakechain/stakechain/x/slashing/types"
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
func fullSigningInfo() *types.ValidatorSigningInfo {
	return &types.ValidatorSigningInfo{
		Address:             "stakevalcons1validator",
		StartHeight:         10,
		IndexOffset:         3,
		JailedUntil:         &gogotypes.Timestamp{Seconds: 1700000000, Nanos: 1},
		Tombstoned:          true,
		MissedBlocksCounter: 7,
	}
}

func TestValidatorSigningInfoRoundTripsWithEveryFieldSet(t *testing.T) {
	in := fullSigningInfo()
	var out types.ValidatorSigningInfo
	require.NoError(t, out.Unmarshal(marshal(t, in)))
	require.Equal(t, in, &out)
}

func TestValidatorSigningInfoHasJailedUntilAtFourAndMissedBlocksCounterAtSix(t *testing.T) {
	fs := decodeFields(t, marshal(t, fullSigningInfo()))
	require.Equal(t, "stakevalcons1validator", string(only(t, fs, 1, protowire.BytesType).bytes))
	require.Equal(t, uint64(10), only(t, fs, 2, protowire.VarintType).num)
	require.Equal(t, uint64(3), only(t, fs, 3, protowire.VarintType).num)
	ts := decodeFields(t, only(t, fs, 4, protowire.BytesType).bytes)
	require.Equal(t, uint64(1700000000), only(t, ts, 1, protowire.VarintType).num)
	require.Equal(t, uint64(1), only(t, fs, 5, protowire.VarintType).num)
	require.Equal(t, uint64(7), only(t, fs, 6, protowire.VarintType).num)
}

func TestSlashingParamsCarryFractionsAsBytesOfAtomicDigits(t *testing.T) {
	in := &types.Params{
		SignedBlocksWindow:      100,
		MinSignedPerWindow:      []byte("500000000000000000"), // 0.5
		DowntimeJailDuration:    &gogotypes.Duration{Seconds: 600},
		SlashFractionDoubleSign: []byte("50000000000000000"), // 0.05
		SlashFractionDowntime:   []byte("10000000000000000"), // 0.01
	}
	bz := marshal(t, in)
	var out types.Params
	require.NoError(t, out.Unmarshal(bz))
	require.Equal(t, in, &out)

	fs := decodeFields(t, bz)
	require.Equal(t, uint64(100), only(t, fs, 1, protowire.VarintType).num)
	require.Equal(t, "500000000000000000", string(only(t, fs, 2, protowire.BytesType).bytes))
	dur := decodeFields(t, only(t, fs, 3, protowire.BytesType).bytes)
	require.Equal(t, uint64(600), only(t, dur, 1, protowire.VarintType).num)
	require.Equal(t, "50000000000000000", string(only(t, fs, 4, protowire.BytesType).bytes))
	require.Equal(t, "10000000000000000", string(only(t, fs, 5, protowire.BytesType).bytes))
}

func TestMsgUnjailCarriesTheValoperAddressInFieldOne(t *testing.T) {
	in := &types.MsgUnjail{ValidatorAddr: "stakevaloper1validator"}
	bz := marshal(t, in)
	var out types.MsgUnjail
	require.NoError(t, out.Unmarshal(bz))
	require.Equal(t, in, &out)
	require.Equal(t, "stakevaloper1validator", string(only(t, decodeFields(t, bz), 1, protowire.BytesType).bytes))

	fs := decodeFields(t, marshal(t, &types.QuerySigningInfoRequest{ConsAddress: "c"}))
	require.Equal(t, "c", string(only(t, fs, 1, protowire.BytesType).bytes))
}

func TestSlashingTypeURLsAreSlashAndTheFullProtoName(t *testing.T) {
	require.Equal(t, types.TypeURLMsgUnjail, "/"+proto.MessageName(&types.MsgUnjail{}))
	require.Equal(t, types.TypeURLMsgUnjailResponse, "/"+proto.MessageName(&types.MsgUnjailResponse{}))
}
