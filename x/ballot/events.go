package ballot

// Event types and attribute keys of the ballot module. ballot_id and the
// acting accounts are indexed, so a client can find a new ballot's id with
// tx_search or read it from the create_ballot event of its transaction.
const (
	EventCreateBallot = "create_ballot"
	EventGiveRight    = "give_right"
	EventDelegateVote = "delegate_vote"
	EventCastVote     = "cast_vote"

	AttrBallotID      = "ballot_id"
	AttrChairperson   = "chairperson"
	AttrTitle         = "title"
	AttrProposals     = "proposals"
	AttrVotingEnd     = "voting_end"
	AttrStakeWeighted = "stake_weighted"
	AttrVoter         = "voter"
	AttrWeight        = "weight"
	AttrDelegate      = "delegate"
	AttrProposal      = "proposal"
)
