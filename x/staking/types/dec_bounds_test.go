package types_test

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/staking/types"
)

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
			got, err := types.IntFromProto(c.in)
			if !c.ok {
				require.ErrorIs(t, err, types.ErrBadNumber)
				return
			}
			require.NoError(t, err)
			require.Equal(t, c.in, got.String())
		})
	}
}
