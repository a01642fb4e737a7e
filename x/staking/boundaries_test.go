package staking

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/core"
)

func TestDefaultParamsAreCosmosDefaultsInUstake(t *testing.T) {
	p := DefaultParams()
	require.Equal(t, "ustake", p.BondDenom)
	require.Equal(t, core.Duration(504*time.Hour), p.UnbondingTime, "21 days")
	require.Equal(t, uint32(100), p.MaxValidators)
	require.Equal(t, uint32(7), p.MaxEntries)
	require.True(t, p.MinCommissionRate.IsZero())
	require.Equal(t, "1000000", p.PowerReduction.String())
	require.NoError(t, p.Validate())
}

func TestAtMostMaxEntriesRedelegationsPerPair(t *testing.T) {
	e := newEnv(t, "a", "b", "x")
	e.createValidator("a", 10)
	e.createValidator("b", 10)
	_, err := e.k.Delegate(e.w, &e.ev, addr("x"), addr("a"), e.stake(10))
	require.NoError(t, err)
	e.endBlock(time.Second) // from a bonded validator a redelegation takes time
	for i := 0; i < 7; i++ {
		_, err := e.k.BeginRedelegate(e.w, &e.ev, e.block, addr("x"), addr("a"), addr("b"), e.stake(1))
		require.NoError(t, err, "entry %d", i)
	}
	_, err = e.k.BeginRedelegate(e.w, &e.ev, e.block, addr("x"), addr("a"), addr("b"), e.stake(1))
	require.ErrorIs(t, err, ErrTooManyEntries)
	require.Len(t, e.k.Redelegation(e.w, addr("x"), addr("a"), addr("b")).Entries, 7)
}

func TestAValidatorWithLessThanOneUnitOfPowerIsNotBonded(t *testing.T) {
	e := newEnv(t, "a", "b")
	e.createValidator("a", 10)
	require.NoError(t, e.k.CreateValidator(e.w, &e.ev, e.block, CreateValidator{
		Operator: addr("b"), ConsPubKey: consKey("b"), Description: Description{Moniker: "b"},
		Commission:        CommissionRates{Rate: math.LegacyMustNewDecFromStr("0.1"), MaxRate: math.LegacyMustNewDecFromStr("0.2"), MaxChangeRate: math.LegacyMustNewDecFromStr("0.01")},
		MinSelfDelegation: math.OneInt(),
		Amount:            core.NewCoin("ustake", 999_999), // a hair under 1 STAKE: power 0
	}))
	ups := e.endBlock(time.Second)
	require.Equal(t, map[string]int64{string(consKey("a")): 10}, ups)
	require.Equal(t, Bonded, e.validator("a").Status)
	require.Equal(t, Unbonded, e.validator("b").Status)
	e.supplyHolds()
}

func TestAValidatorWhoseLastShareIsUndelegatedIsKeptWhileBonded(t *testing.T) {
	e := newEnv(t, "a", "b")
	e.createValidator("a", 10)
	e.createValidator("b", 10)
	e.endBlock(time.Second)
	_, _, err := e.k.Undelegate(e.w, &e.ev, e.block, addr("a"), addr("a"), e.stake(10))
	require.NoError(t, err)
	v := e.validator("a") // still there: bonded until the end of the block
	require.True(t, v.DelegatorShares.IsZero())
	require.True(t, v.Jailed, "below its min self-delegation")
	e.supplyHolds()
}
