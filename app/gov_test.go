package app

import (
	"testing"
	"time"

	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/cmd/client"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/gov"
	govtypes "github.com/stakechain/stakechain/x/gov/types"
)

func shortVoting(g *GenesisState) {
	g.Gov.Params.VotingPeriod = core.Duration(10 * time.Second)
	g.Gov.Params.ExpeditedVotingPeriod = core.Duration(5 * time.Second)
}

// propose submits a proposal of msgs from alice with the minimum deposit.
func propose(t *testing.T, c *testChain, msgs ...*gogotypes.Any) (uint32, string) {
	return c.deliver(testKey("alice"), govtypes.TypeURLMsgSubmitProposal, &govtypes.MsgSubmitProposal{
		Messages: msgs, InitialDeposit: []*authtypes.Coin{{Denom: "ustake", Amount: "10000000"}},
		Proposer: addrOf(testKey("alice")), Title: "t", Summary: "s"})
}

func vote(t *testing.T, c *testChain, name string, id uint64, option govtypes.VoteOption) {
	t.Helper()
	code, log := c.deliver(testKey(name), govtypes.TypeURLMsgVote, &govtypes.MsgVote{ProposalId: id, Voter: addrOf(testKey(name)), Option: option})
	require.Zero(t, code, log)
}

func proposalStatus(t *testing.T, c *testChain, id uint64) *govtypes.Proposal {
	var resp govtypes.QueryProposalResponse
	res := c.query(govtypes.QueryPathProposal, &govtypes.QueryProposalRequest{ProposalId: id}, &resp)
	require.Zero(t, res.Code, res.Log)
	return resp.Proposal
}

func TestAPassedProposalChangesAModulesParameters(t *testing.T) {
	c, _ := newStakingChainWith(t, shortVoting)
	update, err := client.PackMsg(banktypes.TypeURLMsgUpdateParams, &banktypes.MsgUpdateParams{
		Authority: gov.Authority().String(), Params: &banktypes.Params{SendGas: 12345, SendGasPerCoin: 2000, SendEnabled: true}})
	require.NoError(t, err)
	code, log := propose(t, c, update)
	require.Zero(t, code, log)
	require.Equal(t, govtypes.ProposalStatus_PROPOSAL_STATUS_VOTING_PERIOD, proposalStatus(t, c, 1).Status)

	vote(t, c, "v1", 1, govtypes.VoteOption_VOTE_OPTION_YES)
	vote(t, c, "v2", 1, govtypes.VoteOption_VOTE_OPTION_YES)
	c.time = c.time.Add(11 * time.Second)
	c.block()
	require.Equal(t, govtypes.ProposalStatus_PROPOSAL_STATUS_PASSED, proposalStatus(t, c, 1).Status)
	require.Equal(t, uint64(12345), c.app.bank.Params(c.app.tree.Latest()).SendGas)
	require.Equal(t, "1000000000", c.balance(addrOf(testKey("alice")), "ustake"), "the deposit is refunded")
}

func TestAVetoedProposalBurnsItsDeposit(t *testing.T) {
	c, _ := newStakingChainWith(t, shortVoting)
	code, log := propose(t, c) // a text proposal
	require.Zero(t, code, log)
	vote(t, c, "v2", 1, govtypes.VoteOption_VOTE_OPTION_NO_WITH_VETO) // 20 of 30 power
	vote(t, c, "v1", 1, govtypes.VoteOption_VOTE_OPTION_YES)
	supplyBefore := c.app.bank.Supply(c.app.tree.Latest(), "ustake")
	c.time = c.time.Add(11 * time.Second)
	c.block()
	require.Equal(t, govtypes.ProposalStatus_PROPOSAL_STATUS_REJECTED, proposalStatus(t, c, 1).Status)
	require.Equal(t, "990000000", c.balance(addrOf(testKey("alice")), "ustake"), "not refunded")
	require.Equal(t, supplyBefore.SubRaw(10000000).String(), c.app.bank.Supply(c.app.tree.Latest(), "ustake").String(), "burned")
}

func TestAProposalWhoseMessageFailsChangesNothingAndIsMarkedFailed(t *testing.T) {
	c, _ := newStakingChainWith(t, shortVoting)
	ok, err := client.PackMsg(banktypes.TypeURLMsgUpdateParams, &banktypes.MsgUpdateParams{
		Authority: gov.Authority().String(), Params: &banktypes.Params{SendGas: 777, SendGasPerCoin: 1, SendEnabled: true}})
	require.NoError(t, err)
	// A send from the governance account, which holds only the deposit
	// being tallied: more than it has.
	spend, err := client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: gov.Authority().String(),
		ToAddress: addrOf(testKey("bob")), Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "999999999999"}}})
	require.NoError(t, err)
	code, log := propose(t, c, ok, spend)
	require.Zero(t, code, log)
	vote(t, c, "v1", 1, govtypes.VoteOption_VOTE_OPTION_YES)
	vote(t, c, "v2", 1, govtypes.VoteOption_VOTE_OPTION_YES)
	c.time = c.time.Add(11 * time.Second)
	c.block()
	p := proposalStatus(t, c, 1)
	require.Equal(t, govtypes.ProposalStatus_PROPOSAL_STATUS_FAILED, p.Status)
	require.NotEmpty(t, p.FailedReason)
	require.NotEqual(t, uint64(777), c.app.bank.Params(c.app.tree.Latest()).SendGas, "the first message did not apply either")
}

func TestAProposalMessageNotSignedByGovernanceIsRefusedAtSubmission(t *testing.T) {
	c, _ := newStakingChainWith(t, shortVoting)
	send, err := client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: addrOf(testKey("bob")),
		ToAddress: addrOf(testKey("alice")), Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "1"}}})
	require.NoError(t, err)
	code, log := propose(t, c, send)
	require.NotZero(t, code)
	require.Contains(t, log, "governance")
}
