package core_test

import (
	"math/big"
	"strings"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/core"
)

func TestDecToProtoMatchesCosmosLegacyDecMarshal(t *testing.T) {
	for _, s := range []string{"0", "0.1", "0.05", "1", "1.5", "123456.000000000000000001", "-0.25"} {
		d := math.LegacyMustNewDecFromStr(s)
		cosmos, err := d.Marshal() // the bytes Cosmos's generated code writes
		require.NoError(t, err)
		require.Equal(t, string(cosmos), core.DecToProto(d), s)
		require.Equal(t, cosmos, core.DecToProtoBytes(d), s)

		back, err := core.DecFromProto(string(cosmos))
		require.NoError(t, err)
		require.True(t, d.Equal(back), s)
	}
	require.Equal(t, "100000000000000000", core.DecToProto(math.LegacyMustNewDecFromStr("0.1")))
	require.Equal(t, "0", core.DecToProto(math.LegacyDec{}))
}

func TestDecFromProtoReadsEmptyAsZeroAndRefusesDecimalPointsAndPrefixes(t *testing.T) {
	d, err := core.DecFromProto("")
	require.NoError(t, err)
	require.True(t, d.IsZero())

	d, err = core.DecFromProtoBytes([]byte("500000000000000000"))
	require.NoError(t, err)
	require.Equal(t, "0.500000000000000000", d.String())

	for _, bad := range []string{"0.1", "0x10", "+1", "-", "1e18", " 1", "1_000"} {
		_, err := core.DecFromProto(bad)
		require.ErrorIs(t, err, core.ErrBadNumber, bad)
	}
	// LegacyDec stops just below 2^256 whole units, 2^256·10^18 atomics;
	// 10^96 atomics (10^78 units) is beyond it.
	_, err = core.DecFromProto("1" + strings.Repeat("0", 96))
	require.ErrorIs(t, err, core.ErrBadNumber)
}

func TestIntFromProtoReadsBaseTenAndRefusesOver256Bits(t *testing.T) {
	i, err := core.IntFromProto("1000000")
	require.NoError(t, err)
	require.Equal(t, "1000000", core.IntToProto(i))

	i, err = core.IntFromProto("")
	require.NoError(t, err)
	require.True(t, i.IsZero())
	require.Equal(t, "0", core.IntToProto(math.Int{}))

	_, err = core.IntFromProto("1.0")
	require.ErrorIs(t, err, core.ErrBadNumber)
	_, err = core.IntFromProto("1" + strings.Repeat("0", 79)) // 10^79 > 2^256
	require.ErrorIs(t, err, core.ErrBadNumber)
}

func TestIntFromProtoTakesEveryDigitAndAtMost256Bits(t *testing.T) {
	max := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
	for _, c := range []struct {
		name, in string
		ok       bool
	}{
		{"every decimal digit is a digit", "1234567890", true},
		{"a nine alone", "9", true},
		{"a zero alone", "0", true},
		{"a negative number", "-9876543210", true},
		{"the largest 256-bit integer", max.String(), true},
		{"one more than the largest 256-bit integer", new(big.Int).Add(max, big.NewInt(1)).String(), false},
		{"a letter", "12a", false},
		{"a character just below 0", "1/", false},
		{"a character just above 9", "1:", false},
		{"a lone minus sign", "-", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := core.IntFromProto(c.in)
			if !c.ok {
				require.ErrorIs(t, err, core.ErrBadNumber)
				return
			}
			require.NoError(t, err)
			require.Equal(t, c.in, got.String())
		})
	}
}
