//go:build !cgo

package secp256k1

// Verifier names the code that checks signatures in this build.
const Verifier = "decred secp256k1 (Go; build with cgo for libsecp256k1)"

// verifyDigest checks sig over hash. Without cgo it is the Go
// implementation; see verify_cgo.go for the faster one.
func verifyDigest(key []byte, hash *[32]byte, sig []byte) bool {
	return verifyDigestPure(key, hash, sig)
}
