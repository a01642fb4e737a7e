// Package testnet generates networks of several validators and runs them
// on one host.
//
// InitFiles writes a network: a home per validator (config, keys and a
// shared genesis in which every validator has the same power), a keyring
// (backend test) with a funded "faucet" key and the operator keys
// "validator0".."validator<N-1>", and the peer wiring, either for one host
// (node i on ports 26656+10*i and 26657+10*i of 127.0.0.1) or for several
// hosts named by hostname. Options.BasePort moves a one-host network's
// ports, so that several run side by side. Load reads a network back, and
// JoinAsFullNode adds a full node to one.
//
// Start, Stop, Status and KillNode run such a network as background
// processes of the stakechain binary on one host (the localnet), and
// LatestBlock, BlockAppHash, WaitForHeight and CheckInvariants read the
// nodes over RPC.
//
// The packages below build on this one, and import nothing above them:
//
//	testnet/bench   load and benchmarks: RunLoad, RunBench, the kvstore
//	                ceilings, block-time metrics, soak sampling
//	testnet/faults  fault injection: a network behind proxies, its load,
//	                the fault scenarios and the checks after each
//	testnet/e2e     the end-to-end tests, which drive networks through all
//	                of the above and the stakechain binary
//
// faults imports bench (its load funds senders as bench's does); bench
// imports only testnet; testnet imports neither.
package testnet
