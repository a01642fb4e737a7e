package ballot

import "github.com/stakechain/stakechain/x/core"

// Ballot errors, in codespace "ballot". Codes are consensus-critical and
// never renumbered.
var (
	ErrBallotNotFound      = core.Register(ModuleName, 2, "no such ballot")
	ErrInvalidTitle        = core.Register(ModuleName, 3, "a title has 1 to 140 characters")
	ErrInvalidProposals    = core.Register(ModuleName, 4, "a ballot has 1 to 32 proposals")
	ErrInvalidProposalName = core.Register(ModuleName, 5, "a proposal name has 1 to 64 characters")
	ErrInvalidVotingEnd    = core.Register(ModuleName, 6, "voting end must be after the block time")
	ErrNotChairperson      = core.Register(ModuleName, 7, "only the chairperson can give the right to vote")
	ErrAlreadyVoted        = core.Register(ModuleName, 8, "already voted")
	ErrAlreadyHasRight     = core.Register(ModuleName, 9, "the voter already has the right to vote")
	ErrNoRightToVote       = core.Register(ModuleName, 10, "has no right to vote")
	ErrProposalOutOfRange  = core.Register(ModuleName, 11, "proposal index out of range")
	ErrSelfDelegation      = core.Register(ModuleName, 12, "self-delegation is disallowed")
	ErrDelegationLoop      = core.Register(ModuleName, 13, "found loop in delegation")
	ErrDelegateHasNoRight  = core.Register(ModuleName, 14, "cannot delegate to an account without the right to vote")
	ErrVotingEnded         = core.Register(ModuleName, 15, "voting has ended")
	ErrNoStake             = core.Register(ModuleName, 16, "the voter has no bonded stake")
)
