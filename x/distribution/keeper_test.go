package distribution

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

func TestAllocationSplitsFeesBySignersPowerLessCommunityTax(t *testing.T) {
	e := newEnv(t, "a", "b", "c")
	e.createValidator("a", 1_000_000, "0")
	e.createValidator("b", 3_000_000, "0")
	e.createValidator("c", 6_000_000, "0")

	e.payFees("1000ustake")
	e.allocate(vote("a", 1, true), vote("b", 3, true), vote("c", 6, false))

	require.Equal(t, decCoins(t, "245ustake"), e.k.OutstandingRewards(e.w, addr("a")), "a quarter of the 98%")
	require.Equal(t, decCoins(t, "735ustake"), e.k.OutstandingRewards(e.w, addr("b")), "three quarters of the 98%")
	require.True(t, e.k.OutstandingRewards(e.w, addr("c")).IsZero(), "c did not sign")
	require.Equal(t, decCoins(t, "20ustake"), e.k.CommunityPool(e.w), "the 2% community tax")
	require.True(t, e.bank.Balances(e.w, authtypes.ModuleAddress(auth.FeeCollectorName)).IsZero(), "the fee collector is emptied")
	e.invariant()
}

func TestAllocationsAndTheCommunityPoolAddUpExactlyToTheFees(t *testing.T) {
	e := newEnv(t, "a", "b", "c")
	e.createValidator("a", 1_000_000, "0.1")
	e.createValidator("b", 2_000_000, "0.05")
	e.createValidator("c", 3_000_000, "0")

	// Thirds and sixths do not divide evenly; "ghost" signed but is no
	// validator, so its half goes to the pool.
	e.payFees("1001ustake,7uatom")
	e.allocate(vote("a", 1, true), vote("b", 2, true), vote("c", 3, false), vote("ghost", 3, true))

	sum := e.k.CommunityPool(e.w)
	for _, v := range []string{"a", "b", "c"} {
		sum = sum.Add(e.k.OutstandingRewards(e.w, addr(v)))
	}
	require.Equal(t, decCoins(t, "1001ustake,7uatom"), sum)
	require.True(t, e.k.CommunityPool(e.w).AmountOf("ustake").GT(dec("490.49")), "the ghost's half and the tax: %s", e.k.CommunityPool(e.w))
	// a's share is 980.98 × 1/6, both truncated at 18 decimals:
	// 980.98 × 0.166666666666666666 = 163.496666666666666012(68).
	require.Equal(t, "163.496666666666666012", e.k.OutstandingRewards(e.w, addr("a")).AmountOf("ustake").String())
	e.invariant()
}

func TestWithoutASignatureEverythingGoesToTheCommunityPool(t *testing.T) {
	e := newEnv(t, "a")
	e.createValidator("a", 1_000_000, "0.1")
	e.payFees("1000ustake,3uatom")
	e.allocate(vote("a", 1, false))
	require.Equal(t, decCoins(t, "3uatom,1000ustake"), e.k.CommunityPool(e.w))
	require.True(t, e.k.OutstandingRewards(e.w, addr("a")).IsZero())
	e.invariant()

	e.allocate(vote("a", 1, true)) // no fees: nothing happens
	require.Equal(t, decCoins(t, "3uatom,1000ustake"), e.k.CommunityPool(e.w))
}

func TestCommissionGoesToTheValidator(t *testing.T) {
	e := newEnv(t, "v", "x")
	e.createValidator("v", 1_000_000, "0.1")
	e.delegate("x", "v", 1_000_000)

	e.payFees("1000ustake")
	ev := e.allocate(vote("v", 1, true))
	require.Equal(t, []core.Event{
		{Type: "commission", Attributes: []core.Attribute{core.Attr("amount", "98.000000000000000000ustake"), core.Attr("validator", addr("v").Valoper())}},
		{Type: "rewards", Attributes: []core.Attribute{core.Attr("amount", "980.000000000000000000ustake"), core.Attr("validator", addr("v").Valoper())}},
	}, ev.List()[len(ev.List())-2:])

	require.Equal(t, decCoins(t, "98ustake"), e.k.ValidatorCommission(e.w, addr("v")))
	require.Equal(t, decCoins(t, "441ustake"), e.pending("x", "v"), "half of the 882 left for delegators")

	before := e.bank.Balance(e.w, addr("v"), "ustake")
	paid, err := e.k.WithdrawValidatorCommission(e.w, &e.ev, addr("v"))
	require.NoError(t, err)
	require.Equal(t, coins(t, "98ustake"), paid)
	require.Equal(t, before.AddRaw(98), e.bank.Balance(e.w, addr("v"), "ustake"), "paid to the operator's account")
	require.True(t, e.k.ValidatorCommission(e.w, addr("v")).IsZero())
	require.Equal(t, decCoins(t, "882ustake"), e.k.OutstandingRewards(e.w, addr("v")))
	e.invariant()

	_, err = e.k.WithdrawValidatorCommission(e.w, &e.ev, addr("v"))
	require.ErrorIs(t, err, ErrNoValidatorCommission)
}

func TestCommissionKeepsItsDecimalChangeForLater(t *testing.T) {
	e := newEnv(t, "v")
	e.createValidator("v", 1_000_000, "0.15")
	e.payFees("100ustake")
	e.allocate(vote("v", 1, true))
	require.Equal(t, decCoins(t, "14.7ustake"), e.k.ValidatorCommission(e.w, addr("v")))

	paid, err := e.k.WithdrawValidatorCommission(e.w, &e.ev, addr("v"))
	require.NoError(t, err)
	require.Equal(t, coins(t, "14ustake"), paid)
	require.Equal(t, decCoins(t, "0.7ustake"), e.k.ValidatorCommission(e.w, addr("v")))
	_, err = e.k.WithdrawValidatorCommission(e.w, &e.ev, addr("v"))
	require.ErrorIs(t, err, ErrNoValidatorCommission, "0.7 is not a coin")
	e.invariant()

	e.payFees("100ustake")
	e.allocate(vote("v", 1, true))
	paid, err = e.k.WithdrawValidatorCommission(e.w, &e.ev, addr("v"))
	require.NoError(t, err)
	require.Equal(t, coins(t, "15ustake"), paid, "0.7 + 14.7")
	require.Equal(t, decCoins(t, "0.4ustake"), e.k.ValidatorCommission(e.w, addr("v")))
	e.invariant()
}

func TestTwoDelegatorsWithOneToThreeSharesGetOneToThreeOfTheDelegatorRewards(t *testing.T) {
	e := newEnv(t, "v", "x", "y")
	e.createValidator("v", 1_000_000, "0.1")
	e.delegate("x", "v", 1_000_000)
	e.delegate("y", "v", 3_000_000)

	e.payFees("1000ustake,10uatom")
	e.allocate(vote("v", 1, true))

	// 980 after tax, 98 commission, 882 over 5 shares of 1,000,000 each.
	x, y := e.pending("x", "v"), e.pending("y", "v")
	require.Equal(t, decCoins(t, "1.764uatom,176.4ustake"), x)
	require.Equal(t, decCoins(t, "5.292uatom,529.2ustake"), y)
	require.Equal(t, x.MulDecTruncate(math.LegacyNewDec(3)), y)

	require.Equal(t, coins(t, "1uatom,176ustake"), e.withdraw("x", "v"))
	require.Equal(t, coins(t, "5uatom,529ustake"), e.withdraw("y", "v"))
	e.invariant()
}

func TestADelegatorThatJoinsLaterEarnsOnlyFromThen(t *testing.T) {
	e := newEnv(t, "v", "x")
	e.createValidator("v", 1_000_000, "0")

	e.payFees("1000ustake")
	e.allocate(vote("v", 1, true)) // 980 to v alone
	e.delegate("x", "v", 1_000_000)
	require.True(t, e.pending("x", "v").IsZero(), "nothing earned before joining")

	e.payFees("1000ustake")
	e.allocate(vote("v", 1, true)) // 980 split evenly
	require.Equal(t, decCoins(t, "490ustake"), e.pending("x", "v"))
	require.Equal(t, decCoins(t, "1470ustake"), e.pending("v", "v"))
	require.Equal(t, coins(t, "490ustake"), e.withdraw("x", "v"))
	require.Equal(t, coins(t, "1470ustake"), e.withdraw("v", "v"))
	e.invariant()
}

func TestAShareChangeSettlesFirstSoPastRewardsUseTheOldShares(t *testing.T) {
	e := newEnv(t, "v", "x")
	e.createValidator("v", 1_000_000, "0")
	e.delegate("x", "v", 1_000_000)
	e.payFees("1000ustake")
	e.allocate(vote("v", 1, true)) // x earned 490 on 1,000,000 shares

	before := e.bank.Balance(e.w, addr("x"), "ustake")
	e.delegate("x", "v", 2_000_000) // settles 490, then triples x's shares
	require.Equal(t, before.SubRaw(2_000_000).AddRaw(490), e.bank.Balance(e.w, addr("x"), "ustake"))
	require.True(t, e.pending("x", "v").IsZero())

	e.payFees("1000ustake")
	e.allocate(vote("v", 1, true)) // 980 split 1:3
	require.Equal(t, decCoins(t, "735ustake"), e.pending("x", "v"))

	require.Equal(t, coins(t, "735ustake"), e.undelegate("x", "v", 3_000_000))
	_, err := e.k.WithdrawDelegatorReward(e.w, &e.ev, addr("x"), addr("v"))
	require.ErrorIs(t, err, ErrNoDelegationExists)
	e.invariant()
}

func TestRewardsAfterASlashAreStillSplitBySharesAndTheInvariantHolds(t *testing.T) {
	e := newEnv(t, "v", "x", "y")
	e.createValidator("v", 1_000_000, "0")
	e.delegate("x", "v", 1_000_000)
	e.delegate("y", "v", 2_000_000)
	e.payFees("1000ustake")
	e.allocate(vote("v", 4, true))

	v, _ := e.staking.Validator(e.w, addr("v"))
	burned := e.staking.Slash(e.w, &e.ev, e.block, v.ConsAddress(), e.block.Height, 4, dec("0.5"), nil)
	require.Equal(t, math.NewInt(2_000_000), burned)
	v, _ = e.staking.Validator(e.w, addr("v"))
	require.Equal(t, math.NewInt(2_000_000), v.Tokens, "half the tokens are gone")
	require.Equal(t, dec("4000000"), v.DelegatorShares, "and no share")

	e.payFees("2000ustake")
	e.allocate(vote("v", 2, true))
	// 245 before the slash and 490 after, per 1,000,000 shares.
	require.Equal(t, decCoins(t, "735ustake"), e.pending("x", "v"))
	require.Equal(t, decCoins(t, "1470ustake"), e.pending("y", "v"))
	require.Equal(t, decCoins(t, "735ustake"), e.pending("v", "v"))
	e.invariant()
	require.Equal(t, coins(t, "1470ustake"), e.withdraw("y", "v"))
	e.invariant()
}

func TestWithdrawingTwicePaysNothingTheSecondTime(t *testing.T) {
	e := newEnv(t, "v", "x")
	e.createValidator("v", 1_000_000, "0")
	e.delegate("x", "v", 3_000_000)
	e.payFees("1000ustake")
	e.allocate(vote("v", 1, true))

	require.Equal(t, coins(t, "735ustake"), e.withdraw("x", "v"))
	before := e.bank.Balance(e.w, addr("x"), "ustake")
	var ev core.Events
	paid, err := e.k.WithdrawDelegatorReward(e.w, &ev, addr("x"), addr("v"))
	require.NoError(t, err)
	require.True(t, paid.IsZero())
	require.Equal(t, before, e.bank.Balance(e.w, addr("x"), "ustake"))
	require.Equal(t, []core.Event{{Type: "withdraw_rewards", Attributes: []core.Attribute{
		core.Attr("amount", "0ustake"),
		core.IndexedAttr("validator", addr("v").Valoper()),
		core.IndexedAttr("delegator", addr("x").String()),
	}}}, ev.List())
	e.invariant()
}

func TestTheDecimalChangeOfAWithdrawalGoesToTheCommunityPool(t *testing.T) {
	e := newEnv(t, "v", "x", "y")
	e.createValidator("v", 1_000_000, "0.1")
	e.delegate("x", "v", 1_000_000)
	e.delegate("y", "v", 3_000_000)
	e.payFees("1000ustake")
	e.allocate(vote("v", 1, true))
	pool := e.k.CommunityPool(e.w)
	out := e.k.OutstandingRewards(e.w, addr("v"))

	require.Equal(t, coins(t, "176ustake"), e.withdraw("x", "v"))
	require.Equal(t, pool.Add(decCoins(t, "0.4ustake")), e.k.CommunityPool(e.w))
	require.Equal(t, out.Sub(decCoins(t, "176.4ustake")), e.k.OutstandingRewards(e.w, addr("v")))
	e.invariant()
}

func TestAValidatorWithoutDelegatorSharesSendsTheDelegatorsPartToThePool(t *testing.T) {
	e := newEnv(t, "v")
	e.createValidator("v", 1_000_000, "0.1")
	e.undelegate("v", "v", 1_000_000) // still bonded until the end of the block
	v, ok := e.staking.Validator(e.w, addr("v"))
	require.True(t, ok)
	require.True(t, v.DelegatorShares.IsZero())

	e.payFees("1000ustake")
	e.allocate(vote("v", 1, true))
	require.Equal(t, decCoins(t, "98ustake"), e.k.ValidatorCommission(e.w, addr("v")))
	require.Equal(t, decCoins(t, "98ustake"), e.k.OutstandingRewards(e.w, addr("v")))
	require.Equal(t, decCoins(t, "902ustake"), e.k.CommunityPool(e.w), "tax and the delegators' 882")
	e.invariant()
}

func TestWithdrawalsRefuseUnknownValidatorsAndDelegations(t *testing.T) {
	e := newEnv(t, "v", "x")
	e.createValidator("v", 1_000_000, "0")
	_, err := e.k.WithdrawDelegatorReward(e.w, &e.ev, addr("x"), addr("v"))
	require.ErrorIs(t, err, ErrNoDelegationExists)
	_, err = e.k.WithdrawDelegatorReward(e.w, &e.ev, addr("x"), addr("nobody"))
	require.ErrorIs(t, err, ErrNoValidatorExists)
	_, err = e.k.PendingRewards(e.w, addr("x"), addr("v"))
	require.ErrorIs(t, err, ErrNoDelegationExists)
	_, err = e.k.WithdrawValidatorCommission(e.w, &e.ev, addr("v"))
	require.ErrorIs(t, err, ErrNoValidatorCommission)
}

func TestADelegationCreatedWithoutSettlingStartsNowAndEarnsNothingFromThePast(t *testing.T) {
	e := newEnv(t, "v", "x")
	e.createValidator("v", 1_000_000, "0.1")
	e.payFees("1000ustake")
	e.allocate(vote("v", 1, true))
	// x delegates without the settlement the contract requires: it has no
	// start, so it is taken to start now and earns nothing from the past.
	_, err := e.staking.Delegate(e.w, &e.ev, addr("x"), addr("v"), ustake(1_000_000_000))
	require.NoError(t, err)
	require.True(t, e.pending("x", "v").IsZero())
	require.Equal(t, decCoins(t, "882ustake"), e.pending("v", "v"))
	e.invariant()
}

func TestGenesisTurnsAFundedModuleAccountIntoTheCommunityPool(t *testing.T) {
	e := newEnv(t)
	require.NoError(t, e.bank.Send(e.w, &e.ev, addr("payer"), authtypes.ModuleAddress(ModuleName), coins(t, "5ustake")))
	require.NoError(t, e.k.InitGenesis(e.w, DefaultGenesis()))
	require.Equal(t, decCoins(t, "5ustake"), e.k.CommunityPool(e.w))
	e.invariant()

	require.Equal(t, dec("0.02"), DefaultParams().CommunityTax)
	g := DefaultGenesis()
	g.Params.CommunityTax = dec("1.01")
	require.Error(t, g.Validate())
	g.Params.CommunityTax = dec("-0.01")
	require.Error(t, g.Validate())
	g.Params.CommunityTax = math.LegacyDec{}
	require.Error(t, g.Validate())
}

func TestTheInvariantCatchesCoinsThatArriveOutsideTheAccounting(t *testing.T) {
	e := newEnv(t, "v")
	e.createValidator("v", 1_000_000, "0.1")
	e.payFees("1000ustake")
	e.allocate(vote("v", 1, true))
	e.invariant()
	require.NoError(t, e.bank.Send(e.w, &e.ev, addr("payer"), authtypes.ModuleAddress(ModuleName), coins(t, "1ustake")))
	require.ErrorContains(t, e.k.CheckInvariant(e.w), "module account holds")
}

func TestDistributionErrorCodesAreTheCosmosOnesAndUnique(t *testing.T) {
	seen := map[uint32]string{}
	for _, err := range core.RegisteredErrors() {
		if err.Codespace() != ModuleName {
			continue
		}
		prev, dup := seen[err.Code()]
		require.False(t, dup, "code %d is used by %q and %q", err.Code(), prev, err.Error())
		seen[err.Code()] = err.Error()
	}
	require.Equal(t, uint32(7), ErrNoValidatorCommission.Code())
	require.Equal(t, uint32(12), ErrNoValidatorExists.Code())
	require.Equal(t, uint32(13), ErrNoDelegationExists.Code())
}
