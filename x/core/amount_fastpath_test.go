package core

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

// TestChangeAmountOfEveryAmountBelowTenToTheNineteenAllocatesAtMostOnce
// holds ChangeAmount to the 64-bit path for every text EncodeAmount writes
// below 10^19: "0", each digit from 0 to 9, and the most digits (19). That
// path allocates only the returned text; math.Int's path allocates several
// times, so a text wrongly sent there shows up here, although both give the
// same amount.
func TestChangeAmountOfEveryAmountBelowTenToTheNineteenAllocatesAtMostOnce(t *testing.T) {
	for _, tc := range []struct {
		have  string
		delta int64
		take  bool
	}{
		{"0", 5, false},
		{"0", 0, true},
		{"9", 1, false},
		{"7", 0, false}, // adding nothing does not wrap around
		{"10", 90, false},
		{"1234567890", 1, true},
		{"9999999999999999999", 1, true}, // 19 digits, the most the 64-bit path reads
		{"1000000000000000000", 1, false},
		{"9000000000000000000", 9000000000000000000, true},
	} {
		delta := math.NewInt(tc.delta)
		bz := []byte(tc.have)
		_, covered, err := ChangeAmount(bz, delta, tc.take)
		require.NoError(t, err)
		require.True(t, covered)
		allocs := testing.AllocsPerRun(20, func() {
			if _, _, err := ChangeAmount(bz, delta, tc.take); err != nil {
				panic(err)
			}
		})
		require.LessOrEqual(t, allocs, 1.0, "%s %+d take=%v", tc.have, tc.delta, tc.take)
	}
}

// TestDecodeAmountReadsTheSmallestAndLargestSixtyFourBitTextsWithoutMathIntParsing
// checks the same bounds through DecodeAmount: a text of the 64-bit path is
// read with one allocation at most (math.Int's own), its parser's several
// never.
func TestDecodeAmountReadsTheSmallestAndLargestSixtyFourBitTextsWithoutMathIntParsing(t *testing.T) {
	for _, s := range []string{"0", "9", "90", "9999999999999999999"} {
		bz := []byte(s)
		a, err := DecodeAmount(bz)
		require.NoError(t, err)
		require.Equal(t, s, a.String())
		allocs := testing.AllocsPerRun(20, func() {
			if _, err := DecodeAmount(bz); err != nil {
				panic(err)
			}
		})
		require.LessOrEqual(t, allocs, 2.0, s)
	}
}
