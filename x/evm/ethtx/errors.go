package ethtx

import (
	"math/big"

	"github.com/stakechain/stakechain/x/core"
)

// Codespace is the error namespace of Ethereum transactions, shared with the
// EVM module. This package owns its codes 2 to 19; the module numbers its
// own from 20.
const Codespace = "evm"

// Errors of Ethereum transactions. Codes are consensus-critical and never
// renumbered. Each is returned wrapped with the numbers of the case.
var (
	ErrTxDecode              = core.Register(Codespace, 2, "malformed Ethereum transaction")
	ErrTxTypeNotSupported    = core.Register(Codespace, 3, "Ethereum transaction type not supported")
	ErrBlobTxNotSupported    = core.Register(Codespace, 4, "blob transactions are not supported")
	ErrSetCodeTxNotSupported = core.Register(Codespace, 5, "set-code (EIP-7702) transactions are not supported")
	ErrUnprotectedTx         = core.Register(Codespace, 6, "legacy transaction without replay protection (EIP-155) is not accepted")
	ErrWrongChainID          = core.Register(Codespace, 7, "wrong chain id")
	ErrInvalidSignature      = core.Register(Codespace, 8, "invalid transaction signature")
	ErrIntrinsicGas          = core.Register(Codespace, 9, "gas limit below the intrinsic gas")
	ErrFloorDataGas          = core.Register(Codespace, 10, "gas limit below the calldata floor (EIP-7623)")
	ErrGasAboveBlockMax      = core.Register(Codespace, 11, "gas limit above the block's max gas")
	ErrGasAboveTxCap         = core.Register(Codespace, 12, "gas limit above the per-transaction cap (EIP-7825)")
	ErrFeeCapBelowBaseFee    = core.Register(Codespace, 13, "gas price below the base fee")
	ErrTipAboveFeeCap        = core.Register(Codespace, 14, "max priority fee per gas above max fee per gas")
	ErrInitCodeTooLarge      = core.Register(Codespace, 15, "init code too large (EIP-3860)")
	ErrCostOverflow          = core.Register(Codespace, 16, "gas limit × gas price + value does not fit in 256 bits")
	ErrNonceTooLow           = core.Register(Codespace, 17, "nonce too low")
	ErrNonceTooHigh          = core.Register(Codespace, 18, "nonce too high")
	ErrInsufficientFunds     = core.Register(Codespace, 19, "insufficient funds for gas limit × gas price + value")
)

// NonceTooLow is the error of a transaction whose nonce the sender's account
// has passed: txNonce < accountNonce.
func NonceTooLow(txNonce, accountNonce uint64) error {
	return ErrNonceTooLow.Wrapf("transaction nonce %d is below the account's nonce %d (already used)", txNonce, accountNonce)
}

// NonceTooHigh is the error of a transaction whose nonce leaves a gap after
// the sender's account nonce (or the last nonce the mempool holds for it):
// txNonce > next.
func NonceTooHigh(txNonce, next uint64) error {
	return ErrNonceTooHigh.Wrapf("transaction nonce %d is above the next expected nonce %d", txNonce, next)
}

// InsufficientFunds is the error of a sender whose balance in wei does not
// cover cost, the transaction's gas limit × max fee per gas + value.
func InsufficientFunds(balance, cost *big.Int) error {
	return ErrInsufficientFunds.Wrapf("balance %s wei is below the %s wei the transaction may spend", balance, cost)
}
