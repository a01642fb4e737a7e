// Package ethrpc serves the Ethereum JSON-RPC API (eth_, net_, web3_ and
// debug_ methods, filters and eth_subscribe) over HTTP and WebSocket on one
// address, so that ethers, MetaMask, cast and go-ethereum's ethclient work
// against a StakeChain node unchanged.
//
// It owns only the Ethereum view of the chain: block, transaction, receipt
// and log shapes, block tags, filters, the caps on costly calls. Everything
// it reads comes through Backend, the narrow interface the node gives it
// (committed blocks with their Ethereum transactions and receipts, the EVM
// state at a height, the pending nonce, broadcasting). It executes nothing
// itself and knows nothing of ABCI or the modules.
//
// A block's hash is CometBFT's block hash, the same in every method; a
// transaction's hash is the keccak-256 of its raw bytes; log indexes count
// across the whole block. Blocks are final when committed, so "safe",
// "finalized", "latest" and "pending" name the same block.
package ethrpc
