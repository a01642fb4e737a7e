package token

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/token/types"
)

func genesisToken(creator, symbol, max string) GenesisToken {
	return GenesisToken{Denom: Denom(addr(creator), symbol), Creator: addr(creator).String(), Admin: addr(creator).String(),
		Symbol: symbol, Name: symbol, Decimals: 6, MaxSupply: max}
}

// genesisEnv starts a chain from the given bank balances and token genesis.
func genesisEnv(t *testing.T, balances []bank.Balance, g GenesisState) (*store.Cache, Keeper, error) {
	t.Helper()
	w := store.NewCache(store.Empty{})
	ak := auth.NewKeeper(ModuleAccounts()...)
	require.NoError(t, ak.InitGenesis(w, auth.DefaultGenesis()))
	bk := bank.NewKeeper(ak)
	bg := bank.DefaultGenesis()
	bg.Balances = balances
	require.NoError(t, bk.InitGenesis(w, bg))
	k := NewKeeper(ak, bk)
	return w, k, k.InitGenesis(w, g)
}

func TestDefaultGenesisIsValidAndEmpty(t *testing.T) {
	g := DefaultGenesis()
	require.NoError(t, g.Validate())
	bz, err := json.Marshal(g)
	require.NoError(t, err)
	require.JSONEq(t, `{"tokens":[],"allowances":[]}`, string(bz))
}

func TestGenesisExportedFromAStateStartsTheSameState(t *testing.T) {
	e := newEnv(t, "alice")
	gold := e.create("alice", "GOLD", 1000, 100)
	silver := e.create("bob", "SLV", 50, 0)
	require.NoError(t, e.mint("bob", silver, 20, "carol"))
	require.NoError(t, e.approve("alice", "bob", gold, 30))
	require.NoError(t, e.approve("carol", "alice", silver, 5))
	require.NoError(t, e.k.ChangeAdmin(e.w, &e.ev, ChangeAdminMsg{Admin: addr("alice"), Denom: gold, NewAdmin: addr("dave")}))
	g := e.k.ExportGenesis(e.w)
	require.NoError(t, g.Validate())
	require.Len(t, g.Tokens, 2)
	require.Len(t, g.Allowances, 2)

	bz, err := json.Marshal(g)
	require.NoError(t, err)
	var back GenesisState
	require.NoError(t, json.Unmarshal(bz, &back))

	w, k, err := genesisEnv(t, []bank.Balance{
		{Address: addr("alice").String(), Coins: "100" + gold},
		{Address: addr("carol").String(), Coins: "20" + silver},
	}, back)
	require.NoError(t, err)
	require.Equal(t, e.k.Tokens(e.w), k.Tokens(w))
	require.Equal(t, g, k.ExportGenesis(w))
	tok, _ := k.Token(w, gold)
	require.Equal(t, addr("dave"), tok.Admin)
	require.Equal(t, "30", k.Allowance(w, addr("alice"), addr("bob"), gold).String())
	require.NoError(t, k.CheckInvariant(w))
}

func TestGenesisValidationAppliesTheRulesOfCreateToken(t *testing.T) {
	valid := genesisToken("a", "ABC", "100")
	for name, c := range map[string]struct {
		mutate func(*GenesisToken)
		want   error
	}{
		"bad symbol":        {func(g *GenesisToken) { g.Symbol = "ab"; g.Denom = Denom(addr("a"), "ab") }, ErrBadSymbol},
		"bad name":          {func(g *GenesisToken) { g.Name = "" }, ErrBadName},
		"too many decimals": {func(g *GenesisToken) { g.Decimals = 19 }, ErrBadDecimals},
		"zero max supply":   {func(g *GenesisToken) { g.MaxSupply = "0" }, ErrBadMaxSupply},
		"no max supply":     {func(g *GenesisToken) { g.MaxSupply = "" }, ErrBadMaxSupply},
		"denom mismatch":    {func(g *GenesisToken) { g.Denom = Denom(addr("b"), "ABC") }, ErrBadDenom},
		"bad creator":       {func(g *GenesisToken) { g.Creator = "stake1xyz" }, core.ErrInvalidAddress},
		"bad admin":         {func(g *GenesisToken) { g.Admin = "" }, core.ErrInvalidAddress},
	} {
		gt := valid
		c.mutate(&gt)
		g := GenesisState{Tokens: []GenesisToken{gt}}
		require.ErrorIs(t, g.Validate(), c.want, name)
	}
	g := GenesisState{Tokens: []GenesisToken{valid, valid}}
	require.ErrorIs(t, g.Validate(), ErrTokenExists)
}

func TestGenesisAllowancesArePositiveListedOnceAndOfAGenesisToken(t *testing.T) {
	tok := genesisToken("a", "ABC", "100")
	allow := GenesisAllowance{Owner: addr("a").String(), Spender: addr("b").String(), Denom: tok.Denom, Amount: "5"}
	require.NoError(t, GenesisState{Tokens: []GenesisToken{tok}, Allowances: []GenesisAllowance{allow}}.Validate())

	zero := allow
	zero.Amount = "0"
	require.ErrorIs(t, GenesisState{Tokens: []GenesisToken{tok}, Allowances: []GenesisAllowance{zero}}.Validate(), ErrBadAmount)
	native := allow
	native.Denom = "ustake"
	require.ErrorIs(t, GenesisState{Tokens: []GenesisToken{tok}, Allowances: []GenesisAllowance{native}}.Validate(), ErrTokenNotFound)
	require.ErrorContains(t, GenesisState{Tokens: []GenesisToken{tok}, Allowances: []GenesisAllowance{allow, allow}}.Validate(), "listed twice")
	badSpender := allow
	badSpender.Spender = "x"
	require.ErrorIs(t, GenesisState{Tokens: []GenesisToken{tok}, Allowances: []GenesisAllowance{badSpender}}.Validate(), core.ErrInvalidAddress)
}

func TestInitGenesisRefusesABankSupplyAboveTheMaxOrCoinsOfAnUnknownToken(t *testing.T) {
	tok := genesisToken("a", "ABC", "100")
	_, _, err := genesisEnv(t, []bank.Balance{{Address: addr("a").String(), Coins: "101" + tok.Denom}}, GenesisState{Tokens: []GenesisToken{tok}})
	require.ErrorContains(t, err, "above its max supply")

	_, _, err = genesisEnv(t, []bank.Balance{{Address: addr("a").String(), Coins: "5" + tok.Denom}}, DefaultGenesis())
	require.ErrorIs(t, err, ErrTokenNotFound)

	_, _, err = genesisEnv(t, []bank.Balance{{Address: authtypes.ModuleAddress(ModuleName).String(), Coins: "5" + tok.Denom}}, GenesisState{Tokens: []GenesisToken{tok}})
	require.ErrorContains(t, err, "module account holds")

	w, k, err := genesisEnv(t, []bank.Balance{{Address: addr("a").String(), Coins: "100" + tok.Denom}}, GenesisState{Tokens: []GenesisToken{tok}})
	require.NoError(t, err)
	resp, err := k.QueryToken(w, &types.QueryTokenRequest{Denom: tok.Denom})
	require.NoError(t, err)
	require.Equal(t, "100", resp.Token.Supply)
}

func TestTheInvariantFindsCoinsLeftInTheModuleAccount(t *testing.T) {
	e := newEnv(t)
	denom := e.create("a", "ABC", 100, 10)
	require.NoError(t, e.k.CheckInvariant(e.w))
	// A mint that stopped halfway, into the module account only.
	require.NoError(t, e.bank.Mint(e.w, &e.ev, ModuleName, core.Coins{{Denom: denom, Amount: n(1)}}))
	require.ErrorContains(t, e.k.CheckInvariant(e.w), "module account holds")
}
