package core

import (
	"fmt"
	"strconv"

	"cosmossdk.io/math"
)

// Amounts (balances, supplies, allowances) are stored as math.Int encodes
// them, in decimal text, as the Cosmos SDK stores balances. Nearly every
// amount fits in 64 bits, and a transfer changes four of them (the fee
// payer's and the fee collector's, the sender's and the recipient's): for
// those the functions below work on the text as a uint64, which allocates
// once where math.Int's parsing, arithmetic and formatting allocated about
// ten times. Any other text takes math.Int's path, so both give the same
// result for every input.

// maxSmallDigits is the most digits read as a uint64: any 19 digits are
// below 2^64.
const maxSmallDigits = 19

// smallAmount returns the value of stored text that EncodeAmount writes for
// an amount below 10^19: "0", or digits without a leading zero.
func smallAmount(bz []byte) (uint64, bool) {
	if len(bz) == 0 || len(bz) > maxSmallDigits || (bz[0] == '0' && len(bz) > 1) {
		return 0, false
	}
	var v uint64
	for _, c := range bz {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	return v, true
}

// EncodeAmount is how an amount is stored. A zero-value math.Int is "0",
// as math.Int encodes it.
func EncodeAmount(a math.Int) []byte {
	if !a.IsNil() && a.IsUint64() {
		return strconv.AppendUint(nil, a.Uint64(), 10)
	}
	bz, err := a.Marshal()
	if err != nil {
		panic(fmt.Sprintf("encode amount: %v", err))
	}
	return bz
}

// DecodeAmount reads a stored amount; nil is zero.
func DecodeAmount(bz []byte) (math.Int, error) {
	if bz == nil {
		return math.ZeroInt(), nil
	}
	if v, ok := smallAmount(bz); ok {
		return math.NewIntFromUint64(v), nil
	}
	var a math.Int
	if err := a.Unmarshal(bz); err != nil {
		return math.Int{}, fmt.Errorf("corrupt amount %q: %w", bz, err)
	}
	if a.IsNil() {
		return math.Int{}, fmt.Errorf("corrupt amount %q", bz)
	}
	return a, nil
}

// ChangeAmount returns the stored amount bz (nil for zero) with delta
// added, or taken if take is set, as it is stored: nil for zero, which is
// deleted, never stored. covered is false, and next nil, if delta takes more
// than bz holds.
func ChangeAmount(bz []byte, delta math.Int, take bool) (next []byte, covered bool, err error) {
	have, small := uint64(0), bz == nil
	if !small {
		have, small = smallAmount(bz)
	}
	if small && !delta.IsNil() && delta.IsUint64() {
		d := delta.Uint64()
		switch {
		case take && d > have:
			return nil, false, nil
		case take:
			have -= d
		case have+d >= have: // no wrap around
			have += d
		default:
			small = false
		}
		if small {
			if have == 0 {
				return nil, true, nil
			}
			return strconv.AppendUint(nil, have, 10), true, nil
		}
	}
	a, err := DecodeAmount(bz)
	if err != nil {
		return nil, false, err
	}
	if take {
		if a.LT(delta) {
			return nil, false, nil
		}
		a = a.Sub(delta)
	} else {
		a = a.Add(delta)
	}
	if a.IsZero() {
		return nil, true, nil
	}
	return EncodeAmount(a), true, nil
}
