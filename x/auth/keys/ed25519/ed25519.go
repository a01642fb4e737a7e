package ed25519

import (
	"bytes"
	"crypto/rand" //determinism:allowed used only by GenPrivKey, which makes keys for users, never in a state transition
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/oasisprotocol/curve25519-voi/curve"
	voi "github.com/oasisprotocol/curve25519-voi/primitives/ed25519"

	"github.com/stakechain/stakechain/x/auth/types"
)

// TypeURL is the Any type URL of an ed25519 public key, as in Cosmos.
const TypeURL = "/cosmos.crypto.ed25519.PubKey"

// KeyType names this algorithm in key records and on the command line.
const KeyType = "ed25519"

// Sizes of the encodings used by this package.
const (
	// PubKeySize is the length of a public key.
	PubKeySize = 32
	// SeedSize is the length of the secret seed a key is expanded from.
	SeedSize = 32
	// PrivKeySize is the length of a private key: seed followed by public key.
	PrivKeySize = 64
	// SignatureSize is the length of a signature.
	SignatureSize = 64
)

// ErrInvalidPubKey is returned for public key bytes that are not a point
// on the curve.
var ErrInvalidPubKey = errors.New("invalid ed25519 public key")

// ErrInvalidPrivKey is returned for malformed private key bytes.
var ErrInvalidPrivKey = errors.New("invalid ed25519 private key")

// verifyOptions pins the verification rules to ZIP-215, the rules CometBFT
// applies to ed25519, so that the outcome of a verification does not depend
// on the Go release the node was built with.
var verifyOptions = &voi.Options{Verify: voi.VerifyOptionsZIP_215}

// Validate checks that the key is 32 bytes and decodes to a curve point.
func (pk *PubKey) Validate() error {
	if pk == nil {
		return fmt.Errorf("%w: nil key", ErrInvalidPubKey)
	}
	if len(pk.Key) != PubKeySize {
		return fmt.Errorf("%w: length %d, want %d", ErrInvalidPubKey, len(pk.Key), PubKeySize)
	}
	var y curve.CompressedEdwardsY
	if _, err := y.SetBytes(pk.Key); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidPubKey, err)
	}
	var p curve.EdwardsPoint
	if _, err := p.SetCompressedY(&y); err != nil {
		return fmt.Errorf("%w: not a point on the curve", ErrInvalidPubKey)
	}
	return nil
}

// Address returns SHA256(key)[:20], the Cosmos and CometBFT address of an
// ed25519 key.
func (pk *PubKey) Address() types.Address {
	h := sha256.Sum256(pk.GetKey())
	return types.Address(h[:20])
}

// Bytes returns the 32-byte key.
func (pk *PubKey) Bytes() []byte { return pk.GetKey() }

// TypeURL returns the Any type URL of the key.
func (pk *PubKey) TypeURL() string { return TypeURL }

// VerifySignature reports whether sig is a valid ed25519 signature of msg
// by this key under the ZIP-215 rules. It returns false for malformed keys
// or signatures and never panics.
func (pk *PubKey) VerifySignature(msg, sig []byte) bool {
	if pk == nil || len(pk.Key) != PubKeySize || len(sig) != SignatureSize {
		return false
	}
	return voi.VerifyWithOptions(voi.PublicKey(pk.Key), msg, sig, verifyOptions)
}

// GenPrivKey returns a new private key from the operating system's secure
// random source. It panics only if that source fails.
func GenPrivKey() *PrivKey {
	seed := make([]byte, SeedSize)
	if _, err := rand.Read(seed); err != nil {
		panic(fmt.Sprintf("ed25519: reading randomness: %v", err))
	}
	sk, err := PrivKeyFromSeed(seed)
	if err != nil {
		panic(err)
	}
	return sk
}

// PrivKeyFromSeed expands a 32-byte seed into a private key (RFC 8032).
func PrivKeyFromSeed(seed []byte) (*PrivKey, error) {
	if len(seed) != SeedSize {
		return nil, fmt.Errorf("%w: seed length %d, want %d", ErrInvalidPrivKey, len(seed), SeedSize)
	}
	return &PrivKey{Key: []byte(voi.NewKeyFromSeed(seed))}, nil
}

// PrivKeyFromBytes checks a 64-byte private key (seed followed by public
// key) and returns it.
func PrivKeyFromBytes(raw []byte) (*PrivKey, error) {
	if len(raw) != PrivKeySize {
		return nil, fmt.Errorf("%w: length %d, want %d", ErrInvalidPrivKey, len(raw), PrivKeySize)
	}
	sk, err := PrivKeyFromSeed(raw[:SeedSize])
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(sk.Key[SeedSize:], raw[SeedSize:]) {
		return nil, fmt.Errorf("%w: public half does not match the seed", ErrInvalidPrivKey)
	}
	return sk, nil
}

// Seed returns the 32-byte seed of the key.
func (sk *PrivKey) Seed() []byte {
	if len(sk.GetKey()) != PrivKeySize {
		return nil
	}
	return sk.Key[:SeedSize]
}

// PubKey returns the public key. It panics if the private key is malformed;
// keys from GenPrivKey, PrivKeyFromSeed and PrivKeyFromBytes never are.
func (sk *PrivKey) PubKey() *PubKey {
	if len(sk.GetKey()) != PrivKeySize {
		panic(fmt.Errorf("%w: length %d, want %d", ErrInvalidPrivKey, len(sk.GetKey()), PrivKeySize))
	}
	pub := make([]byte, PubKeySize)
	copy(pub, sk.Key[SeedSize:])
	return &PubKey{Key: pub}
}

// Sign returns the ed25519 signature of msg (deterministic, RFC 8032).
func (sk *PrivKey) Sign(msg []byte) ([]byte, error) {
	if len(sk.GetKey()) != PrivKeySize {
		return nil, fmt.Errorf("%w: length %d, want %d", ErrInvalidPrivKey, len(sk.GetKey()), PrivKeySize)
	}
	return voi.Sign(voi.PrivateKey(sk.Key), msg), nil
}

// Bytes returns the 64-byte private key (seed followed by public key).
func (sk *PrivKey) Bytes() []byte { return sk.GetKey() }

// Type returns "ed25519".
func (sk *PrivKey) Type() string { return KeyType }
