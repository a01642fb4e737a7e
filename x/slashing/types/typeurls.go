package types

// The Any type URLs of the slashing messages, as in Cosmos. MsgUnjail is
// signed by the account behind validator_addr.
const (
	TypeURLMsgUnjail         = "/cosmos.slashing.v1beta1.MsgUnjail"
	TypeURLMsgUnjailResponse = "/cosmos.slashing.v1beta1.MsgUnjailResponse"

	// TypeURLMsgUpdateParams is signed by authority, the gov module account.
	TypeURLMsgUpdateParams         = "/cosmos.slashing.v1beta1.MsgUpdateParams"
	TypeURLMsgUpdateParamsResponse = "/cosmos.slashing.v1beta1.MsgUpdateParamsResponse"
)
