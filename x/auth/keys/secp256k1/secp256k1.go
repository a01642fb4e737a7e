package secp256k1

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"sync"

	secp "github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"golang.org/x/crypto/ripemd160" //nolint:staticcheck // RIPEMD-160 is part of the Cosmos address format.

	"github.com/stakechain/stakechain/x/auth/types"
)

// TypeURL is the Any type URL of a secp256k1 public key, as in Cosmos.
const TypeURL = "/cosmos.crypto.secp256k1.PubKey"

// KeyType names this algorithm in key records and on the command line.
const KeyType = "secp256k1"

// Sizes of the encodings used by this package.
const (
	// PubKeySize is the length of a compressed public key.
	PubKeySize = 33
	// PrivKeySize is the length of a private scalar.
	PrivKeySize = 32
	// SignatureSize is the length of a signature: R || S, 32 bytes each, big-endian.
	SignatureSize = 64
)

// ErrInvalidPubKey is returned for public key bytes that are not a
// compressed point on the curve.
var ErrInvalidPubKey = errors.New("invalid secp256k1 public key")

// ErrInvalidPrivKey is returned for a private scalar outside [1, n-1].
var ErrInvalidPrivKey = errors.New("invalid secp256k1 private key")

// Validate checks that the key is 33 bytes and decodes to a point on the curve.
func (pk *PubKey) Validate() error {
	if pk == nil {
		return fmt.Errorf("%w: nil key", ErrInvalidPubKey)
	}
	if len(pk.Key) != PubKeySize {
		return fmt.Errorf("%w: length %d, want %d (compressed)", ErrInvalidPubKey, len(pk.Key), PubKeySize)
	}
	if _, err := parsePubKey(pk.Key); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidPubKey, err)
	}
	return nil
}

// Address returns RIPEMD160(SHA256(compressed key)), the Cosmos account
// address of the key.
func (pk *PubKey) Address() types.Address {
	sha := sha256.Sum256(pk.GetKey())
	h := ripemd160.New()
	h.Write(sha[:])
	return types.Address(h.Sum(nil))
}

// Bytes returns the 33-byte compressed key.
func (pk *PubKey) Bytes() []byte { return pk.GetKey() }

// TypeURL returns the Any type URL of the key.
func (pk *PubKey) TypeURL() string { return TypeURL }

// VerifySignature reports whether sig is a valid signature of SHA256(msg)
// by this key. sig must be 64 bytes R || S with R and S in [1, n-1] and S in
// the lower half of the order (S <= n/2), so that a signature cannot be
// malleated into a second valid one. It returns false for malformed keys or
// signatures and never panics.
func (pk *PubKey) VerifySignature(msg, sig []byte) bool {
	if pk == nil {
		return false
	}
	return verify(pk.Key, msg, sig, verifyDigest)
}

// verify is VerifySignature of key, with the curve arithmetic of digest,
// which sees only a 33-byte key and a signature whose R and S are in range
// and whose S is low.
func verify(key, msg, sig []byte, digest func(key []byte, hash *[32]byte, sig []byte) bool) bool {
	if len(key) != PubKeySize || len(sig) != SignatureSize {
		return false
	}
	var r, s secp.ModNScalar
	if overflow := r.SetByteSlice(sig[:32]); overflow || r.IsZero() {
		return false
	}
	if overflow := s.SetByteSlice(sig[32:]); overflow || s.IsZero() {
		return false
	}
	if s.IsOverHalfOrder() {
		return false
	}
	hash := sha256.Sum256(msg)
	return digest(key, &hash, sig)
}

// verifyDigestPure checks sig over hash with decred's secp256k1, in Go.
func verifyDigestPure(key []byte, hash *[32]byte, sig []byte) bool {
	pub, err := parsePubKey(key)
	if err != nil {
		return false
	}
	var r, s secp.ModNScalar
	r.SetByteSlice(sig[:32])
	s.SetByteSlice(sig[32:])
	return ecdsa.NewSignature(&r, &s).Verify(hash[:], pub)
}

// GenPrivKey returns a new private key from the operating system's secure
// random source. It panics only if that source fails.
func GenPrivKey() *PrivKey {
	k, err := secp.GeneratePrivateKey()
	if err != nil {
		panic(fmt.Sprintf("secp256k1: reading randomness: %v", err))
	}
	defer k.Zero()
	return &PrivKey{Key: k.Serialize()}
}

// PrivKeyFromSecret returns the private key with the given 32-byte
// big-endian scalar, which must be in [1, n-1].
func PrivKeyFromSecret(secret []byte) (*PrivKey, error) {
	if len(secret) != PrivKeySize {
		return nil, fmt.Errorf("%w: length %d, want %d", ErrInvalidPrivKey, len(secret), PrivKeySize)
	}
	var s secp.ModNScalar
	if overflow := s.SetByteSlice(secret); overflow || s.IsZero() {
		return nil, fmt.Errorf("%w: scalar is zero or not below the curve order", ErrInvalidPrivKey)
	}
	key := make([]byte, PrivKeySize)
	copy(key, secret)
	return &PrivKey{Key: key}, nil
}

// scalar decodes and checks the private scalar.
func (sk *PrivKey) scalar() (*secp.PrivateKey, error) {
	if sk == nil || len(sk.Key) != PrivKeySize {
		return nil, fmt.Errorf("%w: length %d, want %d", ErrInvalidPrivKey, len(sk.GetKey()), PrivKeySize)
	}
	var s secp.ModNScalar
	if overflow := s.SetByteSlice(sk.Key); overflow || s.IsZero() {
		return nil, fmt.Errorf("%w: scalar is zero or not below the curve order", ErrInvalidPrivKey)
	}
	return secp.NewPrivateKey(&s), nil
}

// PubKey returns the compressed public key. It panics if the private key is
// malformed; keys from GenPrivKey, PrivKeyFromSecret and HD derivation never are.
func (sk *PrivKey) PubKey() *PubKey {
	k, err := sk.scalar()
	if err != nil {
		panic(err)
	}
	defer k.Zero()
	return &PubKey{Key: k.PubKey().SerializeCompressed()}
}

// Sign returns the deterministic (RFC 6979) signature of SHA256(msg) as 64
// bytes R || S, with S in the lower half of the order.
func (sk *PrivKey) Sign(msg []byte) ([]byte, error) {
	k, err := sk.scalar()
	if err != nil {
		return nil, err
	}
	defer k.Zero()
	hash := sha256.Sum256(msg)
	sig := ecdsa.Sign(k, hash[:])
	r, s := sig.R(), sig.S()
	out := make([]byte, SignatureSize)
	r.PutBytesUnchecked(out[:32])
	s.PutBytesUnchecked(out[32:])
	return out, nil
}

// Bytes returns the 32-byte private scalar.
func (sk *PrivKey) Bytes() []byte { return sk.GetKey() }

// Type returns "secp256k1".
func (sk *PrivKey) Type() string { return KeyType }

// parsedCacheSize bounds the cache of decompressed public keys: enough for
// the senders of many full blocks, about 10 MB at most.
const parsedCacheSize = 1 << 16

// parsed caches decompressed public keys by their compressed bytes. A node
// decodes each transaction several times (CheckTx, recheck, proposal,
// block), and decompressing a point costs a field square root, more than a
// third of a signature check. Parsing is a pure function of the bytes, so
// the cache cannot change an outcome; it is emptied when full.
var parsed struct {
	sync.Mutex
	keys map[[PubKeySize]byte]*secp.PublicKey
}

// parsePubKey decompresses a 33-byte key, through the cache. The returned
// key is shared and must not be modified.
func parsePubKey(key []byte) (*secp.PublicKey, error) {
	if len(key) != PubKeySize {
		return secp.ParsePubKey(key) // reports the length error
	}
	k := [PubKeySize]byte(key)
	parsed.Lock()
	pub, ok := parsed.keys[k]
	parsed.Unlock()
	if ok {
		return pub, nil
	}
	pub, err := secp.ParsePubKey(key)
	if err != nil {
		return nil, err
	}
	parsed.Lock()
	if parsed.keys == nil || len(parsed.keys) >= parsedCacheSize {
		parsed.keys = make(map[[PubKeySize]byte]*secp.PublicKey, 1024)
	}
	parsed.keys[k] = pub
	parsed.Unlock()
	return pub, nil
}
