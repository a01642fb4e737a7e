package mint

import (
	"crypto/sha256"
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/mint/types"
	"github.com/stakechain/stakechain/x/staking"
)

func addr(name string) authtypes.Address {
	h := sha256.Sum256([]byte(name))
	return authtypes.Address(h[:20])
}

func dec(s string) math.LegacyDec { return math.LegacyMustNewDecFromStr(s) }

type env struct {
	t       *testing.T
	w       *store.Cache
	k       Keeper
	bank    bank.Keeper
	staking staking.Keeper
	block   core.Block
}

// newEnv starts a chain where "holder" has supply ustake, and the
// validator "v" has bonded the given amount of it.
func newEnv(t *testing.T, supply, bonded int64) *env {
	t.Helper()
	w := store.NewCache(store.Empty{})
	specs := append(staking.ModuleAccounts(), ModuleAccounts()...)
	specs = append(specs, auth.ModuleAccountSpec{Name: auth.FeeCollectorName})
	ak := auth.NewKeeper(specs...)
	require.NoError(t, ak.InitGenesis(w, auth.DefaultGenesis()))
	bk := bank.NewKeeper(ak)
	g := bank.DefaultGenesis()
	g.Balances = append(g.Balances, bank.Balance{Address: addr("v").String(), Coins: math.NewInt(supply).String() + "ustake"})
	require.NoError(t, bk.InitGenesis(w, g))
	sk := staking.NewKeeper(ak, bk)
	require.NoError(t, sk.InitGenesis(w, staking.DefaultGenesis()))
	k := NewKeeper(bk, sk)
	require.NoError(t, k.InitGenesis(w, DefaultGenesis()))
	e := &env{t: t, w: w, k: k, bank: bk, staking: sk, block: core.Block{ChainID: "test", Height: 1, Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}
	if bonded > 0 {
		cons := sha256.Sum256([]byte("cons v"))
		var ev core.Events
		require.NoError(t, sk.CreateValidator(w, &ev, e.block, staking.CreateValidator{
			Operator:          addr("v"),
			ConsPubKey:        cons[:],
			Description:       staking.Description{Moniker: "v"},
			Commission:        staking.CommissionRates{Rate: dec("0.1"), MaxRate: dec("0.2"), MaxChangeRate: dec("0.01")},
			MinSelfDelegation: math.OneInt(),
			Amount:            core.Coin{Denom: "ustake", Amount: math.NewInt(bonded)},
		}))
		sk.EndBlock(w, &ev, e.block)
	}
	return e
}

func (e *env) beginBlock() (core.Coins, core.Events) {
	var ev core.Events
	minted := e.k.BeginBlock(e.w, &ev, e.block)
	e.block.Height++
	return minted, ev
}

func TestNextInflationRateRisesBelowTheGoalFallsAboveAndStaysWithinBounds(t *testing.T) {
	p := DefaultParams()
	blocks := math.LegacyNewDec(int64(p.BlocksPerYear))
	step := dec("0.13").Quo(blocks)
	for _, tc := range []struct {
		name           string
		current, ratio math.LegacyDec
		want           math.LegacyDec
	}{
		{"nothing bonded raises it by the full yearly change over a year", dec("0.13"), dec("0"), dec("0.13").Add(step)},
		{"exactly the goal leaves it", dec("0.13"), dec("0.67"), dec("0.13")},
		{"all bonded lowers it", dec("0.13"), dec("1"), dec("0.13").Add(dec("1").Sub(dec("1").Quo(dec("0.67"))).Mul(dec("0.13")).Quo(blocks))},
		{"at the maximum it cannot rise", dec("0.20"), dec("0"), dec("0.20")},
		{"at the minimum it cannot fall", dec("0.07"), dec("1"), dec("0.07")},
		{"above the maximum it is clamped down", dec("0.5"), dec("0.67"), dec("0.20")},
		{"below the minimum it is clamped up", dec("0.01"), dec("0.67"), dec("0.07")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := NextInflationRate(p, tc.current, tc.ratio)
			require.Equal(t, tc.want.String(), got.String())
			require.True(t, got.GTE(p.InflationMin) && got.LTE(p.InflationMax))
		})
	}

	fast := p
	fast.BlocksPerYear = 1
	require.Equal(t, p.InflationMax, NextInflationRate(fast, dec("0.13"), dec("0")), "a big step up stops at the maximum")
	require.Equal(t, p.InflationMin, NextInflationRate(fast, dec("0.13"), dec("1")), "a big step down stops at the minimum")
}

func TestInflationRisesWhileTooLittleIsBondedAndFallsWhileTooMuchIs(t *testing.T) {
	low := newEnv(t, 1_000_000_000_000, 100_000_000_000) // 10% bonded
	require.Equal(t, "0.100000000000000000", low.k.BondedRatio(low.w).String())
	prev := low.k.Minter(low.w).Inflation
	for i := 0; i < 5; i++ {
		low.beginBlock()
		now := low.k.Minter(low.w).Inflation
		require.True(t, now.GT(prev), "block %d: %s should be above %s", i, now, prev)
		prev = now
	}

	high := newEnv(t, 1_000_000_000_000, 900_000_000_000) // 90% bonded
	prev = high.k.Minter(high.w).Inflation
	for i := 0; i < 5; i++ {
		high.beginBlock()
		now := high.k.Minter(high.w).Inflation
		require.True(t, now.LT(prev), "block %d: %s should be below %s", i, now, prev)
		prev = now
	}
}

func TestEachBlockMintsTheAnnualProvisionsOverBlocksPerYearAndSupplyGrowsByExactlyThat(t *testing.T) {
	e := newEnv(t, 1_000_000_000_000, 500_000_000_000)
	collector := authtypes.ModuleAddress(auth.FeeCollectorName)
	p := e.k.Params(e.w)
	for i := 0; i < 10; i++ {
		supplyBefore := e.bank.Supply(e.w, "ustake")
		collectedBefore := e.bank.Balance(e.w, collector, "ustake")
		ratio := e.k.BondedRatio(e.w)
		inflation := NextInflationRate(p, e.k.Minter(e.w).Inflation, ratio)

		minted, ev := e.beginBlock()

		m := e.k.Minter(e.w)
		require.Equal(t, inflation, m.Inflation)
		require.Equal(t, inflation.MulInt(supplyBefore), m.AnnualProvisions, "annual provisions are inflation × supply")
		want := m.AnnualProvisions.QuoInt(math.NewIntFromUint64(p.BlocksPerYear)).TruncateInt()
		require.True(t, want.IsPositive())
		require.Equal(t, core.Coins{{Denom: "ustake", Amount: want}}, minted)
		require.Equal(t, supplyBefore.Add(want), e.bank.Supply(e.w, "ustake"), "supply grows by exactly what is minted")
		require.Equal(t, collectedBefore.Add(want), e.bank.Balance(e.w, collector, "ustake"), "the fee collector gets it all")
		require.True(t, e.bank.Balance(e.w, authtypes.ModuleAddress(ModuleName), "ustake").IsZero(), "the mint account keeps nothing")

		var mintEvent *core.Event
		for _, x := range ev.List() {
			if x.Type == "mint" {
				mintEvent = &x
			}
		}
		require.NotNil(t, mintEvent)
		require.Equal(t, []core.Attribute{
			core.Attr("bonded_ratio", ratio.String()),
			core.Attr("inflation", m.Inflation.String()),
			core.Attr("annual_provisions", m.AnnualProvisions.String()),
			core.Attr("amount", want.String()),
		}, mintEvent.Attributes)
	}
}

func TestATinySupplyMintsNothingRatherThanAFraction(t *testing.T) {
	e := newEnv(t, 1_000, 0)
	minted, _ := e.beginBlock()
	require.True(t, minted.IsZero())
	require.Equal(t, math.NewInt(1_000), e.bank.Supply(e.w, "ustake"))
	require.Equal(t, "0.000000000000000000", e.k.BondedRatio(e.w).String())
}

func TestTheDefaultsAreCosmossAndBadParamsAreRejected(t *testing.T) {
	p := DefaultParams()
	require.Equal(t, uint64(6_311_520), p.BlocksPerYear)
	require.Equal(t, "ustake", p.MintDenom)
	require.NoError(t, DefaultGenesis().Validate())

	for name, mutate := range map[string]func(*GenesisState){
		"max below min":        func(g *GenesisState) { g.Params.InflationMax = dec("0.05") },
		"rate change above 1":  func(g *GenesisState) { g.Params.InflationRateChange = dec("1.5") },
		"zero goal":            func(g *GenesisState) { g.Params.GoalBonded = dec("0") },
		"no blocks per year":   func(g *GenesisState) { g.Params.BlocksPerYear = 0 },
		"bad denom":            func(g *GenesisState) { g.Params.MintDenom = "u" },
		"negative inflation":   func(g *GenesisState) { g.Minter.Inflation = dec("-0.1") },
		"missing provisions":   func(g *GenesisState) { g.Minter.AnnualProvisions = math.LegacyDec{} },
		"negative min":         func(g *GenesisState) { g.Params.InflationMin = dec("-0.01") },
		"goal above one":       func(g *GenesisState) { g.Params.GoalBonded = dec("1.01") },
		"unset rate of change": func(g *GenesisState) { g.Params.InflationRateChange = math.LegacyDec{} },
	} {
		g := DefaultGenesis()
		mutate(&g)
		require.Error(t, g.Validate(), name)
	}
}

func TestQueriesAnswerInCosmossWireForm(t *testing.T) {
	e := newEnv(t, 1_000_000_000_000, 500_000_000_000)
	e.beginBlock()

	pr, err := e.k.QueryParams(e.w, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, &types.Params{
		MintDenom:           "ustake",
		InflationRateChange: "130000000000000000",
		InflationMax:        "200000000000000000",
		InflationMin:        "70000000000000000",
		GoalBonded:          "670000000000000000",
		BlocksPerYear:       6_311_520,
	}, pr.Params)

	m := e.k.Minter(e.w)
	ir, err := e.k.QueryInflation(e.w, &types.QueryInflationRequest{})
	require.NoError(t, err)
	require.Equal(t, m.Inflation.BigInt().String(), string(ir.Inflation))
	ar, err := e.k.QueryAnnualProvisions(e.w, &types.QueryAnnualProvisionsRequest{})
	require.NoError(t, err)
	require.Equal(t, m.AnnualProvisions.BigInt().String(), string(ar.AnnualProvisions))

	// The bytes decode as Cosmos's LegacyDec does.
	var back math.LegacyDec
	require.NoError(t, back.Unmarshal(ir.Inflation))
	require.Equal(t, m.Inflation, back)
}
