package core

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"cosmossdk.io/math"
	gogotypes "github.com/cosmos/gogoproto/types"
)

// ErrBadNumber reports a Dec, Int or Duration field that is not in its wire
// form.
var ErrBadNumber = errors.New("malformed number")

// DecToProto returns d in the protobuf form Cosmos gives a field of custom
// type LegacyDec: the integer number of 10^-18 units, in base 10
// ("100000000000000000" for 0.1). A nil d is "0".
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

// ParamDecFromProto reads a decimal field of a parameter set, stored or in
// a parameter-change message (MsgUpdateParams of staking, slashing,
// distribution and mint). It accepts two forms:
//
//   - the Cosmos wire form, the integer count of 10^-18 units
//     ("50000000000000000" is 0.05), which Cosmos clients send and state
//     holds;
//   - a plain decimal with a point ("0.05"), because people write proposal
//     JSON by hand.
//
// A string containing '.' is read as a plain decimal, anything else as the
// wire form; so "1" is 10^-18, and one is "1.0" or "1000000000000000000".
// The empty string is refused: a parameter left out is an error, not zero.
func ParamDecFromProto(s string) (math.LegacyDec, error) {
	if s == "" {
		return math.LegacyDec{}, fmt.Errorf("%w: value is missing", ErrBadNumber)
	}
	if strings.Contains(s, ".") {
		return math.LegacyNewDecFromStr(s)
	}
	return DecFromProto(s)
}

// DurationToProto returns d as a google.protobuf.Duration.
func DurationToProto(d Duration) *gogotypes.Duration {
	td := d.D()
	return &gogotypes.Duration{Seconds: int64(td / time.Second), Nanos: int32(td % time.Second)}
}

// ParamDurationFromProto reads a Duration field of a parameter set; it
// must be present and within time.Duration's range.
func ParamDurationFromProto(d *gogotypes.Duration) (Duration, error) {
	if d == nil {
		return 0, fmt.Errorf("%w: duration is missing", ErrBadNumber)
	}
	td, err := gogotypes.DurationFromProto(d)
	if err != nil {
		return 0, err
	}
	return Duration(td), nil
}
