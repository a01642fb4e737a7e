package auth

import (
	"crypto/sha256"
	"testing"

	"github.com/btcsuite/btcd/btcutil/bech32"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth/types"
)

func addr(name string) types.Address {
	h := sha256.Sum256([]byte(name))
	return types.Address(h[:20])
}

func TestAccountNumbersAreAssignedInOrderAfterTheModuleAccounts(t *testing.T) {
	w := store.NewCache(store.Empty{})
	k := NewKeeper(ModuleAccountSpec{Name: "zeta"}, ModuleAccountSpec{Name: "alpha"})
	g := DefaultGenesis()
	g.Accounts = []GenesisAccount{{Address: addr("x").String()}, {Address: addr("y").String()}}
	require.NoError(t, k.InitGenesis(w, g))

	require.Equal(t, uint64(0), k.Account(w, types.ModuleAddress("alpha")).AccountNumber, "module accounts in name order")
	require.Equal(t, uint64(1), k.Account(w, types.ModuleAddress("zeta")).AccountNumber)
	require.Equal(t, uint64(2), k.Account(w, addr("x")).AccountNumber)
	require.Equal(t, uint64(3), k.Account(w, addr("y")).AccountNumber)
	require.Equal(t, uint64(4), k.EnsureAccount(w, addr("z")).AccountNumber)
	require.Equal(t, uint64(4), k.EnsureAccount(w, addr("z")).AccountNumber, "an existing account keeps its number")
}

func TestModuleAccountsAnswerTheAccountQueryAsModuleAccounts(t *testing.T) {
	w := store.NewCache(store.Empty{})
	k := NewKeeper(ModuleAccountSpec{Name: FeeCollectorName})
	require.NoError(t, k.InitGenesis(w, DefaultGenesis()))
	a, err := k.AccountAny(w, types.ModuleAddress(FeeCollectorName))
	require.NoError(t, err)
	require.Equal(t, "/cosmos.auth.v1beta1.ModuleAccount", a.TypeUrl)
	var m types.ModuleAccount
	require.NoError(t, m.Unmarshal(a.Value))
	require.Equal(t, FeeCollectorName, m.Name)

	k.EnsureAccount(w, addr("user"))
	a, err = k.AccountAny(w, addr("user"))
	require.NoError(t, err)
	require.Equal(t, "/cosmos.auth.v1beta1.BaseAccount", a.TypeUrl)
}

func TestTheFeeCollectorHasTheCosmosModuleAddress(t *testing.T) {
	// The fee collector of every Cosmos Hub-style chain; the same 20 bytes
	// under our prefix.
	_, raw, err := bech32.DecodeToBase256("cosmos17xpfvakm2amg962yls6f84z3kell8c5lserqta")
	require.NoError(t, err)
	require.Equal(t, types.Address(raw), types.ModuleAddress(FeeCollectorName))
}

func TestGenesisValidationRejectsDuplicateAndMalformedAccounts(t *testing.T) {
	g := DefaultGenesis()
	g.Accounts = []GenesisAccount{{Address: addr("x").String()}, {Address: addr("x").String()}}
	require.ErrorContains(t, g.Validate(), "listed twice")
	g.Accounts = []GenesisAccount{{Address: "stake1bad"}}
	require.Error(t, g.Validate())
	g = DefaultGenesis()
	g.Params.TxSigLimit = 0
	require.Error(t, g.Validate())
}
