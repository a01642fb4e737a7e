// Package faults injects faults into a network under load and checks
// what the chain promises after each (docs/RELIABILITY.md).
//
// NewFaultNet runs a 4-validator network of package testnet whose nodes
// reach each other only through a Proxy per pair, so that links can be
// cut and healed. StartFaultLoad keeps transfers flowing and records the
// ones seen committed. The Scenario functions (KillOne, StopCont,
// KillTwo, KillAll, Partitioned, WipedData, LostLastCommit,
// LostLastCommitEverywhere) each inject one fault and heal it; Run waits
// until every node commits again and checks with CheckChain that no node
// forked, that every transaction seen committed is still in its block,
// and that the balances reflect them.
package faults
