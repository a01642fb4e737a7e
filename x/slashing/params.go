package slashing

import (
	"fmt"
	"time"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/core"
)

// Params govern liveness and double-sign punishment.
type Params struct {
	// SignedBlocksWindow is the number of recent blocks over which a
	// validator's liveness is judged.
	SignedBlocksWindow int64 `json:"signed_blocks_window,string"`
	// MinSignedPerWindow is the share of the window a validator must sign.
	MinSignedPerWindow math.LegacyDec `json:"min_signed_per_window"`
	// DowntimeJailDuration is how long a validator jailed for downtime
	// must wait before it may unjail.
	DowntimeJailDuration core.Duration `json:"downtime_jail_duration"`
	// SlashFractionDoubleSign is the share of stake burned for double
	// signing.
	SlashFractionDoubleSign math.LegacyDec `json:"slash_fraction_double_sign"`
	// SlashFractionDowntime is the share of stake burned for downtime.
	SlashFractionDowntime math.LegacyDec `json:"slash_fraction_downtime"`
}

// DefaultParams are the parameters of a new chain.
//
// The window is 10,000 blocks, as on the Cosmos Hub (the Cosmos SDK's own
// module default is 100). The other values are the Cosmos SDK module
// defaults: 0.5 of the window must be signed (the Cosmos Hub runs 0.05),
// 600 s of jail for downtime, 1/20 burned for double signing and 1/100 for
// downtime.
func DefaultParams() Params {
	return Params{
		SignedBlocksWindow:      10_000,
		MinSignedPerWindow:      math.LegacyNewDecWithPrec(5, 1),
		DowntimeJailDuration:    core.Duration(600 * time.Second),
		SlashFractionDoubleSign: math.LegacyNewDecWithPrec(5, 2),
		SlashFractionDowntime:   math.LegacyNewDecWithPrec(1, 2),
	}
}

// Validate checks the parameters.
func (p Params) Validate() error {
	if p.SignedBlocksWindow <= 0 {
		return fmt.Errorf("signed_blocks_window must be positive, got %d", p.SignedBlocksWindow)
	}
	if p.DowntimeJailDuration <= 0 {
		return fmt.Errorf("downtime_jail_duration must be positive, got %s", p.DowntimeJailDuration.D())
	}
	for _, f := range []struct {
		name string
		v    math.LegacyDec
	}{
		{"min_signed_per_window", p.MinSignedPerWindow},
		{"slash_fraction_double_sign", p.SlashFractionDoubleSign},
		{"slash_fraction_downtime", p.SlashFractionDowntime},
	} {
		if f.v.IsNil() || f.v.IsNegative() || f.v.GT(math.LegacyOneDec()) {
			return fmt.Errorf("%s must be between 0 and 1, got %s", f.name, f.v)
		}
	}
	return nil
}

// MinSignedBlocks is how many blocks of the window a validator must sign:
// SignedBlocksWindow × MinSignedPerWindow rounded to the nearest integer,
// halves to even, as Cosmos computes it.
func (p Params) MinSignedBlocks() int64 {
	return p.MinSignedPerWindow.MulInt64(p.SignedBlocksWindow).RoundInt64()
}

// MaxMissedBlocks is how many blocks of the window a validator may miss
// without being punished.
func (p Params) MaxMissedBlocks() int64 { return p.SignedBlocksWindow - p.MinSignedBlocks() }

// storedParams keeps the parameters as a cosmos.slashing.v1beta1.Params.
var storedParams = core.NewParamsStore(paramsKey, ParamsToProto, ParamsFromProto)

// Params returns the current parameters.
func (k Keeper) Params(r store.Reader) Params { return storedParams.Load(r) }

// SetParams stores validated parameters. A change of the window size
// changes what every bitmap index means, so it starts every validator's
// window over: counters, offsets and bitmaps are reset (start heights are
// kept).
func (k Keeper) SetParams(w store.Writer, p Params) error {
	var old Params
	hadParams := storedParams.Has(w)
	if hadParams {
		old = k.Params(w)
	}
	if err := storedParams.Store(w, p); err != nil {
		return err
	}
	if hadParams && old.SignedBlocksWindow != p.SignedBlocksWindow {
		for _, info := range k.SigningInfos(w) {
			info.IndexOffset = 0
			info.MissedBlocksCounter = 0
			k.clearMissedBlocks(w, info.Address)
			k.setSigningInfo(w, info)
		}
	}
	return nil
}
