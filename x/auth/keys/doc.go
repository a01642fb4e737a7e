// Package keys is the one place that knows every account key algorithm of
// StakeChain: the PubKey and PrivKey interfaces, the explicit table from
// Any type URL to public key decoder used by transaction authentication,
// and the derivation of keys from BIP-39 mnemonics (BIP-32 / BIP-44 for
// secp256k1, compatible with Cosmos wallets).
//
// The algorithms themselves live in the subpackages secp256k1, ed25519 and
// ethsecp256k1 (Ethereum keys, whose address is the Ethereum address).
package keys
