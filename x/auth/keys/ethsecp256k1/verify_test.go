package ethsecp256k1

import (
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// agree checks that the build's curve and the Go one give the same answer.
// A node built without cgo must accept exactly the signatures a node built
// with it accepts, or they fork.
func agree(t testing.TB, key, msg, sig []byte) bool {
	t.Helper()
	got := verify(key, msg, sig, buildCurve)
	want := verify(key, msg, sig, pureCurve)
	if got != want {
		t.Fatalf("%s says %v, Go says %v\nkey %x\nmsg %x\nsig %x", Verifier, got, want, key, msg, sig)
	}
	return got
}

// signed returns a key, message and valid 65-byte signature made from seed.
func signed(t testing.TB, seed []byte, msg []byte) (key, sig []byte) {
	t.Helper()
	secret := sha256.Sum256(seed)
	sk, err := PrivKeyFromSecret(secret[:])
	if err != nil {
		t.Skip("scalar out of range") // probability 2^-128
	}
	sig, err = sk.Sign(msg)
	if err != nil {
		t.Fatal(err)
	}
	return sk.PubKey().Key, sig
}

func TestTheBuildsCurveAndTheGoCurveAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	accepted, rejected := 0, 0
	count := func(ok bool) {
		if ok {
			accepted++
		} else {
			rejected++
		}
	}
	for i := 0; i < 300; i++ {
		msg := random(rng.IntN(300))
		key, sig := signed(t, binary.BigEndian.AppendUint64(nil, uint64(i)), msg)
		if !agree(t, key, msg, sig) || !agree(t, key, msg, sig[:64]) {
			t.Fatalf("a valid signature was refused: key %x msg %x sig %x", key, msg, sig)
		}
		count(true)

		// One bit flipped anywhere in the key, the signature (with or
		// without V) or the message.
		all := append(append(append([]byte(nil), key...), sig...), msg...)
		bit := rng.IntN(len(all) * 8)
		all[bit/8] ^= 1 << (bit % 8)
		count(agree(t, all[:33], all[98:], all[33:98]))
		count(agree(t, all[:33], all[98:], all[33:97]))

		// A random key (half of them not on the curve), a random signature.
		count(agree(t, append([]byte{2 + byte(i%2)}, random(32)...), msg, sig))
		count(agree(t, key, msg, append(random(64), byte(i%2))))
		count(agree(t, key, msg, random(64)))
		// R of the signature with S of another.
		_, other := signed(t, random(8), msg)
		count(agree(t, key, msg, append(append([]byte(nil), sig[:32]...), other[32:]...)))
	}
	t.Logf("%s and Go agreed on %d accepted and %d refused signatures", Verifier, accepted, rejected)
	if rejected < 1000 {
		t.Fatalf("only %d corrupted signatures were refused", rejected)
	}
}

// FuzzCurvesAgree checks that the build's curve and the Go one give the same
// answer: on a signature made from the inputs with one byte changed (pos and
// xor; xor 0 keeps it valid), in its 65- and 64-byte forms, and on raw key
// and signature bytes.
func FuzzCurvesAgree(f *testing.F) {
	f.Add([]byte("seed"), []byte("message"), uint16(0), byte(0), []byte{}, []byte{})
	f.Add([]byte("seed"), []byte("message"), uint16(97), byte(1), []byte{}, []byte{})
	f.Add([]byte("k"), []byte{}, uint16(96), byte(0x80), make([]byte, 33), make([]byte, 65))
	f.Fuzz(func(t *testing.T, seed, msg []byte, pos uint16, xor byte, rawKey, rawSig []byte) {
		key, sig := signed(t, seed, msg)
		all := append(append(append([]byte(nil), key...), sig...), msg...)
		all[int(pos)%len(all)] ^= xor
		ok := agree(t, all[:33], all[98:], all[33:98])
		short := agree(t, all[:33], all[98:], all[33:97])
		if xor == 0 && !(ok && short) {
			t.Fatalf("a valid signature was refused")
		}
		agree(t, rawKey, msg, rawSig)
		if len(rawKey) == PubKeySize {
			agree(t, rawKey, msg, sig)
		}
		if len(rawSig) == SignatureSize || len(rawSig) == RSSignatureSize {
			agree(t, key, msg, rawSig)
		}
	})
}

func BenchmarkCurves(b *testing.B) {
	msg := make([]byte, 300)
	key, sig := signed(b, []byte("bench"), msg)
	for _, c := range []struct {
		name  string
		curve curve
	}{{"build", buildCurve}, {"go", pureCurve}} {
		for _, form := range []struct {
			name string
			sig  []byte
		}{{"RSV", sig}, {"RS", sig[:64]}} {
			b.Run(c.name+"/"+form.name, func(b *testing.B) {
				for b.Loop() {
					if !verify(key, msg, form.sig, c.curve) {
						b.Fatal("refused")
					}
				}
			})
		}
	}
}

func BenchmarkAddress(b *testing.B) {
	key, _ := signed(b, []byte("bench"), nil)
	b.Run("cached", func(b *testing.B) {
		for b.Loop() {
			address(key)
		}
	})
	b.Run("uncached", func(b *testing.B) {
		for b.Loop() {
			computeAddress(key)
		}
	})
}
