package types

// The Any type URLs of the bank messages of package stakechain.bank.v1.
const (
	TypeURLMsgUpdateParams         = "/stakechain.bank.v1.MsgUpdateParams"
	TypeURLMsgUpdateParamsResponse = "/stakechain.bank.v1.MsgUpdateParamsResponse"
)
