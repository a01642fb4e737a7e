package distribution

import (
	"fmt"
	"sort"
	"strings"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/x/core"
)

// DecCoins is a set of decimal amounts, sorted by denomination, each
// denomination once, every amount positive. Rewards are kept in this form
// until they are paid, when they are truncated to whole coins. Every method
// returns the canonical form and leaves its receiver unchanged.
type DecCoins []core.DecCoin

// NewDecCoinsFromCoins converts whole coins to decimal amounts.
func NewDecCoinsFromCoins(cs core.Coins) DecCoins {
	out := make(DecCoins, 0, len(cs))
	for _, c := range cs {
		if c.Amount.IsPositive() {
			out = append(out, core.DecCoin{Denom: c.Denom, Amount: math.LegacyNewDecFromInt(c.Amount)})
		}
	}
	return out
}

// Validate checks the canonical form.
func (ds DecCoins) Validate() error {
	for i, d := range ds {
		if err := core.ValidateDenom(d.Denom); err != nil {
			return err
		}
		if d.Amount.IsNil() || !d.Amount.IsPositive() {
			return core.ErrInvalidCoins.Wrapf("decimal amount of %s must be positive", d.Denom)
		}
		if i > 0 && ds[i-1].Denom >= d.Denom {
			return core.ErrInvalidCoins.Wrap("decimal coins are not sorted by denom, or repeat one")
		}
	}
	return nil
}

// IsZero reports whether there are no amounts.
func (ds DecCoins) IsZero() bool { return len(ds) == 0 }

// AmountOf returns the amount of denom, zero if absent.
func (ds DecCoins) AmountOf(denom string) math.LegacyDec {
	i := sort.Search(len(ds), func(i int) bool { return ds[i].Denom >= denom })
	if i < len(ds) && ds[i].Denom == denom {
		return ds[i].Amount
	}
	return math.LegacyZeroDec()
}

// String is "1.500000000000000000ustake,2.000000000000000000foo", as Cosmos
// prints decimal coins in events.
func (ds DecCoins) String() string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.Amount.String() + d.Denom
	}
	return strings.Join(parts, ",")
}

// Add returns ds + other.
func (ds DecCoins) Add(other DecCoins) DecCoins {
	return ds.merge(other, func(a, b math.LegacyDec) math.LegacyDec { return a.Add(b) })
}

// SafeSub returns ds - other, and false if any amount would go negative.
func (ds DecCoins) SafeSub(other DecCoins) (DecCoins, bool) {
	out := ds.merge(other, func(a, b math.LegacyDec) math.LegacyDec { return a.Sub(b) })
	for _, d := range out {
		if d.Amount.IsNegative() {
			return nil, false
		}
	}
	return out, true
}

// Sub returns ds - other. A negative result is a broken invariant of the
// caller's accounting, and panics.
func (ds DecCoins) Sub(other DecCoins) DecCoins {
	out, ok := ds.SafeSub(other)
	if !ok {
		panic(fmt.Sprintf("distribution: %s minus %s is negative", ds, other))
	}
	return out
}

// Min returns, denom by denom, the smaller of the two amounts (a denom
// missing on either side is zero).
func (ds DecCoins) Min(other DecCoins) DecCoins {
	out := make(DecCoins, 0, len(ds))
	for _, d := range ds {
		m := math.LegacyMinDec(d.Amount, other.AmountOf(d.Denom))
		if m.IsPositive() {
			out = append(out, core.DecCoin{Denom: d.Denom, Amount: m})
		}
	}
	return out
}

// MulDecTruncate multiplies every amount by d, truncating each product to
// 18 decimals. d must not be negative.
func (ds DecCoins) MulDecTruncate(d math.LegacyDec) DecCoins {
	if d.IsNegative() {
		panic("distribution: multiplying decimal coins by a negative number")
	}
	out := make(DecCoins, 0, len(ds))
	for _, c := range ds {
		if a := c.Amount.MulTruncate(d); a.IsPositive() {
			out = append(out, core.DecCoin{Denom: c.Denom, Amount: a})
		}
	}
	return out
}

// QuoDecTruncate divides every amount by d, truncating each quotient to 18
// decimals. d must be positive.
func (ds DecCoins) QuoDecTruncate(d math.LegacyDec) DecCoins {
	if !d.IsPositive() {
		panic("distribution: dividing decimal coins by zero or a negative number")
	}
	out := make(DecCoins, 0, len(ds))
	for _, c := range ds {
		if a := c.Amount.QuoTruncate(d); a.IsPositive() {
			out = append(out, core.DecCoin{Denom: c.Denom, Amount: a})
		}
	}
	return out
}

// TruncateDecimal splits ds into whole coins and the decimal change left
// over: coins + change = ds exactly.
func (ds DecCoins) TruncateDecimal() (core.Coins, DecCoins) {
	coins := make(core.Coins, 0, len(ds))
	change := make(DecCoins, 0, len(ds))
	for _, d := range ds {
		whole := d.Amount.TruncateInt()
		if whole.IsPositive() {
			coins = append(coins, core.Coin{Denom: d.Denom, Amount: whole})
		}
		if frac := d.Amount.Sub(math.LegacyNewDecFromInt(whole)); frac.IsPositive() {
			change = append(change, core.DecCoin{Denom: d.Denom, Amount: frac})
		}
	}
	return coins, change
}

// merge combines two canonical sets denom by denom with op (a missing
// amount is zero) and drops zero results.
func (ds DecCoins) merge(other DecCoins, op func(a, b math.LegacyDec) math.LegacyDec) DecCoins {
	out := make(DecCoins, 0, len(ds)+len(other))
	zero := math.LegacyZeroDec()
	i, j := 0, 0
	for i < len(ds) || j < len(other) {
		var denom string
		var a math.LegacyDec
		switch {
		case j >= len(other) || (i < len(ds) && ds[i].Denom < other[j].Denom):
			denom, a = ds[i].Denom, op(ds[i].Amount, zero)
			i++
		case i >= len(ds) || other[j].Denom < ds[i].Denom:
			denom, a = other[j].Denom, op(zero, other[j].Amount)
			j++
		default:
			denom, a = ds[i].Denom, op(ds[i].Amount, other[j].Amount)
			i++
			j++
		}
		if !a.IsZero() {
			out = append(out, core.DecCoin{Denom: denom, Amount: a})
		}
	}
	return out
}
