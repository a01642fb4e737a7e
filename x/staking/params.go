package staking

import (
	"fmt"
	"time"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/staking/types"
)

// Params govern staking.
type Params struct {
	// BondDenom is the denomination that can be staked.
	BondDenom string `json:"bond_denom"`
	// UnbondingTime is how long undelegated, redelegated and unbonding
	// validators' tokens stay slashable.
	UnbondingTime core.Duration `json:"unbonding_time"`
	// MaxValidators is the size of the bonded set.
	MaxValidators uint32 `json:"max_validators"`
	// MaxEntries bounds the unbonding (or redelegation) entries one
	// delegator may have in flight with one validator (or pair).
	MaxEntries uint32 `json:"max_entries"`
	// MinCommissionRate is the lowest commission a validator may set.
	MinCommissionRate math.LegacyDec `json:"min_commission_rate"`
	// PowerReduction is how many tokens make one unit of voting power.
	PowerReduction math.Int `json:"power_reduction"`
}

// DefaultPowerReduction is 10^6 tokens (1 STAKE) per unit of power.
var DefaultPowerReduction = math.NewInt(1_000_000)

// DefaultParams are the parameters of a new chain, as on Cosmos mainnets.
func DefaultParams() Params {
	return Params{
		BondDenom:         "ustake",
		UnbondingTime:     core.Duration(21 * 24 * time.Hour),
		MaxValidators:     100,
		MaxEntries:        7,
		MinCommissionRate: math.LegacyZeroDec(),
		PowerReduction:    DefaultPowerReduction,
	}
}

// Validate checks the parameters.
func (p Params) Validate() error {
	if err := core.ValidateDenom(p.BondDenom); err != nil {
		return fmt.Errorf("bond_denom: %w", err)
	}
	switch {
	case p.UnbondingTime <= 0:
		return fmt.Errorf("unbonding_time must be positive")
	case p.MaxValidators == 0:
		return fmt.Errorf("max_validators must be positive")
	case p.MaxEntries == 0:
		return fmt.Errorf("max_entries must be positive")
	case p.MinCommissionRate.IsNil() || p.MinCommissionRate.IsNegative() || p.MinCommissionRate.GT(math.LegacyOneDec()):
		return fmt.Errorf("min_commission_rate must be between 0 and 1")
	case p.PowerReduction.IsNil() || !p.PowerReduction.IsPositive():
		return fmt.Errorf("power_reduction must be positive")
	}
	return nil
}

// storedParams keeps the parameters as a stakechain.staking.v1.StoredParams.
var storedParams = core.NewParamsStore(paramsKey, storedParamsToProto, storedParamsFromProto)

// Params returns the current parameters.
func (k Keeper) Params(r store.Reader) Params { return storedParams.Load(r) }

// SetParams stores validated parameters.
func (k Keeper) SetParams(w store.Writer, p Params) error { return storedParams.Store(w, p) }

// storedParamsToProto is p as state keeps it: the Cosmos parameters and
// the power reduction.
func storedParamsToProto(p Params) *types.StoredParams {
	return &types.StoredParams{Params: ParamsToProto(p), PowerReduction: core.IntToProto(p.PowerReduction)}
}

// storedParamsFromProto reads what storedParamsToProto wrote.
func storedParamsFromProto(w *types.StoredParams) (Params, error) {
	if w.Params == nil {
		return Params{}, fmt.Errorf("params are missing")
	}
	p, err := ParamsFromProto(w.Params)
	if err != nil {
		return Params{}, err
	}
	if p.PowerReduction, err = core.IntFromProto(w.PowerReduction); err != nil {
		return Params{}, fmt.Errorf("power_reduction: %w", err)
	}
	return p, nil
}
