package types

// The Any type URLs of the mint messages, as in Cosmos. MsgUpdateParams is
// signed by authority, the gov module account.
const (
	TypeURLMsgUpdateParams         = "/cosmos.mint.v1beta1.MsgUpdateParams"
	TypeURLMsgUpdateParamsResponse = "/cosmos.mint.v1beta1.MsgUpdateParamsResponse"
)
