package gov

// Event types and attribute keys, as Cosmos gov emits them.
const (
	EventTypeSubmitProposal   = "submit_proposal"
	EventTypeProposalDeposit  = "proposal_deposit"
	EventTypeProposalVote     = "proposal_vote"
	EventTypeInactiveProposal = "inactive_proposal"
	EventTypeActiveProposal   = "active_proposal"

	AttributeKeyProposalID        = "proposal_id"
	AttributeKeyProposalMessages  = "proposal_messages"
	AttributeKeyVotingPeriodStart = "voting_period_start"
	AttributeKeyProposalResult    = "proposal_result"
	AttributeKeyVoter             = "voter"
	AttributeKeyOption            = "option"
	AttributeKeyDepositor         = "depositor"
	AttributeKeyAmount            = "amount"

	AttributeValueProposalDropped  = "proposal_dropped"
	AttributeValueProposalPassed   = "proposal_passed"
	AttributeValueProposalRejected = "proposal_rejected"
)
