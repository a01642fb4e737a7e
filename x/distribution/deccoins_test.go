package distribution

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/core"
)

func TestDecCoinsArithmeticKeepsTheCanonicalForm(t *testing.T) {
	a := decCoins(t, "1.5aaa,2bbb")
	b := decCoins(t, "0.5bbb,3ccc")
	require.Equal(t, decCoins(t, "1.5aaa,2.5bbb,3ccc"), a.Add(b))
	require.Equal(t, a, a.Add(b).Sub(b))
	require.True(t, a.Sub(a).IsZero(), "zero amounts are dropped")

	_, ok := a.SafeSub(b)
	require.False(t, ok, "a has no ccc")
	_, ok = b.SafeSub(decCoins(t, "1bbb"))
	require.False(t, ok)
	require.Panics(t, func() { a.Sub(b) })

	require.Equal(t, decCoins(t, "0.5bbb"), a.Min(b))
	require.Equal(t, "1.500000000000000000aaa,2.000000000000000000bbb", a.String())
	require.Equal(t, dec("2"), a.AmountOf("bbb"))
	require.True(t, a.AmountOf("zzz").IsZero())
	require.NoError(t, a.Add(b).Validate())
}

func TestMulAndQuoTruncateTowardZeroAndDropZeros(t *testing.T) {
	a := decCoins(t, "1aaa,0.000000000000000003bbb")
	require.Equal(t, decCoins(t, "0.333333333333333333aaa,0.000000000000000001bbb"), a.QuoDecTruncate(dec("3")))
	require.Equal(t, decCoins(t, "0.1aaa"), a.MulDecTruncate(dec("0.1")), "0.0000000000000000003bbb truncates to nothing")
	require.True(t, a.MulDecTruncate(dec("0")).IsZero())
	require.Panics(t, func() { a.QuoDecTruncate(dec("0")) })
	require.Panics(t, func() { a.MulDecTruncate(dec("-1")) })
}

func TestTruncateDecimalSplitsIntoWholeCoinsAndChangeThatAddBackUp(t *testing.T) {
	d := decCoins(t, "2.75aaa,0.5bbb,3ccc")
	whole, change := d.TruncateDecimal()
	require.Equal(t, coins(t, "2aaa,3ccc"), whole)
	require.Equal(t, decCoins(t, "0.75aaa,0.5bbb"), change)
	require.Equal(t, d, NewDecCoinsFromCoins(whole).Add(change))
}

func TestValidateRejectsNonCanonicalDecCoins(t *testing.T) {
	require.Error(t, DecCoins{{Denom: "aaa", Amount: dec("0")}}.Validate())
	require.Error(t, DecCoins{{Denom: "aaa", Amount: dec("-1")}}.Validate())
	require.Error(t, DecCoins{{Denom: "aaa", Amount: dec("1")}, {Denom: "aaa", Amount: dec("1")}}.Validate())
	require.Error(t, DecCoins{core.DecCoin{Denom: "a", Amount: dec("1")}}.Validate())
	require.Equal(t, decCoins(t, "7aaa"), NewDecCoinsFromCoins(coins(t, "7aaa")))
}
