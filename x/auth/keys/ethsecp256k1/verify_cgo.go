//go:build cgo

package ethsecp256k1

import (
	libsecp "github.com/ethereum/go-ethereum/crypto/secp256k1"
)

// Verifier names the code that checks signatures in this build.
const Verifier = "libsecp256k1"

// buildCurve is libsecp256k1, Bitcoin Core's C library, through cgo: several
// times as fast as decred's Go code, and a validator checks every
// transaction's signature. Both give the same answer on every input
// (FuzzCurvesAgree), so nodes built with and without cgo agree.
var buildCurve = curve{verify: verifyDigestC, recover: recoverDigestC}

func verifyDigestC(key []byte, hash *[32]byte, sig []byte) bool {
	return libsecp.VerifySignature(key, hash[:], sig)
}

func recoverDigestC(hash *[32]byte, sig []byte) ([]byte, bool) {
	pub, err := libsecp.RecoverPubkey(hash[:], sig)
	if err != nil || len(pub) != 65 {
		return nil, false
	}
	// 0x04 || X || Y to 0x02 or 0x03 (by the parity of Y) || X.
	out := make([]byte, PubKeySize)
	out[0] = 0x02 | pub[64]&1
	copy(out[1:], pub[1:33])
	return out, true
}
