// Package bank owns balances in any number of denominations and the total
// supply of each. It moves coins between accounts (MsgSend), and lets other
// modules mint and burn through their module accounts. Invariants it keeps:
// no zero balance is stored, and the supply of a denom always equals the sum
// of its balances.
package bank
