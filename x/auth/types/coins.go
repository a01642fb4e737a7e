package types

import (
	"errors"
	"fmt"
	"math/big"
	"strings"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/x/core"
)

// FeeFromProto converts a fee's wire coins like CoinsFromProto, except that
// zero amounts are dropped rather than refused: Cosmos clients send
// "0ustake" as the fee on chains with a zero gas price.
func FeeFromProto(in []*Coin) (core.Coins, error) {
	nonZero := make([]*Coin, 0, len(in))
	for _, c := range in {
		if c != nil && c.Amount == "0" {
			continue
		}
		nonZero = append(nonZero, c)
	}
	return CoinsFromProto(nonZero)
}

// CoinsFromProto converts wire coins into canonical core.Coins, rejecting
// malformed amounts, zero or negative amounts, bad denoms, duplicates and
// unsorted lists.
func CoinsFromProto(in []*Coin) (core.Coins, error) {
	out := make(core.Coins, 0, len(in))
	for _, c := range in {
		if c == nil {
			return nil, core.ErrInvalidCoins.Wrap("empty coin")
		}
		amt, err := parseAmount(c.Amount)
		if err != nil {
			return nil, core.ErrInvalidCoins.Wrapf("amount %q of %q %v", truncate(c.Amount), truncate(c.Denom), err)
		}
		out = append(out, core.Coin{Denom: c.Denom, Amount: amt})
	}
	if err := out.Validate(); err != nil {
		return nil, err
	}
	return out, nil
}

// maxAmountDigits is the number of decimal digits of 2^256 - 1.
const maxAmountDigits = 78

// parseAmount reads a coin amount: base-10 digits only (math.Int would also
// take "0x10", "1_000" or "+5", other spellings of the same amount), of at
// most core.MaxAmountBits bits. Its error tells a malformed amount from one
// that is too large.
func parseAmount(s string) (math.Int, error) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return math.Int{}, errors.New("is not a base-10 integer")
	}
	digits := strings.TrimLeft(s, "0")
	if len(digits) > maxAmountDigits {
		return math.Int{}, fmt.Errorf("is too large: above 2^%d", core.MaxAmountBits)
	}
	n, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return math.Int{}, errors.New("is not a base-10 integer")
	}
	if n.BitLen() > core.MaxAmountBits {
		return math.Int{}, fmt.Errorf("is too large: above 2^%d", core.MaxAmountBits)
	}
	return math.NewIntFromBigInt(n), nil
}

// truncate shortens an input echoed in an error message.
func truncate(s string) string {
	if len(s) > 100 {
		return s[:100] + "..."
	}
	return s
}

// CoinsToProto converts coins to their wire form.
func CoinsToProto(cs core.Coins) []*Coin {
	out := make([]*Coin, len(cs))
	for i, c := range cs {
		out[i] = &Coin{Denom: c.Denom, Amount: c.Amount.String()}
	}
	return out
}

// CoinToProto converts one coin to its wire form.
func CoinToProto(c core.Coin) *Coin { return &Coin{Denom: c.Denom, Amount: c.Amount.String()} }
