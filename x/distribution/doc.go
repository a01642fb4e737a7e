// Package distribution owns the rewards of staking: it allocates each
// block's fees and inflation to the validators that signed the last block
// and to the community pool, and pays validators their commission and
// delegators their share when they withdraw.
//
// # State
//
// The community pool, and per validator: its accumulated commission, its
// outstanding rewards (everything allocated to it and its delegators that
// nobody has been paid), and its reward index, the cumulative reward per
// delegator share. Per delegation: the index at which it was last settled.
// All amounts are DecCoins (18 decimals); only payments are whole coins.
//
// # Rewards per share
//
// When a validator V receives reward R, commission C = R × rate goes to its
// commission and index(V) grows by (R − C) / shares(V). A delegation with s
// shares has earned s × (index(V) − start) since it was last settled, where
// s is its current share count in staking. No delegator is ever visited by
// the allocation, and slashing needs no bookkeeping here: it lowers V's
// tokens, never its shares, so a share earns the same reward before and
// after.
//
// CONTRACT: a delegation's shares may change only right after it has been
// settled, so that s is constant since its start. The application calls
// SettleDelegation(del, val)
//   - before staking's Delegate and CreateValidator (for the operator's
//     self-delegation) on (delegator, validator),
//   - before Undelegate on (delegator, validator),
//   - before BeginRedelegate on both (delegator, source) and (delegator,
//     destination),
//   - before staking's Slash of a validator whose redelegations it will cut
//     (an infraction height below the current height) on (delegator,
//     destination) of each such redelegation, because cutting one unbonds
//     shares of the destination delegation.
//
// Settling a delegation that does not exist yet starts its accounting at
// the current index. A delegation found without a start (settling was
// skipped) is taken to start now, which never pays more than was earned.
//
// # Rounding and the invariant
//
// The distribution module account holds exactly the community pool plus
// all validators' outstanding rewards, denom by denom; CheckInvariant
// verifies it. It holds exactly, not approximately, because every step
// moves the same decimal amounts on both sides:
//   - BeginBlock moves the fee collector's whole coins F in, and splits the
//     decimal F between the validators' outstanding rewards and the pool,
//     the pool taking F minus what the validators got, so that truncation
//     remainders land in the pool instead of vanishing;
//   - settling a delegation removes its decimal reward r from outstanding,
//     pays the whole part of r and adds the decimal change of r to the pool:
//     the account loses the whole part, and so does the sum;
//   - withdrawing commission pays its whole part and removes exactly that
//     from both the commission and outstanding; the change stays in both.
//
// As the sum starts at zero (or at the pool InitGenesis sets from the
// account's balance), it is always whole and equals the balance. Every
// truncation (the power fraction, the commission, the index growth, s ×
// index growth) rounds toward zero, so the delegators of V are never owed
// more than V's outstanding rewards minus its commission; what truncation
// keeps back stays in outstanding as dust.
//
// NOTE: nothing may send coins to the distribution module account except
// this module; the application must refuse it as a send recipient.
package distribution
