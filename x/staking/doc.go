// Package staking owns validators and delegations: who validates and with
// how much voting power, decided by bonded stake.
//
// Delegations are shares of a validator: a validator's tokens change (by
// delegation, undelegation or slashing) without touching its delegators, and
// a delegation is worth shares × tokens / total shares. Slashing a validator
// is therefore O(1) in its delegators.
//
// Tokens sit in one of two module accounts: the bonded pool holds the tokens
// of bonded validators; the not-bonded pool those of unbonding and unbonded
// validators and of unbonding delegations. Moving a validator between
// statuses moves its tokens between the pools.
//
// At the end of every block, EndBlock ranks the non-jailed validators by
// power (tokens / PowerReduction, ties broken by operator address bytes,
// ascending), bonds the top MaxValidators, unbonds the rest, returns the
// changes for CometBFT, and then completes the unbondings and redelegations
// whose time has come.
package staking
