package token

import (
	"crypto/sha256"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	"github.com/stakechain/stakechain/x/core"
)

func addr(name string) authtypes.Address {
	h := sha256.Sum256([]byte(name))
	return authtypes.Address(h[:20])
}

// otherModule is a module account of another module, like the
// distribution account, whose balance its module accounts for.
const otherModule = "other_mod"

// env is a token keeper over an in-memory state where the named accounts
// hold 1,000 STAKE each.
type env struct {
	t    *testing.T
	w    *store.Cache
	k    Keeper
	bank bank.Keeper
	ev   core.Events
}

func newEnv(t *testing.T, names ...string) *env {
	t.Helper()
	w := store.NewCache(store.Empty{})
	ak := auth.NewKeeper(append(ModuleAccounts(), auth.ModuleAccountSpec{Name: otherModule})...)
	require.NoError(t, ak.InitGenesis(w, auth.DefaultGenesis()))
	bk := bank.NewKeeper(ak)
	g := bank.DefaultGenesis()
	for _, n := range names {
		g.Balances = append(g.Balances, bank.Balance{Address: addr(n).String(), Coins: "1000000000ustake"})
	}
	require.NoError(t, bk.InitGenesis(w, g))
	k := NewKeeper(ak, bk)
	require.NoError(t, k.InitGenesis(w, DefaultGenesis()))
	return &env{t: t, w: w, k: k, bank: bk}
}

func n(v int64) math.Int { return math.NewInt(v) }

// create makes creator's token symbol with the given max and initial
// supply, and returns its denom.
func (e *env) create(creator, symbol string, max, initial int64) string {
	e.t.Helper()
	denom, err := e.k.CreateToken(e.w, &e.ev, CreateTokenMsg{
		Creator: addr(creator), Symbol: symbol, Name: symbol + " coin", Decimals: 6, MaxSupply: n(max), InitialSupply: n(initial),
	})
	require.NoError(e.t, err)
	return denom
}

func (e *env) balance(name, denom string) math.Int { return e.bank.Balance(e.w, addr(name), denom) }

func (e *env) mint(admin, denom string, amount int64, to string) error {
	return e.k.Mint(e.w, &e.ev, MintMsg{Admin: addr(admin), Denom: denom, Amount: n(amount), Recipient: addr(to)})
}

func (e *env) approve(owner, spender, denom string, amount int64) error {
	return e.k.Approve(e.w, &e.ev, ApproveMsg{Owner: addr(owner), Spender: addr(spender), Amount: core.Coin{Denom: denom, Amount: n(amount)}})
}

func (e *env) transferFrom(spender, owner, to, denom string, amount int64) error {
	return e.k.TransferFrom(e.w, &e.ev, TransferFromMsg{Spender: addr(spender), Owner: addr(owner), Recipient: addr(to), Amount: core.Coin{Denom: denom, Amount: n(amount)}})
}

// holds checks the module's invariant and that the token's supply in the
// bank is the sum of the given holders' balances.
func (e *env) holds(denom string, holders ...string) {
	e.t.Helper()
	require.NoError(e.t, e.k.CheckInvariant(e.w))
	sum := math.ZeroInt()
	for _, h := range holders {
		sum = sum.Add(e.balance(h, denom))
	}
	require.Equal(e.t, sum.String(), e.bank.Supply(e.w, denom).String(), "supply of %s", denom)
}

// snapshot is every key and value of the state, to show that a failed
// message changed nothing.
func (e *env) snapshot() map[string]string {
	out := map[string]string{}
	e.w.Iterate(nil, nil, func(k, v []byte) bool {
		out[string(k)] = string(v)
		return true
	})
	return out
}
