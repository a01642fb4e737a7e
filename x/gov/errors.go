package gov

import "github.com/stakechain/stakechain/x/core"

// Gov errors. Codes are consensus-critical and never renumbered. Malformed
// addresses report core.ErrInvalidAddress and a balance too small for a
// deposit the bank's error.
var (
	ErrUnknownProposal       = core.Register(ModuleName, 2, "unknown proposal")
	ErrInactiveProposal      = core.Register(ModuleName, 3, "inactive proposal")
	ErrInvalidVote           = core.Register(ModuleName, 4, "invalid vote option")
	ErrInvalidDeposit        = core.Register(ModuleName, 5, "invalid deposit")
	ErrInvalidProposal       = core.Register(ModuleName, 6, "invalid proposal")
	ErrMinDepositTooSmall    = core.Register(ModuleName, 7, "initial deposit is below the minimum")
	ErrInvalidMetadata       = core.Register(ModuleName, 8, "metadata, title or summary too long")
	ErrExpeditedNotSupported = core.Register(ModuleName, 9, "expedited proposals are not supported")
	ErrInvalidParams         = core.Register(ModuleName, 10, "invalid gov params")
)
