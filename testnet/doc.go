// Package testnet generates and runs networks of several validators.
//
// InitFiles writes a network: a home per validator (config, keys and a
// shared genesis in which every validator has the same power), a keyring
// (backend test) with a funded "faucet" key and the operator keys
// "validator0".."validator<N-1>", and the peer wiring, either for one host
// (node i on ports 26656+10*i and 26657+10*i of 127.0.0.1) or for several
// hosts named by hostname.
//
// Start, Stop, Status and KillNode run such a network as background
// processes of the stakechain binary on one host (the localnet), and
// LatestBlock, BlockAppHash and WaitForHeight read the nodes over RPC; the
// end-to-end tests drive networks with them.
package testnet
