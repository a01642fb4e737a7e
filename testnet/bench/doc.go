// Package bench puts load on networks made by package testnet and
// measures them.
//
// RunLoad sends signed transfers to a running localnet for a while and
// reports the committed transactions per second (`stakechain localnet
// load`). RunBench creates a network for one application (StakeChain,
// CometBFT's kvstore, or the signed kvstore of NewSignedKVStore, which
// verifies one signature per transaction), offers it pre-signed transfers
// at a rate for a duration, and reports throughput, latency, node cost
// and, with metrics, where each block's time went (`stakechain bench`).
// With sampling it records every node's memory, goroutines and height
// during the run, and CheckSoak judges such a run (`make soak`).
//
// Fund, the faucet's funding of many senders at once, is shared with the
// fault load of package faults.
package bench
