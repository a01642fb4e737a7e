// Package gov owns governance proposals (cosmos.gov.v1): their deposits,
// held by the "gov" module account, their votes, and the tally by bonded
// stake that ends their voting period.
//
// It stores a proposal's messages as Anys but never executes them: EndBlock
// returns the proposals that passed, and the app executes their messages
// atomically with the gov module account as authority, calling MarkFailed
// when they fail.
//
// The tally reads only the proposal's voters and their delegations, plus
// the bonded validators: its cost is bounded by the votes times the
// delegations per delegator, never by all the delegators of the chain.
package gov
