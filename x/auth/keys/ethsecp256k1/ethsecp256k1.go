package ethsecp256k1

import (
	"bytes"
	"errors"
	"fmt"
	"sync"

	secp "github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/stakechain/stakechain/x/auth/types"
)

// TypeURL is the Any type URL of an Ethereum secp256k1 public key, as in
// cosmos/evm.
const TypeURL = "/cosmos.evm.crypto.v1.ethsecp256k1.PubKey"

// PrivKeyTypeURL is the Any type URL of an Ethereum secp256k1 private key,
// as in cosmos/evm. Private keys never travel in transactions; the name is
// here for completeness of the wire format.
const PrivKeyTypeURL = "/cosmos.evm.crypto.v1.ethsecp256k1.PrivKey"

// KeyType names this algorithm in key records and on the command line.
const KeyType = "eth_secp256k1"

// Sizes of the encodings used by this package.
const (
	// PubKeySize is the length of a compressed public key.
	PubKeySize = 33
	// PrivKeySize is the length of a private scalar.
	PrivKeySize = 32
	// SignatureSize is the length of a signature as Sign writes it:
	// R || S || V, R and S 32 bytes big-endian, V the recovery id (0 or 1).
	SignatureSize = 65
	// RSSignatureSize is the length of a signature without its recovery id,
	// R || S, which VerifySignature takes too.
	RSSignatureSize = 64
)

// ErrInvalidPubKey is returned for public key bytes that are not a
// compressed point on the curve.
var ErrInvalidPubKey = errors.New("invalid eth_secp256k1 public key")

// ErrInvalidPrivKey is returned for a private scalar outside [1, n-1].
var ErrInvalidPrivKey = errors.New("invalid eth_secp256k1 private key")

// Validate checks that the key is 33 bytes and decodes to a point on the curve.
func (pk *PubKey) Validate() error {
	if pk == nil {
		return fmt.Errorf("%w: nil key", ErrInvalidPubKey)
	}
	if len(pk.Key) != PubKeySize {
		return fmt.Errorf("%w: length %d, want %d (compressed)", ErrInvalidPubKey, len(pk.Key), PubKeySize)
	}
	if _, err := address(pk.Key); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidPubKey, err)
	}
	return nil
}

// Address returns the Ethereum address of the key: the last 20 bytes of
// keccak-256 of the 64-byte uncompressed point (X || Y). The same 20 bytes
// are the account's bech32 address. It returns nil for a key that does not
// decode; Validate reports why.
func (pk *PubKey) Address() types.Address {
	a, err := address(pk.GetKey())
	if err != nil {
		return nil
	}
	return types.Address(a[:])
}

// Bytes returns the 33-byte compressed key.
func (pk *PubKey) Bytes() []byte { return pk.GetKey() }

// TypeURL returns the Any type URL of the key.
func (pk *PubKey) TypeURL() string { return TypeURL }

// VerifySignature reports whether sig is a valid signature of
// keccak-256(msg) by this key. sig is 65 bytes R || S || V, whose V must be
// the recovery id that gives back this key, or 64 bytes R || S. R and S must
// be in [1, n-1] and S in the lower half of the order (S <= n/2). It returns
// false for malformed keys or signatures and never panics.
func (pk *PubKey) VerifySignature(msg, sig []byte) bool {
	if pk == nil {
		return false
	}
	return verify(pk.Key, msg, sig, buildCurve)
}

// curve is the elliptic-curve arithmetic behind verify: the build's
// (libsecp256k1 with cgo) or the Go one. Both see only a 33-byte key and a
// signature whose R and S are in range and whose S is low.
type curve struct {
	// verify checks the 64-byte sig over hash.
	verify func(key []byte, hash *[32]byte, sig []byte) bool
	// recover returns the compressed key that made the 65-byte sig (V 0
	// or 1) over hash.
	recover func(hash *[32]byte, sig []byte) ([]byte, bool)
}

// pureCurve is decred's secp256k1, in Go.
var pureCurve = curve{verify: verifyDigestPure, recover: recoverDigestPure}

// verify is VerifySignature of key with the arithmetic of c.
func verify(key, msg, sig []byte, c curve) bool {
	if len(key) != PubKeySize || (len(sig) != SignatureSize && len(sig) != RSSignatureSize) {
		return false
	}
	var r, s secp.ModNScalar
	if overflow := r.SetByteSlice(sig[:32]); overflow || r.IsZero() {
		return false
	}
	if overflow := s.SetByteSlice(sig[32:64]); overflow || s.IsZero() {
		return false
	}
	if s.IsOverHalfOrder() {
		return false
	}
	hash := [32]byte(crypto.Keccak256(msg))
	if len(sig) == RSSignatureSize {
		return c.verify(key, &hash, sig)
	}
	// With V, recovering the signer's key costs what verifying does, and
	// also checks V: a signature has one 65-byte form, not two.
	if sig[64] > 1 {
		return false
	}
	got, ok := c.recover(&hash, sig)
	return ok && bytes.Equal(got, key)
}

// verifyDigestPure checks a 64-byte sig over hash with decred's secp256k1.
func verifyDigestPure(key []byte, hash *[32]byte, sig []byte) bool {
	pub, err := secp.ParsePubKey(key)
	if err != nil {
		return false
	}
	var r, s secp.ModNScalar
	r.SetByteSlice(sig[:32])
	s.SetByteSlice(sig[32:64])
	return ecdsa.NewSignature(&r, &s).Verify(hash[:], pub)
}

// recoverDigestPure recovers the compressed key of a 65-byte sig over hash
// with decred's secp256k1.
func recoverDigestPure(hash *[32]byte, sig []byte) ([]byte, bool) {
	var compact [65]byte
	compact[0] = 27 + sig[64] // decred's header byte: 27 + recovery id
	copy(compact[1:], sig[:64])
	pub, _, err := ecdsa.RecoverCompact(compact[:], hash[:])
	if err != nil {
		return nil, false
	}
	return pub.SerializeCompressed(), true
}

// GenPrivKey returns a new private key from the operating system's secure
// random source. It panics only if that source fails.
func GenPrivKey() *PrivKey {
	k, err := secp.GeneratePrivateKey()
	if err != nil {
		panic(fmt.Sprintf("eth_secp256k1: reading randomness: %v", err))
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

// Sign returns the deterministic (RFC 6979) signature of keccak-256(msg),
// made by go-ethereum's crypto.Sign: 65 bytes R || S || V with S in the
// lower half of the order and V the recovery id.
func (sk *PrivKey) Sign(msg []byte) ([]byte, error) {
	if _, err := sk.scalar(); err != nil {
		return nil, err
	}
	key, err := crypto.ToECDSA(sk.Key)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidPrivKey, err)
	}
	return crypto.Sign(crypto.Keccak256(msg), key)
}

// Bytes returns the 32-byte private scalar: the hex of these bytes is the
// private key Ethereum wallets import.
func (sk *PrivKey) Bytes() []byte { return sk.GetKey() }

// Type returns "eth_secp256k1".
func (sk *PrivKey) Type() string { return KeyType }

// addressCacheSize bounds the cache of addresses: enough for the senders of
// many full blocks, about 4 MB at most.
const addressCacheSize = 1 << 16

// addresses caches the address of each compressed key. A node derives the
// address of each transaction's signer when it decodes the transaction, and
// decompressing the point costs a field square root: 10 µs here, against
// 0.1 µs for a hit (BenchmarkAddress). The address is a pure function of
// the bytes, so the cache cannot change an outcome; it is emptied when full.
var addresses struct {
	sync.Mutex
	m map[[PubKeySize]byte][20]byte
}

// address returns the Ethereum address of a 33-byte compressed key, or an
// error if the bytes are not a point on the curve.
func address(key []byte) ([20]byte, error) {
	if len(key) != PubKeySize {
		return [20]byte{}, fmt.Errorf("length %d, want %d (compressed)", len(key), PubKeySize)
	}
	k := [PubKeySize]byte(key)
	addresses.Lock()
	cached, ok := addresses.m[k]
	addresses.Unlock()
	if ok {
		return cached, nil
	}
	a, err := computeAddress(key)
	if err != nil {
		return [20]byte{}, err
	}
	addresses.Lock()
	if addresses.m == nil || len(addresses.m) >= addressCacheSize {
		addresses.m = make(map[[PubKeySize]byte][20]byte, 1024)
	}
	addresses.m[k] = a
	addresses.Unlock()
	return a, nil
}

// computeAddress is address without the cache.
func computeAddress(key []byte) ([20]byte, error) {
	pub, err := secp.ParsePubKey(key)
	if err != nil {
		return [20]byte{}, err
	}
	// Uncompressed is 0x04 || X || Y; the address hashes X || Y.
	h := crypto.Keccak256(pub.SerializeUncompressed()[1:])
	return [20]byte(h[12:]), nil
}
