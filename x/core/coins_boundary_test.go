package core

import (
	"math/big"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

func TestAnAmountOfExactlyMaxAmountBitsIsValid(t *testing.T) {
	largest := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), MaxAmountBits), big.NewInt(1))
	require.Equal(t, MaxAmountBits, largest.BitLen())
	cs := Coins{{Denom: "ustake", Amount: math.NewIntFromBigInt(largest)}}
	require.NoError(t, cs.Validate())
}

func TestValidateSaysWhetherCoinsAreDuplicatedOrOutOfOrder(t *testing.T) {
	err := Coins{NewCoin("aaa", 1), NewCoin("aaa", 2)}.Validate()
	require.ErrorIs(t, err, ErrInvalidCoins)
	require.Contains(t, err.Error(), "duplicate denom aaa")

	err = Coins{NewCoin("bbb", 1), NewCoin("aaa", 2)}.Validate()
	require.ErrorIs(t, err, ErrInvalidCoins)
	require.Contains(t, err.Error(), "not sorted")
	require.NotContains(t, err.Error(), "duplicate")
}

func TestAmountOfADenomSortingAfterEveryCoinIsZero(t *testing.T) {
	cs := Coins{NewCoin("aaa", 1), NewCoin("bbb", 2)}
	require.True(t, cs.AmountOf("zzz").IsZero())
	require.True(t, Coins{}.AmountOf("aaa").IsZero())
	require.Equal(t, math.NewInt(2), cs.AmountOf("bbb"))
}

func TestAddingMoreCoinsThanTheReceiverHoldsMergesThemAll(t *testing.T) {
	one := Coins{NewCoin("bbb", 1)}
	three := Coins{NewCoin("aaa", 5), NewCoin("bbb", 2), NewCoin("ccc", 7)}
	require.Equal(t, "5aaa,3bbb,7ccc", one.Add(three).String())
	require.Equal(t, "5aaa,2bbb,7ccc", Coins{}.Add(three).String())
	require.Equal(t, three.Add(one), one.Add(three))
}
