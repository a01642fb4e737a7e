package types

// The Any type URLs of the gov messages.
const (
	TypeURLMsgSubmitProposal = "/cosmos.gov.v1.MsgSubmitProposal"
	TypeURLMsgDeposit        = "/cosmos.gov.v1.MsgDeposit"
	TypeURLMsgVote           = "/cosmos.gov.v1.MsgVote"
	TypeURLMsgVoteWeighted   = "/cosmos.gov.v1.MsgVoteWeighted"

	TypeURLMsgSubmitProposalResponse = "/cosmos.gov.v1.MsgSubmitProposalResponse"
	TypeURLMsgDepositResponse        = "/cosmos.gov.v1.MsgDepositResponse"
	TypeURLMsgVoteResponse           = "/cosmos.gov.v1.MsgVoteResponse"
	TypeURLMsgVoteWeightedResponse   = "/cosmos.gov.v1.MsgVoteWeightedResponse"
)

// Query method paths, as abci_query receives them.
const (
	QueryPathProposal    = "/cosmos.gov.v1.Query/Proposal"
	QueryPathProposals   = "/cosmos.gov.v1.Query/Proposals"
	QueryPathVote        = "/cosmos.gov.v1.Query/Vote"
	QueryPathVotes       = "/cosmos.gov.v1.Query/Votes"
	QueryPathParams      = "/cosmos.gov.v1.Query/Params"
	QueryPathDeposit     = "/cosmos.gov.v1.Query/Deposit"
	QueryPathDeposits    = "/cosmos.gov.v1.Query/Deposits"
	QueryPathTallyResult = "/cosmos.gov.v1.Query/TallyResult"
)

// The type URL of governance's own parameter update.
const (
	TypeURLMsgUpdateParams         = "/cosmos.gov.v1.MsgUpdateParams"
	TypeURLMsgUpdateParamsResponse = "/cosmos.gov.v1.MsgUpdateParamsResponse"
)
