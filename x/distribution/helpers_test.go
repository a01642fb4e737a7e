package distribution

import (
	"crypto/sha256"
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/staking"
)

func addr(name string) authtypes.Address {
	h := sha256.Sum256([]byte(name))
	return authtypes.Address(h[:20])
}

func consKey(name string) []byte {
	h := sha256.Sum256([]byte("cons " + name))
	return h[:]
}

func dec(s string) math.LegacyDec { return math.LegacyMustNewDecFromStr(s) }

func decCoins(t *testing.T, s string) DecCoins {
	t.Helper()
	ps, err := core.ParseDecCoins(s)
	require.NoError(t, err)
	out := DecCoins{}
	for _, p := range ps {
		if p.Amount.IsPositive() {
			out = append(out, p)
		}
	}
	require.NoError(t, out.Validate())
	return out
}

func coins(t *testing.T, s string) core.Coins {
	t.Helper()
	cs, err := core.ParseCoins(s)
	require.NoError(t, err)
	return cs
}

// env is a chain with auth, bank, staking and distribution over an
// in-memory state, where every named account (and "payer", who pays the
// fees) holds 10^12 ustake and 10^12 uatom.
type env struct {
	t       *testing.T
	w       *store.Cache
	k       Keeper
	bank    bank.Keeper
	staking staking.Keeper
	block   core.Block
	ev      core.Events
}

func newEnv(t *testing.T, names ...string) *env {
	t.Helper()
	w := store.NewCache(store.Empty{})
	specs := append(staking.ModuleAccounts(), ModuleAccounts()...)
	specs = append(specs, auth.ModuleAccountSpec{Name: auth.FeeCollectorName})
	ak := auth.NewKeeper(specs...)
	require.NoError(t, ak.InitGenesis(w, auth.DefaultGenesis()))
	bk := bank.NewKeeper(ak)
	g := bank.DefaultGenesis()
	for _, n := range append([]string{"payer"}, names...) {
		g.Balances = append(g.Balances, bank.Balance{Address: addr(n).String(), Coins: "1000000000000uatom,1000000000000ustake"})
	}
	require.NoError(t, bk.InitGenesis(w, g))
	sk := staking.NewKeeper(ak, bk)
	sp := staking.DefaultParams()
	sp.UnbondingTime = core.Duration(time.Hour)
	require.NoError(t, sk.InitGenesis(w, staking.GenesisState{Params: sp}))
	k := NewKeeper(bk, sk)
	require.NoError(t, k.InitGenesis(w, DefaultGenesis()))
	return &env{t: t, w: w, k: k, bank: bk, staking: sk,
		block: core.Block{ChainID: "test", Height: 1, Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}
}

func ustake(n int64) core.Coin { return core.NewCoin("ustake", n) }

// createValidator creates and bonds a validator run by name, settling the
// self-delegation first as the application does.
func (e *env) createValidator(name string, self int64, rate string) {
	e.t.Helper()
	_, err := e.k.SettleDelegation(e.w, &e.ev, addr(name), addr(name))
	require.NoError(e.t, err)
	require.NoError(e.t, e.staking.CreateValidator(e.w, &e.ev, e.block, staking.CreateValidator{
		Operator:          addr(name),
		ConsPubKey:        consKey(name),
		Description:       staking.Description{Moniker: name},
		Commission:        staking.CommissionRates{Rate: dec(rate), MaxRate: dec("1"), MaxChangeRate: dec("0.01")},
		MinSelfDelegation: math.OneInt(),
		Amount:            ustake(self),
	}))
	e.staking.EndBlock(e.w, &e.ev, e.block)
}

// delegate settles, then delegates, as the application does.
func (e *env) delegate(del, val string, amount int64) {
	e.t.Helper()
	_, err := e.k.SettleDelegation(e.w, &e.ev, addr(del), addr(val))
	require.NoError(e.t, err)
	_, err = e.staking.Delegate(e.w, &e.ev, addr(del), addr(val), ustake(amount))
	require.NoError(e.t, err)
}

// undelegate settles, then undelegates, and returns what settling paid.
func (e *env) undelegate(del, val string, amount int64) core.Coins {
	e.t.Helper()
	paid, err := e.k.SettleDelegation(e.w, &e.ev, addr(del), addr(val))
	require.NoError(e.t, err)
	_, _, err = e.staking.Undelegate(e.w, &e.ev, e.block, addr(del), addr(val), ustake(amount))
	require.NoError(e.t, err)
	return paid
}

// vote is name's vote in the last commit.
func vote(name string, power int64, signed bool) core.Vote {
	h := sha256.Sum256(consKey(name))
	return core.Vote{ConsAddr: h[:20], Power: power, Signed: signed}
}

// payFees puts fees in the fee collector, as the ante handler does.
func (e *env) payFees(fees string) {
	e.t.Helper()
	require.NoError(e.t, e.bank.Send(e.w, &e.ev, addr("payer"), authtypes.ModuleAddress(auth.FeeCollectorName), coins(e.t, fees)))
}

// allocate runs distribution's BeginBlock with the given votes and moves
// to the next block.
func (e *env) allocate(votes ...core.Vote) core.Events {
	var ev core.Events
	e.k.BeginBlock(e.w, &ev, e.block, votes)
	e.block.Height++
	e.block.Time = e.block.Time.Add(5 * time.Second)
	return ev
}

func (e *env) withdraw(del, val string) core.Coins {
	e.t.Helper()
	paid, err := e.k.WithdrawDelegatorReward(e.w, &e.ev, addr(del), addr(val))
	require.NoError(e.t, err)
	return paid
}

func (e *env) pending(del, val string) DecCoins {
	e.t.Helper()
	r, err := e.k.PendingRewards(e.w, addr(del), addr(val))
	require.NoError(e.t, err)
	return r
}

func (e *env) invariant() {
	e.t.Helper()
	require.NoError(e.t, e.k.CheckInvariant(e.w))
}
