// Package contracts holds the Solidity sources of the chain's example
// contracts (an ERC-20 coin and a Ballot), their ABI and creation bytecode
// as compiled by `make contracts` with the pinned solc, and the compiled
// artifacts embedded for Go code and tests.
package contracts
