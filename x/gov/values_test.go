package gov

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/gov/types"
)

func TestStoredGovValuesDecodeToWhatWasStored(t *testing.T) {
	at := time.Date(2026, 3, 4, 5, 6, 7, 8, time.UTC)
	inDeposit := Proposal{
		ID: 7, Messages: []Msg{{TypeURL: "/cosmos.bank.v1beta1.MsgSend", Value: []byte{1, 2, 3}}, {TypeURL: "/x.Empty", Value: []byte{}}},
		Status: types.ProposalStatus_PROPOSAL_STATUS_DEPOSIT_PERIOD, FinalTally: ZeroTally(),
		SubmitTime: at, DepositEndTime: at.Add(time.Hour), TotalDeposit: core.Coins{},
		Metadata: "m", Title: "t", Summary: "s", Proposer: addr("alice"),
	}
	failed := inDeposit
	failed.Status = types.ProposalStatus_PROPOSAL_STATUS_FAILED
	failed.TotalDeposit = core.Coins{core.NewCoin("foo", 1), core.NewCoin("ustake", 10)}
	failed.VotingStartTime, failed.VotingEndTime = at.Add(time.Minute), at.Add(2*time.Hour)
	failed.FinalTally = TallyResult{Yes: math.NewInt(1), Abstain: math.NewInt(2), No: math.NewInt(3), NoWithVeto: math.NewInt(4)}
	failed.FailedReason = "out of gas"
	vote := Vote{ProposalID: 7, Voter: addr("bob"), Metadata: "why", Options: []WeightedOption{
		{Option: types.VoteOption_VOTE_OPTION_YES, Weight: math.LegacyMustNewDecFromStr("0.333333333333333333")},
		{Option: types.VoteOption_VOTE_OPTION_NO, Weight: math.LegacyMustNewDecFromStr("0.666666666666666667")},
	}}
	deposit := Deposit{ProposalID: 7, Depositor: addr("carol"), Amount: core.Coins{core.NewCoin("ustake", 5)}}

	tests := []struct {
		name string
		got  func() any
		want any
	}{
		{"a proposal in its deposit period keeps its zero voting times", func() any { return decodeProposal(encodeProposal(inDeposit)) }, inDeposit},
		{"a failed proposal keeps its tally, deposit and reason", func() any { return decodeProposal(encodeProposal(failed)) }, failed},
		{"a split vote keeps its weights exactly", func() any { return decodeVote(encodeVote(vote)) }, vote},
		{"a deposit", func() any { return decodeDeposit(encodeDeposit(deposit)) }, deposit},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, tc.got())
		})
	}
}

func TestStoredGovRecordsAreTheCosmosMessages(t *testing.T) {
	e := newEnv(t, "alice")
	id, err := e.k.SubmitProposal(e.w, &e.ev, e.block, SubmitProposalMsg{
		Proposer: addr("alice"), Title: "t", Summary: "s", InitialDeposit: core.Coins{core.NewCoin("ustake", 1_000_000)},
	})
	require.NoError(t, err)

	var p types.Proposal
	require.NoError(t, p.Unmarshal(e.w.Get(proposalKey(id))))
	require.Equal(t, addr("alice").String(), p.Proposer)
	require.Equal(t, types.ProposalStatus_PROPOSAL_STATUS_DEPOSIT_PERIOD, p.Status)
	require.Equal(t, e.block.Time.Unix(), p.SubmitTime.Seconds)
	require.Nil(t, p.VotingStartTime)

	var d types.Deposit
	require.NoError(t, d.Unmarshal(e.w.Get(depositKey(id, addr("alice")))))
	require.Equal(t, addr("alice").String(), d.Depositor)
	require.Equal(t, "1000000", d.Amount[0].Amount)
}
