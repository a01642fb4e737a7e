// Package ed25519 holds the ed25519 account keys of StakeChain, wire
// compatible with Cosmos (/cosmos.crypto.ed25519.PubKey): 32-byte public
// keys, addresses SHA256(key)[:20], and RFC 8032 signatures verified under
// the ZIP-215 rules that CometBFT uses.
//
// PubKey and PrivKey are the generated protobuf types of
// cosmos/crypto/ed25519/keys.proto; this package adds their methods.
package ed25519
