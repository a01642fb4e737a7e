package core

import (
	"strings"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

func TestParseCoinsReturnsTheCanonicalForm(t *testing.T) {
	cs, err := ParseCoins(" 5foo, 10ustake ")
	require.NoError(t, err)
	require.Equal(t, "5foo,10ustake", cs.String())
	require.Equal(t, math.NewInt(10), cs.AmountOf("ustake"))
	require.True(t, cs.AmountOf("bar").IsZero())

	empty, err := ParseCoins("")
	require.NoError(t, err)
	require.True(t, empty.IsZero())
}

func TestParseCoinsRejectsBadInput(t *testing.T) {
	for _, s := range []string{
		"10", "ustake", "-5ustake", "0ustake", "1.5ustake", "10u", "10ustake,5ustake",
		"1" + strings.Repeat("0", 90) + "ustake", "10 ustake", "10ustake;5foo", "5!bad",
	} {
		_, err := ParseCoins(s)
		require.Error(t, err, s)
		require.ErrorIs(t, err, ErrInvalidCoins, s)
	}
}

func TestAddAndSafeSubKeepTheCanonicalForm(t *testing.T) {
	a, _ := ParseCoins("10a00,5b00")
	b, _ := ParseCoins("5b00,7c00")
	require.Equal(t, "10a00,10b00,7c00", a.Add(b).String())

	d, ok := a.Add(b).SafeSub(b)
	require.True(t, ok)
	require.Equal(t, a, d)

	_, ok = a.SafeSub(b)
	require.False(t, ok, "a has no c00")
	big, _ := ParseCoins("11a00")
	_, ok = a.SafeSub(big)
	require.False(t, ok)
	require.True(t, a.IsAllGTE(Coins{}))
	zero, ok := a.SafeSub(a)
	require.True(t, ok)
	require.True(t, zero.IsZero(), "zero amounts are dropped")
}

func TestValidateRejectsUnsortedDuplicateAndNonPositiveCoins(t *testing.T) {
	require.Error(t, Coins{NewCoin("bbb", 1), NewCoin("aaa", 1)}.Validate())
	require.Error(t, Coins{NewCoin("aaa", 1), NewCoin("aaa", 1)}.Validate())
	require.Error(t, Coins{NewCoin("aaa", 0)}.Validate())
	require.Error(t, Coins{NewCoin("aaa", -1)}.Validate())
	require.NoError(t, Coins{NewCoin("aaa", 1), NewCoin("token/stake1xyz/ABC", 2)}.Validate())
}

func TestParseDecCoinsReadsGasPrices(t *testing.T) {
	ps, err := ParseDecCoins("0.025ustake,1foo")
	require.NoError(t, err)
	require.Len(t, ps, 2)
	require.Equal(t, "foo", ps[0].Denom)
	require.Equal(t, math.LegacyMustNewDecFromStr("0.025"), ps[1].Amount)
	_, err = ParseDecCoins("abc")
	require.Error(t, err)
	_, err = ParseDecCoins("1ustake,2ustake")
	require.Error(t, err)
}
