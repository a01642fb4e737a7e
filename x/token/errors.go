package token

import "github.com/stakechain/stakechain/x/core"

// Token errors. Codes are consensus-critical and never renumbered.
// Malformed addresses report core.ErrInvalidAddress and a balance too small
// for a burn or a transfer-from core.ErrInsufficientFunds, the "sdk" codes
// Cosmos clients know.
var (
	ErrBadSymbol             = core.Register(ModuleName, 2, "symbol must be 3 to 12 characters: an upper-case letter, then upper-case letters or digits")
	ErrBadName               = core.Register(ModuleName, 3, "name must be 1 to 64 characters of valid UTF-8 with no control characters")
	ErrBadDecimals           = core.Register(ModuleName, 4, "decimals must be at most 18")
	ErrBadMaxSupply          = core.Register(ModuleName, 5, "max supply must be a positive integer")
	ErrInitialAboveMax       = core.Register(ModuleName, 6, "initial supply must be between zero and the max supply")
	ErrTokenExists           = core.Register(ModuleName, 7, "this creator already made a token with this symbol")
	ErrTokenNotFound         = core.Register(ModuleName, 8, "no such token")
	ErrNotAdmin              = core.Register(ModuleName, 9, "only the token's admin may do this")
	ErrMaxSupplyExceeded     = core.Register(ModuleName, 10, "minting this would take the supply past the max supply")
	ErrBadAmount             = core.Register(ModuleName, 11, "amount must be a positive integer")
	ErrNotTokenDenom         = core.Register(ModuleName, 12, "not a token denom: allowances are kept only for tokens of this module")
	ErrInsufficientAllowance = core.Register(ModuleName, 13, "amount is more than the allowance")
	ErrBlockedRecipient      = core.Register(ModuleName, 14, "recipient is a module account and may not receive tokens")
	ErrBadDenom              = core.Register(ModuleName, 15, "invalid token denom")
)
