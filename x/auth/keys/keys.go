package keys

import (
	"errors"
	"fmt"

	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/x/auth/keys/ed25519"
	"github.com/stakechain/stakechain/x/auth/keys/ethsecp256k1"
	"github.com/stakechain/stakechain/x/auth/keys/secp256k1"
	"github.com/stakechain/stakechain/x/auth/types"
)

// Key type names, as used in key records and by the --key-type flag.
const (
	KeyTypeSecp256k1    = secp256k1.KeyType
	KeyTypeEd25519      = ed25519.KeyType
	KeyTypeEthSecp256k1 = ethsecp256k1.KeyType
)

// KeyTypes lists the key type names, the default first.
var KeyTypes = []string{KeyTypeSecp256k1, KeyTypeEd25519, KeyTypeEthSecp256k1}

// PubKey is an account public key.
type PubKey interface {
	// Address is the account address controlled by the key.
	Address() types.Address
	// VerifySignature reports whether sig signs msg; false on any malformed input.
	VerifySignature(msg, sig []byte) bool
	// Bytes is the raw key, as carried in the key field of the protobuf message.
	Bytes() []byte
	// TypeURL is the Any type URL of the protobuf message.
	TypeURL() string
}

// PrivKey is an account private key.
type PrivKey interface {
	PubKey() PubKey
	Sign(msg []byte) ([]byte, error)
	// Bytes is the raw key: the 32-byte scalar for secp256k1 and
	// eth_secp256k1, the 64-byte seed-and-public-key for ed25519.
	Bytes() []byte
	// Type is one of KeyTypes.
	Type() string
}

var (
	_ PubKey = (*secp256k1.PubKey)(nil)
	_ PubKey = (*ed25519.PubKey)(nil)
	_ PubKey = (*ethsecp256k1.PubKey)(nil)
)

// Errors returned when decoding keys.
var (
	ErrUnknownKeyType = errors.New("unknown public key type")
	ErrInvalidPubKey  = errors.New("invalid public key")
	ErrInvalidPrivKey = errors.New("invalid private key")
)

// PubKeyFromAny decodes a public key from its Any, by type URL. It rejects
// unknown type URLs, keys of the wrong length and keys that are not a
// point on their curve, so a key it returns is usable for verification.
func PubKeyFromAny(a *gogotypes.Any) (PubKey, error) {
	if a == nil {
		return nil, fmt.Errorf("%w: missing", ErrInvalidPubKey)
	}
	switch a.TypeUrl {
	case secp256k1.TypeURL:
		var pk secp256k1.PubKey
		if err := pk.Unmarshal(a.Value); err != nil {
			return nil, fmt.Errorf("%w: decoding %s: %v", ErrInvalidPubKey, a.TypeUrl, err)
		}
		if err := pk.Validate(); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalidPubKey, err)
		}
		return &pk, nil
	case ed25519.TypeURL:
		var pk ed25519.PubKey
		if err := pk.Unmarshal(a.Value); err != nil {
			return nil, fmt.Errorf("%w: decoding %s: %v", ErrInvalidPubKey, a.TypeUrl, err)
		}
		if err := pk.Validate(); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalidPubKey, err)
		}
		return &pk, nil
	case ethsecp256k1.TypeURL:
		var pk ethsecp256k1.PubKey
		if err := pk.Unmarshal(a.Value); err != nil {
			return nil, fmt.Errorf("%w: decoding %s: %v", ErrInvalidPubKey, a.TypeUrl, err)
		}
		if err := pk.Validate(); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalidPubKey, err)
		}
		return &pk, nil
	default:
		return nil, fmt.Errorf("%w %q: want %s, %s or %s", ErrUnknownKeyType, a.TypeUrl, secp256k1.TypeURL, ed25519.TypeURL, ethsecp256k1.TypeURL)
	}
}

// PubKeyToAny wraps a public key in an Any with its Cosmos type URL.
func PubKeyToAny(pk PubKey) *gogotypes.Any {
	// Every key message has a single bytes field: field 1, length-delimited.
	raw := pk.Bytes()
	value := make([]byte, 0, len(raw)+3)
	if len(raw) > 0 {
		value = append(value, 0x0a)
		value = appendUvarint(value, uint64(len(raw)))
		value = append(value, raw...)
	}
	return &gogotypes.Any{TypeUrl: pk.TypeURL(), Value: value}
}

func appendUvarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// PubKeyFromBytes builds a public key of the given key type from raw bytes
// and validates it.
func PubKeyFromBytes(keyType string, raw []byte) (PubKey, error) {
	switch keyType {
	case KeyTypeSecp256k1:
		pk := &secp256k1.PubKey{Key: append([]byte(nil), raw...)}
		if err := pk.Validate(); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalidPubKey, err)
		}
		return pk, nil
	case KeyTypeEd25519:
		pk := &ed25519.PubKey{Key: append([]byte(nil), raw...)}
		if err := pk.Validate(); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalidPubKey, err)
		}
		return pk, nil
	case KeyTypeEthSecp256k1:
		pk := &ethsecp256k1.PubKey{Key: append([]byte(nil), raw...)}
		if err := pk.Validate(); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalidPubKey, err)
		}
		return pk, nil
	default:
		return nil, unknownKeyType(keyType)
	}
}

// KeyTypeOf returns the key type name of a public key.
func KeyTypeOf(pk PubKey) (string, error) {
	switch pk.TypeURL() {
	case secp256k1.TypeURL:
		return KeyTypeSecp256k1, nil
	case ed25519.TypeURL:
		return KeyTypeEd25519, nil
	case ethsecp256k1.TypeURL:
		return KeyTypeEthSecp256k1, nil
	default:
		return "", fmt.Errorf("%w %q", ErrUnknownKeyType, pk.TypeURL())
	}
}

// ValidateKeyType reports whether keyType is a supported key type name.
func ValidateKeyType(keyType string) error {
	switch keyType {
	case KeyTypeSecp256k1, KeyTypeEd25519, KeyTypeEthSecp256k1:
		return nil
	default:
		return unknownKeyType(keyType)
	}
}

func unknownKeyType(keyType string) error {
	return fmt.Errorf("%w %q: want %s, %s or %s", ErrUnknownKeyType, keyType, KeyTypeSecp256k1, KeyTypeEd25519, KeyTypeEthSecp256k1)
}

// secpPrivKey adapts *secp256k1.PrivKey to PrivKey.
type secpPrivKey struct{ *secp256k1.PrivKey }

func (k secpPrivKey) PubKey() PubKey { return k.PrivKey.PubKey() }

// edPrivKey adapts *ed25519.PrivKey to PrivKey.
type edPrivKey struct{ *ed25519.PrivKey }

func (k edPrivKey) PubKey() PubKey { return k.PrivKey.PubKey() }

// ethPrivKey adapts *ethsecp256k1.PrivKey to PrivKey.
type ethPrivKey struct{ *ethsecp256k1.PrivKey }

func (k ethPrivKey) PubKey() PubKey { return k.PrivKey.PubKey() }

// WrapSecp256k1 returns sk as a PrivKey.
func WrapSecp256k1(sk *secp256k1.PrivKey) PrivKey { return secpPrivKey{sk} }

// WrapEd25519 returns sk as a PrivKey.
func WrapEd25519(sk *ed25519.PrivKey) PrivKey { return edPrivKey{sk} }

// WrapEthSecp256k1 returns sk as a PrivKey.
func WrapEthSecp256k1(sk *ethsecp256k1.PrivKey) PrivKey { return ethPrivKey{sk} }

// GenPrivKey returns a new random private key of the given type.
func GenPrivKey(keyType string) (PrivKey, error) {
	switch keyType {
	case KeyTypeSecp256k1:
		return WrapSecp256k1(secp256k1.GenPrivKey()), nil
	case KeyTypeEd25519:
		return WrapEd25519(ed25519.GenPrivKey()), nil
	case KeyTypeEthSecp256k1:
		return WrapEthSecp256k1(ethsecp256k1.GenPrivKey()), nil
	default:
		return nil, unknownKeyType(keyType)
	}
}

// PrivKeyFromBytes rebuilds a private key of the given type from the bytes
// its Bytes method returned, checking them.
func PrivKeyFromBytes(keyType string, raw []byte) (PrivKey, error) {
	switch keyType {
	case KeyTypeSecp256k1:
		sk, err := secp256k1.PrivKeyFromSecret(raw)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalidPrivKey, err)
		}
		return WrapSecp256k1(sk), nil
	case KeyTypeEd25519:
		sk, err := ed25519.PrivKeyFromBytes(raw)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalidPrivKey, err)
		}
		return WrapEd25519(sk), nil
	case KeyTypeEthSecp256k1:
		sk, err := ethsecp256k1.PrivKeyFromSecret(raw)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalidPrivKey, err)
		}
		return WrapEthSecp256k1(sk), nil
	default:
		return nil, unknownKeyType(keyType)
	}
}
