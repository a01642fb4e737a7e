// Package client builds, signs and broadcasts StakeChain transactions and
// runs queries against a node's CometBFT RPC, as the CLI, the localnet tools
// and the end-to-end tests do. It speaks only the public wire formats, so it
// works against any StakeChain node.
package client
