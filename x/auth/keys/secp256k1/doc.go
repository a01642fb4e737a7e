// Package secp256k1 holds the secp256k1 account keys of StakeChain, wire
// compatible with Cosmos (/cosmos.crypto.secp256k1.PubKey): 33-byte
// compressed public keys, addresses RIPEMD160(SHA256(key)), and 64-byte
// R || S ECDSA signatures over SHA256 of the message with low S, produced
// deterministically (RFC 6979).
//
// PubKey and PrivKey are the generated protobuf types of
// cosmos/crypto/secp256k1/keys.proto; this package adds their methods.
package secp256k1
