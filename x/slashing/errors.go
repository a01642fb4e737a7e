package slashing

import "github.com/stakechain/stakechain/x/core"

// Slashing errors. The codes are those Cosmos clients know for the slashing
// codespace; they are consensus-critical and never renumbered.
var (
	ErrNoValidatorForAddress        = core.Register(ModuleName, 2, "no validator is run by this address")
	ErrValidatorJailed              = core.Register(ModuleName, 4, "validator is still jailed and cannot be unjailed yet")
	ErrValidatorNotJailed           = core.Register(ModuleName, 5, "validator is not jailed")
	ErrMissingSelfDelegation        = core.Register(ModuleName, 6, "validator has no self-delegation and cannot be unjailed")
	ErrSelfDelegationTooLowToUnjail = core.Register(ModuleName, 7, "validator's self-delegation is below its minimum; it cannot be unjailed")
	ErrNoSigningInfoFound           = core.Register(ModuleName, 8, "no signing info for this consensus address")
)
