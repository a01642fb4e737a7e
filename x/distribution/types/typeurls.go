package types

// The Any type URLs of the distribution messages, as in Cosmos.
// MsgWithdrawDelegatorReward is signed by delegator_address;
// MsgWithdrawValidatorCommission by the account behind validator_address.
const (
	TypeURLMsgWithdrawDelegatorReward     = "/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward"
	TypeURLMsgWithdrawValidatorCommission = "/cosmos.distribution.v1beta1.MsgWithdrawValidatorCommission"

	TypeURLMsgWithdrawDelegatorRewardResponse     = "/cosmos.distribution.v1beta1.MsgWithdrawDelegatorRewardResponse"
	TypeURLMsgWithdrawValidatorCommissionResponse = "/cosmos.distribution.v1beta1.MsgWithdrawValidatorCommissionResponse"

	// TypeURLMsgUpdateParams and TypeURLMsgCommunityPoolSpend are signed by
	// authority, the gov module account.
	TypeURLMsgUpdateParams       = "/cosmos.distribution.v1beta1.MsgUpdateParams"
	TypeURLMsgCommunityPoolSpend = "/cosmos.distribution.v1beta1.MsgCommunityPoolSpend"

	TypeURLMsgUpdateParamsResponse       = "/cosmos.distribution.v1beta1.MsgUpdateParamsResponse"
	TypeURLMsgCommunityPoolSpendResponse = "/cosmos.distribution.v1beta1.MsgCommunityPoolSpendResponse"
)
