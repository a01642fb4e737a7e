// Package slashing punishes validators for two faults: being offline
// (liveness) and signing two conflicting blocks at one height (double
// signing).
//
// Liveness: for every validator that appears in a block's last commit,
// BeginBlock records in a sliding window of SignedBlocksWindow blocks
// whether it signed. The window is a bitmap stored in fixed chunks of
// 1024 bits, so one vote reads and writes at most the validator's signing
// info and one chunk, whatever the window's size; a chunk with no missed
// block is not stored at all. A validator that has missed more than
// SignedBlocksWindow − MinSignedPerWindow × SignedBlocksWindow of the
// window, once it has been tracked for a whole window, is slashed
// SlashFractionDowntime and jailed for DowntimeJailDuration; its window
// starts over.
//
// Double signing: evidence CometBFT commits in a block is handled before
// the votes. A validator that double-signed is slashed
// SlashFractionDoubleSign of its power at the infraction (stake that left
// it since is cut too, by staking), jailed for ever and tombstoned: it can
// never unjail, and further evidence against it is ignored.
//
// The module owns each validator's signing info and missed-blocks bitmap;
// jailing, unjailing and the burning of stake are staking's, reached
// through its keeper.
package slashing
