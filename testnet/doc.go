// Package testnet generates and runs networks of several validators.
//
// InitFiles writes a network: a home per validator (config, keys and a
// shared genesis in which every validator has the same power), a keyring
// (backend test) with a funded "faucet" key and the operator keys
// "validator0".."validator<N-1>", and the peer wiring, either for one host
// (node i on ports 26656+10*i and 26657+10*i of 127.0.0.1) or for several
// hosts named by hostname. Options.BasePort moves a one-host network's
// ports, so that several run side by side.
//
// Start, Stop, Status and KillNode run such a network as background
// processes of the stakechain binary on one host (the localnet), and
// LatestBlock, BlockAppHash and WaitForHeight read the nodes over RPC; the
// end-to-end tests drive networks with them.
//
// NewFaultNet, StartFaultLoad and the Scenario functions (KillOne,
// StopCont, KillTwo, KillAll, Partitioned, WipedData, LostLastCommit,
// LostLastCommitEverywhere) inject faults into a 4-validator network under
// load, with a Proxy between every pair of nodes, and CheckChain checks
// what the chain promises after each (docs/RELIABILITY.md).
package testnet
