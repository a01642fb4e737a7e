package types

import (
	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/x/core"
)

// ErrBadNumber reports a Dec or Int field that is not in its wire form. It
// is core.ErrBadNumber: the wire helpers live in x/core, shared by every
// module.
var ErrBadNumber = core.ErrBadNumber

// DecToProto is core.DecToProto: d as the integer number of 10^-18 units,
// in base 10 ("100000000000000000" for 0.1). A nil d is "0".
func DecToProto(d math.LegacyDec) string { return core.DecToProto(d) }

// DecFromProto is core.DecFromProto. The empty string is zero.
func DecFromProto(s string) (math.LegacyDec, error) { return core.DecFromProto(s) }

// DecToProtoBytes is core.DecToProtoBytes, for the fields Cosmos declares
// as bytes.
func DecToProtoBytes(d math.LegacyDec) []byte { return core.DecToProtoBytes(d) }

// DecFromProtoBytes is core.DecFromProtoBytes.
func DecFromProtoBytes(b []byte) (math.LegacyDec, error) { return core.DecFromProtoBytes(b) }

// IntToProto is core.IntToProto: i in base 10. A nil i is "0".
func IntToProto(i math.Int) string { return core.IntToProto(i) }

// IntFromProto is core.IntFromProto. The empty string is zero.
func IntFromProto(s string) (math.Int, error) { return core.IntFromProto(s) }
