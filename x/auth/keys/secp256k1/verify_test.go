package secp256k1

import (
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// verifiers are the two ways a node may check a signature: the build's
// (libsecp256k1 with cgo) and the Go one. A node built without cgo must
// accept exactly the signatures a node built with it accepts, or they fork.
func agree(t testing.TB, key, msg, sig []byte) bool {
	t.Helper()
	got := verify(key, msg, sig, verifyDigest)
	want := verify(key, msg, sig, verifyDigestPure)
	if got != want {
		t.Fatalf("%s says %v, Go says %v\nkey %x\nmsg %x\nsig %x", Verifier, got, want, key, msg, sig)
	}
	return got
}

// signed returns a key, message and valid signature made from seed.
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

func TestVerifiersAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
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
	for i := 0; i < 500; i++ {
		msg := random(rng.IntN(300))
		key, sig := signed(t, binary.BigEndian.AppendUint64(nil, uint64(i)), msg)
		if !agree(t, key, msg, sig) {
			t.Fatalf("a valid signature was refused: key %x msg %x sig %x", key, msg, sig)
		}
		count(true)

		// One bit flipped anywhere in the key, the message or the signature.
		all := append(append(append([]byte(nil), key...), sig...), msg...)
		bit := rng.IntN(len(all) * 8)
		all[bit/8] ^= 1 << (bit % 8)
		count(agree(t, all[:33], all[97:], all[33:97]))

		// A random key (half of them not on the curve), a random signature.
		count(agree(t, append([]byte{2 + byte(i%2)}, random(32)...), msg, sig))
		count(agree(t, key, msg, random(64)))
		// R of the signature with S of another.
		_, other := signed(t, random(8), msg)
		count(agree(t, key, msg, append(append([]byte(nil), sig[:32]...), other[32:]...)))
	}
	// x = p and x = 2^256-1 are not field elements; x = 0 is not on the curve.
	for _, x := range [][]byte{
		{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
			0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xfc, 0x2f},
		{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
			0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
		make([]byte, 32),
	} {
		key, sig := signed(t, []byte("x"), []byte("m"))
		count(agree(t, append([]byte{key[0]}, x...), []byte("m"), sig))
	}
	t.Logf("%s and Go agreed on %d accepted and %d refused signatures", Verifier, accepted, rejected)
	if rejected < 1000 {
		t.Fatalf("only %d corrupted signatures were refused", rejected)
	}
}

// FuzzVerifiersAgree checks that the build's verifier and the Go one give
// the same answer: on a signature made from the inputs with one byte
// changed (pos and xor; xor 0 keeps it valid), and on raw key and
// signature bytes.
func FuzzVerifiersAgree(f *testing.F) {
	f.Add([]byte("seed"), []byte("message"), uint16(0), byte(0), []byte{}, []byte{})
	f.Add([]byte("seed"), []byte("message"), uint16(40), byte(1), []byte{}, []byte{})
	f.Add([]byte("k"), []byte{}, uint16(96), byte(0x80), make([]byte, 33), make([]byte, 64))
	f.Fuzz(func(t *testing.T, seed, msg []byte, pos uint16, xor byte, rawKey, rawSig []byte) {
		key, sig := signed(t, seed, msg)
		all := append(append(append([]byte(nil), key...), sig...), msg...)
		all[int(pos)%len(all)] ^= xor
		ok := agree(t, all[:33], all[97:], all[33:97])
		if xor == 0 && !ok {
			t.Fatalf("a valid signature was refused")
		}
		agree(t, rawKey, msg, rawSig)
		if len(rawKey) == PubKeySize {
			agree(t, rawKey, msg, sig)
		}
		if len(rawSig) == SignatureSize {
			agree(t, key, msg, rawSig)
		}
	})
}

func BenchmarkVerifiers(b *testing.B) {
	msg := make([]byte, 300)
	key, sig := signed(b, []byte("bench"), msg)
	for _, v := range []struct {
		name   string
		digest func([]byte, *[32]byte, []byte) bool
	}{{"build", verifyDigest}, {"go", verifyDigestPure}} {
		b.Run(v.name, func(b *testing.B) {
			for b.Loop() {
				if !verify(key, msg, sig, v.digest) {
					b.Fatal("refused")
				}
			}
		})
	}
}
