package evm

import (
	"fmt"
	"math/big"
	"sort"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/holiman/uint256"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
)

// chain is a state with the auth, bank and EVM modules set up, for tests.
type chain struct {
	w  *store.Cache
	ak auth.Keeper
	bk bank.Keeper
	k  Keeper
}

// ethAddr is a test address made from a name.
func ethAddr(name string) common.Address {
	return common.BytesToAddress(crypto.Keccak256([]byte(name))[12:])
}

// newChain returns a chain whose named accounts hold the given ustake.
func newChain(t testing.TB, funds map[string]int64) *chain {
	t.Helper()
	w := store.NewCache(store.Empty{})
	specs := append([]auth.ModuleAccountSpec{{Name: auth.FeeCollectorName}, {Name: "other_module"}}, ModuleAccounts()...)
	ak := auth.NewKeeper(specs...)
	require.NoError(t, ak.InitGenesis(w, auth.DefaultGenesis()))
	bk := bank.NewKeeper(ak)
	g := bank.DefaultGenesis()
	for _, name := range sortedNames(funds) {
		g.Balances = append(g.Balances, bank.Balance{Address: authtypes.Address(ethAddr(name).Bytes()).String(), Coins: fmt.Sprintf("%dustake", funds[name])})
	}
	require.NoError(t, bk.InitGenesis(w, g))
	k := NewKeeper(ak, bk, "ustake")
	require.NoError(t, k.InitGenesis(w, DefaultGenesis()))
	return &chain{w: w, ak: ak, bk: bk, k: k}
}

func sortedNames(m map[string]int64) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ustake is the bank balance of addr.
func (c *chain) ustake(addr common.Address) int64 {
	return c.bk.Balance(c.w, authtypes.Address(addr.Bytes()), "ustake").Int64()
}

// wei is addr's balance as the EVM sees it, read from committed state.
func (c *chain) wei(addr common.Address) *uint256.Int {
	return c.k.NewStateDB(c.w).GetBalance(addr)
}

// checkInvariants checks that the remainders are below 10^12, add up to
// the reserve's ustake × 10^12, and that the ustake supply equals the sum
// of balances.
func (c *chain) checkInvariants(t testing.TB) {
	t.Helper()
	require.NoError(t, c.k.CheckInvariants(c.w))
	sum := new(big.Int)
	c.w.Iterate(remainderPrefix, store.PrefixEnd(remainderPrefix), func(_, v []byte) bool {
		r := new(big.Int).SetBytes(v)
		require.True(t, r.Sign() > 0 && r.Cmp(big.NewInt(WeiPerMicro)) < 0, "remainder %s", r)
		sum.Add(sum, r)
		return true
	})
	reserve := c.bk.Balance(c.w, authtypes.ModuleAddress(ReserveName), "ustake").BigInt()
	require.Equal(t, new(big.Int).Mul(reserve, big.NewInt(WeiPerMicro)).String(), sum.String(), "the remainders add up to the reserve")
	total := new(big.Int)
	prefix := []byte("bank/balance/")
	c.w.Iterate(prefix, store.PrefixEnd(prefix), func(k, v []byte) bool {
		if string(k[len(k)-len("ustake"):]) == "ustake" {
			n, ok := new(big.Int).SetString(string(v), 10)
			require.True(t, ok)
			total.Add(total, n)
		}
		return true
	})
	require.Equal(t, c.bk.Supply(c.w, "ustake").String(), total.String(), "the supply is the sum of balances")
}
