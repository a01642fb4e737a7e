package distribution

import (
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/distribution/types"
)

// WithdrawDelegatorReward is a MsgWithdrawDelegatorReward with its
// addresses decoded. Delegator signs.
type WithdrawDelegatorReward struct {
	Delegator authtypes.Address
	Validator authtypes.Address
}

// WithdrawValidatorCommission is a MsgWithdrawValidatorCommission with its
// address decoded. The operator's account (the same bytes) signs.
type WithdrawValidatorCommission struct {
	Validator authtypes.Address
}

// ParseMsgWithdrawDelegatorReward checks a MsgWithdrawDelegatorReward
// without state: a "stake..." delegator and a "stakevaloper..." validator.
func ParseMsgWithdrawDelegatorReward(m *types.MsgWithdrawDelegatorReward) (WithdrawDelegatorReward, error) {
	del, err := authtypes.ParseAddress(m.DelegatorAddress)
	if err != nil {
		return WithdrawDelegatorReward{}, core.ErrInvalidAddress.Wrapf("delegator_address: %v", err)
	}
	val, err := authtypes.ParseValoper(m.ValidatorAddress)
	if err != nil {
		return WithdrawDelegatorReward{}, core.ErrInvalidAddress.Wrapf("validator_address: %v", err)
	}
	return WithdrawDelegatorReward{Delegator: del, Validator: val}, nil
}

// ParseMsgWithdrawValidatorCommission checks a
// MsgWithdrawValidatorCommission without state: a "stakevaloper..."
// validator.
func ParseMsgWithdrawValidatorCommission(m *types.MsgWithdrawValidatorCommission) (WithdrawValidatorCommission, error) {
	val, err := authtypes.ParseValoper(m.ValidatorAddress)
	if err != nil {
		return WithdrawValidatorCommission{}, core.ErrInvalidAddress.Wrapf("validator_address: %v", err)
	}
	return WithdrawValidatorCommission{Validator: val}, nil
}
