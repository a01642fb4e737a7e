// Package clean is state-machine code written the deterministic way.
package clean

import (
	"slices"
	"time"
)

// Validator is a validator with its voting power.
type Validator struct {
	Address []byte
	Power   int64
}

// Sorted returns the validators by power descending, then by address bytes.
func Sorted(set map[string]Validator) []Validator {
	keys := make([]string, 0, len(set))
	for k := range set { //determinism:sorted
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]Validator, 0, len(keys))
	for _, k := range keys {
		out = append(out, set[k])
	}
	slices.SortStableFunc(out, func(a, b Validator) int {
		if a.Power != b.Power {
			if a.Power > b.Power {
				return -1
			}
			return 1
		}
		return slices.Compare(a.Address, b.Address)
	})
	return out
}

// Expired reports whether the deadline has passed at the block time.
func Expired(blockTime, deadline time.Time) bool {
	return !blockTime.Before(deadline)
}

// Share returns amount*num/den in integers, rounding down.
func Share(amount, num, den int64) int64 {
	const scale = 1_000_000
	return amount * (num * scale / den) / scale
}
