package types_test

import (
	"encoding/hex"
	"testing"

	"github.com/cosmos/gogoproto/proto"
	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protowire"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/staking/types"
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

func fullMsgCreateValidator() *types.MsgCreateValidator {
	return &types.MsgCreateValidator{
		Description: &types.Description{
			Moniker: "val-0", Identity: "ABCDEF0123456789", Website: "https://example.org",
			SecurityContact: "sec@example.org", Details: "details",
		},
		Commission: &types.CommissionRates{
			Rate:          "100000000000000000",
			MaxRate:       "200000000000000000",
			MaxChangeRate: "10000000000000000",
		},
		MinSelfDelegation: "1",
		DelegatorAddress:  "stake1delegator",
		ValidatorAddress:  "stakevaloper1validator",
		Pubkey:            &gogotypes.Any{TypeUrl: "/cosmos.crypto.ed25519.PubKey", Value: []byte{0x0a, 0x02, 0x01, 0x02}},
		Value:             &authtypes.Coin{Denom: "ustake", Amount: "1000000"},
	}
}

func TestMsgCreateValidatorRoundTripsWithEveryFieldSet(t *testing.T) {
	in := fullMsgCreateValidator()
	var out types.MsgCreateValidator
	require.NoError(t, out.Unmarshal(marshal(t, in)))
	require.Equal(t, in, &out)
}

func TestMsgCreateValidatorHasPubkeyAtSixAndValueAtSeven(t *testing.T) {
	fs := decodeFields(t, marshal(t, fullMsgCreateValidator()))
	only(t, fs, 1, protowire.BytesType) // description
	only(t, fs, 2, protowire.BytesType) // commission
	require.Equal(t, "1", string(only(t, fs, 3, protowire.BytesType).bytes))
	require.Equal(t, "stake1delegator", string(only(t, fs, 4, protowire.BytesType).bytes))
	require.Equal(t, "stakevaloper1validator", string(only(t, fs, 5, protowire.BytesType).bytes))

	pk := decodeFields(t, only(t, fs, 6, protowire.BytesType).bytes)
	require.Equal(t, "/cosmos.crypto.ed25519.PubKey", string(only(t, pk, 1, protowire.BytesType).bytes))

	val := decodeFields(t, only(t, fs, 7, protowire.BytesType).bytes)
	require.Equal(t, "ustake", string(only(t, val, 1, protowire.BytesType).bytes))
	require.Equal(t, "1000000", string(only(t, val, 2, protowire.BytesType).bytes))
}

func TestCommissionRatesCarryDecimalsAsStringsOfEighteenDecimalAtomics(t *testing.T) {
	fs := decodeFields(t, marshal(t, fullMsgCreateValidator()))
	rates := decodeFields(t, only(t, fs, 2, protowire.BytesType).bytes)
	// 0.1, 0.2 and 0.01 times 10^18, with no decimal point.
	require.Equal(t, "100000000000000000", string(only(t, rates, 1, protowire.BytesType).bytes))
	require.Equal(t, "200000000000000000", string(only(t, rates, 2, protowire.BytesType).bytes))
	require.Equal(t, "10000000000000000", string(only(t, rates, 3, protowire.BytesType).bytes))
}

func fullValidator() *types.Validator {
	return &types.Validator{
		OperatorAddress: "stakevaloper1validator",
		ConsensusPubkey: &gogotypes.Any{TypeUrl: "/cosmos.crypto.ed25519.PubKey", Value: []byte{0x0a, 0x01, 0x07}},
		Jailed:          true,
		Status:          types.BondStatus_BOND_STATUS_UNBONDING,
		Tokens:          "5000000",
		DelegatorShares: "5000000000000000000000000",
		Description:     &types.Description{Moniker: "m", Identity: "i", Website: "w", SecurityContact: "s", Details: "d"},
		UnbondingHeight: 42,
		UnbondingTime:   &gogotypes.Timestamp{Seconds: 1700000000, Nanos: 5},
		Commission: &types.Commission{
			CommissionRates: &types.CommissionRates{Rate: "1", MaxRate: "2", MaxChangeRate: "3"},
			UpdateTime:      &gogotypes.Timestamp{Seconds: 1600000000},
		},
		MinSelfDelegation:       "1",
		UnbondingOnHoldRefCount: 2,
		UnbondingIds:            []uint64{7, 300},
	}
}

func TestValidatorRoundTripsWithEveryFieldSet(t *testing.T) {
	in := fullValidator()
	var out types.Validator
	require.NoError(t, out.Unmarshal(marshal(t, in)))
	require.Equal(t, in, &out)
}

func TestValidatorHasCommissionAtTenAndPackedUnbondingIDsAtThirteen(t *testing.T) {
	fs := decodeFields(t, marshal(t, fullValidator()))
	require.Equal(t, uint64(types.BondStatus_BOND_STATUS_UNBONDING), only(t, fs, 4, protowire.VarintType).num)
	require.Equal(t, "5000000000000000000000000", string(only(t, fs, 6, protowire.BytesType).bytes))
	only(t, fs, 9, protowire.BytesType) // unbonding_time

	comm := decodeFields(t, only(t, fs, 10, protowire.BytesType).bytes)
	rates := decodeFields(t, only(t, comm, 1, protowire.BytesType).bytes)
	require.Equal(t, "1", string(only(t, rates, 1, protowire.BytesType).bytes))
	only(t, comm, 2, protowire.BytesType) // update_time

	require.Equal(t, "1", string(only(t, fs, 11, protowire.BytesType).bytes))
	require.Equal(t, uint64(2), only(t, fs, 12, protowire.VarintType).num)
	// proto3 packs repeated scalars: one length-delimited run of varints.
	require.Equal(t, []byte{0x07, 0xac, 0x02}, only(t, fs, 13, protowire.BytesType).bytes)
}

func TestBondStatusNumbersAreThoseOfCosmos(t *testing.T) {
	require.EqualValues(t, 0, types.BondStatus_BOND_STATUS_UNSPECIFIED)
	require.EqualValues(t, 1, types.BondStatus_BOND_STATUS_UNBONDED)
	require.EqualValues(t, 2, types.BondStatus_BOND_STATUS_UNBONDING)
	require.EqualValues(t, 3, types.BondStatus_BOND_STATUS_BONDED)
	require.Equal(t, "BOND_STATUS_BONDED", types.BondStatus_BOND_STATUS_BONDED.String())
}

func TestMsgDelegateEncodesAmountAsFieldThree(t *testing.T) {
	msg := &types.MsgDelegate{DelegatorAddress: "a", ValidatorAddress: "b", Amount: &authtypes.Coin{Denom: "ustake", Amount: "1"}}
	bz := marshal(t, msg)
	// 0a 01 'a' | 12 01 'b' | 1a 0b (0a 06 "ustake" 12 01 "1")
	require.Equal(t, "0a0161120162"+"1a0b"+"0a06757374616b65"+"120131", hex.EncodeToString(bz))

	var out types.MsgDelegate
	require.NoError(t, out.Unmarshal(bz))
	require.Equal(t, msg, &out)
}

func TestUndelegateAndRedelegateMessagesKeepCosmosFieldNumbers(t *testing.T) {
	coin := &authtypes.Coin{Denom: "ustake", Amount: "9"}
	ts := &gogotypes.Timestamp{Seconds: 1, Nanos: 2}

	fs := decodeFields(t, marshal(t, &types.MsgBeginRedelegate{
		DelegatorAddress: "d", ValidatorSrcAddress: "s", ValidatorDstAddress: "t", Amount: coin,
	}))
	require.Equal(t, "s", string(only(t, fs, 2, protowire.BytesType).bytes))
	require.Equal(t, "t", string(only(t, fs, 3, protowire.BytesType).bytes))
	only(t, fs, 4, protowire.BytesType)

	fs = decodeFields(t, marshal(t, &types.MsgUndelegateResponse{CompletionTime: ts, Amount: coin}))
	only(t, fs, 1, protowire.BytesType)
	only(t, fs, 2, protowire.BytesType) // amount, new in Cosmos v0.50

	fs = decodeFields(t, marshal(t, &types.MsgEditValidator{
		Description: &types.Description{Moniker: "m"}, ValidatorAddress: "v", CommissionRate: "5", MinSelfDelegation: "6",
	}))
	require.Equal(t, "5", string(only(t, fs, 3, protowire.BytesType).bytes))
	require.Equal(t, "6", string(only(t, fs, 4, protowire.BytesType).bytes))

	fs = decodeFields(t, marshal(t, &types.RedelegationEntryResponse{RedelegationEntry: &types.RedelegationEntry{CreationHeight: 1}, Balance: "3"}))
	require.Equal(t, "3", string(only(t, fs, 4, protowire.BytesType).bytes), "balance is field 4")

	fs = decodeFields(t, marshal(t, &types.UnbondingDelegationEntry{UnbondingId: 11, UnbondingOnHoldRefCount: 1}))
	require.Equal(t, uint64(11), only(t, fs, 5, protowire.VarintType).num)
	require.Equal(t, uint64(1), only(t, fs, 6, protowire.VarintType).num)

	fs = decodeFields(t, marshal(t, &types.QueryRedelegationsRequest{DelegatorAddr: "d", Pagination: &authtypes.PageRequest{Limit: 1}}))
	only(t, fs, 4, protowire.BytesType)
}

func TestTypeURLsAreSlashAndTheFullProtoName(t *testing.T) {
	for url, msg := range map[string]proto.Message{
		types.TypeURLMsgCreateValidator:         &types.MsgCreateValidator{},
		types.TypeURLMsgEditValidator:           &types.MsgEditValidator{},
		types.TypeURLMsgDelegate:                &types.MsgDelegate{},
		types.TypeURLMsgUndelegate:              &types.MsgUndelegate{},
		types.TypeURLMsgBeginRedelegate:         &types.MsgBeginRedelegate{},
		types.TypeURLMsgCreateValidatorResponse: &types.MsgCreateValidatorResponse{},
		types.TypeURLMsgEditValidatorResponse:   &types.MsgEditValidatorResponse{},
		types.TypeURLMsgDelegateResponse:        &types.MsgDelegateResponse{},
		types.TypeURLMsgUndelegateResponse:      &types.MsgUndelegateResponse{},
		types.TypeURLMsgBeginRedelegateResponse: &types.MsgBeginRedelegateResponse{},
	} {
		require.Equal(t, url, "/"+proto.MessageName(msg))
	}
}
