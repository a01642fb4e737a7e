package types

import (
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
		amt, ok := math.NewIntFromString(c.Amount)
		if !ok {
			return nil, core.ErrInvalidCoins.Wrapf("amount %q of %q is not an integer", c.Amount, c.Denom)
		}
		if amt.BigInt().BitLen() > core.MaxAmountBits {
			return nil, core.ErrInvalidCoins.Wrapf("amount of %s is too large", c.Denom)
		}
		out = append(out, core.Coin{Denom: c.Denom, Amount: amt})
	}
	if err := out.Validate(); err != nil {
		return nil, err
	}
	return out, nil
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
