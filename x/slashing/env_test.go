package slashing

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

// funded are the names whose accounts hold 1,000 STAKE at genesis.
var funded = []string{"a", "b", "c", "d", "e", "x", "y", "z"}

func addr(name string) authtypes.Address {
	h := sha256.Sum256([]byte(name))
	return authtypes.Address(h[:20])
}

func consKey(name string) []byte {
	h := sha256.Sum256([]byte("cons " + name))
	return h[:]
}

// consAddr is the consensus address of name's validator key, as CometBFT
// derives it.
func consAddr(name string) []byte {
	h := sha256.Sum256(consKey(name))
	return h[:20]
}

// heightFacts are what the test chain knew at the start of a height: its
// time and each validator's voting power in CometBFT's set.
type heightFacts struct {
	time  time.Time
	power map[string]int64
}

// env is a chain of auth, bank, staking and slashing keepers over an
// in-memory state, driven block by block.
type env struct {
	t     *testing.T
	w     *store.Cache
	bank  bank.Keeper
	sk    staking.Keeper
	k     Keeper
	block core.Block
	age   core.EvidenceAge
	// ev holds the events of the last command.
	ev core.Events
	// updates are the validator-set changes of the last EndBlock, by
	// validator name.
	updates map[string]int64
	// pending is the evidence the next block carries.
	pending []core.Misbehavior
	// names are the validators created, in creation order.
	names   []string
	history map[int64]heightFacts
}

func newEnv(t *testing.T) *env {
	t.Helper()
	w := store.NewCache(store.Empty{})
	ak := auth.NewKeeper(staking.ModuleAccounts()...)
	require.NoError(t, ak.InitGenesis(w, auth.DefaultGenesis()))
	bk := bank.NewKeeper(ak)
	g := bank.DefaultGenesis()
	for _, n := range funded {
		g.Balances = append(g.Balances, bank.Balance{Address: addr(n).String(), Coins: "1000000000ustake"})
	}
	require.NoError(t, bk.InitGenesis(w, g))
	sk := staking.NewKeeper(ak, bk)
	sp := staking.DefaultParams()
	sp.UnbondingTime = core.Duration(time.Hour)
	sp.MaxValidators = 10
	require.NoError(t, sk.SetParams(w, sp))
	k := NewKeeper(sk, nil)
	require.NoError(t, k.InitGenesis(w, DefaultGenesis()))
	e := &env{
		t: t, w: w, bank: bk, sk: sk, k: k,
		block:   core.Block{ChainID: "test", Height: 1, Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
		age:     core.EvidenceAge{MaxAgeNumBlocks: 100_000, MaxAgeDuration: 48 * time.Hour},
		updates: map[string]int64{},
		history: map[int64]heightFacts{},
	}
	e.record()
	return e
}

func stake(amount int64) core.Coin { return core.NewCoin("ustake", amount*1_000_000) }

// createValidator makes name a validator with the given self-stake, in
// the current block.
func (e *env) createValidator(name string, amount int64) error {
	err := e.sk.CreateValidator(e.w, &e.ev, e.block, staking.CreateValidator{
		Operator:    addr(name),
		ConsPubKey:  consKey(name),
		Description: staking.Description{Moniker: name},
		Commission: staking.CommissionRates{
			Rate: math.LegacyMustNewDecFromStr("0.1"), MaxRate: math.LegacyMustNewDecFromStr("0.2"),
			MaxChangeRate: math.LegacyMustNewDecFromStr("0.01"),
		},
		MinSelfDelegation: math.OneInt(),
		Amount:            stake(amount),
	})
	if err == nil {
		e.names = append(e.names, name)
	}
	return err
}

// record notes the current height's time and the validators' powers.
func (e *env) record() {
	f := heightFacts{time: e.block.Time, power: map[string]int64{}}
	for _, n := range e.names {
		f.power[n] = e.sk.LastPower(e.w, addr(n))
	}
	e.history[e.block.Height] = f
}

// vote is a validator's part in a last commit.
type vote struct {
	name   string
	signed bool
}

// nextBlock ends the current block, moves to the next one dt later and
// begins it with the given last-commit votes and the pending evidence.
// The power of a vote is the validator's power at the previous height.
func (e *env) nextBlock(dt time.Duration, votes []vote) {
	e.t.Helper()
	e.updates = map[string]int64{}
	for _, u := range e.sk.EndBlock(e.w, &e.ev, e.block) {
		e.updates[e.nameOfKey(u.PubKey)] = u.Power
	}
	prev := e.history[e.block.Height]
	e.block.Height++
	e.block.Time = e.block.Time.Add(dt)
	e.record()
	cv := make([]core.Vote, len(votes))
	for i, v := range votes {
		cv[i] = core.Vote{ConsAddr: consAddr(v.name), Power: prev.power[v.name], Signed: v.signed}
	}
	ev := e.pending
	e.pending = nil
	e.k.BeginBlock(e.w, &e.ev, e.block, cv, ev, e.age)
}

func (e *env) nameOfKey(pub []byte) string {
	for _, n := range e.names {
		if string(consKey(n)) == string(pub) {
			return n
		}
	}
	e.t.Fatalf("validator update for an unknown key %X", pub)
	return ""
}

func (e *env) validator(name string) staking.Validator {
	e.t.Helper()
	v, ok := e.sk.Validator(e.w, addr(name))
	require.True(e.t, ok, "validator %s", name)
	return v
}

func (e *env) signingInfo(name string) SigningInfo {
	e.t.Helper()
	info, ok := e.k.SigningInfo(e.w, consAddr(name))
	require.True(e.t, ok, "signing info of %s", name)
	return info
}
