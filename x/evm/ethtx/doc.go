// Package ethtx is how the chain reads raw signed Ethereum transactions: it
// tells them apart from Cosmos transactions by their first byte
// (IsEthereum), decodes them byte for byte with go-ethereum's types
// (Decode), and checks everything that needs no state, recovering the
// sender (Validate). It owns the error codes 2 to 19 of the "evm" codespace,
// including the stateful nonce and balance errors whose checks the
// application makes, so that every refusal of an Ethereum transaction has
// its code here.
//
// Accepted: legacy transactions protected by EIP-155, EIP-2930 and EIP-1559
// transactions. Refused with their own errors: unprotected legacy
// transactions, blob (type 3) and set-code (type 4) transactions, and any
// other type. A transaction's hash is keccak-256 of its raw bytes.
//
// The package holds no state and knows nothing of the EVM's execution.
package ethtx
