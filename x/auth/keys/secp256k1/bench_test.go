package secp256k1_test

import (
	"testing"

	"github.com/stakechain/stakechain/x/auth/keys/secp256k1"
)

func BenchmarkVerifySignature(b *testing.B) {
	sk := secp256k1.GenPrivKey()
	pk := sk.PubKey()
	msg := make([]byte, 300)
	sig, err := sk.Sign(msg)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if !pk.VerifySignature(msg, sig) {
			b.Fatal("invalid")
		}
	}
}

func BenchmarkSign(b *testing.B) {
	sk := secp256k1.GenPrivKey()
	msg := make([]byte, 300)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sk.Sign(msg); err != nil {
			b.Fatal(err)
		}
	}
}
