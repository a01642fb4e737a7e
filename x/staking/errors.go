package staking

import "github.com/stakechain/stakechain/x/core"

// Staking errors. Codes are consensus-critical and never renumbered.
var (
	ErrValidatorNotFound      = core.Register(ModuleName, 2, "no such validator")
	ErrValidatorExists        = core.Register(ModuleName, 3, "this operator already runs a validator")
	ErrConsKeyInUse           = core.Register(ModuleName, 4, "this consensus key belongs to another validator")
	ErrBadConsKey             = core.Register(ModuleName, 5, "invalid consensus public key (ed25519, 32 bytes)")
	ErrBadCommission          = core.Register(ModuleName, 6, "invalid commission")
	ErrCommissionChangeTooBig = core.Register(ModuleName, 7, "commission change is above the max change rate")
	ErrCommissionChangedToday = core.Register(ModuleName, 8, "commission may change once per 24 hours")
	ErrSelfDelegationTooLow   = core.Register(ModuleName, 9, "self-delegation is below the validator's minimum")
	ErrBadMinSelfDelegation   = core.Register(ModuleName, 10, "invalid minimum self-delegation")
	ErrNoDelegation           = core.Register(ModuleName, 11, "no such delegation")
	ErrInsufficientShares     = core.Register(ModuleName, 12, "amount is more than the delegation holds")
	ErrZeroExchangeRate       = core.Register(ModuleName, 13, "validator has shares but no tokens (fully slashed)")
	ErrTooManyEntries         = core.Register(ModuleName, 14, "too many unbonding or redelegation entries for this pair; wait for one to complete")
	ErrSelfRedelegation       = core.Register(ModuleName, 15, "cannot redelegate to the same validator")
	ErrTransitiveRedelegation = core.Register(ModuleName, 16, "a redelegation to the source validator is still maturing; it must complete first")
	ErrBadDenom               = core.Register(ModuleName, 17, "amount is not in the bond denom")
	ErrBadAmount              = core.Register(ModuleName, 18, "amount must be positive")
	ErrBadDescription         = core.Register(ModuleName, 19, "invalid validator description")
	ErrTinyAmount             = core.Register(ModuleName, 20, "amount is too small: it is worth no shares or no tokens")
)
