package gov

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/gov/types"
)

func TestProposalIDsCountUpFromOne(t *testing.T) {
	e := newEnv(t, "alice")
	for want := uint64(1); want <= 3; want++ {
		require.Equal(t, want, e.submit("alice", stake(1)))
	}
	for id := uint64(1); id <= 3; id++ {
		_, ok := e.k.Proposal(e.w, id)
		require.True(t, ok, "proposal %d", id)
	}
	_, ok := e.k.Proposal(e.w, 0)
	require.False(t, ok)
}

func TestTheSubmitEventListsTheMessageTypesSeparatedByCommas(t *testing.T) {
	e := newEnv(t, "alice")
	_, err := e.k.SubmitProposal(e.w, &e.ev, e.block, SubmitProposalMsg{
		Proposer: addr("alice"), InitialDeposit: stake(1), Title: "t", Summary: "s",
		Messages: []Msg{{TypeURL: "/a.MsgOne", Value: []byte{1}}, {TypeURL: "/b.MsgTwo", Value: []byte{2}}},
	})
	require.NoError(t, err)
	var got []string
	for _, ev := range e.ev.List() {
		if ev.Type != EventTypeSubmitProposal {
			continue
		}
		for _, a := range ev.Attributes {
			if a.Key == AttributeKeyProposalMessages {
				got = append(got, a.Value)
			}
		}
	}
	require.Equal(t, []string{"/a.MsgOne,/b.MsgTwo"}, got)
}

// Each length limit of a proposal and a vote takes exactly its maximum and
// refuses one more.
func TestProposalAndVoteLimitsTakeTheirMaximumAndNoMore(t *testing.T) {
	msgs := func(n int) []Msg {
		out := make([]Msg, n)
		for i := range out {
			out[i] = Msg{TypeURL: "/cosmos.bank.v1beta1.MsgSend", Value: []byte{1}}
		}
		return out
	}
	submit := func(edit func(*SubmitProposalMsg)) error {
		e := newEnv(t, "alice")
		m := SubmitProposalMsg{Proposer: addr("alice"), InitialDeposit: stake(1), Title: "t", Summary: "s", Messages: msgs(1)}
		edit(&m)
		_, err := e.k.SubmitProposal(e.w, &e.ev, e.block, m)
		return err
	}
	for _, c := range []struct {
		name string
		edit func(*SubmitProposalMsg)
		err  error
	}{
		{"the most messages", func(m *SubmitProposalMsg) { m.Messages = msgs(MaxMessages) }, nil},
		{"one message too many", func(m *SubmitProposalMsg) { m.Messages = msgs(MaxMessages + 1) }, ErrInvalidProposal},
		{"the longest title", func(m *SubmitProposalMsg) { m.Title = strings.Repeat("t", MaxTitleLen) }, nil},
		{"a title one byte too long", func(m *SubmitProposalMsg) { m.Title = strings.Repeat("t", MaxTitleLen+1) }, ErrInvalidMetadata},
		{"the longest summary", func(m *SubmitProposalMsg) { m.Summary = strings.Repeat("s", MaxSummaryLen) }, nil},
		{"a summary one byte too long", func(m *SubmitProposalMsg) { m.Summary = strings.Repeat("s", MaxSummaryLen+1) }, ErrInvalidMetadata},
		{"the longest metadata", func(m *SubmitProposalMsg) { m.Metadata = strings.Repeat("m", MaxMetadataLen) }, nil},
		{"metadata one byte too long", func(m *SubmitProposalMsg) { m.Metadata = strings.Repeat("m", MaxMetadataLen+1) }, ErrInvalidMetadata},
	} {
		t.Run("a proposal with "+c.name, func(t *testing.T) {
			err := submit(c.edit)
			if c.err == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, c.err)
			}
		})
	}

	voter := addr("voter").String()
	for _, c := range []struct {
		name     string
		metadata int
		ok       bool
	}{
		{"a vote with the longest metadata", MaxMetadataLen, true},
		{"a vote with metadata one byte too long", MaxMetadataLen + 1, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseVote(&types.MsgVote{ProposalId: 1, Voter: voter, Option: types.VoteOption_VOTE_OPTION_YES, Metadata: strings.Repeat("m", c.metadata)})
			if c.ok {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, ErrInvalidMetadata)
			}
		})
	}

	all := []*types.WeightedVoteOption{
		{Option: types.VoteOption_VOTE_OPTION_YES, Weight: "0.25"},
		{Option: types.VoteOption_VOTE_OPTION_ABSTAIN, Weight: "0.25"},
		{Option: types.VoteOption_VOTE_OPTION_NO, Weight: "0.25"},
		{Option: types.VoteOption_VOTE_OPTION_NO_WITH_VETO, Weight: "0.25"},
	}
	_, err := ParseVoteWeighted(&types.MsgVoteWeighted{ProposalId: 1, Voter: voter, Options: all})
	require.NoError(t, err, "a weighted vote may split over all four options")
	_, err = ParseVoteWeighted(&types.MsgVoteWeighted{ProposalId: 1, Voter: voter, Options: append(all, &types.WeightedVoteOption{Option: types.VoteOption_VOTE_OPTION_YES, Weight: "0"})})
	require.ErrorIs(t, err, ErrInvalidVote, "five options are too many")
}

func TestParamsRefuseAZeroPeriodAndAnExpeditedPeriodAsLongAsTheVotingPeriod(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*Params)
		ok   bool
	}{
		{"the defaults are valid", func(*Params) {}, true},
		{"a zero deposit period is refused", func(p *Params) { p.MaxDepositPeriod = 0 }, false},
		{"a zero voting period is refused", func(p *Params) { p.VotingPeriod = 0 }, false},
		{"a zero expedited voting period is refused", func(p *Params) { p.ExpeditedVotingPeriod = 0 }, false},
		{"an expedited period as long as the voting period is refused", func(p *Params) { p.ExpeditedVotingPeriod = p.VotingPeriod }, false},
		{"an expedited period a nanosecond shorter is valid", func(p *Params) { p.ExpeditedVotingPeriod = p.VotingPeriod - core.Duration(time.Nanosecond) }, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := DefaultParams()
			c.edit(&p)
			if c.ok {
				require.NoError(t, p.Validate())
			} else {
				require.ErrorIs(t, p.Validate(), ErrInvalidParams)
			}
		})
	}
}
