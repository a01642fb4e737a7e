package gov

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
	"github.com/stakechain/stakechain/x/gov/types"
	"github.com/stakechain/stakechain/x/staking"
)

func addr(name string) authtypes.Address {
	h := sha256.Sum256([]byte(name))
	return authtypes.Address(h[:20])
}

// fakeStaking is a bonded set and its delegations, held in memory.
type fakeStaking struct {
	bonded []staking.Validator
	dels   map[string][]staking.Delegation // by delegator address
}

func (f *fakeStaking) BondedValidators(store.Reader) []staking.Validator { return f.bonded }

func (f *fakeStaking) DelegatorDelegations(_ store.Reader, del authtypes.Address) []staking.Delegation {
	return f.dels[string(del)]
}

// delegate gives del shares of the validator at index i and keeps the
// validator's tokens and shares at its exchange rate.
func (f *fakeStaking) delegate(del authtypes.Address, i int, shares math.LegacyDec) {
	v := &f.bonded[i]
	f.dels[string(del)] = append(f.dels[string(del)], staking.Delegation{Delegator: del, Validator: v.Operator, Shares: shares})
	v.DelegatorShares = v.DelegatorShares.Add(shares)
}

// env is a gov keeper over an in-memory state where the named accounts
// hold 1,000 STAKE each, with a fake bonded set.
type env struct {
	t     *testing.T
	w     *store.Cache
	k     Keeper
	bank  bank.Keeper
	st    *fakeStaking
	block core.Block
	ev    core.Events
}

func newEnv(t *testing.T, names ...string) *env {
	t.Helper()
	w := store.NewCache(store.Empty{})
	ak := auth.NewKeeper(ModuleAccounts()...)
	require.NoError(t, ak.InitGenesis(w, auth.DefaultGenesis()))
	bk := bank.NewKeeper(ak)
	g := bank.DefaultGenesis()
	for _, n := range names {
		g.Balances = append(g.Balances, bank.Balance{Address: addr(n).String(), Coins: "1000000000ustake"})
	}
	require.NoError(t, bk.InitGenesis(w, g))
	st := &fakeStaking{dels: map[string][]staking.Delegation{}}
	k := NewKeeper(bk, st)
	require.NoError(t, k.SetParams(w, DefaultParams()))
	return &env{t: t, w: w, k: k, bank: bk, st: st, block: core.Block{ChainID: "test", Height: 1, Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}
}

// validator adds a bonded validator operated by name with the given tokens
// self-delegated at rate 1, and returns its index.
func (e *env) validator(name string, tokens int64) int {
	e.st.bonded = append(e.st.bonded, staking.Validator{
		Operator: addr(name), Status: staking.Bonded, Tokens: math.NewInt(tokens), DelegatorShares: math.LegacyZeroDec(),
	})
	i := len(e.st.bonded) - 1
	e.st.delegate(addr(name), i, math.LegacyNewDec(tokens))
	return i
}

// delegate has del delegate tokens to the validator at i, at rate 1.
func (e *env) delegate(del string, i int, tokens int64) {
	e.st.bonded[i].Tokens = e.st.bonded[i].Tokens.AddRaw(tokens)
	e.st.delegate(addr(del), i, math.LegacyNewDec(tokens))
}

func stake(n int64) core.Coins { return core.Coins{core.NewCoin("ustake", n*1_000_000)} }

func (e *env) submit(proposer string, deposit core.Coins) uint64 {
	e.t.Helper()
	id, err := e.k.SubmitProposal(e.w, &e.ev, e.block, SubmitProposalMsg{
		Proposer: addr(proposer), InitialDeposit: deposit, Title: "t", Summary: "s",
		Messages: []Msg{{TypeURL: "/cosmos.bank.v1beta1.MsgSend", Value: []byte{1}}},
	})
	require.NoError(e.t, err)
	return id
}

func (e *env) vote(voter string, id uint64, o types.VoteOption) error {
	return e.k.CastVote(e.w, &e.ev, VoteMsg{ProposalID: id, Voter: addr(voter), Options: []WeightedOption{{Option: o, Weight: math.LegacyOneDec()}}})
}

// advance moves the block time on by d and runs the end of block.
func (e *env) advance(d time.Duration) []Proposal {
	e.t.Helper()
	e.block.Height++
	e.block.Time = e.block.Time.Add(d)
	passed, err := e.k.EndBlock(e.w, &e.ev, e.block)
	require.NoError(e.t, err)
	return passed
}

func (e *env) balance(name string) int64 { return e.bank.Balance(e.w, addr(name), "ustake").Int64() }

func (e *env) status(id uint64) types.ProposalStatus {
	p, ok := e.k.Proposal(e.w, id)
	if !ok {
		return types.ProposalStatus_PROPOSAL_STATUS_UNSPECIFIED
	}
	return p.Status
}
