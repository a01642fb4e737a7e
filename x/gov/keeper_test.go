package gov

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/gov/types"
)

const period = 48 * time.Hour

func TestDefaultParamsAreCosmosDefaultsInUstake(t *testing.T) {
	p := DefaultParams()
	require.NoError(t, p.Validate())
	require.Equal(t, "10000000ustake", p.MinDeposit.String())
	require.Equal(t, period, p.MaxDepositPeriod.D())
	require.Equal(t, period, p.VotingPeriod.D())
	require.Equal(t, "0.334000000000000000", p.Quorum.String())
	require.Equal(t, "0.500000000000000000", p.Threshold.String())
	require.Equal(t, "0.334000000000000000", p.VetoThreshold.String())
	require.True(t, p.BurnVoteVeto)
	require.False(t, p.BurnVoteQuorum)
	require.False(t, p.BurnProposalDepositPrevote)
}

func TestErrorCodesAreUnique(t *testing.T) {
	seen := map[uint32]bool{}
	for _, e := range []*core.Error{ErrUnknownProposal, ErrInactiveProposal, ErrInvalidVote, ErrInvalidDeposit, ErrInvalidProposal, ErrMinDepositTooSmall, ErrInvalidMetadata, ErrExpeditedNotSupported, ErrInvalidParams} {
		require.False(t, seen[e.Code()], e.Error())
		seen[e.Code()] = true
	}
}

func TestAProposalWaitsForItsDepositThenVotesAndPasses(t *testing.T) {
	e := newEnv(t, "alice", "bob")
	e.validator("val", 100_000_000)
	id := e.submit("alice", stake(4))
	require.Equal(t, types.ProposalStatus_PROPOSAL_STATUS_DEPOSIT_PERIOD, e.status(id))
	require.ErrorIs(t, e.vote("val", id, types.VoteOption_VOTE_OPTION_YES), ErrInactiveProposal, "no votes before the voting period")

	require.NoError(t, e.k.AddDeposit(e.w, &e.ev, e.block, DepositMsg{ProposalID: id, Depositor: addr("bob"), Amount: stake(6)}))
	require.Equal(t, types.ProposalStatus_PROPOSAL_STATUS_VOTING_PERIOD, e.status(id))
	require.Equal(t, int64(10_000_000), e.bank.Balance(e.w, Authority(), "ustake").Int64(), "the gov account holds the deposits")

	require.NoError(t, e.vote("val", id, types.VoteOption_VOTE_OPTION_YES))
	require.Empty(t, e.advance(period-time.Second), "nothing ends before the voting end time")
	passed := e.advance(time.Second)
	require.Len(t, passed, 1)
	require.Equal(t, id, passed[0].ID)
	require.Equal(t, "/cosmos.bank.v1beta1.MsgSend", passed[0].Messages[0].TypeURL)
	require.Equal(t, types.ProposalStatus_PROPOSAL_STATUS_PASSED, e.status(id))
	require.Equal(t, int64(1_000_000_000), e.balance("alice"), "deposits are refunded on pass")
	require.Equal(t, int64(1_000_000_000), e.balance("bob"))
	require.Empty(t, e.k.Votes(e.w, id), "votes are deleted once tallied")

	require.NoError(t, e.k.MarkFailed(e.w, id, "message failed"))
	require.Equal(t, types.ProposalStatus_PROPOSAL_STATUS_FAILED, e.status(id))
}

func TestAProposalThatMissesItsDepositIsDeletedAndRefunded(t *testing.T) {
	e := newEnv(t, "alice")
	id := e.submit("alice", stake(1))
	e.advance(period)
	_, ok := e.k.Proposal(e.w, id)
	require.False(t, ok)
	require.Equal(t, int64(1_000_000_000), e.balance("alice"))
	require.Empty(t, e.k.Deposits(e.w, id))
}

func TestAVetoedProposalBurnsItsDeposit(t *testing.T) {
	e := newEnv(t, "alice")
	e.validator("val", 100_000_000)
	id := e.submit("alice", stake(10))
	require.NoError(t, e.vote("val", id, types.VoteOption_VOTE_OPTION_NO_WITH_VETO))
	require.Empty(t, e.advance(period))
	require.Equal(t, types.ProposalStatus_PROPOSAL_STATUS_REJECTED, e.status(id))
	require.Equal(t, int64(990_000_000), e.balance("alice"))
	require.Equal(t, int64(990_000_000), e.bank.Supply(e.w, "ustake").Int64(), "the deposit is burned")
}

func TestARejectedProposalRefundsItsDeposit(t *testing.T) {
	e := newEnv(t, "alice")
	e.validator("val", 100_000_000)
	id := e.submit("alice", stake(10))
	require.NoError(t, e.vote("val", id, types.VoteOption_VOTE_OPTION_NO))
	e.advance(period)
	require.Equal(t, types.ProposalStatus_PROPOSAL_STATUS_REJECTED, e.status(id))
	require.Equal(t, int64(1_000_000_000), e.balance("alice"))
}

func TestAVoteMayChangeUntilTheEnd(t *testing.T) {
	e := newEnv(t, "alice")
	e.validator("val", 100_000_000)
	id := e.submit("alice", stake(10))
	require.NoError(t, e.vote("val", id, types.VoteOption_VOTE_OPTION_NO))
	e.advance(period - time.Second)
	require.NoError(t, e.vote("val", id, types.VoteOption_VOTE_OPTION_YES))
	require.Len(t, e.advance(time.Second), 1)
	require.ErrorIs(t, e.vote("val", id, types.VoteOption_VOTE_OPTION_NO), ErrInactiveProposal)
}

func TestADelegatorsOwnVoteOverridesItsValidators(t *testing.T) {
	e := newEnv(t, "alice")
	v := e.validator("val", 60)
	e.delegate("dan", v, 40)
	id := e.submit("alice", stake(10))
	require.NoError(t, e.vote("val", id, types.VoteOption_VOTE_OPTION_YES))
	require.NoError(t, e.vote("dan", id, types.VoteOption_VOTE_OPTION_NO))
	out, err := e.k.Tally(e.w, id)
	require.NoError(t, err)
	require.Equal(t, int64(60), out.Result.Yes.Int64())
	require.Equal(t, int64(40), out.Result.No.Int64())
	require.True(t, out.Passes, "60 of 100 is above the threshold")
}

func TestTheTallyFollowsQuorumVetoAndThreshold(t *testing.T) {
	for _, c := range []struct {
		name         string
		votes        map[string]types.VoteOption
		passes, burn bool
	}{
		{"a vote of less than a third of the stake misses quorum", map[string]types.VoteOption{"a": types.VoteOption_VOTE_OPTION_YES}, false, false},
		{"all abstaining rejects without burning", map[string]types.VoteOption{"a": types.VoteOption_VOTE_OPTION_ABSTAIN, "b": types.VoteOption_VOTE_OPTION_ABSTAIN}, false, false},
		{"a veto above a third burns", map[string]types.VoteOption{"a": types.VoteOption_VOTE_OPTION_YES, "b": types.VoteOption_VOTE_OPTION_YES, "c": types.VoteOption_VOTE_OPTION_NO_WITH_VETO, "d": types.VoteOption_VOTE_OPTION_NO_WITH_VETO}, false, true},
		{"a tie is not a majority", map[string]types.VoteOption{"a": types.VoteOption_VOTE_OPTION_YES, "b": types.VoteOption_VOTE_OPTION_NO}, false, false},
		{"abstentions do not count against the threshold", map[string]types.VoteOption{"a": types.VoteOption_VOTE_OPTION_YES, "b": types.VoteOption_VOTE_OPTION_ABSTAIN, "c": types.VoteOption_VOTE_OPTION_ABSTAIN}, true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, "alice")
			for _, n := range []string{"a", "b", "c", "d"} {
				e.validator(n, 25)
			}
			id := e.submit("alice", stake(10))
			for _, n := range []string{"a", "b", "c", "d"} {
				if o, ok := c.votes[n]; ok {
					require.NoError(t, e.vote(n, id, o))
				}
			}
			out, err := e.k.Tally(e.w, id)
			require.NoError(t, err)
			require.Equal(t, c.passes, out.Passes)
			require.Equal(t, c.burn, out.BurnDeposits)
		})
	}
}

func TestDelegationsToUnbondedValidatorsDoNotCount(t *testing.T) {
	e := newEnv(t, "alice")
	e.validator("val", 100)
	id := e.submit("alice", stake(10))
	// "dan" delegates to a validator outside the bonded set: the fake knows
	// the delegation, the bonded set does not know the validator.
	e.st.dels[string(addr("dan"))] = append(e.st.dels[string(addr("dan"))], e.st.dels[string(addr("val"))][0])
	e.st.dels[string(addr("dan"))][0].Validator = addr("unbonded")
	require.NoError(t, e.vote("dan", id, types.VoteOption_VOTE_OPTION_YES))
	out, err := e.k.Tally(e.w, id)
	require.NoError(t, err)
	require.True(t, out.Result.Yes.IsZero())
}

func TestBadVotesAndDepositsAreRefused(t *testing.T) {
	e := newEnv(t, "alice")
	id := e.submit("alice", stake(10))
	half := math.LegacyNewDecWithPrec(5, 1)
	for name, opts := range map[string][]WeightedOption{
		"no option":          nil,
		"unspecified option": {{Option: types.VoteOption_VOTE_OPTION_UNSPECIFIED, Weight: math.LegacyOneDec()}},
		"weights below one":  {{Option: types.VoteOption_VOTE_OPTION_YES, Weight: half}},
		"an option twice":    {{Option: types.VoteOption_VOTE_OPTION_YES, Weight: half}, {Option: types.VoteOption_VOTE_OPTION_YES, Weight: half}},
	} {
		err := e.k.CastVote(e.w, &e.ev, VoteMsg{ProposalID: id, Voter: addr("alice"), Options: opts})
		require.ErrorIs(t, err, ErrInvalidVote, name)
	}
	require.ErrorIs(t, e.k.CastVote(e.w, &e.ev, VoteMsg{ProposalID: 99, Voter: addr("alice"), Options: []WeightedOption{{Option: types.VoteOption_VOTE_OPTION_YES, Weight: math.LegacyOneDec()}}}), ErrUnknownProposal)
	require.ErrorIs(t, e.k.AddDeposit(e.w, &e.ev, e.block, DepositMsg{ProposalID: id, Depositor: addr("alice"), Amount: core.Coins{core.NewCoin("other", 5)}}), ErrInvalidDeposit)
	require.ErrorIs(t, e.k.AddDeposit(e.w, &e.ev, e.block, DepositMsg{ProposalID: id, Depositor: addr("alice"), Amount: core.Coins{core.NewCoin("ustake", 1)}}), ErrInvalidDeposit, "below 1% of the minimum")
}

func TestParseVoteWeightedReadsDecimalStrings(t *testing.T) {
	m, err := ParseVoteWeighted(&types.MsgVoteWeighted{ProposalId: 1, Voter: addr("a").String(), Options: []*types.WeightedVoteOption{
		{Option: types.VoteOption_VOTE_OPTION_YES, Weight: "0.700000000000000000"},
		{Option: types.VoteOption_VOTE_OPTION_NO, Weight: "0.3"},
	}})
	require.NoError(t, err)
	require.Len(t, m.Options, 2)
	_, err = ParseVoteWeighted(&types.MsgVoteWeighted{ProposalId: 1, Voter: addr("a").String(), Options: []*types.WeightedVoteOption{
		{Option: types.VoteOption_VOTE_OPTION_YES, Weight: "700000000000000000"},
	}})
	require.ErrorIs(t, err, ErrInvalidVote, "atomics are not weights")
	_, err = ParseSubmitProposal(&types.MsgSubmitProposal{Proposer: addr("a").String(), Title: "t", Summary: "s", Expedited: true})
	require.ErrorIs(t, err, ErrExpeditedNotSupported)
}
