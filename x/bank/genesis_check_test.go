package bank

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestABalanceCheckNamesTheBadEntryByItsPlaceInTheList(t *testing.T) {
	c := NewBalanceCheck()
	require.NoError(t, c.Check(Balance{Address: addr("a").String(), Coins: "1ustake"}))
	require.NoError(t, c.Check(Balance{Address: addr("b").String(), Coins: "1ustake"}))
	require.ErrorContains(t, c.Check(Balance{Address: "not-an-address", Coins: "1ustake"}), "bank balance 2: ")
	require.ErrorContains(t, c.Check(Balance{Address: addr("a").String(), Coins: "2ustake"}), "listed twice")
}
