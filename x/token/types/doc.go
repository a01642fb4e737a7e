// Package types holds the protobuf types of the token module, generated
// from proto/stakechain/token/v1 (package stakechain.token.v1), and their
// type URLs. Amounts (max_supply, initial_supply, MsgMint.amount,
// MsgBurn.amount, Coin.amount) are base-10 integer strings, as Cosmos
// writes math.Int.
package types
