// Package evm runs Ethereum contracts on the chain with go-ethereum's EVM
// (core/vm and core.ApplyMessage, unmodified).
//
// It owns the EVM's part of the state: contract code by hash, each
// address's code hash, storage slots, the wei remainder of every balance,
// the hashes of the last 256 blocks, and its parameters (chain id and base
// fee). Everything else an Ethereum account has is the chain's own: its
// nonce is the x/auth account's sequence, and its balance in wei is the
// bank's ustake × 10^12 plus the remainder kept here, backed by the
// evm_reserve module account so that the remainders add up to the
// reserve's balance × 10^12.
//
// StateDB implements vm.StateDB over a store.Writer with an undo journal,
// and Commit writes a transaction's changes in sorted key order, settling
// balances with a supply-keeping bank.Reassign. Keeper applies messages
// (Apply) and runs read-only calls (Call) with the block facts it is given;
// it knows nothing of ABCI, transactions' encodings or JSON-RPC.
//
// The app registers ModuleAccounts with x/auth and runs InitGenesis. In
// each block it calls RecordBlockHash with the block's hash, then Apply
// for each Ethereum transaction in its own cache of the state, with one
// core.GasPool for the block and the index of the transaction's first log
// in the block; an error from Apply means nothing was written. Apply
// increments the sender's nonce (its sequence) itself. CheckInvariants
// belongs with the app's invariants. Call, EstimateGas, Account, Code and
// Storage serve read-only queries at any retained height.
package evm
