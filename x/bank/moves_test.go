package bank

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/auth/types"
)

func TestBalanceKeysAndValuesAreWhatTheKeeperStores(t *testing.T) {
	a, b := types.Address(make([]byte, 20)), types.Address(append(make([]byte, 19), 1))
	key := balanceKey(a, "ustake")
	require.True(t, IsAnyBalanceKey(key))
	require.True(t, IsBalanceKey(key, a))
	require.False(t, IsBalanceKey(key, b))
	require.False(t, IsBalanceKey(balancesPrefix(a), a), "a prefix is no balance")
	require.False(t, IsAnyBalanceKey(supplyKey("ustake")))

	w, k, _ := setup(t)
	k.add(w, a, coins(t, "42ustake"))
	v := w.Get(key)
	amt, err := BalanceAmount(v)
	require.NoError(t, err)
	require.Equal(t, "42", amt.String())
	require.Equal(t, v, BalanceValue(amt))
	require.NoError(t, k.subtract(w, a, coins(t, "42ustake")))
	require.Nil(t, w.Get(key))
	require.Nil(t, BalanceValue(math.ZeroInt()), "a zero balance is not stored")
	amt, err = BalanceAmount(nil)
	require.NoError(t, err)
	require.True(t, amt.IsZero())
	_, err = BalanceAmount([]byte("x"))
	require.Error(t, err)
}
