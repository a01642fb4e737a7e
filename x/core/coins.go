package core

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"cosmossdk.io/math"
)

var (
	denomRe = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$`)
	coinRe  = regexp.MustCompile(`^([0-9]+)([a-zA-Z][a-zA-Z0-9/:._-]{2,127})$`)
	decRe   = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)([a-zA-Z][a-zA-Z0-9/:._-]{2,127})$`)
)

// MaxAmountBits bounds every amount: larger values are rejected as invalid
// rather than overflowing later arithmetic.
const MaxAmountBits = 256

// ValidateDenom checks a denomination: a letter, then 2 to 127 of letters,
// digits and "/:._-".
func ValidateDenom(denom string) error {
	if !denomRe.MatchString(denom) {
		return ErrInvalidCoins.Wrapf("invalid denom %q", denom)
	}
	return nil
}

// Coin is an amount of one denomination.
type Coin struct {
	Denom  string
	Amount math.Int
}

// NewCoin returns a coin of amount in denom.
func NewCoin(denom string, amount int64) Coin { return Coin{Denom: denom, Amount: math.NewInt(amount)} }

func (c Coin) String() string { return c.Amount.String() + c.Denom }

// Coins is a set of amounts, sorted by denomination, each denomination once,
// every amount positive. Every constructor here returns that canonical form.
type Coins []Coin

// NewCoins sorts and validates coins, dropping zero amounts.
func NewCoins(cs ...Coin) (Coins, error) {
	out := make(Coins, 0, len(cs))
	for _, c := range cs {
		if c.Amount.IsNil() {
			return nil, ErrInvalidCoins.Wrapf("nil amount for %q", c.Denom)
		}
		if c.Amount.IsZero() {
			continue
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Denom < out[j].Denom })
	if err := out.Validate(); err != nil {
		return nil, err
	}
	return out, nil
}

// Validate checks the canonical form.
func (cs Coins) Validate() error {
	for i, c := range cs {
		if err := ValidateDenom(c.Denom); err != nil {
			return err
		}
		if c.Amount.IsNil() || !c.Amount.IsPositive() {
			return ErrInvalidCoins.Wrapf("amount of %s must be positive", c.Denom)
		}
		if c.Amount.BigInt().BitLen() > MaxAmountBits {
			return ErrInvalidCoins.Wrapf("amount of %s is too large", c.Denom)
		}
		if i > 0 && cs[i-1].Denom >= c.Denom {
			if cs[i-1].Denom == c.Denom {
				return ErrInvalidCoins.Wrapf("duplicate denom %s", c.Denom)
			}
			return ErrInvalidCoins.Wrap("coins are not sorted by denom")
		}
	}
	return nil
}

// ParseCoins reads "10ustake,5foo" (spaces allowed around commas). The empty
// string is no coins.
func ParseCoins(s string) (Coins, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Coins{}, nil
	}
	parts := strings.Split(s, ",")
	cs := make([]Coin, 0, len(parts))
	for _, p := range parts {
		m := coinRe.FindStringSubmatch(strings.TrimSpace(p))
		if m == nil {
			return nil, ErrInvalidCoins.Wrapf("cannot parse %q as an amount and a denom, e.g. 10ustake", p)
		}
		amt, ok := math.NewIntFromString(m[1])
		if !ok {
			return nil, ErrInvalidCoins.Wrapf("invalid amount %q", m[1])
		}
		if amt.IsZero() {
			return nil, ErrInvalidCoins.Wrapf("zero amount in %q", p)
		}
		cs = append(cs, Coin{Denom: m[2], Amount: amt})
	}
	return NewCoins(cs...)
}

func (cs Coins) String() string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.String()
	}
	return strings.Join(parts, ",")
}

// AmountOf returns the amount of denom, zero if absent.
func (cs Coins) AmountOf(denom string) math.Int {
	i := sort.Search(len(cs), func(i int) bool { return cs[i].Denom >= denom })
	if i < len(cs) && cs[i].Denom == denom {
		return cs[i].Amount
	}
	return math.ZeroInt()
}

// IsZero reports whether there are no coins.
func (cs Coins) IsZero() bool { return len(cs) == 0 }

// Add returns cs + other.
func (cs Coins) Add(other Coins) Coins {
	out := make(Coins, 0, len(cs)+len(other))
	i, j := 0, 0
	for i < len(cs) || j < len(other) {
		switch {
		case j >= len(other) || (i < len(cs) && cs[i].Denom < other[j].Denom):
			out = append(out, cs[i])
			i++
		case i >= len(cs) || other[j].Denom < cs[i].Denom:
			out = append(out, other[j])
			j++
		default:
			out = append(out, Coin{Denom: cs[i].Denom, Amount: cs[i].Amount.Add(other[j].Amount)})
			i++
			j++
		}
	}
	return out
}

// SafeSub returns cs - other and false if any amount would go negative.
func (cs Coins) SafeSub(other Coins) (Coins, bool) {
	out := make(Coins, 0, len(cs))
	j := 0
	for _, c := range cs {
		for j < len(other) && other[j].Denom < c.Denom {
			return nil, false // other has a denom cs lacks
		}
		if j < len(other) && other[j].Denom == c.Denom {
			d := c.Amount.Sub(other[j].Amount)
			j++
			if d.IsNegative() {
				return nil, false
			}
			if !d.IsZero() {
				out = append(out, Coin{Denom: c.Denom, Amount: d})
			}
			continue
		}
		out = append(out, c)
	}
	if j < len(other) {
		return nil, false
	}
	return out, true
}

// IsAllGTE reports whether cs has at least other of every denom.
func (cs Coins) IsAllGTE(other Coins) bool {
	_, ok := cs.SafeSub(other)
	return ok
}

// DecCoin is a decimal amount of one denomination, used for gas prices.
type DecCoin struct {
	Denom  string
	Amount math.LegacyDec
}

// ParseDecCoins reads "0.025ustake,1foo". The empty string is none.
func ParseDecCoins(s string) ([]DecCoin, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	var out []DecCoin
	seen := map[string]bool{}
	for _, p := range strings.Split(s, ",") {
		m := decRe.FindStringSubmatch(strings.TrimSpace(p))
		if m == nil {
			return nil, fmt.Errorf("cannot parse %q as a decimal amount and a denom, e.g. 0.025ustake", p)
		}
		amt, err := math.LegacyNewDecFromStr(m[1])
		if err != nil {
			return nil, fmt.Errorf("invalid amount %q: %w", m[1], err)
		}
		if seen[m[2]] {
			return nil, fmt.Errorf("duplicate denom %s", m[2])
		}
		seen[m[2]] = true
		out = append(out, DecCoin{Denom: m[2], Amount: amt})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Denom < out[j].Denom })
	return out, nil
}
