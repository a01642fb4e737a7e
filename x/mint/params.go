package mint

import (
	"fmt"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/core"
)

// Params govern inflation.
type Params struct {
	// MintDenom is the denomination minted.
	MintDenom string `json:"mint_denom"`
	// InflationRateChange is the most the yearly inflation rate moves in a
	// year.
	InflationRateChange math.LegacyDec `json:"inflation_rate_change"`
	// InflationMax and InflationMin bound the yearly inflation rate.
	InflationMax math.LegacyDec `json:"inflation_max"`
	InflationMin math.LegacyDec `json:"inflation_min"`
	// GoalBonded is the bonded ratio inflation steers toward.
	GoalBonded math.LegacyDec `json:"goal_bonded"`
	// BlocksPerYear is the expected number of blocks in a year.
	BlocksPerYear uint64 `json:"blocks_per_year,string"`
}

// DefaultParams are the parameters of a new chain, Cosmos's defaults:
// inflation between 7% and 20% a year, moving by at most 13% a year toward
// 67% bonded, with a block every 5 seconds (6,311,520 blocks a year).
func DefaultParams() Params {
	return Params{
		MintDenom:           "ustake",
		InflationRateChange: math.LegacyNewDecWithPrec(13, 2),
		InflationMax:        math.LegacyNewDecWithPrec(20, 2),
		InflationMin:        math.LegacyNewDecWithPrec(7, 2),
		GoalBonded:          math.LegacyNewDecWithPrec(67, 2),
		BlocksPerYear:       60 * 60 * 8766 / 5,
	}
}

// Validate checks the parameters: the rates within [0, 1], min ≤ max, a
// positive goal and a positive number of blocks a year.
func (p Params) Validate() error {
	if err := core.ValidateDenom(p.MintDenom); err != nil {
		return fmt.Errorf("mint_denom: %w", err)
	}
	for _, f := range []struct {
		name string
		v    math.LegacyDec
	}{
		{"inflation_rate_change", p.InflationRateChange},
		{"inflation_max", p.InflationMax},
		{"inflation_min", p.InflationMin},
		{"goal_bonded", p.GoalBonded},
	} {
		if f.v.IsNil() || f.v.IsNegative() || f.v.GT(math.LegacyOneDec()) {
			return fmt.Errorf("%s must be between 0 and 1", f.name)
		}
	}
	switch {
	case p.InflationMax.LT(p.InflationMin):
		return fmt.Errorf("inflation_max %s is below inflation_min %s", p.InflationMax, p.InflationMin)
	case !p.GoalBonded.IsPositive():
		return fmt.Errorf("goal_bonded must be positive")
	case p.BlocksPerYear == 0 || p.BlocksPerYear > 1<<62:
		return fmt.Errorf("blocks_per_year must be positive")
	}
	return nil
}

// Minter is the state of inflation: the current yearly rate and the
// provisions it makes for a year at the current supply.
type Minter struct {
	Inflation        math.LegacyDec `json:"inflation"`
	AnnualProvisions math.LegacyDec `json:"annual_provisions"`
}

// DefaultMinter is the minter of a new chain: 13% inflation, no provisions
// computed yet.
func DefaultMinter() Minter {
	return Minter{Inflation: math.LegacyNewDecWithPrec(13, 2), AnnualProvisions: math.LegacyZeroDec()}
}

// Validate checks that both values are set and not negative.
func (m Minter) Validate() error {
	if m.Inflation.IsNil() || m.Inflation.IsNegative() {
		return fmt.Errorf("inflation must not be negative")
	}
	if m.AnnualProvisions.IsNil() || m.AnnualProvisions.IsNegative() {
		return fmt.Errorf("annual_provisions must not be negative")
	}
	return nil
}

// Stored records: the parameters as a cosmos.mint.v1beta1.Params, the
// minter as a cosmos.mint.v1beta1.Minter.
var (
	storedParams = core.NewParamsStore(paramsKey, ParamsToProto, ParamsFromProto)
	storedMinter = core.NewParamsStore(minterKey, MinterToProto, MinterFromProto)
)

// Params returns the current parameters.
func (k Keeper) Params(r store.Reader) Params { return storedParams.Load(r) }

// SetParams stores validated parameters.
func (k Keeper) SetParams(w store.Writer, p Params) error { return storedParams.Store(w, p) }

// Minter returns the current minter.
func (k Keeper) Minter(r store.Reader) Minter { return storedMinter.Load(r) }

// SetMinter stores a validated minter.
func (k Keeper) SetMinter(w store.Writer, m Minter) error { return storedMinter.Store(w, m) }
