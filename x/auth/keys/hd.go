package keys

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/cosmos/go-bip39"
	secp "github.com/decred/dcrd/dcrec/secp256k1/v4"

	"github.com/stakechain/stakechain/x/auth/keys/ed25519"
	"github.com/stakechain/stakechain/x/auth/keys/ethsecp256k1"
	"github.com/stakechain/stakechain/x/auth/keys/secp256k1"
)

// DefaultHDPath is the BIP-44 path of the first Cosmos account (coin type
// 118): the same mnemonic gives the same address here and in Cosmos wallets.
const DefaultHDPath = "m/44'/118'/0'/0/0"

// EthHDPath is the BIP-44 path of the first Ethereum account (coin type 60),
// the one MetaMask derives: the default for eth_secp256k1 keys, so the same
// mnemonic gives the same 0x address here and in Ethereum wallets.
const EthHDPath = "m/44'/60'/0'/0/0"

// DefaultHDPathFor is the HD path a key of keyType derives at when none is
// given: EthHDPath for eth_secp256k1, DefaultHDPath for the others.
func DefaultHDPathFor(keyType string) string {
	if keyType == KeyTypeEthSecp256k1 {
		return EthHDPath
	}
	return DefaultHDPath
}

// HardenedOffset is added to an index to make it hardened (written i').
const HardenedOffset uint32 = 1 << 31

// MnemonicEntropyBits is the entropy of generated mnemonics: 24 words.
const MnemonicEntropyBits = 256

// Errors returned by mnemonic and path handling.
var (
	ErrInvalidMnemonic = errors.New("invalid mnemonic")
	ErrInvalidHDPath   = errors.New("invalid HD path")
	// ErrInvalidChild is returned in the astronomically unlikely case that
	// BIP-32 produces an invalid key for a path; another index must be used.
	ErrInvalidChild = errors.New("HD derivation produced an invalid key")
)

// NewMnemonic returns a new random 24-word BIP-39 mnemonic (English).
func NewMnemonic() (string, error) {
	entropy, err := bip39.NewEntropy(MnemonicEntropyBits)
	if err != nil {
		return "", fmt.Errorf("generating entropy: %w", err)
	}
	return bip39.NewMnemonic(entropy)
}

// NormalizeMnemonic collapses runs of white space (including a trailing
// newline) to single spaces.
func NormalizeMnemonic(mnemonic string) string {
	return strings.Join(strings.Fields(mnemonic), " ")
}

// Seed checks a BIP-39 mnemonic (word list and checksum) and returns the
// 64-byte seed for it and the optional BIP-39 passphrase.
func Seed(mnemonic, bip39Passphrase string) ([]byte, error) {
	mnemonic = NormalizeMnemonic(mnemonic)
	if mnemonic == "" {
		return nil, fmt.Errorf("%w: empty", ErrInvalidMnemonic)
	}
	seed, err := bip39.NewSeedWithErrorChecking(mnemonic, bip39Passphrase)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidMnemonic, err)
	}
	return seed, nil
}

// ParseHDPath parses a path such as "m/44'/118'/0'/0/0" into BIP-32
// indexes, hardened ones with HardenedOffset added. A component is hardened
// when it ends in ', h or H. "m" alone is the master key.
func ParseHDPath(path string) ([]uint32, error) {
	parts := strings.Split(path, "/")
	if parts[0] != "m" {
		return nil, fmt.Errorf("%w %q: must start with \"m\"", ErrInvalidHDPath, path)
	}
	out := make([]uint32, 0, len(parts)-1)
	for _, p := range parts[1:] {
		hardened := false
		if n := len(p); n > 0 && (p[n-1] == '\'' || p[n-1] == 'h' || p[n-1] == 'H') {
			hardened = true
			p = p[:n-1]
		}
		if p == "" || p[0] < '0' || p[0] > '9' {
			return nil, fmt.Errorf("%w %q: component %q is not a number", ErrInvalidHDPath, path, p)
		}
		v, err := strconv.ParseUint(p, 10, 32)
		if err != nil || uint32(v) >= HardenedOffset {
			return nil, fmt.Errorf("%w %q: index %q out of range [0, 2^31)", ErrInvalidHDPath, path, p)
		}
		idx := uint32(v)
		if hardened {
			idx += HardenedOffset
		}
		out = append(out, idx)
	}
	return out, nil
}

// extendedKey is a BIP-32 extended private key.
type extendedKey struct {
	key   [32]byte
	chain [32]byte
}

func (x *extendedKey) wipe() {
	x.key = [32]byte{}
	x.chain = [32]byte{}
}

func hmacSHA512(key, data []byte) (l, r [32]byte) {
	m := hmac.New(sha512.New, key)
	m.Write(data)
	sum := m.Sum(nil)
	copy(l[:], sum[:32])
	copy(r[:], sum[32:])
	clear(sum)
	return l, r
}

// bip32Master computes the master key of a seed (BIP-32, "Bitcoin seed").
func bip32Master(seed []byte) (extendedKey, error) {
	l, r := hmacSHA512([]byte("Bitcoin seed"), seed)
	var k secp.ModNScalar
	if overflow := k.SetBytes(&l); overflow != 0 || k.IsZero() {
		return extendedKey{}, fmt.Errorf("%w: master key", ErrInvalidChild)
	}
	return extendedKey{key: l, chain: r}, nil
}

// bip32Child computes CKDpriv(parent, index) of BIP-32 on secp256k1.
func bip32Child(parent extendedKey, index uint32) (extendedKey, error) {
	var data [37]byte
	var n int
	if index >= HardenedOffset {
		// 0x00 || ser256(k_par) || ser32(i)
		data[0] = 0
		copy(data[1:33], parent.key[:])
		n = 33
	} else {
		// serP(point(k_par)) || ser32(i)
		var k secp.ModNScalar
		k.SetBytes(&parent.key)
		pub := secp.NewPrivateKey(&k).PubKey().SerializeCompressed()
		k.Zero()
		copy(data[:33], pub)
		n = 33
	}
	binary.BigEndian.PutUint32(data[n:], index)
	l, r := hmacSHA512(parent.chain[:], data[:n+4])
	clear(data[:])

	var il, kpar secp.ModNScalar
	if overflow := il.SetBytes(&l); overflow != 0 {
		return extendedKey{}, fmt.Errorf("%w: index %d", ErrInvalidChild, index)
	}
	kpar.SetBytes(&parent.key)
	il.Add(&kpar)
	kpar.Zero()
	if il.IsZero() {
		return extendedKey{}, fmt.Errorf("%w: index %d", ErrInvalidChild, index)
	}
	child := extendedKey{key: il.Bytes(), chain: r}
	il.Zero()
	return child, nil
}

// deriveBIP32 derives the extended key at path from seed.
func deriveBIP32(seed []byte, path []uint32) (extendedKey, error) {
	x, err := bip32Master(seed)
	if err != nil {
		return extendedKey{}, err
	}
	for _, idx := range path {
		next, err := bip32Child(x, idx)
		x.wipe()
		if err != nil {
			return extendedKey{}, err
		}
		x = next
	}
	return x, nil
}

// DeriveSecp256k1 derives the secp256k1 key at hdPath (BIP-32 over the
// BIP-39 seed of mnemonic and bip39Passphrase), as Cosmos wallets do. An
// empty hdPath means DefaultHDPath.
func DeriveSecp256k1(mnemonic, bip39Passphrase, hdPath string) (*secp256k1.PrivKey, error) {
	if hdPath == "" {
		hdPath = DefaultHDPath
	}
	path, err := ParseHDPath(hdPath)
	if err != nil {
		return nil, err
	}
	seed, err := Seed(mnemonic, bip39Passphrase)
	if err != nil {
		return nil, err
	}
	defer clear(seed)
	x, err := deriveBIP32(seed, path)
	if err != nil {
		return nil, err
	}
	defer x.wipe()
	return secp256k1.PrivKeyFromSecret(x.key[:])
}

// deriveSLIP10Ed25519 derives the ed25519 seed at path from a BIP-39 seed
// with SLIP-0010, treating every index as hardened (ed25519 has no normal
// derivation).
func deriveSLIP10Ed25519(seed []byte, path []uint32) [32]byte {
	key, chain := hmacSHA512([]byte("ed25519 seed"), seed)
	var data [37]byte
	for _, idx := range path {
		data[0] = 0
		copy(data[1:33], key[:])
		binary.BigEndian.PutUint32(data[33:], idx|HardenedOffset)
		key, chain = hmacSHA512(chain[:], data[:])
	}
	clear(data[:])
	clear(chain[:])
	return key
}

// DeriveEd25519 derives an ed25519 key from a mnemonic.
//
// NOTE: this derivation is specific to StakeChain; Cosmos wallets do not
// derive ed25519 accounts. It is SLIP-0010 for ed25519 over the BIP-39
// seed, with every component of hdPath promoted to hardened, so that the
// default path m/44'/118'/0'/0/0 derives as m/44'/118'/0'/0'/0'. For a path
// that is already all hardened it equals SLIP-0010. The ed25519 key at a
// path is unrelated to the secp256k1 key at the same path. An empty hdPath
// means DefaultHDPath.
func DeriveEd25519(mnemonic, bip39Passphrase, hdPath string) (*ed25519.PrivKey, error) {
	if hdPath == "" {
		hdPath = DefaultHDPath
	}
	path, err := ParseHDPath(hdPath)
	if err != nil {
		return nil, err
	}
	seed, err := Seed(mnemonic, bip39Passphrase)
	if err != nil {
		return nil, err
	}
	defer clear(seed)
	key := deriveSLIP10Ed25519(seed, path)
	defer clear(key[:])
	return ed25519.PrivKeyFromSeed(key[:])
}

// DeriveEthSecp256k1 derives the eth_secp256k1 key at hdPath (BIP-32 over
// the BIP-39 seed of mnemonic and bip39Passphrase), as Ethereum wallets do:
// the scalar is the one DeriveSecp256k1 gives at the same path. An empty
// hdPath means EthHDPath.
func DeriveEthSecp256k1(mnemonic, bip39Passphrase, hdPath string) (*ethsecp256k1.PrivKey, error) {
	if hdPath == "" {
		hdPath = EthHDPath
	}
	sk, err := DeriveSecp256k1(mnemonic, bip39Passphrase, hdPath)
	if err != nil {
		return nil, err
	}
	defer clear(sk.Key)
	return ethsecp256k1.PrivKeyFromSecret(sk.Key)
}

// DerivePrivKey derives a key of the given type from a mnemonic: see
// DeriveSecp256k1, DeriveEd25519 and DeriveEthSecp256k1. An empty hdPath
// means DefaultHDPathFor(keyType).
func DerivePrivKey(keyType, mnemonic, bip39Passphrase, hdPath string) (PrivKey, error) {
	switch keyType {
	case KeyTypeSecp256k1:
		sk, err := DeriveSecp256k1(mnemonic, bip39Passphrase, hdPath)
		if err != nil {
			return nil, err
		}
		return WrapSecp256k1(sk), nil
	case KeyTypeEd25519:
		sk, err := DeriveEd25519(mnemonic, bip39Passphrase, hdPath)
		if err != nil {
			return nil, err
		}
		return WrapEd25519(sk), nil
	case KeyTypeEthSecp256k1:
		sk, err := DeriveEthSecp256k1(mnemonic, bip39Passphrase, hdPath)
		if err != nil {
			return nil, err
		}
		return WrapEthSecp256k1(sk), nil
	default:
		return nil, unknownKeyType(keyType)
	}
}
