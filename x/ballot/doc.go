// Package ballot owns general-purpose ballots with the semantics of the
// Solidity "Ballot" example contract, as a native module: many ballots,
// each with its chairperson, proposals, voters and tallies.
//
// # The rules
//
// A ballot has a title (1 to 140 characters), 1 to 32 proposals (names of
// 1 to 64 characters, indexed from 0) and a voting end. Ballot ids are
// sequential from 1. The creator is the chairperson and has the right to
// vote from the start, as in the contract.
//
//   - Only the chairperson gives the right to vote, once per voter, and not
//     to a voter that has already voted.
//   - A voter votes once, with its whole weight, for a proposal index in
//     range; the weight is added to that proposal's vote count.
//   - Instead of voting, a voter may delegate its vote, once, to another
//     voter of the ballot (never to itself). The delegation follows the
//     delegate's own delegations to the end of the chain; a chain that comes
//     back to the delegator is rejected ("found loop in delegation"). If the
//     voter at the end has voted, the weight is added to its proposal;
//     otherwise to its weight, which it will vote with. As in the newer
//     version of the contract, the voter at the end must have the right to
//     vote. A delegator counts as having voted.
//   - From the first block whose time is at or after the voting end, no
//     more votes, delegations or rights are accepted; the tallies are final.
//
// The winner is the proposal with the most votes; ties go to the lowest
// index, so proposal 0 "wins" while nothing has been voted, as the
// contract's winningProposal returns.
//
// # Voting end
//
// MsgCreateBallot carries voting_end as an absolute time, which must be
// after the time of the block that creates the ballot. The client turns a
// voting period ("tx ballot create ... --voting-period 60s") into a time by
// adding it to the time of the latest block it can see; the ballot then
// closes at the first block at or after that time, a little less than the
// period after its creation (the creating block comes later than the
// latest one the client saw).
//
// # Stake-weighted ballots
//
// In a stake-weighted ballot a voter's weight is its bonded stake instead of
// 1: what its delegations to bonded validators are worth in tokens
// (shares × tokens / total shares, summed, truncated), read when the right
// is given (for the chairperson, when the ballot is created). An account
// with no bonded stake cannot be given the right; a chairperson with none
// starts without it and may give it to itself later. The weight is then
// fixed: delegating, undelegating or slashing after the right is given does
// not change it.
//
// This is not "the stake at the ballot's creation height": the state
// machine reads only current state, and there is no history of
// delegations to read the stake of an earlier height from. Recording every
// delegator's stake at creation would walk every delegation on chain in one
// transaction, at a cost unrelated to the ballot. Reading the stake when
// the right is given costs one read per delegation of that voter, which
// the chairperson's give-right transaction pays for. The difference is
// that stake moved between creation and the giving of the right counts
// where it is when the right is given, so the same tokens can be counted
// twice if they are undelegated, paid out after the unbonding time, handed
// to another account and delegated again before that account is given the
// right. The chairperson, who alone gives rights and chooses when, is
// trusted with the roll of voters as in the contract; a ballot that must
// exclude this gives all rights within the unbonding time after its
// creation.
//
// # Cost
//
// Every step is bounded: a ballot has at most 32 proposals, a tally or a
// winner reads one key per proposal, and a delegation walks at most as many
// voters as the ballot has (each added by a paid give-right), paying
// GasPerDelegationHop for each; the stake of a voter costs
// GasPerStakeDelegation per delegation read (see gas.go).
//
// # State
//
// A ballot's fixed part (title, chairperson, proposals, voting end,
// weighting, creation height) is one record; each proposal's vote count,
// each voter, and the number of voters are separate keys, so a vote
// rewrites only the voter and one tally (see keys.go).
package ballot
