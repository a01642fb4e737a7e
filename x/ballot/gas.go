package ballot

import "github.com/stakechain/stakechain/app/store"

// Gas of the ballot messages, on top of the transaction's base and
// per-byte charges (which already pay for a ballot's title and names).
// Each message reads and writes a handful of keys; two read more, and pay
// for it:
//   - in a stake-weighted ballot, giving the right (and creating the
//     ballot, for the chairperson) reads the voter's delegations and
//     their validators: GasPerStakeDelegation each;
//   - a delegation walks the delegation chain: GasPerDelegationHop per
//     voter it passes. The walk is bounded by the ballot's voter count,
//     and each of those voters was paid for by a right given.
const (
	GasCreateBallot       = 30_000
	GasGiveRightToVote    = 15_000
	GasDelegateVote       = 20_000
	GasCastVote           = 15_000
	GasPerStakeDelegation = 3_000
	GasPerDelegationHop   = 2_000
)

// CreateBallotGas is the gas of m on state r.
func (k Keeper) CreateBallotGas(r store.Reader, m CreateBallot) uint64 {
	gas := uint64(GasCreateBallot)
	if m.StakeWeighted {
		_, n := k.StakeWeight(r, m.Chairperson)
		gas += GasPerStakeDelegation * uint64(n)
	}
	return gas
}

// GiveRightToVoteGas is the gas of m on state r.
func (k Keeper) GiveRightToVoteGas(r store.Reader, m GiveRightToVote) uint64 {
	gas := uint64(GasGiveRightToVote)
	if b, ok := k.Ballot(r, m.BallotID); ok && b.StakeWeighted && m.Chairperson.Equal(b.Chairperson) {
		_, n := k.StakeWeight(r, m.Voter)
		gas += GasPerStakeDelegation * uint64(n)
	}
	return gas
}

// DelegateVoteGas is the gas of m on state r: the base charge and one
// charge per hop of the delegation chain that m would walk.
func (k Keeper) DelegateVoteGas(r store.Reader, m DelegateVote) uint64 {
	gas := uint64(GasDelegateVote)
	if m.Voter.Equal(m.To) || !r.Has(ballotKey(m.BallotID)) {
		return gas
	}
	_, hops, _ := k.followDelegation(r, m.BallotID, m.Voter, m.To) // a loop is paid for up to where it was found
	return gas + GasPerDelegationHop*hops
}

// CastVoteGas is the gas of m: it does not depend on state.
func (k Keeper) CastVoteGas(store.Reader, CastVote) uint64 { return GasCastVote }
