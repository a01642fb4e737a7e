// Package ethsecp256k1 holds the Ethereum secp256k1 account keys of
// StakeChain, wire compatible with cosmos/evm
// (/cosmos.evm.crypto.v1.ethsecp256k1.PubKey): 33-byte compressed public
// keys whose account address is the Ethereum address of the key (the last 20
// bytes of keccak-256 of the 64-byte uncompressed point), and ECDSA
// signatures over keccak-256 of the message, so that the key behind an
// Ethereum account signs Cosmos transactions for the same account.
//
// A signature is 65 bytes R || S || V as go-ethereum's crypto.Sign writes it
// (V, the recovery id, 0 or 1); verification also takes the 64-byte R || S
// form that some wallets send. S must be in the lower half of the order.
//
// PubKey and PrivKey are the generated protobuf types of
// cosmos/evm/crypto/v1/ethsecp256k1/keys.proto; this package adds their
// methods.
package ethsecp256k1
