package auth

import (
	"fmt"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/core"
)

// Params bound transactions and price their authentication in gas.
type Params struct {
	// MaxMemoCharacters bounds a transaction's memo.
	MaxMemoCharacters uint64 `json:"max_memo_characters,string"`
	// TxSigLimit bounds the number of signers of a transaction.
	TxSigLimit uint64 `json:"tx_sig_limit,string"`
	// MaxTxBytes bounds the encoded size of a transaction.
	MaxTxBytes uint64 `json:"max_tx_bytes,string"`
	// MaxMsgsPerTx bounds the number of messages in a transaction.
	MaxMsgsPerTx uint64 `json:"max_msgs_per_tx,string"`
	// TxBaseGas is charged once per transaction.
	TxBaseGas uint64 `json:"tx_base_gas,string"`
	// TxSizeCostPerByte is charged per byte of the transaction's body (its
	// messages and memo).
	TxSizeCostPerByte uint64 `json:"tx_size_cost_per_byte,string"`
	// SigVerifyCostSecp256k1 is charged per secp256k1 signature.
	SigVerifyCostSecp256k1 uint64 `json:"sig_verify_cost_secp256k1,string"`
	// SigVerifyCostEd25519 is charged per ed25519 signature.
	SigVerifyCostEd25519 uint64 `json:"sig_verify_cost_ed25519,string"`
}

// DefaultParams are the parameters of a new chain.
func DefaultParams() Params {
	return Params{
		MaxMemoCharacters:      256,
		TxSigLimit:             7,
		MaxTxBytes:             64 * 1024,
		MaxMsgsPerTx:           32,
		TxBaseGas:              6_000,
		TxSizeCostPerByte:      10,
		SigVerifyCostSecp256k1: 1_000,
		SigVerifyCostEd25519:   590,
	}
}

// Validate checks that every bound is usable.
func (p Params) Validate() error {
	switch {
	case p.MaxMemoCharacters > 1<<16:
		return fmt.Errorf("max_memo_characters %d is above 65536", p.MaxMemoCharacters)
	case p.TxSigLimit == 0:
		return fmt.Errorf("tx_sig_limit must be positive")
	case p.MaxTxBytes < 256 || p.MaxTxBytes > 4<<20:
		return fmt.Errorf("max_tx_bytes %d must be within [256, 4194304]", p.MaxTxBytes)
	case p.MaxMsgsPerTx == 0:
		return fmt.Errorf("max_msgs_per_tx must be positive")
	}
	return nil
}

// storedParams keeps the parameters as a stakechain.auth.v1.Params.
var storedParams = core.NewParamsStore(paramsKey, ParamsToProto, paramsFromProto)

// Params returns the current parameters.
func (k Keeper) Params(r store.Reader) Params { return storedParams.Load(r) }

// SetParams stores validated parameters.
func (k Keeper) SetParams(w store.Writer, p Params) error { return storedParams.Store(w, p) }
