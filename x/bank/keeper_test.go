package bank

import (
	"crypto/sha256"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

func addr(name string) authtypes.Address {
	h := sha256.Sum256([]byte(name))
	return authtypes.Address(h[:20])
}

func coins(t *testing.T, s string) core.Coins {
	cs, err := core.ParseCoins(s)
	require.NoError(t, err)
	return cs
}

// setup returns a state with the given genesis balances and the keepers.
func setup(t *testing.T, balances ...Balance) (*store.Cache, Keeper, auth.Keeper) {
	w := store.NewCache(store.Empty{})
	ak := auth.NewKeeper(auth.ModuleAccountSpec{Name: "minter_mod", Permissions: []string{"minter", "burner"}}, auth.ModuleAccountSpec{Name: "plain_mod"})
	require.NoError(t, ak.InitGenesis(w, auth.DefaultGenesis()))
	bk := NewKeeper(ak)
	g := DefaultGenesis()
	g.Balances = balances
	require.NoError(t, bk.InitGenesis(w, g))
	return w, bk, ak
}

func TestSendMovesCoinsAndCreatesTheRecipientsAccount(t *testing.T) {
	w, bk, ak := setup(t, Balance{Address: addr("a").String(), Coins: "100ustake,3foo"})
	var ev core.Events
	require.NoError(t, bk.Send(w, &ev, addr("a"), addr("b"), coins(t, "40ustake,3foo")))
	require.Equal(t, "60ustake", bk.Balances(w, addr("a")).String())
	require.Equal(t, "3foo,40ustake", bk.Balances(w, addr("b")).String())
	require.True(t, ak.HasAccount(w, addr("b")))
	require.NotEmpty(t, ev.List())
	require.Equal(t, "coin_spent", ev.List()[0].Type)
}

func TestASendWithTooLittleOfOneDenomChangesNothing(t *testing.T) {
	w, bk, _ := setup(t, Balance{Address: addr("a").String(), Coins: "100ustake,3foo"})
	var ev core.Events
	err := bk.Send(w, &ev, addr("a"), addr("b"), coins(t, "40ustake,4foo"))
	require.ErrorIs(t, err, core.ErrInsufficientFunds)
	require.Equal(t, "3foo,100ustake", bk.Balances(w, addr("a")).String())
	require.True(t, bk.Balances(w, addr("b")).IsZero())
}

func TestAZeroBalanceIsNeverStored(t *testing.T) {
	w, bk, _ := setup(t, Balance{Address: addr("a").String(), Coins: "100ustake"})
	var ev core.Events
	require.NoError(t, bk.Send(w, &ev, addr("a"), addr("b"), coins(t, "100ustake")))
	require.Nil(t, w.Get(balanceKey(addr("a"), "ustake")))
	require.True(t, bk.Balances(w, addr("a")).IsZero())
}

func TestGenesisSupplyIsTheSumOfBalances(t *testing.T) {
	w, bk, _ := setup(t,
		Balance{Address: addr("a").String(), Coins: "100ustake"},
		Balance{Address: addr("b").String(), Coins: "5ustake,7foo"})
	require.Equal(t, "7foo,105ustake", bk.TotalSupply(w).String())
}

func TestMintAndBurnNeedPermissionAndTrackSupply(t *testing.T) {
	w, bk, _ := setup(t)
	var ev core.Events
	require.ErrorIs(t, bk.Mint(w, &ev, "plain_mod", coins(t, "5ustake")), ErrNoPermission)
	require.NoError(t, bk.Mint(w, &ev, "minter_mod", coins(t, "50ustake")))
	require.Equal(t, math.NewInt(50), bk.Supply(w, "ustake"))
	require.NoError(t, bk.Burn(w, &ev, "minter_mod", coins(t, "20ustake")))
	require.Equal(t, math.NewInt(30), bk.Supply(w, "ustake"))
	require.Equal(t, "30ustake", bk.Balances(w, authtypes.ModuleAddress("minter_mod")).String())
	require.ErrorIs(t, bk.Burn(w, &ev, "minter_mod", coins(t, "31ustake")), core.ErrInsufficientFunds)
	require.Equal(t, math.NewInt(30), bk.Supply(w, "ustake"), "a failed burn changes nothing")
}

func TestMsgSendToAModuleAccountIsRefused(t *testing.T) {
	w, bk, _ := setup(t, Balance{Address: addr("a").String(), Coins: "100ustake"})
	var ev core.Events
	err := bk.HandleSend(w, &ev, banktypes.Parsed{From: addr("a"), To: authtypes.ModuleAddress("plain_mod"), Amount: coins(t, "1ustake")})
	require.ErrorIs(t, err, ErrBlockedRecipient)
}

func TestGenesisValidationFindsDuplicatesAndBadCoins(t *testing.T) {
	g := DefaultGenesis()
	g.Balances = []Balance{{Address: addr("a").String(), Coins: "1ustake"}, {Address: addr("a").String(), Coins: "2ustake"}}
	require.ErrorContains(t, g.Validate(), "listed twice")
	g.Balances = []Balance{{Address: addr("a").String(), Coins: "0ustake"}}
	require.Error(t, g.Validate())
	g.Balances = []Balance{{Address: "cosmos1xyz", Coins: "1ustake"}}
	require.Error(t, g.Validate())
}
