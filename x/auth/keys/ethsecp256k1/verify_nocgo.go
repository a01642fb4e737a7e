//go:build !cgo

package ethsecp256k1

// Verifier names the code that checks signatures in this build.
const Verifier = "decred secp256k1 (Go; build with cgo for libsecp256k1)"

// buildCurve is the Go arithmetic; see verify_cgo.go for the faster one.
var buildCurve = pureCurve
