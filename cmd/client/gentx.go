package client

import (
	"fmt"

	"cosmossdk.io/math"
	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/x/auth/keys"
	"github.com/stakechain/stakechain/x/auth/keys/ed25519"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	stakingtypes "github.com/stakechain/stakechain/x/staking/types"
)

// ValidatorSpec describes a validator to create.
type ValidatorSpec struct {
	// ConsPubKey is the node's ed25519 consensus key (32 bytes).
	ConsPubKey        []byte
	Moniker           string
	Amount            core.Coin
	CommissionRate    math.LegacyDec
	CommissionMax     math.LegacyDec
	CommissionMaxRate math.LegacyDec
	MinSelfDelegation math.Int
}

// CreateValidatorMsg is the MsgCreateValidator of spec, operated by the
// account of operator.
func CreateValidatorMsg(operator authtypes.Address, spec ValidatorSpec) (*gogotypes.Any, error) {
	if len(spec.ConsPubKey) != 32 {
		return nil, fmt.Errorf("consensus key is %d bytes, want 32 (ed25519)", len(spec.ConsPubKey))
	}
	return PackMsg(stakingtypes.TypeURLMsgCreateValidator, &stakingtypes.MsgCreateValidator{
		Description: &stakingtypes.Description{Moniker: spec.Moniker},
		Commission: &stakingtypes.CommissionRates{
			Rate:          core.DecToProto(spec.CommissionRate),
			MaxRate:       core.DecToProto(spec.CommissionMax),
			MaxChangeRate: core.DecToProto(spec.CommissionMaxRate),
		},
		MinSelfDelegation: spec.MinSelfDelegation.String(),
		ValidatorAddress:  operator.Valoper(),
		Pubkey:            keys.PubKeyToAny(&ed25519.PubKey{Key: spec.ConsPubKey}),
		Value:             authtypes.CoinToProto(spec.Amount),
	})
}

// GenTx signs a genesis transaction creating the validator of spec: a
// MsgCreateValidator from key's account, with no fee, signed for account
// number 0 and sequence 0 as genesis transactions are.
func GenTx(key keys.PrivKey, chainID string, spec ValidatorSpec) ([]byte, error) {
	msg, err := CreateValidatorMsg(key.PubKey().Address(), spec)
	if err != nil {
		return nil, err
	}
	return Sign(TxSpec{Msgs: []*gogotypes.Any{msg}, Memo: spec.Moniker, Fee: core.Coins{}, GasLimit: 200_000, ChainID: chainID}, key)
}
