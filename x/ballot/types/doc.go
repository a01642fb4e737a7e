// Package types holds the protobuf types of the ballot module, generated
// from proto/stakechain/ballot/v1, and their type URLs.
//
// Weights and vote counts are base-10 integer strings ("1", "2500000"):
// in a stake-weighted ballot they are token amounts, which may exceed 64
// bits. Timestamps are google.protobuf.Timestamp (Go: gogoproto/types).
package types
