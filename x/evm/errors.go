package evm

import "github.com/stakechain/stakechain/x/core"

// EVM errors, codes 20-39 of the "evm" codespace (2-19 belong to Ethereum
// transaction decoding). Codes are consensus-critical and never renumbered.
var (
	ErrInvalidParams       = core.Register(ModuleName, 20, "invalid evm parameters")
	ErrReserveTouched      = core.Register(ModuleName, 21, "the wei reserve's balance cannot be changed by a contract or a transfer")
	ErrWeiCreated          = core.Register(ModuleName, 22, "the balances would hold more wei after the transaction than before")
	ErrMessageRejected     = core.Register(ModuleName, 23, "the message cannot be applied")
	ErrReverted            = core.Register(ModuleName, 24, "execution reverted")
	ErrBlockGas            = core.Register(ModuleName, 25, "the message's gas limit exceeds the gas left in the block")
	ErrInsufficientReserve = core.Register(ModuleName, 26, "the wei reserve holds too little to back the remainders")
	ErrModuleAccount       = core.Register(ModuleName, 27, "a module account's balance cannot be changed through the EVM")
	ErrExecutionFailed     = core.Register(ModuleName, 28, "execution failed")
)
