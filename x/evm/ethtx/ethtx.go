package ethtx

import (
	"fmt"
	"math"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	gethcore "github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"
)

// IsEthereum reports whether raw, a transaction as CometBFT hands it to the
// application, is an Ethereum transaction rather than a Cosmos TxRaw. The
// rule looks at the first byte only:
//
//   - 0x00–0x07: an EIP-2718 typed envelope (types 0 to 7). No protobuf
//     message starts so: a field tag is field number << 3 | wire type, and
//     field numbers start at 1, so a tag's first byte is at least 0x08.
//   - 0xc0–0xff: an RLP list, the encoding of a legacy transaction. A
//     protobuf message starts so only if its first field's number is 16 or
//     more (a tag of two bytes or more), and TxRaw's fields are 1 to 3.
//   - anything else (and the empty input) is left to the Cosmos decoder.
//
// A TxRaw encodes its fields in order and omits empty ones, so its first
// byte is 0x0a (body_bytes), 0x12 (auth_info_bytes, the body empty) or 0x1a
// (signatures, both empty): never an Ethereum byte. The typed envelopes
// 0x08–0x7f that EIP-2718 also allows are protobuf tags of fields 1 to 15
// and stay with the Cosmos decoder; this chain accepts types 1 and 2 only.
// NOTE: bytes that begin with an unknown field numbered 24 or more, then
// hold a TxRaw, are routed here and refused as malformed; no client
// writes such a TxRaw.
func IsEthereum(raw []byte) bool {
	return len(raw) > 0 && (raw[0] < 0x08 || raw[0] >= 0xc0)
}

// Decode decodes a raw signed Ethereum transaction: a legacy one protected
// by EIP-155, an EIP-2930 or an EIP-1559 one. It refuses empty input,
// malformed or non-canonical RLP, trailing bytes, unknown types, blob and
// set-code transactions and unprotected legacy ones, each with its own
// error. What it accepts re-encodes to exactly raw, so the transaction's
// hash, tx.Hash(), is keccak-256 of raw.
func Decode(raw []byte) (*types.Transaction, error) {
	if len(raw) == 0 {
		return nil, ErrTxDecode.Wrap("empty transaction")
	}
	if b := raw[0]; b < 0x80 && b != types.AccessListTxType && b != types.DynamicFeeTxType {
		return nil, unsupportedType(b)
	}
	tx := new(types.Transaction)
	if err := tx.UnmarshalBinary(raw); err != nil {
		return nil, ErrTxDecode.Wrapf("%s transaction of %d bytes: %v", typeName(raw[0]), len(raw), err)
	}
	if !tx.Protected() {
		v, _, _ := tx.RawSignatureValues()
		return nil, ErrUnprotectedTx.Wrapf("legacy transaction signed with v = %s, without a chain id", v)
	}
	return tx, nil
}

// typeName names the kind of transaction a first byte announces.
func typeName(b byte) string {
	if b >= 0x80 {
		return "legacy"
	}
	return fmt.Sprintf("type 0x%02x", b)
}

func unsupportedType(t byte) error {
	switch t {
	case types.BlobTxType:
		return ErrBlobTxNotSupported.Wrap("transaction type 0x03 (EIP-4844)")
	case types.SetCodeTxType:
		return ErrSetCodeTxNotSupported.Wrap("transaction type 0x04")
	}
	return ErrTxTypeNotSupported.Wrapf("transaction type 0x%02x; accepted are legacy with EIP-155, 0x01 (EIP-2930) and 0x02 (EIP-1559)", t)
}

// Limits are what a transaction is validated against: the chain's and the
// block's facts.
type Limits struct {
	// ChainID is the chain's EIP-155 chain id.
	ChainID *big.Int
	// BaseFee is the base fee per gas in wei; nil means zero.
	BaseFee *big.Int
	// MaxBlockGas is the block's max gas (CometBFT's consensus parameter);
	// zero or less sets no block limit, as for Cosmos transactions.
	MaxBlockGas int64
	// Rules are the forks in force. This chain runs every fork through Osaka
	// from genesis; the checks follow the rules given.
	Rules params.Rules
}

// Validate checks everything about tx that needs no state, and returns its
// sender. The sender is recovered once per transaction: types.Sender caches
// it on tx for the same chain id, so validating the same *Transaction again
// (CheckTx, then the block) costs no second recovery.
//
// The checks, in order: the type is one Decode accepts; legacy transactions
// are EIP-155 protected; the chain id; the gas limit against the
// per-transaction cap of EIP-7825 (Osaka) and the block's max gas; the fee
// fields fit in 256 bits, the tip is at most the fee cap, the fee cap at
// least the base fee, and gas limit × fee cap + value fits in 256 bits; the
// init code size of a creation (EIP-3860); the nonce is below 2^64-1
// (EIP-2681); the signature (low s, EIP-2) and its sender; the gas limit
// covers the intrinsic gas and, from Prague, the calldata floor (EIP-7623).
//
// Nonce and balance depend on state: the caller checks them, with
// NonceTooLow, NonceTooHigh and InsufficientFunds.
func Validate(tx *types.Transaction, lim Limits) (common.Address, error) {
	var none common.Address
	switch t := tx.Type(); t {
	case types.LegacyTxType, types.AccessListTxType, types.DynamicFeeTxType:
	default:
		return none, unsupportedType(t)
	}
	if !tx.Protected() {
		return none, ErrUnprotectedTx.Wrap("legacy transaction without a chain id")
	}
	if tx.ChainId().Cmp(lim.ChainID) != 0 {
		return none, ErrWrongChainID.Wrapf("transaction is signed for chain id %s, this chain's id is %s", tx.ChainId(), lim.ChainID)
	}

	gas := tx.Gas()
	if txCap, ok := txGasCap(lim.Rules); ok && gas > txCap {
		return none, ErrGasAboveTxCap.Wrapf("gas limit %d is above the cap of %d per transaction", gas, txCap)
	}
	if lim.MaxBlockGas > 0 && gas > uint64(lim.MaxBlockGas) {
		return none, ErrGasAboveBlockMax.Wrapf("gas limit %d is above the block's max gas %d", gas, lim.MaxBlockGas)
	}

	feeCap, tip, value := tx.GasFeeCap(), tx.GasTipCap(), tx.Value()
	if feeCap.BitLen() > 256 || tip.BitLen() > 256 || value.BitLen() > 256 {
		return none, ErrCostOverflow.Wrap("a fee or the value is above 2^256-1")
	}
	if tip.Cmp(feeCap) > 0 {
		return none, ErrTipAboveFeeCap.Wrapf("max priority fee per gas %s is above max fee per gas %s", tip, feeCap)
	}
	baseFee := lim.BaseFee
	if baseFee == nil {
		baseFee = new(big.Int)
	}
	if feeCap.Cmp(baseFee) < 0 {
		name := "gas price"
		if tx.Type() == types.DynamicFeeTxType {
			name = "max fee per gas"
		}
		return none, ErrFeeCapBelowBaseFee.Wrapf("%s %s is below the base fee %s", name, feeCap, baseFee)
	}
	cost := new(big.Int).SetUint64(gas)
	cost.Mul(cost, feeCap).Add(cost, value)
	if cost.BitLen() > 256 {
		return none, ErrCostOverflow.Wrapf("gas limit %d × %s + value %s", gas, feeCap, value)
	}

	data := tx.Data()
	if limit, ok := initCodeLimit(lim.Rules); ok && tx.To() == nil && len(data) > limit {
		return none, ErrInitCodeTooLarge.Wrapf("init code is %d bytes, the limit is %d", len(data), limit)
	}
	if tx.Nonce() == math.MaxUint64 {
		return none, ErrNonceTooHigh.Wrap("nonce 2^64-1 may not be used (EIP-2681)")
	}

	from, err := types.Sender(types.LatestSignerForChainID(lim.ChainID), tx)
	if err != nil {
		return none, ErrInvalidSignature.Wrapf("%v", err)
	}

	value256, _ := uint256.FromBig(value) // fits: checked above
	intrinsic, err := gethcore.IntrinsicGas(data, tx.AccessList(), nil, from, tx.To(), value256, lim.Rules)
	if err != nil {
		return none, ErrIntrinsicGas.Wrapf("intrinsic gas: %v", err)
	}
	if gas < intrinsic {
		return none, ErrIntrinsicGas.Wrapf("gas limit %d is below the intrinsic gas %d", gas, intrinsic)
	}
	if lim.Rules.IsPrague {
		floor, err := gethcore.FloorDataGas(lim.Rules, from, tx.To(), value256, data, tx.AccessList())
		if err != nil {
			return none, ErrFloorDataGas.Wrapf("calldata floor: %v", err)
		}
		if gas < floor {
			return none, ErrFloorDataGas.Wrapf("gas limit %d is below the calldata floor %d", gas, floor)
		}
	}
	return from, nil
}

// txGasCap is the most gas one transaction may ask for under rules, if they
// set a cap.
func txGasCap(rules params.Rules) (uint64, bool) {
	switch {
	case rules.IsAmsterdam:
		return params.MaxTxTotalGas, true
	case rules.IsOsaka:
		return params.MaxTxGas, true
	}
	return 0, false
}

// initCodeLimit is the largest init code a creation may carry under rules,
// if they set a limit.
func initCodeLimit(rules params.Rules) (int, bool) {
	switch {
	case rules.IsAmsterdam:
		return params.MaxInitCodeSizeAmsterdam, true
	case rules.IsShanghai:
		return params.MaxInitCodeSize, true
	}
	return 0, false
}
