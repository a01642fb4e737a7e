package types

// The Any type URLs of the token messages.
const (
	TypeURLMsgCreateToken  = "/stakechain.token.v1.MsgCreateToken"
	TypeURLMsgMint         = "/stakechain.token.v1.MsgMint"
	TypeURLMsgBurn         = "/stakechain.token.v1.MsgBurn"
	TypeURLMsgApprove      = "/stakechain.token.v1.MsgApprove"
	TypeURLMsgTransferFrom = "/stakechain.token.v1.MsgTransferFrom"
	TypeURLMsgChangeAdmin  = "/stakechain.token.v1.MsgChangeAdmin"

	TypeURLMsgCreateTokenResponse  = "/stakechain.token.v1.MsgCreateTokenResponse"
	TypeURLMsgMintResponse         = "/stakechain.token.v1.MsgMintResponse"
	TypeURLMsgBurnResponse         = "/stakechain.token.v1.MsgBurnResponse"
	TypeURLMsgApproveResponse      = "/stakechain.token.v1.MsgApproveResponse"
	TypeURLMsgTransferFromResponse = "/stakechain.token.v1.MsgTransferFromResponse"
	TypeURLMsgChangeAdminResponse  = "/stakechain.token.v1.MsgChangeAdminResponse"
)

// Query method paths, as abci_query receives them.
const (
	QueryPathToken     = "/stakechain.token.v1.Query/Token"
	QueryPathTokens    = "/stakechain.token.v1.Query/Tokens"
	QueryPathAllowance = "/stakechain.token.v1.Query/Allowance"
)
