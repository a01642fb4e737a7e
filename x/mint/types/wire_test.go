package types_test

import (
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/stakechain/stakechain/x/mint/types"
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
func TestMintParamsRoundTripWithEveryFieldSet(t *testing.T) {
	in := &types.Params{
		MintDenom: "ustake", InflationRateChange: "130000000000000000", InflationMax: "200000000000000000",
		InflationMin: "70000000000000000", GoalBonded: "670000000000000000", BlocksPerYear: 6311520,
	}
	bz := marshal(t, in)
	var out types.Params
	require.NoError(t, out.Unmarshal(bz))
	require.Equal(t, in, &out)

	fs := decodeFields(t, bz)
	require.Equal(t, "670000000000000000", string(only(t, fs, 5, protowire.BytesType).bytes)) // 0.67
	require.Equal(t, uint64(6311520), only(t, fs, 6, protowire.VarintType).num)
}

func TestInflationIsAStringInMinterButBytesInTheQueryResponse(t *testing.T) {
	fs := decodeFields(t, marshal(t, &types.Minter{Inflation: "130000000000000000", AnnualProvisions: "1"}))
	require.Equal(t, "130000000000000000", string(only(t, fs, 1, protowire.BytesType).bytes))
	require.Equal(t, "1", string(only(t, fs, 2, protowire.BytesType).bytes))

	// Same bytes on the wire; the Go field type is []byte.
	resp := &types.QueryInflationResponse{Inflation: []byte("130000000000000000")}
	fs = decodeFields(t, marshal(t, resp))
	require.Equal(t, "130000000000000000", string(only(t, fs, 1, protowire.BytesType).bytes))

	fs = decodeFields(t, marshal(t, &types.QueryAnnualProvisionsResponse{AnnualProvisions: []byte("2")}))
	require.Equal(t, "2", string(only(t, fs, 1, protowire.BytesType).bytes))
}
