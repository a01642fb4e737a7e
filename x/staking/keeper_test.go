package staking

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
)

func addr(name string) authtypes.Address {
	h := sha256.Sum256([]byte(name))
	return authtypes.Address(h[:20])
}

func consKey(name string) []byte {
	h := sha256.Sum256([]byte("cons " + name))
	return h[:]
}

// env is a staking keeper over an in-memory state where the named
// accounts hold 1,000 STAKE each.
type env struct {
	t     *testing.T
	w     *store.Cache
	k     Keeper
	bank  bank.Keeper
	block core.Block
	ev    core.Events
}

func newEnv(t *testing.T, names ...string) *env {
	t.Helper()
	w := store.NewCache(store.Empty{})
	ak := auth.NewKeeper(ModuleAccounts()...)
	require.NoError(t, ak.InitGenesis(w, auth.DefaultGenesis()))
	bk := bank.NewKeeper(ak)
	g := bank.DefaultGenesis()
	for _, n := range names {
		g.Balances = append(g.Balances, bank.Balance{Address: addr(n).String(), Coins: "1000000000ustake"})
	}
	require.NoError(t, bk.InitGenesis(w, g))
	k := NewKeeper(ak, bk)
	p := DefaultParams()
	p.UnbondingTime = core.Duration(time.Hour)
	p.MaxValidators = 3
	require.NoError(t, k.SetParams(w, p))
	return &env{t: t, w: w, k: k, bank: bk, block: core.Block{ChainID: "test", Height: 1, Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}
}

func (e *env) stake(amount int64) core.Coin { return core.NewCoin("ustake", amount*1_000_000) }

func (e *env) createValidator(name string, stake int64) {
	e.t.Helper()
	require.NoError(e.t, e.k.CreateValidator(e.w, &e.ev, e.block, CreateValidator{
		Operator:          addr(name),
		ConsPubKey:        consKey(name),
		Description:       Description{Moniker: name},
		Commission:        CommissionRates{Rate: math.LegacyMustNewDecFromStr("0.1"), MaxRate: math.LegacyMustNewDecFromStr("0.2"), MaxChangeRate: math.LegacyMustNewDecFromStr("0.01")},
		MinSelfDelegation: math.OneInt(),
		Amount:            e.stake(stake),
	}))
}

// endBlock runs EndBlock and moves to the next block, dt later.
func (e *env) endBlock(dt time.Duration) map[string]int64 {
	e.t.Helper()
	ups := e.k.EndBlock(e.w, &e.ev, e.block)
	out := map[string]int64{}
	for _, u := range ups {
		out[string(u.PubKey)] = u.Power
	}
	e.block.Height++
	e.block.Time = e.block.Time.Add(dt)
	return out
}

func (e *env) balance(name string) math.Int { return e.bank.Balance(e.w, addr(name), "ustake") }

func (e *env) validator(name string) Validator {
	v, ok := e.k.Validator(e.w, addr(name))
	require.True(e.t, ok, "validator %s", name)
	return v
}

// supplyHolds checks that staking moved coins without creating any: the
// pools hold exactly the validators' tokens and the unbonding balances.
func (e *env) supplyHolds() {
	e.t.Helper()
	bonded, notBonded := e.k.PoolBalances(e.w)
	wantBonded, wantNot := math.ZeroInt(), math.ZeroInt()
	for _, v := range e.k.Validators(e.w) {
		if v.Status == Bonded {
			wantBonded = wantBonded.Add(v.Tokens)
		} else {
			wantNot = wantNot.Add(v.Tokens)
		}
	}
	wantNot = wantNot.Add(e.k.UnbondingTotal(e.w))
	require.Equal(e.t, wantBonded.String(), bonded.String(), "bonded pool")
	require.Equal(e.t, wantNot.String(), notBonded.String(), "not-bonded pool")
}

func TestANewValidatorIsBondedAtTheEndOfTheBlockWithItsPower(t *testing.T) {
	e := newEnv(t, "a")
	e.createValidator("a", 10)
	require.Equal(t, Unbonded, e.validator("a").Status)
	ups := e.endBlock(time.Second)
	require.Equal(t, map[string]int64{string(consKey("a")): 10}, ups)
	require.Equal(t, Bonded, e.validator("a").Status)
	require.Equal(t, int64(10), e.k.LastPower(e.w, addr("a")))
	require.Empty(t, e.endBlock(time.Second), "no change, no update")
	e.supplyHolds()
}

func TestADelegationRaisesPowerByAmountOverPowerReduction(t *testing.T) {
	e := newEnv(t, "a", "x")
	e.createValidator("a", 10)
	e.endBlock(time.Second)
	_, err := e.k.Delegate(e.w, &e.ev, addr("x"), addr("a"), e.stake(7))
	require.NoError(t, err)
	require.Equal(t, map[string]int64{string(consKey("a")): 17}, e.endBlock(time.Second))
	d, ok := e.k.Delegation(e.w, addr("x"), addr("a"))
	require.True(t, ok)
	require.Equal(t, math.LegacyNewDec(7_000_000), d.Shares)
	require.Equal(t, math.NewInt(993_000_000), e.balance("x"))
	e.supplyHolds()
}

func TestTheBondedSetIsTheTopValidatorsByPowerWithTiesByAddress(t *testing.T) {
	e := newEnv(t, "a", "b", "c", "d")
	for _, n := range []string{"a", "b", "c", "d"} {
		e.createValidator(n, 5)
	}
	ups := e.endBlock(time.Second)
	require.Len(t, ups, 3, "max validators is 3")
	// Equal power: the three lowest operator addresses win.
	ops := []authtypes.Address{addr("a"), addr("b"), addr("c"), addr("d")}
	out := ops[0]
	for _, op := range ops {
		if string(op) > string(out) {
			out = op
		}
	}
	for _, n := range []string{"a", "b", "c", "d"} {
		v := e.validator(n)
		if v.Operator.Equal(out) {
			require.Equal(t, Unbonded, v.Status, "%s has the highest address and is left out", n)
		} else {
			require.Equal(t, Bonded, v.Status, n)
		}
	}
	// More stake moves the left-out validator in and the weakest out.
	var outName string
	for _, n := range []string{"a", "b", "c", "d"} {
		if addr(n).Equal(out) {
			outName = n
		}
	}
	_, err := e.k.Delegate(e.w, &e.ev, out, out, e.stake(1))
	require.NoError(t, err)
	ups = e.endBlock(time.Second)
	require.Equal(t, int64(6), ups[string(consKey(outName))])
	require.Len(t, ups, 2, "one in, one out")
	unbonding := 0
	for _, n := range []string{"a", "b", "c", "d"} {
		if e.validator(n).Status == Unbonding {
			unbonding++
		}
	}
	require.Equal(t, 1, unbonding)
	e.supplyHolds()
}

func TestUndelegatedCoinsReturnAfterTheUnbondingPeriod(t *testing.T) {
	e := newEnv(t, "a", "x")
	e.createValidator("a", 10)
	_, err := e.k.Delegate(e.w, &e.ev, addr("x"), addr("a"), e.stake(4))
	require.NoError(t, err)
	e.endBlock(time.Second)

	done, amt, err := e.k.Undelegate(e.w, &e.ev, e.block, addr("x"), addr("a"), e.stake(3))
	require.NoError(t, err)
	require.Equal(t, e.block.Time.Add(time.Hour), done)
	require.Equal(t, math.NewInt(3_000_000), amt)
	require.Equal(t, map[string]int64{string(consKey("a")): 11}, e.endBlock(30*time.Minute))
	require.Equal(t, math.NewInt(996_000_000), e.balance("x"), "not paid yet")
	e.supplyHolds()

	e.endBlock(31 * time.Minute)
	e.endBlock(time.Second)
	require.Equal(t, math.NewInt(999_000_000), e.balance("x"), "paid at maturity")
	require.Empty(t, e.k.DelegatorUnbondingDelegations(e.w, addr("x")))
	e.supplyHolds()
}

func TestAtMostMaxEntriesUnbondingsPerPair(t *testing.T) {
	e := newEnv(t, "a", "x")
	e.createValidator("a", 10)
	_, err := e.k.Delegate(e.w, &e.ev, addr("x"), addr("a"), e.stake(10))
	require.NoError(t, err)
	for i := 0; i < 7; i++ {
		_, _, err := e.k.Undelegate(e.w, &e.ev, e.block, addr("x"), addr("a"), e.stake(1))
		require.NoError(t, err, "entry %d", i)
	}
	_, _, err = e.k.Undelegate(e.w, &e.ev, e.block, addr("x"), addr("a"), e.stake(1))
	require.ErrorIs(t, err, ErrTooManyEntries)
}

func TestRedelegationMovesStakeAtOnceAndBlocksAHopUntilItMatures(t *testing.T) {
	e := newEnv(t, "a", "b", "c", "x")
	e.createValidator("a", 10)
	e.createValidator("b", 10)
	e.createValidator("c", 10)
	_, err := e.k.Delegate(e.w, &e.ev, addr("x"), addr("a"), e.stake(6))
	require.NoError(t, err)
	e.endBlock(time.Second)

	_, err = e.k.BeginRedelegate(e.w, &e.ev, e.block, addr("x"), addr("a"), addr("b"), e.stake(4))
	require.NoError(t, err)
	ups := e.endBlock(time.Second)
	require.Equal(t, int64(12), ups[string(consKey("a"))])
	require.Equal(t, int64(14), ups[string(consKey("b"))])

	_, err = e.k.BeginRedelegate(e.w, &e.ev, e.block, addr("x"), addr("b"), addr("c"), e.stake(1))
	require.ErrorIs(t, err, ErrTransitiveRedelegation)
	_, err = e.k.BeginRedelegate(e.w, &e.ev, e.block, addr("x"), addr("a"), addr("a"), e.stake(1))
	require.ErrorIs(t, err, ErrSelfRedelegation)

	e.endBlock(2 * time.Hour)
	e.endBlock(time.Second)
	_, err = e.k.BeginRedelegate(e.w, &e.ev, e.block, addr("x"), addr("b"), addr("c"), e.stake(1))
	require.NoError(t, err, "after maturity the stake may move on")
	e.supplyHolds()
}

func TestSlashingBurnsAFractionWithoutVisitingDelegators(t *testing.T) {
	e := newEnv(t, "a", "x")
	e.createValidator("a", 10)
	_, err := e.k.Delegate(e.w, &e.ev, addr("x"), addr("a"), e.stake(10))
	require.NoError(t, err)
	e.endBlock(time.Second)

	burned := e.k.Slash(e.w, &e.ev, e.block, consAddress(consKey("a")), e.block.Height, 20, math.LegacyMustNewDecFromStr("0.05"), nil)
	require.Equal(t, math.NewInt(1_000_000), burned)
	v := e.validator("a")
	require.Equal(t, math.NewInt(19_000_000), v.Tokens)
	d, _ := e.k.Delegation(e.w, addr("x"), addr("a"))
	require.Equal(t, "9500000", v.TokensFromShares(d.Shares).TruncateInt().String(), "x's half lost 5%")
	e.supplyHolds()
}

func TestSlashingForAnEarlierInfractionCutsUnbondingAndRedelegatedStakeThatLeftAfterIt(t *testing.T) {
	e := newEnv(t, "a", "b", "x", "y")
	e.createValidator("a", 10)
	e.createValidator("b", 10)
	_, err := e.k.Delegate(e.w, &e.ev, addr("x"), addr("a"), e.stake(10))
	require.NoError(t, err)
	_, err = e.k.Delegate(e.w, &e.ev, addr("y"), addr("a"), e.stake(10))
	require.NoError(t, err)
	e.endBlock(time.Second) // height 1
	infraction := e.block.Height
	e.endBlock(time.Second)

	// After the infraction x unbonds 10 and y redelegates 10 to b.
	_, _, err = e.k.Undelegate(e.w, &e.ev, e.block, addr("x"), addr("a"), e.stake(10))
	require.NoError(t, err)
	_, err = e.k.BeginRedelegate(e.w, &e.ev, e.block, addr("y"), addr("a"), addr("b"), e.stake(10))
	require.NoError(t, err)
	e.endBlock(time.Second)

	// a had 30 STAKE of power at the infraction; slash 10%.
	burned := e.k.Slash(e.w, &e.ev, e.block, consAddress(consKey("a")), infraction, 30, math.LegacyMustNewDecFromStr("0.1"), nil)
	require.Equal(t, math.NewInt(3_000_000), burned, "1 from x's unbonding, 1 from y's redelegation, 1 from a")
	require.Equal(t, math.NewInt(9_000_000), e.validator("a").Tokens)
	u := e.k.UnbondingDelegation(e.w, addr("x"), addr("a"))
	require.Equal(t, math.NewInt(9_000_000), u.Entries[0].Balance)
	b := e.validator("b")
	d, _ := e.k.Delegation(e.w, addr("y"), addr("b"))
	require.Equal(t, "9000000", b.TokensFromShares(d.Shares).TruncateInt().String())
	e.supplyHolds()

	// An infraction after the stake left does not reach it.
	burned = e.k.Slash(e.w, &e.ev, e.block, consAddress(consKey("a")), e.block.Height, 9, math.LegacyMustNewDecFromStr("0.1"), nil)
	require.Equal(t, math.NewInt(900_000), burned)
	require.Equal(t, math.NewInt(9_000_000), e.k.UnbondingDelegation(e.w, addr("x"), addr("a")).Entries[0].Balance)
	e.supplyHolds()
}

func TestAJailedValidatorLeavesTheSetAndReturnsWhenUnjailed(t *testing.T) {
	e := newEnv(t, "a", "b")
	e.createValidator("a", 10)
	e.createValidator("b", 10)
	e.endBlock(time.Second)
	e.k.Jail(e.w, &e.ev, consAddress(consKey("a")))
	require.Equal(t, map[string]int64{string(consKey("a")): 0}, e.endBlock(time.Second))
	require.Equal(t, Unbonding, e.validator("a").Status)
	require.NoError(t, e.k.Unjail(e.w, &e.ev, addr("a")))
	require.Equal(t, map[string]int64{string(consKey("a")): 10}, e.endBlock(time.Second))
	require.Equal(t, Bonded, e.validator("a").Status)
	e.supplyHolds()
}

func TestAnOperatorBelowItsMinSelfDelegationIsJailed(t *testing.T) {
	e := newEnv(t, "a")
	require.NoError(t, e.k.CreateValidator(e.w, &e.ev, e.block, CreateValidator{
		Operator: addr("a"), ConsPubKey: consKey("a"), Description: Description{Moniker: "a"},
		Commission:        CommissionRates{Rate: math.LegacyZeroDec(), MaxRate: math.LegacyOneDec(), MaxChangeRate: math.LegacyOneDec()},
		MinSelfDelegation: math.NewInt(5_000_000), Amount: e.stake(6),
	}))
	e.endBlock(time.Second)
	_, _, err := e.k.Undelegate(e.w, &e.ev, e.block, addr("a"), addr("a"), e.stake(2))
	require.NoError(t, err)
	require.True(t, e.validator("a").Jailed)
	require.ErrorIs(t, e.k.Unjail(e.w, &e.ev, addr("a")), ErrSelfDelegationTooLow)
}

func TestCreateValidatorRejectsBadInput(t *testing.T) {
	good := func() CreateValidator {
		return CreateValidator{Operator: addr("a"), ConsPubKey: consKey("a"), Description: Description{Moniker: "a"},
			Commission:        CommissionRates{Rate: math.LegacyMustNewDecFromStr("0.1"), MaxRate: math.LegacyMustNewDecFromStr("0.2"), MaxChangeRate: math.LegacyMustNewDecFromStr("0.01")},
			MinSelfDelegation: math.OneInt(), Amount: core.NewCoin("ustake", 1_000_000)}
	}
	for name, tc := range map[string]struct {
		mutate func(*CreateValidator)
		err    *core.Error
	}{
		"rate above max rate":  {func(m *CreateValidator) { m.Commission.Rate = math.LegacyMustNewDecFromStr("0.3") }, ErrBadCommission},
		"max rate above 1":     {func(m *CreateValidator) { m.Commission.MaxRate = math.LegacyMustNewDecFromStr("1.5") }, ErrBadCommission},
		"change above max":     {func(m *CreateValidator) { m.Commission.MaxChangeRate = math.LegacyMustNewDecFromStr("0.5") }, ErrBadCommission},
		"short consensus key":  {func(m *CreateValidator) { m.ConsPubKey = m.ConsPubKey[:31] }, ErrBadConsKey},
		"no moniker":           {func(m *CreateValidator) { m.Description.Moniker = "" }, ErrBadDescription},
		"wrong denom":          {func(m *CreateValidator) { m.Amount.Denom = "foo" }, ErrBadDenom},
		"below min self stake": {func(m *CreateValidator) { m.MinSelfDelegation = math.NewInt(2_000_000) }, ErrSelfDelegationTooLow},
		"zero min self stake":  {func(m *CreateValidator) { m.MinSelfDelegation = math.ZeroInt() }, ErrBadMinSelfDelegation},
	} {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, "a")
			m := good()
			tc.mutate(&m)
			require.ErrorIs(t, e.k.CreateValidator(e.w, &e.ev, e.block, m), tc.err)
		})
	}
	e := newEnv(t, "a", "b")
	e.createValidator("a", 1)
	require.ErrorIs(t, e.k.CreateValidator(e.w, &e.ev, e.block, good()), ErrValidatorExists)
	m := good()
	m.Operator = addr("b")
	require.ErrorIs(t, e.k.CreateValidator(e.w, &e.ev, e.block, m), ErrConsKeyInUse)
}
