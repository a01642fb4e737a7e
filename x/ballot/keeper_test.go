package ballot

import (
	"strings"
	"testing"
	"time"

	"cosmossdk.io/math"
	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/ballot/types"
	"github.com/stakechain/stakechain/x/core"
)

func TestBallotIDsAreSequentialFromOne(t *testing.T) {
	e := newEnv(t)
	require.Equal(t, uint64(1), e.create("chair", "a"))
	require.Equal(t, uint64(2), e.create("chair", "a"))
	require.Equal(t, uint64(3), e.create("other", "a"))
	b, ok := e.k.Ballot(e.w, 2)
	require.True(t, ok)
	require.Equal(t, uint64(2), b.ID)
	require.Equal(t, addr("chair"), b.Chairperson)
	require.Equal(t, int64(1), b.CreatedHeight)
}

func TestCreateChecksTheTitleProposalsAndNames(t *testing.T) {
	long := func(n int) string { return strings.Repeat("é", n) } // two bytes, one character
	tests := []struct {
		name      string
		title     string
		proposals []string
		want      error
	}{
		{"a title of 140 characters and 32 proposals of 64 is accepted", long(140), repeat(long(64), 32), nil},
		{"an empty title is rejected", "", []string{"a"}, ErrInvalidTitle},
		{"a title of 141 characters is rejected", long(141), []string{"a"}, ErrInvalidTitle},
		{"a title with a newline is rejected", "a\nb", []string{"a"}, ErrInvalidTitle},
		{"a title that is not UTF-8 is rejected", "\xff", []string{"a"}, ErrInvalidTitle},
		{"no proposals are rejected", "t", nil, ErrInvalidProposals},
		{"33 proposals are rejected", "t", repeat("a", 33), ErrInvalidProposals},
		{"an empty proposal name is rejected", "t", []string{"a", ""}, ErrInvalidProposalName},
		{"a proposal name of 65 characters is rejected", "t", []string{long(65)}, ErrInvalidProposalName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			m := CreateBallot{Chairperson: addr("chair"), Title: tt.title, Proposals: tt.proposals, VotingEnd: e.block.Time.Add(time.Minute)}
			_, err := e.k.CreateBallot(e.w, &e.ev, e.block, m)
			_, perr := ParseCreateBallot(toWire(m))
			if tt.want == nil {
				require.NoError(t, err)
				require.NoError(t, perr)
				return
			}
			require.ErrorIs(t, err, tt.want)
			require.ErrorIs(t, perr, tt.want, "the stateless check already rejects it")
			_, ok := e.k.Ballot(e.w, 1)
			require.False(t, ok, "nothing is stored")
		})
	}
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func toWire(m CreateBallot) *types.MsgCreateBallot {
	ts, err := gogotypes.TimestampProto(m.VotingEnd)
	if err != nil {
		panic(err)
	}
	return &types.MsgCreateBallot{Chairperson: m.Chairperson.String(), Title: m.Title, ProposalNames: m.Proposals, VotingEnd: ts, StakeWeighted: m.StakeWeighted}
}

func TestTheVotingEndMustBeAfterTheBlockTime(t *testing.T) {
	e := newEnv(t)
	for _, end := range []time.Time{e.block.Time, e.block.Time.Add(-time.Second), {}} {
		_, err := e.k.CreateBallot(e.w, &e.ev, e.block, CreateBallot{Chairperson: addr("chair"), Title: "t", Proposals: []string{"a"}, VotingEnd: end})
		require.ErrorIs(t, err, ErrInvalidVotingEnd, end)
	}
	_, err := e.k.CreateBallot(e.w, &e.ev, e.block, CreateBallot{Chairperson: addr("chair"), Title: "t", Proposals: []string{"a"}, VotingEnd: e.block.Time.Add(time.Nanosecond)})
	require.NoError(t, err)

	_, err = ParseCreateBallot(&types.MsgCreateBallot{Chairperson: addr("chair").String(), Title: "t", ProposalNames: []string{"a"}})
	require.ErrorIs(t, err, ErrInvalidVotingEnd, "a missing voting end")
	_, err = ParseCreateBallot(&types.MsgCreateBallot{Chairperson: addr("chair").String(), Title: "t", ProposalNames: []string{"a"},
		VotingEnd: &gogotypes.Timestamp{Seconds: 1, Nanos: -1}})
	require.ErrorIs(t, err, ErrInvalidVotingEnd, "an invalid timestamp")
}

func TestTheChairpersonHasWeightOneFromTheStart(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a", "b")
	require.Equal(t, math.OneInt(), e.voter(id, "chair").Weight)
	require.Equal(t, uint64(1), e.k.VoterCount(e.w, id))
	require.NoError(t, e.vote(id, "chair", 1))
	require.Equal(t, []string{"0", "1"}, e.tallies(id))
}

func TestOnlyTheChairpersonGivesTheRightToVote(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a")
	require.NoError(t, e.give(id, "chair", "alice"))
	require.ErrorIs(t, e.give(id, "alice", "bob"), ErrNotChairperson, "a voter is not the chairperson")
	require.ErrorIs(t, e.give(id, "bob", "bob"), ErrNotChairperson)
	_, ok := e.k.Voter(e.w, id, addr("bob"))
	require.False(t, ok)
	require.Equal(t, math.OneInt(), e.voter(id, "alice").Weight)
}

func TestAVoterGetsTheRightOnce(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a")
	require.NoError(t, e.give(id, "chair", "alice"))
	require.ErrorIs(t, e.give(id, "chair", "alice"), ErrAlreadyHasRight)
	require.ErrorIs(t, e.give(id, "chair", "chair"), ErrAlreadyHasRight, "the chairperson has it from the start")
	require.Equal(t, math.OneInt(), e.voter(id, "alice").Weight, "weight stays 1")
	require.Equal(t, uint64(2), e.k.VoterCount(e.w, id))
}

func TestNoRightCanBeGivenToSomeoneWhoAlreadyVoted(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a")
	require.NoError(t, e.give(id, "chair", "alice"))
	require.NoError(t, e.vote(id, "alice", 0))
	require.ErrorIs(t, e.give(id, "chair", "alice"), ErrAlreadyVoted)
	require.NoError(t, e.give(id, "chair", "bob"))
	require.NoError(t, e.delegate(id, "bob", "chair"))
	require.ErrorIs(t, e.give(id, "chair", "bob"), ErrAlreadyVoted, "delegating counts as voting")
}

func TestAVoteAddsTheVotersWeightToTheProposal(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a", "b", "c")
	for _, n := range []string{"alice", "bob", "carol"} {
		require.NoError(t, e.give(id, "chair", n))
	}
	require.NoError(t, e.vote(id, "alice", 2))
	require.NoError(t, e.vote(id, "bob", 2))
	require.NoError(t, e.vote(id, "carol", 0))
	require.Equal(t, []string{"1", "0", "2"}, e.tallies(id))
	v := e.voter(id, "alice")
	require.True(t, v.Voted)
	require.Equal(t, uint32(2), v.Vote)
	require.Empty(t, v.Delegate)
}

func TestAVoterVotesOnce(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a", "b")
	require.NoError(t, e.vote(id, "chair", 0))
	require.ErrorIs(t, e.vote(id, "chair", 0), ErrAlreadyVoted)
	require.ErrorIs(t, e.vote(id, "chair", 1), ErrAlreadyVoted)
	require.Equal(t, []string{"1", "0"}, e.tallies(id))
}

func TestAVoterWithoutTheRightCannotVote(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a")
	require.ErrorIs(t, e.vote(id, "stranger", 0), ErrNoRightToVote)
	require.Equal(t, []string{"0"}, e.tallies(id))
}

func TestAVoteMustNameAProposalInRange(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a", "b")
	require.ErrorIs(t, e.vote(id, "chair", 2), ErrProposalOutOfRange)
	require.ErrorIs(t, e.vote(id, "chair", 1<<31), ErrProposalOutOfRange)
	require.False(t, e.voter(id, "chair").Voted, "a rejected vote is no vote")
	require.NoError(t, e.vote(id, "chair", 1))
}

func TestAVoterWhoVotedCannotDelegate(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a")
	require.NoError(t, e.give(id, "chair", "alice"))
	require.NoError(t, e.vote(id, "alice", 0))
	require.ErrorIs(t, e.delegate(id, "alice", "chair"), ErrAlreadyVoted)
	require.NoError(t, e.give(id, "chair", "bob"))
	require.NoError(t, e.delegate(id, "bob", "chair"))
	require.ErrorIs(t, e.delegate(id, "bob", "alice"), ErrAlreadyVoted, "nor delegate twice")
	require.ErrorIs(t, e.vote(id, "bob", 0), ErrAlreadyVoted, "nor vote after delegating")
}

func TestAVoterCannotDelegateToItself(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a")
	require.ErrorIs(t, e.delegate(id, "chair", "chair"), ErrSelfDelegation)
	_, err := ParseDelegateVote(&types.MsgDelegateVote{Voter: addr("chair").String(), BallotId: id, To: addr("chair").String()})
	require.ErrorIs(t, err, ErrSelfDelegation)
	require.False(t, e.voter(id, "chair").Voted)
}

func TestAVoterWithoutTheRightCannotDelegate(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a")
	require.ErrorIs(t, e.delegate(id, "stranger", "chair"), ErrNoRightToVote)
	require.Equal(t, math.OneInt(), e.voter(id, "chair").Weight)
}

func TestDelegationToAnAccountWithoutTheRightIsRejected(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a")
	require.ErrorIs(t, e.delegate(id, "chair", "stranger"), ErrDelegateHasNoRight)
	require.False(t, e.voter(id, "chair").Voted)
	_, ok := e.k.Voter(e.w, id, addr("stranger"))
	require.False(t, ok, "no weight lands on the stranger")
}

func TestDelegationFollowsTheChainToItsEnd(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a", "b")
	for _, n := range []string{"a1", "a2", "a3", "a4"} {
		require.NoError(t, e.give(id, "chair", n))
	}
	require.NoError(t, e.delegate(id, "a2", "a3")) // a3 has 2
	require.NoError(t, e.delegate(id, "a3", "a4")) // a4 has 3
	require.NoError(t, e.delegate(id, "a1", "a2")) // a2 → a3 → a4: a4 has 4
	require.Equal(t, addr("a4"), e.voter(id, "a1").Delegate, "the delegate recorded is the end of the chain")
	require.Equal(t, math.NewInt(4), e.voter(id, "a4").Weight)
	require.Equal(t, math.NewInt(2), e.voter(id, "a3").Weight, "a delegator's weight stays on record")
	require.NoError(t, e.vote(id, "a4", 1))
	require.Equal(t, []string{"0", "4"}, e.tallies(id))
}

func TestDelegationToAVoterWhoVotedAddsToTheirProposal(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a", "b")
	require.NoError(t, e.give(id, "chair", "alice"))
	require.NoError(t, e.give(id, "chair", "bob"))
	require.NoError(t, e.vote(id, "bob", 1))
	require.NoError(t, e.delegate(id, "alice", "bob"))
	require.Equal(t, []string{"0", "2"}, e.tallies(id))
	require.Equal(t, math.OneInt(), e.voter(id, "bob").Weight, "bob's weight is spent; the tally took it")
	// Through a chain too: chair → alice → bob, who voted.
	require.NoError(t, e.delegate(id, "chair", "alice"))
	require.Equal(t, []string{"0", "3"}, e.tallies(id))
}

func TestADelegationLoopIsRejected(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a")
	require.NoError(t, e.give(id, "chair", "alice"))
	require.NoError(t, e.give(id, "chair", "bob"))
	require.NoError(t, e.delegate(id, "alice", "bob"))
	require.NoError(t, e.delegate(id, "chair", "alice")) // chair → alice → bob
	err := e.delegate(id, "bob", "chair")                // bob → chair → bob
	require.ErrorIs(t, err, ErrDelegationLoop)
	require.Contains(t, err.Error(), "found loop in delegation")
	require.False(t, e.voter(id, "bob").Voted)
	require.Equal(t, math.NewInt(3), e.voter(id, "bob").Weight)
}

func TestAChainLongerThanTheVotersIsALoopNotAWalk(t *testing.T) {
	// A loop that does not pass through the delegator cannot arise from
	// delegations, but if state held one, the walk would still stop.
	e := newEnv(t)
	id := e.create("chair", "a")
	require.NoError(t, e.give(id, "chair", "x"))
	require.NoError(t, e.give(id, "chair", "y"))
	e.k.setVoter(e.w, id, addr("x"), Voter{Weight: math.OneInt(), Voted: true, Delegate: addr("y")})
	e.k.setVoter(e.w, id, addr("y"), Voter{Weight: math.OneInt(), Voted: true, Delegate: addr("x")})
	require.ErrorIs(t, e.delegate(id, "chair", "x"), ErrDelegationLoop)
	require.Equal(t, uint64(GasDelegateVote+3*GasPerDelegationHop),
		e.k.DelegateVoteGas(e.w, DelegateVote{Voter: addr("chair"), BallotID: id, To: addr("x")}), "walked as far as there are voters")
}

func TestAfterTheVotingEndNoVotesDelegationsOrRightsAreAccepted(t *testing.T) {
	for _, dt := range []time.Duration{time.Hour, time.Hour + time.Second} {
		e := newEnv(t)
		id := e.create("chair", "a") // ends in an hour
		require.NoError(t, e.give(id, "chair", "alice"))
		e.advance(dt)
		require.ErrorIs(t, e.give(id, "chair", "bob"), ErrVotingEnded, dt)
		require.ErrorIs(t, e.vote(id, "alice", 0), ErrVotingEnded, dt)
		require.ErrorIs(t, e.delegate(id, "alice", "chair"), ErrVotingEnded, dt)
		require.Equal(t, []string{"0"}, e.tallies(id))
	}
	e := newEnv(t)
	id := e.create("chair", "a")
	e.advance(time.Hour - time.Nanosecond)
	require.NoError(t, e.vote(id, "chair", 0), "the last instant before the end")
}

func TestUnknownBallotsAreNotFound(t *testing.T) {
	e := newEnv(t)
	e.create("chair", "a")
	require.ErrorIs(t, e.give(2, "chair", "alice"), ErrBallotNotFound)
	require.ErrorIs(t, e.vote(2, "chair", 0), ErrBallotNotFound)
	require.ErrorIs(t, e.delegate(2, "chair", "alice"), ErrBallotNotFound)
	_, err := e.k.QueryBallot(e.w, &types.QueryBallotRequest{Id: 2})
	require.ErrorIs(t, err, ErrBallotNotFound)
	_, err = e.k.QueryWinner(e.w, &types.QueryWinnerRequest{Id: 0})
	require.ErrorIs(t, err, ErrBallotNotFound)
	_, err = ParseCastVote(&types.MsgCastVote{Voter: addr("a").String()})
	require.ErrorIs(t, err, ErrBallotNotFound, "id 0 is never a ballot")
	_, err = ParseGiveRightToVote(&types.MsgGiveRightToVote{Chairperson: addr("a").String(), Voter: addr("b").String()})
	require.ErrorIs(t, err, ErrBallotNotFound)
	_, err = ParseDelegateVote(&types.MsgDelegateVote{Voter: addr("a").String(), To: addr("b").String()})
	require.ErrorIs(t, err, ErrBallotNotFound)
}

func TestTheWinnerHasTheMostVotesWithTiesToTheLowestIndex(t *testing.T) {
	n := func(xs ...int64) []math.Int {
		out := make([]math.Int, len(xs))
		for i, x := range xs {
			out[i] = math.NewInt(x)
		}
		return out
	}
	tests := []struct {
		name    string
		tallies []math.Int
		want    uint32
	}{
		{"no votes: proposal 0", n(0, 0, 0), 0},
		{"a clear winner", n(1, 3, 2), 1},
		{"a tie goes to the lower index", n(1, 3, 3), 1},
		{"a tie at the front", n(5, 5, 1), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i, count := WinningProposal(tt.tallies)
			require.Equal(t, tt.want, i)
			require.Equal(t, tt.tallies[i], count)
		})
	}
}

func TestQueriesDescribeTheBallotItsVotersAndTallies(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "yes", "no", "maybe")
	require.NoError(t, e.give(id, "chair", "alice"))
	require.NoError(t, e.give(id, "chair", "bob"))
	require.NoError(t, e.delegate(id, "alice", "bob"))
	require.NoError(t, e.vote(id, "bob", 2))

	b, err := e.k.QueryBallot(e.w, &types.QueryBallotRequest{Id: id})
	require.NoError(t, err)
	require.Equal(t, &types.Ballot{
		Id: id, Title: "t", Chairperson: addr("chair").String(),
		Proposals: []*types.Proposal{{Index: 0, Name: "yes", VoteCount: "0"}, {Index: 1, Name: "no", VoteCount: "0"}, {Index: 2, Name: "maybe", VoteCount: "2"}},
		VotingEnd: &gogotypes.Timestamp{Seconds: e.block.Time.Add(time.Hour).Unix()}, CreatedHeight: 1, VoterCount: 3,
	}, b.Ballot)

	v, err := e.k.QueryVoter(e.w, &types.QueryVoterRequest{Id: id, Address: addr("alice").String()})
	require.NoError(t, err)
	require.Equal(t, &types.Voter{BallotId: id, Address: addr("alice").String(), Weight: "1", Voted: true, Delegate: addr("bob").String()}, v.Voter)
	v, err = e.k.QueryVoter(e.w, &types.QueryVoterRequest{Id: id, Address: addr("bob").String()})
	require.NoError(t, err)
	require.Equal(t, &types.Voter{BallotId: id, Address: addr("bob").String(), Weight: "2", Voted: true, Vote: 2}, v.Voter)
	v, err = e.k.QueryVoter(e.w, &types.QueryVoterRequest{Id: id, Address: addr("stranger").String()})
	require.NoError(t, err)
	require.Equal(t, "0", v.Voter.Weight, "an account without the right has weight 0")
	_, err = e.k.QueryVoter(e.w, &types.QueryVoterRequest{Id: id, Address: "nonsense"})
	require.ErrorIs(t, err, core.ErrInvalidAddress)

	ts, err := e.k.QueryTallies(e.w, &types.QueryTalliesRequest{Id: id})
	require.NoError(t, err)
	require.Equal(t, "2", ts.Total)
	require.Len(t, ts.Proposals, 3)

	w, err := e.k.QueryWinner(e.w, &types.QueryWinnerRequest{Id: id})
	require.NoError(t, err)
	require.Equal(t, &types.QueryWinnerResponse{Index: 2, Name: "maybe", VoteCount: "2"}, w)
}

func TestEventsNameTheBallotAndTheVoter(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a", "b")
	require.NoError(t, e.give(id, "chair", "alice"))
	require.NoError(t, e.delegate(id, "alice", "chair"))
	require.NoError(t, e.vote(id, "chair", 1))
	evs := e.ev.List()
	require.Len(t, evs, 4)
	want := []struct {
		typ   string
		attrs map[string]string
	}{
		{EventCreateBallot, map[string]string{AttrBallotID: "1", AttrChairperson: addr("chair").String(), AttrTitle: "t", AttrProposals: "2",
			AttrVotingEnd: "2026-01-01T01:00:00Z", AttrStakeWeighted: "false"}},
		{EventGiveRight, map[string]string{AttrBallotID: "1", AttrVoter: addr("alice").String(), AttrWeight: "1"}},
		{EventDelegateVote, map[string]string{AttrBallotID: "1", AttrVoter: addr("alice").String(), AttrDelegate: addr("chair").String(), AttrWeight: "1"}},
		{EventCastVote, map[string]string{AttrBallotID: "1", AttrVoter: addr("chair").String(), AttrProposal: "1", AttrWeight: "2"}},
	}
	for i, w := range want {
		require.Equal(t, w.typ, evs[i].Type)
		got := map[string]string{}
		for _, a := range evs[i].Attributes {
			got[a.Key] = a.Value
			if a.Key == AttrBallotID || a.Key == AttrVoter {
				require.True(t, a.Index, "%s.%s is indexed", w.typ, a.Key)
			}
		}
		require.Equal(t, w.attrs, got, w.typ)
	}
}

func TestParseReadsTheSignerAndRejectsBadAddresses(t *testing.T) {
	a, b := addr("a").String(), addr("b").String()
	g, err := ParseGiveRightToVote(&types.MsgGiveRightToVote{Chairperson: a, BallotId: 3, Voter: b})
	require.NoError(t, err)
	require.Equal(t, GiveRightToVote{Chairperson: addr("a"), BallotID: 3, Voter: addr("b")}, g)
	d, err := ParseDelegateVote(&types.MsgDelegateVote{Voter: a, BallotId: 3, To: b})
	require.NoError(t, err)
	require.Equal(t, DelegateVote{Voter: addr("a"), BallotID: 3, To: addr("b")}, d)
	c, err := ParseCastVote(&types.MsgCastVote{Voter: a, BallotId: 3, ProposalIndex: 7})
	require.NoError(t, err)
	require.Equal(t, CastVote{Voter: addr("a"), BallotID: 3, Proposal: 7}, c)
	end := time.Date(2026, 1, 1, 0, 1, 0, 5, time.UTC)
	cb, err := ParseCreateBallot(&types.MsgCreateBallot{Chairperson: a, Title: "t", ProposalNames: []string{"x", "y"},
		VotingEnd: &gogotypes.Timestamp{Seconds: end.Unix(), Nanos: 5}, StakeWeighted: true})
	require.NoError(t, err)
	require.Equal(t, CreateBallot{Chairperson: addr("a"), Title: "t", Proposals: []string{"x", "y"}, VotingEnd: end, StakeWeighted: true}, cb)

	for _, err := range []error{
		second(ParseCreateBallot(&types.MsgCreateBallot{Chairperson: "x", Title: "t", ProposalNames: []string{"x"}, VotingEnd: &gogotypes.Timestamp{Seconds: 1}})),
		second(ParseGiveRightToVote(&types.MsgGiveRightToVote{Chairperson: a, BallotId: 1, Voter: ""})),
		second(ParseGiveRightToVote(&types.MsgGiveRightToVote{Chairperson: "", BallotId: 1, Voter: b})),
		second(ParseDelegateVote(&types.MsgDelegateVote{Voter: a, BallotId: 1, To: "stakevaloper1xyz"})),
		second(ParseDelegateVote(&types.MsgDelegateVote{Voter: "", BallotId: 1, To: b})),
		second(ParseCastVote(&types.MsgCastVote{Voter: "cosmos1abc", BallotId: 1})),
	} {
		require.ErrorIs(t, err, core.ErrInvalidAddress)
	}
}

func second[T any](_ T, err error) error { return err }

func TestEveryBallotErrorHasItsOwnCodeInTheBallotCodespace(t *testing.T) {
	seen := map[uint32]string{}
	n := 0
	for _, e := range core.RegisteredErrors() {
		if e.Codespace() != ModuleName {
			continue
		}
		n++
		prev, dup := seen[e.Code()]
		require.False(t, dup, "code %d is used by %q and %q", e.Code(), prev, e.Error())
		seen[e.Code()] = e.Error()
	}
	require.Equal(t, 15, n)
	space, code, _ := core.ABCIInfo(ErrVotingEnded.Wrap("ballot 1"))
	require.Equal(t, "ballot", space)
	require.Equal(t, uint32(15), code)
}
