package bank

import "github.com/stakechain/stakechain/x/core"

// Bank errors. Codes are consensus-critical and never renumbered.
var (
	ErrSendDisabled     = core.Register(ModuleName, 5, "send transactions are disabled")
	ErrBlockedRecipient = core.Register(ModuleName, 6, "recipient may not receive funds by a send")
	ErrNoPermission     = core.Register(ModuleName, 7, "module account lacks the permission")
	ErrBadReassignment  = core.Register(ModuleName, 9, "a reassignment of balances must keep their sum")
)
