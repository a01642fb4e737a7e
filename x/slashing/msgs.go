package slashing

import (
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/slashing/types"
)

// ParseMsgUnjail checks a MsgUnjail without state and returns the
// validator's operator address. The message's signer is the account with
// the same bytes.
func ParseMsgUnjail(m *types.MsgUnjail) (authtypes.Address, error) {
	op, err := authtypes.ParseValoper(m.ValidatorAddr)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrapf("validator_addr: %v", err)
	}
	return op, nil
}
