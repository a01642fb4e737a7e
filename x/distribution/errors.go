package distribution

import "github.com/stakechain/stakechain/x/core"

// Distribution errors, with the codes of Cosmos's x/distribution. Codes are
// consensus-critical and never renumbered.
var (
	ErrNoValidatorCommission = core.Register(ModuleName, 7, "no validator commission to withdraw")
	ErrNoValidatorExists     = core.Register(ModuleName, 12, "validator does not exist")
	ErrNoDelegationExists    = core.Register(ModuleName, 13, "delegation does not exist")
)
