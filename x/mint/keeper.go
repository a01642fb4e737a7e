package mint

import (
	"fmt"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/staking"
)

// Keeper mints inflation. It holds no state; every method takes the state
// view it works on.
type Keeper struct {
	bank    bank.Keeper
	staking staking.Keeper
}

// NewKeeper returns a mint keeper. The auth keeper behind bk must know the
// module accounts of ModuleAccounts and auth.FeeCollectorName.
func NewKeeper(bk bank.Keeper, sk staking.Keeper) Keeper {
	return Keeper{bank: bk, staking: sk}
}

// ModuleAccounts are the module accounts mint needs: its own, which may
// mint.
func ModuleAccounts() []auth.ModuleAccountSpec {
	return []auth.ModuleAccountSpec{{Name: ModuleName, Permissions: []string{"minter"}}}
}

// NextInflationRate is the yearly inflation rate for the next block: the
// current rate moved by (1 − bondedRatio/GoalBonded) × InflationRateChange
// / BlocksPerYear, then clamped to [InflationMin, InflationMax].
func NextInflationRate(p Params, current, bondedRatio math.LegacyDec) math.LegacyDec {
	perYear := math.LegacyOneDec().Sub(bondedRatio.Quo(p.GoalBonded)).Mul(p.InflationRateChange)
	next := current.Add(perYear.Quo(math.LegacyNewDec(int64(p.BlocksPerYear))))
	if next.GT(p.InflationMax) {
		return p.InflationMax
	}
	if next.LT(p.InflationMin) {
		return p.InflationMin
	}
	return next
}

// BlockProvision is what one block mints: the annual provisions over the
// blocks in a year, truncated to whole coins.
func BlockProvision(p Params, annual math.LegacyDec) math.Int {
	return annual.QuoInt64(int64(p.BlocksPerYear)).TruncateInt()
}

// BondedRatio is the bonded tokens over the total supply of the bond
// denom, zero when there is no supply.
func (k Keeper) BondedRatio(r store.Reader) math.LegacyDec {
	supply := k.bank.Supply(r, k.staking.Params(r).BondDenom)
	if !supply.IsPositive() {
		return math.LegacyZeroDec()
	}
	bonded, _ := k.staking.PoolBalances(r)
	return math.LegacyNewDecFromInt(bonded).QuoInt(supply)
}

// BeginBlock updates the inflation rate and the annual provisions, mints
// this block's provision into the mint module account and sends it to the
// fee collector, and returns what it minted (nothing when the provision
// truncates to zero).
func (k Keeper) BeginBlock(w store.Writer, ev *core.Events, _ core.Block) core.Coins {
	p := k.Params(w)
	m := k.Minter(w)
	ratio := k.BondedRatio(w)
	m.Inflation = NextInflationRate(p, m.Inflation, ratio)
	m.AnnualProvisions = m.Inflation.MulInt(k.bank.Supply(w, k.staking.Params(w).BondDenom))
	if err := k.SetMinter(w, m); err != nil {
		panic(fmt.Sprintf("mint: %v", err))
	}

	amount := BlockProvision(p, m.AnnualProvisions)
	minted := core.Coins{}
	if amount.IsPositive() {
		minted = core.Coins{{Denom: p.MintDenom, Amount: amount}}
		if err := k.bank.Mint(w, ev, ModuleName, minted); err != nil {
			panic(fmt.Sprintf("mint: %v", err))
		}
		collector := authtypes.ModuleAddress(auth.FeeCollectorName)
		if err := k.bank.Send(w, ev, authtypes.ModuleAddress(ModuleName), collector, minted); err != nil {
			panic(fmt.Sprintf("mint: cannot hand the minted %s to the fee collector: %v", minted, err))
		}
	}
	ev.Emit("mint",
		core.Attr("bonded_ratio", ratio.String()),
		core.Attr("inflation", m.Inflation.String()),
		core.Attr("annual_provisions", m.AnnualProvisions.String()),
		core.Attr("amount", amount.String()))
	return minted
}
