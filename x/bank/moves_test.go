package bank

import (
	"math/big"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/auth/types"
)

func TestMovesReadAndWriteBalancesAsTheKeeperStoresThem(t *testing.T) {
	a := types.Address(make([]byte, 20))
	w, k, _ := setup(t)
	key := balanceKey(a, "ustake")
	k.add(w, a, coins(t, "42ustake"))
	before := w.Get(key)
	k.add(w, a, coins(t, "8ustake"))

	owner, held, by, ok := Moves{}.Of(key, before, w.Get(key))
	require.True(t, ok)
	require.Equal(t, a, owner)
	require.Equal(t, "42", held.String())
	require.Equal(t, "8", by.String())

	held, next, ok := Moves{}.Add(w.Get(key), math.NewInt(-20))
	require.True(t, ok)
	require.Equal(t, "50", held.String())
	require.NoError(t, k.subtract(w, a, coins(t, "20ustake")))
	require.Equal(t, w.Get(key), next, "the value the keeper stores")

	_, held, by, ok = Moves{}.Of(key, w.Get(key), nil)
	require.True(t, ok, "a balance taken to zero is deleted")
	require.Equal(t, "-30", by.String())
	_, next, ok = Moves{}.Add(w.Get(key), held.Neg())
	require.True(t, ok)
	require.Nil(t, next, "a zero balance is not stored")
}

func TestMovesRefuseWhatIsNoBalanceOrNoAmount(t *testing.T) {
	a := types.Address(make([]byte, 20))
	for _, tc := range []struct {
		name               string
		key, before, after []byte
	}{
		{"a supply is no balance", supplyKey("ustake"), nil, []byte("1")},
		{"an account's prefix is no balance", balancesPrefix(a), nil, []byte("1")},
		{"a key cut inside its address is no balance", balancesPrefix(a)[:len(balancePrefix)+5], nil, []byte("1")},
		{"the bare prefix is no balance", balancePrefix, nil, []byte("1")},
		{"a value before that is no amount", balanceKey(a, "ustake"), []byte("x"), []byte("1")},
		{"a value after that is no amount", balanceKey(a, "ustake"), []byte("1"), []byte("x")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, ok := Moves{}.Of(tc.key, tc.before, tc.after)
			require.False(t, ok)
		})
	}

	_, _, ok := Moves{}.Add([]byte("x"), math.OneInt())
	require.False(t, ok, "a value that is no amount")
	_, _, ok = Moves{}.Add([]byte("5"), math.NewInt(-6))
	require.False(t, ok, "a negative balance")
	largest := math.NewIntFromBigInt(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)))
	_, _, ok = Moves{}.Add(amountValue(largest), math.ZeroInt())
	require.True(t, ok, "the largest amount")
	_, _, ok = Moves{}.Add(amountValue(largest), math.OneInt())
	require.False(t, ok, "a sum out of an amount's range")
}
