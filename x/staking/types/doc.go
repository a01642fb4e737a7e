// Package types holds the protobuf types of the staking module, generated
// from proto/cosmos/staking/v1beta1 and wire-compatible with the Cosmos SDK
// v0.50/v0.53 messages of package cosmos.staking.v1beta1, plus the type URLs
// and the conversions between the wire forms and cosmossdk.io/math values.
//
// # Decimals (LegacyDec) on the wire
//
// Cosmos declares its decimal fields as `string` with the gogoproto custom
// type cosmossdk.io/math.LegacyDec. The generated Cosmos code writes them
// with LegacyDec.Marshal, which is big.Int.MarshalText of the decimal's
// internal integer: the value times 10^18, in base 10, with no decimal point
// (the "atomics" form). So:
//
//	0.1  -> "100000000000000000"
//	0.05 -> "50000000000000000"
//	1    -> "1000000000000000000"
//	0    -> "0"
//
// This is the binary protobuf form only. JSON (amino JSON signing, the REST
// gateway) uses LegacyDec.MarshalJSON, the decimal string with 18 fractional
// digits: "0.100000000000000000". CosmJS converts between the two with
// Decimal.fromAtomics(s, 18) and Decimal.fromUserInput(s, 18).atomics
// (@cosmjs/stargate modules/staking/aminomessages.ts), and its query
// helpers decode every proto Dec with Decimal.fromAtomics(s, 18)
// (queryclient/utils.ts, decodeCosmosSdkDecFromProto).
//
// Dec-typed string fields: CommissionRates.{rate, max_rate,
// max_change_rate}, Validator.delegator_shares, Delegation.shares,
// RedelegationEntry.shares_dst, Params.min_commission_rate,
// MsgEditValidator.commission_rate; cosmos.base.v1beta1.DecCoin.amount;
// distribution Params.{community_tax, base_proposer_reward,
// bonus_proposer_reward}, ValidatorSlashEvent.fraction,
// DelegatorStartingInfo.stake; mint Minter.{inflation, annual_provisions}
// and Params.{inflation_rate_change, inflation_max, inflation_min,
// goal_bonded}.
//
// Dec-typed BYTES fields carry the same atomics digits as ASCII bytes:
// slashing Params.{min_signed_per_window, slash_fraction_double_sign,
// slash_fraction_downtime} and the mint query responses
// QueryInflationResponse.inflation and
// QueryAnnualProvisionsResponse.annual_provisions (whereas
// Minter.inflation is a string). Both are wire type 2, so only the
// declared Go type differs.
//
// # Integers (math.Int)
//
// Int fields (Validator.tokens, min_self_delegation, balances, Pool,
// Coin.amount) are plain base-10 integer strings, the same in protobuf and
// JSON: "1000000".
//
// # Zero, empty and absent
//
// Cosmos marks its Dec and Int fields non-nullable, so its encoder always
// writes them, "0" included, and always writes its non-nullable embedded
// messages (Description, Commission, Coin, timestamps) even when empty.
// Here they are plain proto3 fields, which are omitted when empty; a
// decoder must read an absent Dec or Int as zero. The exception is
// MsgEditValidator: an empty commission_rate or min_self_delegation means
// "leave unchanged" (those two are nullable in Cosmos).
//
// Cosmos parses these strings with big.Int.UnmarshalText, which also takes
// base prefixes such as "0x"; DecFromProto and IntFromProto here accept
// base-10 digits only, which is all that Cosmos encoders produce.
//
// # Other facts
//
//   - Timestamps and durations are google.protobuf.Timestamp/Duration
//     (Go: gogoproto/types). Cosmos gives a validator that has never
//     unbonded the unbonding_time of Unix second 0, and a new Commission
//     the update_time of the block that created it.
//   - Validator.consensus_pubkey and MsgCreateValidator.pubkey are Any,
//     normally {"/cosmos.crypto.ed25519.PubKey", PubKey{key}}.
//   - QueryValidatorsRequest.status is a BondStatus name such as
//     "BOND_STATUS_BONDED" (empty: all validators).
//   - MsgCreateValidator and MsgEditValidator are signed by the account
//     whose bytes are those of validator_address (a valoper address);
//     MsgCreateValidator.delegator_address (field 4) is deprecated since
//     v0.50 and may be empty.
//   - Field numbering quirks: Validator.commission is 10, after the
//     unbonding fields; RedelegationEntryResponse.balance is 4 (2 and 3 are
//     unused); QueryRedelegationsRequest.pagination is 4;
//     QueryUnbondingDelegationResponse names its field unbond;
//     MsgUndelegateResponse.amount (2) is new in v0.50.
package types
