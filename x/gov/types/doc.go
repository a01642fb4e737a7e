// Package types holds the protobuf types of the gov module, generated from
// proto/cosmos/gov/v1 (package cosmos.gov.v1, wire-compatible with Cosmos
// SDK v0.50), and their type URLs.
//
// NOTE: unlike staking's commission rates, every decimal of gov v1 travels
// as a plain decimal string, as Cosmos writes math.LegacyDec.String():
// WeightedVoteOption.weight and Params.quorum, threshold, veto_threshold,
// min_initial_deposit_ratio, proposal_cancel_ratio, expedited_threshold and
// min_deposit_ratio look like "0.334000000000000000", not like the 10^-18
// atomics "334000000000000000" (the fields carry the cosmos.Dec scalar but
// no gogoproto customtype in the Cosmos protos). TallyResult counts are
// base-10 integer strings.
package types
