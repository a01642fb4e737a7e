package types

// The Any type URLs of the staking messages, as in Cosmos.
const (
	TypeURLMsgCreateValidator = "/cosmos.staking.v1beta1.MsgCreateValidator"
	TypeURLMsgEditValidator   = "/cosmos.staking.v1beta1.MsgEditValidator"
	TypeURLMsgDelegate        = "/cosmos.staking.v1beta1.MsgDelegate"
	TypeURLMsgUndelegate      = "/cosmos.staking.v1beta1.MsgUndelegate"
	TypeURLMsgBeginRedelegate = "/cosmos.staking.v1beta1.MsgBeginRedelegate"

	TypeURLMsgCreateValidatorResponse = "/cosmos.staking.v1beta1.MsgCreateValidatorResponse"
	TypeURLMsgEditValidatorResponse   = "/cosmos.staking.v1beta1.MsgEditValidatorResponse"
	TypeURLMsgDelegateResponse        = "/cosmos.staking.v1beta1.MsgDelegateResponse"
	TypeURLMsgUndelegateResponse      = "/cosmos.staking.v1beta1.MsgUndelegateResponse"
	TypeURLMsgBeginRedelegateResponse = "/cosmos.staking.v1beta1.MsgBeginRedelegateResponse"

	// TypeURLMsgUpdateParams is signed by authority, the gov module account.
	TypeURLMsgUpdateParams         = "/cosmos.staking.v1beta1.MsgUpdateParams"
	TypeURLMsgUpdateParamsResponse = "/cosmos.staking.v1beta1.MsgUpdateParamsResponse"
)
