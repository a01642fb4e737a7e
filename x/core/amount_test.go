package core

import (
	"math/big"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

// slowChange is ChangeAmount done with math.Int alone, as the modules did
// before the 64-bit path: the reference every input must agree with.
func slowChange(bz []byte, delta math.Int, take bool) (next []byte, covered bool, err error) {
	a := math.ZeroInt()
	if bz != nil {
		a = math.Int{}
		if err := a.Unmarshal(bz); err != nil {
			return nil, false, err
		}
	}
	if take {
		if a.LT(delta) {
			return nil, false, nil
		}
		a = a.Sub(delta)
	} else {
		a = a.Add(delta)
	}
	if a.IsZero() {
		return nil, true, nil
	}
	bz, err = a.Marshal()
	return bz, true, err
}

// agree checks ChangeAmount against slowChange for one input: both must
// refuse it (with an error or a panic, which the modules turn into the
// same panic), or give the same bytes.
func agree(t *testing.T, bz []byte, delta math.Int, take bool) {
	t.Helper()
	call := func(f func([]byte, math.Int, bool) ([]byte, bool, error)) (next []byte, covered bool, err error, panicked bool) {
		defer func() {
			if recover() != nil {
				panicked = true
			}
		}()
		next, covered, err = f(bz, delta, take)
		return
	}
	got, gotCovered, gotErr, gotPanic := call(ChangeAmount)
	want, wantCovered, wantErr, wantPanic := call(slowChange)
	gotRefused, wantRefused := gotPanic || gotErr != nil, wantPanic || wantErr != nil
	require.Equal(t, wantRefused, gotRefused, "refused, %q %s take=%v: %v / %v", bz, delta, take, wantErr, gotErr)
	if wantRefused {
		return
	}
	require.Equal(t, wantCovered, gotCovered, "covered, %q %s take=%v", bz, delta, take)
	require.Equal(t, string(want), string(got), "%q %s take=%v", bz, delta, take)
	require.Equal(t, want == nil, got == nil, "nil, %q %s take=%v", bz, delta, take)
}

func TestChangeAmountAgreesWithMathInt(t *testing.T) {
	pow := func(base, exp int64) *big.Int { return new(big.Int).Exp(big.NewInt(base), big.NewInt(exp), nil) }
	minus1 := func(x *big.Int) *big.Int { return new(big.Int).Sub(x, big.NewInt(1)) }
	texts := []string{
		"0", "1", "7", "10", "999", "1000000",
		minus1(pow(10, 19)).String(), pow(10, 19).String(), // the last of the 64-bit path, the first past it
		minus1(pow(2, 64)).String(), pow(2, 64).String(), pow(2, 200).String(),
		"007", "010", "08", "00", "+5", "-5", "1_000", "0x10", "12a", " 1", "", // never written by EncodeAmount
	}
	deltas := []*big.Int{
		big.NewInt(0), big.NewInt(1), big.NewInt(3), big.NewInt(1000000), big.NewInt(-2),
		minus1(pow(10, 19)), pow(10, 19), minus1(pow(2, 64)), pow(2, 64), pow(2, 255),
	}
	bzs := [][]byte{nil}
	for _, s := range texts {
		bzs = append(bzs, []byte(s))
	}
	for _, bz := range bzs {
		for _, d := range deltas {
			for _, take := range []bool{false, true} {
				agree(t, bz, math.NewIntFromBigInt(d), take)
			}
		}
	}
}

func TestAmountsRoundTrip(t *testing.T) {
	for _, s := range []string{"0", "1", "18446744073709551615", "18446744073709551616", "99999999999999999999999"} {
		a, ok := math.NewIntFromString(s)
		require.True(t, ok)
		want, err := a.Marshal()
		require.NoError(t, err)
		require.Equal(t, string(want), string(EncodeAmount(a)), "the encoding of %s is math.Int's", s)
		back, err := DecodeAmount(EncodeAmount(a))
		require.NoError(t, err)
		require.True(t, back.Equal(a), s)
	}
	require.Equal(t, "0", string(EncodeAmount(math.Int{})), "a zero-value math.Int encodes as math.Int encodes it")
	zero, err := DecodeAmount(nil)
	require.NoError(t, err)
	require.True(t, zero.IsZero())
	for _, bad := range []string{"", "12a", "-"} {
		_, err := DecodeAmount([]byte(bad))
		require.Error(t, err, "%q", bad)
	}
}

func FuzzChangeAmount(f *testing.F) {
	f.Add([]byte("100"), []byte{1}, false, false)
	f.Add([]byte("18446744073709551615"), []byte{1}, false, false)
	f.Add([]byte("9999999999999999999"), []byte{0x8a, 0xc7, 0x23, 0x04, 0x89, 0xe8, 0x00, 0x00}, true, false)
	f.Add([]byte("5"), []byte{6}, true, true)
	f.Add([]byte("007"), []byte{7}, true, false)
	f.Fuzz(func(t *testing.T, bz, delta []byte, take, negative bool) {
		if len(delta) > 32 {
			delta = delta[:32] // past 256 bits math.Int refuses the delta itself
		}
		d := new(big.Int).SetBytes(delta)
		if negative {
			d.Neg(d)
		}
		agree(t, bz, math.NewIntFromBigInt(d), take)
	})
}
