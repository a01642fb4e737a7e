package types

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/btcsuite/btcd/btcutil/bech32"
	"github.com/ethereum/go-ethereum/common"
)

// Bech32 human-readable prefixes of StakeChain addresses.
const (
	AccountPrefix   = "stake"
	ValoperPrefix   = "stakevaloper"
	ConsensusPrefix = "stakevalcons"
)

// Address is the raw form of an account address: 20 bytes for keys
// (RIPEMD160(SHA256(pubkey)) for secp256k1, SHA256(pubkey)[:20] for ed25519,
// the Ethereum address for eth_secp256k1) and module accounts. 32-byte
// addresses are accepted for forward compatibility with Cosmos.
//
// A 20-byte address has two spellings of the same account: bech32
// ("stake1...", String) and Ethereum's "0x" hex (Hex).
type Address []byte

// ErrInvalidAddress is returned for an address that does not decode.
var ErrInvalidAddress = errors.New("invalid address")

// String returns the bech32 form with the account prefix.
func (a Address) String() string { return MustBech32(AccountPrefix, a) }

// Hex returns the Ethereum form of a 20-byte address: "0x" and 40 hex
// digits with the EIP-55 checksum in their case. It returns "" for an
// address of another length, which has no Ethereum form.
func (a Address) Hex() string {
	if len(a) != common.AddressLength {
		return ""
	}
	return common.Address(a).Hex()
}

// Valoper returns the bech32 form with the validator-operator prefix.
func (a Address) Valoper() string { return MustBech32(ValoperPrefix, a) }

// Equal reports whether two addresses are the same bytes.
func (a Address) Equal(b Address) bool { return string(a) == string(b) }

// ModuleAddress is the address of a module account: the first 20 bytes of
// SHA-256 of the module name, as in Cosmos.
func ModuleAddress(name string) Address {
	h := sha256.Sum256([]byte(name))
	return Address(h[:20])
}

// ParseAddress decodes a bech32 account address with the "stake" prefix.
func ParseAddress(s string) (Address, error) {
	a, _, err := parseWithPrefix(s, AccountPrefix)
	return a, err
}

// ParseAddressText is ParseAddress that also returns the address's
// canonical text, the string Address.String gives, without encoding it
// again. A bech32 string is all lower or all upper case, and its data and
// checksum decode to one address only, so that text is s in lower case;
// but s may carry a bech32m checksum, which String does not write.
func ParseAddressText(s string) (Address, string, error) {
	a, version, err := parseWithPrefix(s, AccountPrefix)
	if err != nil {
		return nil, "", err
	}
	if version != bech32.Version0 {
		return a, a.String(), nil
	}
	return a, strings.ToLower(s), nil
}

// ParseAccountInput decodes an account address given by a person or a
// client, on the command line or in a query: bech32 with the "stake" prefix
// (as ParseAddress), or Ethereum's "0x" followed by 40 hex digits, the same
// 20 bytes. Hex digits may be all lower or all upper case; in mixed case they
// must carry a valid EIP-55 checksum, which catches most mistyped digits.
//
// NOTE: signed messages keep bech32 only, as Cosmos requires; they use
// ParseAddress.
func ParseAccountInput(s string) (Address, error) {
	if hasHexPrefix(s) {
		return ParseHexAddress(s)
	}
	return ParseAddress(s)
}

// ParseHexAddress decodes an Ethereum address, "0x" and 40 hex digits, as
// ParseAccountInput does.
func ParseHexAddress(s string) (Address, error) {
	if !hasHexPrefix(s) {
		return nil, fmt.Errorf("%w %q: an Ethereum address starts with 0x", ErrInvalidAddress, s)
	}
	digits := s[2:]
	if len(digits) != 2*common.AddressLength {
		return nil, fmt.Errorf("%w %q: an Ethereum address has 40 hex digits after 0x, this has %d", ErrInvalidAddress, s, len(digits))
	}
	raw, err := hex.DecodeString(digits)
	if err != nil {
		return nil, fmt.Errorf("%w %q: not hexadecimal", ErrInvalidAddress, s)
	}
	if strings.ToLower(digits) != digits && strings.ToUpper(digits) != digits &&
		common.Address(raw).Hex()[2:] != digits {
		return nil, fmt.Errorf("%w %q: its mixed case is not a valid EIP-55 checksum; "+
			"check the address for a mistyped character", ErrInvalidAddress, s)
	}
	return Address(raw), nil
}

func hasHexPrefix(s string) bool {
	return len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
}

// ParseValoper decodes a bech32 validator-operator address.
func ParseValoper(s string) (Address, error) {
	a, _, err := parseWithPrefix(s, ValoperPrefix)
	return a, err
}

// ParseConsAddress decodes a bech32 consensus address.
func ParseConsAddress(s string) (Address, error) {
	a, _, err := parseWithPrefix(s, ConsensusPrefix)
	return a, err
}

// parseWithPrefix decodes s and reports which checksum it carried.
func parseWithPrefix(s, prefix string) (Address, bech32.Version, error) {
	if s == "" {
		return nil, 0, fmt.Errorf("%w: empty address", ErrInvalidAddress)
	}
	hrp, data, version, err := bech32.DecodeNoLimitWithVersion(s)
	if err != nil {
		return nil, 0, fmt.Errorf("%w %q: %v", ErrInvalidAddress, s, err)
	}
	if hrp != prefix {
		return nil, 0, fmt.Errorf("%w %q: prefix is %q, want %q", ErrInvalidAddress, s, hrp, prefix)
	}
	raw, err := bech32.ConvertBits(data, 5, 8, false)
	if err != nil {
		return nil, 0, fmt.Errorf("%w %q: %v", ErrInvalidAddress, s, err)
	}
	if err := ValidateAddressBytes(raw); err != nil {
		return nil, 0, fmt.Errorf("%w %q: %v", ErrInvalidAddress, s, err)
	}
	return Address(raw), version, nil
}

// ValidateAddressBytes checks the length of a raw address.
func ValidateAddressBytes(raw []byte) error {
	if len(raw) != 20 && len(raw) != 32 {
		return fmt.Errorf("address is %d bytes, want 20 or 32", len(raw))
	}
	return nil
}

// Bech32 encodes raw bytes with the given prefix.
func Bech32(prefix string, raw []byte) (string, error) {
	data, err := bech32.ConvertBits(raw, 8, 5, true)
	if err != nil {
		return "", err
	}
	return bech32.Encode(prefix, data)
}

// MustBech32 is Bech32 for inputs known to be valid; it panics otherwise.
func MustBech32(prefix string, raw []byte) string {
	s, err := Bech32(prefix, raw)
	if err != nil {
		panic(err)
	}
	return s
}
