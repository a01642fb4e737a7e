package gov

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/gov/types"
)

// Quorum is reached when the votes are at least the quorum share of the
// bonded tokens, as in the Cosmos SDK (it fails a tally only when the share
// that voted is less than quorum): a vote of exactly the quorum counts.
func TestAVoteOfExactlyTheQuorumReachesIt(t *testing.T) {
	const bonded = 1000
	quorum := DefaultParams().Quorum
	atQuorum := quorum.MulInt64(bonded)
	require.True(t, atQuorum.IsInteger(), "the quorum %s of %d tokens must be a whole number of tokens", quorum, bonded)
	at := atQuorum.TruncateInt64()

	for _, c := range []struct {
		name   string
		voted  int64 // tokens of the validator that votes Yes
		passes bool
		status types.ProposalStatus
	}{
		{"a vote of one token less than the quorum misses it", at - 1, false, types.ProposalStatus_PROPOSAL_STATUS_REJECTED},
		{"a vote of exactly the quorum reaches it and passes", at, true, types.ProposalStatus_PROPOSAL_STATUS_PASSED},
		{"a vote of one token more than the quorum passes", at + 1, true, types.ProposalStatus_PROPOSAL_STATUS_PASSED},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, "alice")
			e.validator("voter", c.voted)
			e.validator("silent", bonded-c.voted)
			id := e.submit("alice", stake(10))
			require.NoError(t, e.vote("voter", id, types.VoteOption_VOTE_OPTION_YES))

			out, err := e.k.Tally(e.w, id)
			require.NoError(t, err)
			require.Equal(t, c.voted, out.Result.Yes.Int64())
			require.Equal(t, c.passes, out.Passes)
			require.False(t, out.BurnDeposits, "the default parameters burn no deposit for a missed quorum")

			passed := e.advance(DefaultParams().VotingPeriod.D())
			require.Equal(t, c.status, e.status(id))
			if c.passes {
				require.Len(t, passed, 1)
			} else {
				require.Empty(t, passed)
			}
			require.Equal(t, int64(1_000_000_000), e.balance("alice"), "the deposit is refunded either way")
		})
	}
}

// With BurnVoteQuorum set and a quorum of one half, the deposit of a
// proposal one token short of the quorum is burned, and that of a proposal
// exactly at it is not.
func TestOnlyAVoteBelowTheQuorumBurnsTheDepositWhenTheParamsSaySo(t *testing.T) {
	for _, c := range []struct {
		name   string
		voted  int64
		burned bool
		supply int64 // STAKE in existence after the proposal ends
	}{
		{"half of the stake at a quorum of one half reaches it", 500, false, 1000},
		{"one token under half at a quorum of one half misses it and burns", 499, true, 990},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, "alice")
			p := DefaultParams()
			p.Quorum = math.LegacyNewDecWithPrec(5, 1)
			p.BurnVoteQuorum = true
			require.NoError(t, e.k.SetParams(e.w, p))
			e.validator("voter", c.voted)
			e.validator("silent", 1000-c.voted)
			id := e.submit("alice", stake(10))
			require.NoError(t, e.vote("voter", id, types.VoteOption_VOTE_OPTION_YES))

			out, err := e.k.Tally(e.w, id)
			require.NoError(t, err)
			require.Equal(t, !c.burned, out.Passes)
			require.Equal(t, c.burned, out.BurnDeposits)

			e.advance(p.VotingPeriod.D())
			require.Equal(t, c.supply*1_000_000, e.bank.Supply(e.w, "ustake").Int64())
		})
	}
}
