package ballot

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

// stake is n STAKE in ustake.
func stake(n int64) core.Coin { return core.NewCoin("ustake", n*1_000_000) }

// env is a ballot keeper over an in-memory state with staking underneath,
// where the named accounts hold 1,000 STAKE each.
type env struct {
	t     *testing.T
	w     *store.Cache
	k     Keeper
	sk    staking.Keeper
	block core.Block
	ev    core.Events
}

func newEnv(t *testing.T, names ...string) *env {
	t.Helper()
	w := store.NewCache(store.Empty{})
	ak := auth.NewKeeper(staking.ModuleAccounts()...)
	require.NoError(t, ak.InitGenesis(w, auth.DefaultGenesis()))
	bk := bank.NewKeeper(ak)
	g := bank.DefaultGenesis()
	for _, n := range names {
		g.Balances = append(g.Balances, bank.Balance{Address: addr(n).String(), Coins: "1000000000ustake"})
	}
	require.NoError(t, bk.InitGenesis(w, g))
	sk := staking.NewKeeper(ak, bk)
	p := staking.DefaultParams()
	p.UnbondingTime = core.Duration(time.Hour)
	p.MaxValidators = 3
	require.NoError(t, sk.SetParams(w, p))
	return &env{t: t, w: w, k: NewKeeper(sk), sk: sk,
		block: core.Block{ChainID: "test", Height: 1, Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}
}

// createValidator makes name a validator with n STAKE of its own.
func (e *env) createValidator(name string, n int64) error {
	return e.sk.CreateValidator(e.w, &e.ev, e.block, staking.CreateValidator{
		Operator:          addr(name),
		ConsPubKey:        consKey(name),
		Description:       staking.Description{Moniker: name},
		Commission:        staking.CommissionRates{Rate: math.LegacyMustNewDecFromStr("0.1"), MaxRate: math.LegacyMustNewDecFromStr("0.2"), MaxChangeRate: math.LegacyMustNewDecFromStr("0.01")},
		MinSelfDelegation: math.OneInt(),
		Amount:            stake(n),
	})
}

// advance ends the block (staking's EndBlock bonds new validators) and
// begins the next, dt later.
func (e *env) advance(dt time.Duration) {
	e.sk.EndBlock(e.w, &e.ev, e.block)
	e.block.Height++
	e.block.Time = e.block.Time.Add(dt)
}

// create opens a ballot of chair with proposals that ends in an hour.
func (e *env) create(chair string, proposals ...string) uint64 {
	e.t.Helper()
	id, err := e.k.CreateBallot(e.w, &e.ev, e.block, CreateBallot{
		Chairperson: addr(chair), Title: "t", Proposals: proposals, VotingEnd: e.block.Time.Add(time.Hour),
	})
	require.NoError(e.t, err)
	return id
}

func (e *env) give(id uint64, chair, voter string) error {
	return e.k.GiveRightToVote(e.w, &e.ev, e.block, GiveRightToVote{Chairperson: addr(chair), BallotID: id, Voter: addr(voter)})
}

func (e *env) delegate(id uint64, from, to string) error {
	return e.k.DelegateVote(e.w, &e.ev, e.block, DelegateVote{Voter: addr(from), BallotID: id, To: addr(to)})
}

func (e *env) vote(id uint64, voter string, proposal uint32) error {
	return e.k.CastVote(e.w, &e.ev, e.block, CastVote{Voter: addr(voter), BallotID: id, Proposal: proposal})
}

// tallies are ballot id's vote counts as strings.
func (e *env) tallies(id uint64) []string {
	e.t.Helper()
	b, ok := e.k.Ballot(e.w, id)
	require.True(e.t, ok)
	var out []string
	for _, t := range e.k.Tallies(e.w, b) {
		out = append(out, t.String())
	}
	return out
}

func (e *env) voter(id uint64, name string) Voter {
	v, _ := e.k.Voter(e.w, id, addr(name))
	return v
}
