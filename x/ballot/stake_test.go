package ballot

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

// stakeEnv has validators v1 (10 STAKE) and v2 (20 STAKE), bonded, and
// delegators alice (3 to v1, 4 to v2) and bob (5 to v1).
func stakeEnv(t *testing.T) *env {
	e := newEnv(t, "v1", "v2", "v3", "v4", "alice", "bob", "carol", "chair")
	require.NoError(t, e.createValidator("v1", 10))
	require.NoError(t, e.createValidator("v2", 20))
	for _, d := range []struct {
		del, val string
		n        int64
	}{{"alice", "v1", 3}, {"alice", "v2", 4}, {"bob", "v1", 5}} {
		_, err := e.sk.Delegate(e.w, &e.ev, addr(d.del), addr(d.val), stake(d.n))
		require.NoError(t, err)
	}
	e.advance(time.Second)
	return e
}

func (e *env) createWeighted(chair string, proposals ...string) (uint64, error) {
	return e.k.CreateBallot(e.w, &e.ev, e.block, CreateBallot{
		Chairperson: addr(chair), Title: "t", Proposals: proposals, VotingEnd: e.block.Time.Add(time.Hour), StakeWeighted: true,
	})
}

func TestStakeWeightedBallotsWeighVotersByTheirBondedStake(t *testing.T) {
	e := stakeEnv(t)
	id, err := e.createWeighted("v2", "a", "b")
	require.NoError(t, err)
	require.Equal(t, math.NewInt(20_000_000), e.voter(id, "v2").Weight, "the chairperson's own bonded stake")
	require.NoError(t, e.give(id, "v2", "alice"))
	require.NoError(t, e.give(id, "v2", "bob"))
	require.Equal(t, math.NewInt(7_000_000), e.voter(id, "alice").Weight, "summed over its delegations")
	require.Equal(t, math.NewInt(5_000_000), e.voter(id, "bob").Weight)

	require.NoError(t, e.delegate(id, "bob", "alice"))
	require.NoError(t, e.vote(id, "alice", 1))
	require.NoError(t, e.vote(id, "v2", 0))
	require.Equal(t, []string{"20000000", "12000000"}, e.tallies(id))
	i, _ := WinningProposal(e.k.Tallies(e.w, Ballot{ID: id, Proposals: []string{"a", "b"}}))
	require.Equal(t, uint32(0), i)
}

func TestAVoterWithoutBondedStakeGetsNoRightInAStakeWeightedBallot(t *testing.T) {
	e := stakeEnv(t)
	id, err := e.createWeighted("chair", "a")
	require.NoError(t, err)
	_, ok := e.k.Voter(e.w, id, addr("chair"))
	require.False(t, ok, "a chairperson without stake starts without the right")
	require.Equal(t, uint64(0), e.k.VoterCount(e.w, id))
	require.ErrorIs(t, e.give(id, "chair", "carol"), ErrNoStake, "carol has delegated nothing")
	require.ErrorIs(t, e.vote(id, "chair", 0), ErrNoRightToVote)

	// Stake with a validator outside the bonded set does not count: with
	// three places, v4 (2 STAKE) stays unbonded behind v1, v2 and v3.
	require.NoError(t, e.createValidator("v3", 5))
	require.NoError(t, e.createValidator("v4", 1))
	_, err = e.sk.Delegate(e.w, &e.ev, addr("carol"), addr("v4"), stake(1))
	require.NoError(t, err)
	e.advance(time.Second)
	v4, _ := e.sk.Validator(e.w, addr("v4"))
	require.NotEqual(t, "BOND_STATUS_BONDED", v4.Status.String())
	require.ErrorIs(t, e.give(id, "chair", "carol"), ErrNoStake)

	// The chairperson with stake may give itself the right later.
	_, err = e.sk.Delegate(e.w, &e.ev, addr("chair"), addr("v1"), stake(2))
	require.NoError(t, err)
	require.NoError(t, e.give(id, "chair", "chair"))
	require.Equal(t, math.NewInt(2_000_000), e.voter(id, "chair").Weight)
}

func TestAStakeWeightIsFixedWhenTheRightIsGiven(t *testing.T) {
	e := stakeEnv(t)
	id, err := e.createWeighted("v2", "a")
	require.NoError(t, err)
	_, err = e.sk.Delegate(e.w, &e.ev, addr("alice"), addr("v1"), stake(1))
	require.NoError(t, err)
	require.NoError(t, e.give(id, "v2", "alice"))
	require.Equal(t, math.NewInt(8_000_000), e.voter(id, "alice").Weight, "stake added before the right counts")
	_, _, err = e.sk.Undelegate(e.w, &e.ev, e.block, addr("alice"), addr("v2"), stake(4))
	require.NoError(t, err)
	require.Equal(t, math.NewInt(8_000_000), e.voter(id, "alice").Weight, "stake moved after the right does not")
	require.NoError(t, e.vote(id, "alice", 0))
	require.Equal(t, []string{"8000000"}, e.tallies(id))
}

func TestGasGrowsWithTheStakeReadAndTheChainWalked(t *testing.T) {
	e := stakeEnv(t)
	plain := e.create("v2", "a")
	weighted, err := e.createWeighted("v2", "a")
	require.NoError(t, err)

	require.Equal(t, uint64(GasCreateBallot), e.k.CreateBallotGas(e.w, CreateBallot{Chairperson: addr("alice")}))
	require.Equal(t, uint64(GasCreateBallot+2*GasPerStakeDelegation), e.k.CreateBallotGas(e.w, CreateBallot{Chairperson: addr("alice"), StakeWeighted: true}))
	give := func(id uint64, voter string) uint64 {
		return e.k.GiveRightToVoteGas(e.w, GiveRightToVote{Chairperson: addr("v2"), BallotID: id, Voter: addr(voter)})
	}
	require.Equal(t, uint64(GasGiveRightToVote), give(plain, "alice"))
	require.Equal(t, uint64(GasGiveRightToVote+2*GasPerStakeDelegation), give(weighted, "alice"), "two delegations read")
	require.Equal(t, uint64(GasGiveRightToVote+GasPerStakeDelegation), give(weighted, "bob"))
	require.Equal(t, uint64(GasCastVote), e.k.CastVoteGas(e.w, CastVote{}))

	for _, n := range []string{"a1", "a2", "a3", "a4"} {
		require.NoError(t, e.give(plain, "v2", n))
	}
	dgas := func(from, to string) uint64 {
		return e.k.DelegateVoteGas(e.w, DelegateVote{Voter: addr(from), BallotID: plain, To: addr(to)})
	}
	require.Equal(t, uint64(GasDelegateVote), dgas("a1", "a2"), "a2 has not delegated: no hop")
	require.NoError(t, e.delegate(plain, "a2", "a3"))
	require.NoError(t, e.delegate(plain, "a3", "a4"))
	require.Equal(t, uint64(GasDelegateVote+2*GasPerDelegationHop), dgas("a1", "a2"), "a2 → a3 → a4, the end")
	require.Equal(t, uint64(GasDelegateVote+GasPerDelegationHop), dgas("a4", "a3"), "a3 → a4 is the loop, found at the first hop")
	require.Equal(t, uint64(GasDelegateVote), dgas("a1", "a1"))
	require.Equal(t, uint64(GasDelegateVote), e.k.DelegateVoteGas(e.w, DelegateVote{Voter: addr("a1"), BallotID: 99, To: addr("a2")}))
}
