package types

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCoinAmountsAreReadAsPlainBase10IntegersOfAtMost256Bits(t *testing.T) {
	max := "115792089237316195423570985008687907853269984665640564039457584007913129639935"
	for _, ok := range []string{"1", "007", max, "000" + max} {
		cs, err := CoinsFromProto([]*Coin{{Denom: "ustake", Amount: ok}})
		require.NoError(t, err, ok)
		require.Equal(t, strings.TrimLeft(ok, "0"), cs[0].Amount.String())
	}
	for amount, why := range map[string]string{
		"0x10":  "not a base-10 integer",
		"0b1":   "not a base-10 integer",
		"1_000": "not a base-10 integer",
		"+5":    "not a base-10 integer",
		"-5":    "not a base-10 integer",
		" 5":    "not a base-10 integer",
		"":      "not a base-10 integer",
		"1e6":   "not a base-10 integer",
		"115792089237316195423570985008687907853269984665640564039457584007913129639936": "too large: above 2^256",
		strings.Repeat("9", 100_000): "too large: above 2^256",
	} {
		_, err := CoinsFromProto([]*Coin{{Denom: "ustake", Amount: amount}})
		require.ErrorContains(t, err, why, amount)
		require.Less(t, len(err.Error()), 300, "the input is not echoed whole")
	}
}
