package bank

import (
	"fmt"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/core"
)

// Params price bank messages in gas.
type Params struct {
	// SendGas is charged per MsgSend.
	SendGas uint64 `json:"send_gas,string"`
	// SendGasPerCoin is charged per denomination moved by a MsgSend.
	SendGasPerCoin uint64 `json:"send_gas_per_coin,string"`
	// SendEnabled turns MsgSend on or off chain-wide.
	SendEnabled bool `json:"send_enabled"`
}

// DefaultParams are the parameters of a new chain.
func DefaultParams() Params {
	return Params{SendGas: 10_000, SendGasPerCoin: 2_000, SendEnabled: true}
}

// Validate checks the parameters.
func (p Params) Validate() error {
	if p.SendGas == 0 {
		return fmt.Errorf("send_gas must be positive")
	}
	return nil
}

// storedParams keeps the parameters as a stakechain.bank.v1.Params.
var storedParams = core.NewParamsStore(paramsKey, ParamsToProto, paramsFromProto)

// Params returns the current parameters.
func (k Keeper) Params(r store.Reader) Params { return storedParams.Load(r) }

// SetParams stores validated parameters.
func (k Keeper) SetParams(w store.Writer, p Params) error { return storedParams.Store(w, p) }
