package gov

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/gov/types"
)

func TestTheProposalsQueryKeepsOnlyWhatEachFilterNames(t *testing.T) {
	e := newEnv(t, "alice", "bob")
	e.validator("val", 100)
	voted := e.submit("alice", stake(10))
	require.NoError(t, e.vote("val", voted, types.VoteOption_VOTE_OPTION_YES))
	deposited := e.submit("alice", stake(5))
	require.NoError(t, e.k.AddDeposit(e.w, &e.ev, e.block, DepositMsg{ProposalID: deposited, Depositor: addr("bob"), Amount: stake(5)}))
	waiting := e.submit("alice", stake(1)) // below the minimum deposit

	for _, c := range []struct {
		name string
		req  types.QueryProposalsRequest
		want []uint64
	}{
		{"no filter lists every proposal", types.QueryProposalsRequest{}, []uint64{voted, deposited, waiting}},
		{"a status lists the proposals in it", types.QueryProposalsRequest{ProposalStatus: types.ProposalStatus_PROPOSAL_STATUS_VOTING_PERIOD}, []uint64{voted, deposited}},
		{"another status lists the others", types.QueryProposalsRequest{ProposalStatus: types.ProposalStatus_PROPOSAL_STATUS_DEPOSIT_PERIOD}, []uint64{waiting}},
		{"a voter lists the proposals it voted on", types.QueryProposalsRequest{Voter: addr("val").String()}, []uint64{voted}},
		{"a depositor lists the proposals it deposited on", types.QueryProposalsRequest{Depositor: addr("bob").String()}, []uint64{deposited}},
		{"filters combine", types.QueryProposalsRequest{ProposalStatus: types.ProposalStatus_PROPOSAL_STATUS_DEPOSIT_PERIOD, Voter: addr("val").String()}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, err := e.k.QueryProposals(e.w, &c.req)
			require.NoError(t, err)
			var got []uint64
			for _, p := range resp.Proposals {
				got = append(got, p.Id)
			}
			require.Equal(t, c.want, got)
		})
	}
}
