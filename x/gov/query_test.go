package gov

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/gov/types"
)

func TestQueriesAnswerAsCosmosGovV1(t *testing.T) {
	e := newEnv(t, "alice")
	e.validator("val", 100)
	id := e.submit("alice", stake(10))
	require.NoError(t, e.vote("val", id, types.VoteOption_VOTE_OPTION_YES))

	p, err := e.k.QueryParams(e.w, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, "0.334000000000000000", p.Params.Quorum)
	require.Equal(t, int64(172800), p.Params.VotingPeriod.Seconds)

	props, err := e.k.QueryProposals(e.w, &types.QueryProposalsRequest{ProposalStatus: types.ProposalStatus_PROPOSAL_STATUS_VOTING_PERIOD, Voter: addr("val").String()})
	require.NoError(t, err)
	require.Len(t, props.Proposals, 1)
	require.Equal(t, "10000000", props.Proposals[0].TotalDeposit[0].Amount)

	v, err := e.k.QueryVote(e.w, &types.QueryVoteRequest{ProposalId: id, Voter: addr("val").String()})
	require.NoError(t, err)
	require.Equal(t, "1.000000000000000000", v.Vote.Options[0].Weight)

	tally, err := e.k.QueryTallyResult(e.w, &types.QueryTallyResultRequest{ProposalId: id})
	require.NoError(t, err)
	require.Equal(t, "100", tally.Tally.YesCount)

	deps, err := e.k.QueryDeposits(e.w, &types.QueryDepositsRequest{ProposalId: id})
	require.NoError(t, err)
	require.Len(t, deps.Deposits, 1)

	_, err = e.k.QueryProposal(e.w, &types.QueryProposalRequest{ProposalId: 42})
	require.ErrorIs(t, err, ErrUnknownProposal)
}
