package types

import (
	"errors"
	"fmt"
	"math/big"

	"cosmossdk.io/math"
)

// ErrBadNumber reports a Dec or Int field that is not in its wire form.
var ErrBadNumber = errors.New("malformed number")

// DecToProto returns d in its protobuf form: the integer number of 10^-18
// units, in base 10 ("100000000000000000" for 0.1). A nil d is "0".
func DecToProto(d math.LegacyDec) string {
	if d.IsNil() {
		return "0"
	}
	return d.BigInt().String()
}

// DecFromProto reads a Dec from its protobuf form. The empty string is
// zero. It accepts an optional minus sign and base-10 digits only, and
// refuses values outside LegacyDec's range.
func DecFromProto(s string) (math.LegacyDec, error) {
	if s == "" {
		return math.LegacyZeroDec(), nil
	}
	bi, err := parseInteger(s)
	if err != nil {
		return math.LegacyDec{}, err
	}
	d := math.LegacyNewDecFromBigIntWithPrec(bi, math.LegacyPrecision)
	if !d.IsInValidRange() {
		return math.LegacyDec{}, fmt.Errorf("%w: decimal %q out of range", ErrBadNumber, s)
	}
	return d, nil
}

// DecToProtoBytes is DecToProto for the fields Cosmos declares as bytes
// (slashing Params, the mint Inflation and AnnualProvisions responses).
func DecToProtoBytes(d math.LegacyDec) []byte {
	return []byte(DecToProto(d))
}

// DecFromProtoBytes is DecFromProto for the fields declared as bytes.
func DecFromProtoBytes(b []byte) (math.LegacyDec, error) {
	return DecFromProto(string(b))
}

// IntToProto returns i as a base-10 string. A nil i is "0".
func IntToProto(i math.Int) string {
	if i.IsNil() {
		return "0"
	}
	return i.String()
}

// IntFromProto reads an Int field. The empty string is zero. It accepts an
// optional minus sign and base-10 digits only, at most 256 bits.
func IntFromProto(s string) (math.Int, error) {
	if s == "" {
		return math.ZeroInt(), nil
	}
	bi, err := parseInteger(s)
	if err != nil {
		return math.Int{}, err
	}
	if bi.BitLen() > math.MaxBitLen {
		return math.Int{}, fmt.Errorf("%w: integer %q out of range", ErrBadNumber, s)
	}
	return math.NewIntFromBigInt(bi), nil
}

func parseInteger(s string) (*big.Int, error) {
	digits := s
	if digits[0] == '-' {
		digits = digits[1:]
	}
	if digits == "" {
		return nil, fmt.Errorf("%w: %q", ErrBadNumber, s)
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return nil, fmt.Errorf("%w: %q", ErrBadNumber, s)
		}
	}
	bi, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrBadNumber, s)
	}
	return bi, nil
}
