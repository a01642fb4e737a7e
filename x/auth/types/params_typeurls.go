package types

// The Any type URLs of the auth messages of package stakechain.auth.v1.
const (
	TypeURLMsgUpdateParams         = "/stakechain.auth.v1.MsgUpdateParams"
	TypeURLMsgUpdateParamsResponse = "/stakechain.auth.v1.MsgUpdateParamsResponse"
)
