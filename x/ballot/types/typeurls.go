package types

// The Any type URLs of the ballot messages.
const (
	TypeURLMsgCreateBallot    = "/stakechain.ballot.v1.MsgCreateBallot"
	TypeURLMsgGiveRightToVote = "/stakechain.ballot.v1.MsgGiveRightToVote"
	TypeURLMsgDelegateVote    = "/stakechain.ballot.v1.MsgDelegateVote"
	TypeURLMsgCastVote        = "/stakechain.ballot.v1.MsgCastVote"

	TypeURLMsgCreateBallotResponse    = "/stakechain.ballot.v1.MsgCreateBallotResponse"
	TypeURLMsgGiveRightToVoteResponse = "/stakechain.ballot.v1.MsgGiveRightToVoteResponse"
	TypeURLMsgDelegateVoteResponse    = "/stakechain.ballot.v1.MsgDelegateVoteResponse"
	TypeURLMsgCastVoteResponse        = "/stakechain.ballot.v1.MsgCastVoteResponse"
)

// The abci_query paths of the ballot queries.
const (
	QueryPathBallot  = "/stakechain.ballot.v1.Query/Ballot"
	QueryPathVoter   = "/stakechain.ballot.v1.Query/Voter"
	QueryPathTallies = "/stakechain.ballot.v1.Query/Tallies"
	QueryPathWinner  = "/stakechain.ballot.v1.Query/Winner"
)
