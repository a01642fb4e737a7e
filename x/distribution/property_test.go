package distribution

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// The property: over any history of delegations, undelegations,
// redelegations, slashes and blocks with fees, what each delegator is paid
// is what a brute-force computation gives it, which for every block splits
// each validator's delegator rewards among the delegations it has at that
// moment by their shares, in exact rational arithmetic.
//
// The bound: per denomination, a delegator receives at most
// settlementSlack less than its exact total for each settlement of one of
// its existing delegations (each payment truncates to whole coins, a loss
// below 1; the index's 18-decimal truncation adds below shares × 10^-18 per
// block), and never more than overpaySlack above it (the commission's
// truncation can leave the delegators up to 10^-18 per block more than the
// exact value).
const (
	histories          = 200
	stepsPerHistory    = 60
	settlementSlackStr = "1"
	extraSlackStr      = "0.000001"
	overpaySlackStr    = "0.000000000001"
	dustBoundStr       = "0.001"
)

var feeDenoms = []string{"uatom", "ustake"}

func TestRandomDelegationHistoriesPayEveryDelegatorItsExactShareWithinOneCoinPerSettlement(t *testing.T) {
	worst := new(big.Rat)
	var settled, blocks int
	for h := 0; h < histories; h++ {
		m := newModel(t, uint64(h))
		for i := 0; i < stepsPerHistory; i++ {
			m.step()
			if err := m.e.k.CheckInvariant(m.e.w); err != nil {
				t.Fatalf("history %d, step %d (%s): %v", h, i, m.last, err)
			}
		}
		m.withdrawAll()
		w := m.check(fmt.Sprintf("history %d", h))
		if w.Cmp(worst) > 0 {
			worst = w
		}
		for _, n := range m.settlements {
			settled += n
		}
		blocks += m.blocks
	}
	t.Logf("%d histories, %d blocks, %d settlements; the largest shortfall of one delegator in one denom was %s coins",
		histories, blocks, settled, worst.FloatString(6))
}

// model runs one random history against the real keepers and keeps the
// brute-force account beside it.
type model struct {
	t    *testing.T
	e    *env
	rng  *rand.Rand
	vals []string
	dels []string // every account that may delegate, operators included

	exact       map[string]map[string]*big.Rat // delegator → denom → reward
	received    map[string]core.Coins
	settlements map[string]int // settlements of existing delegations
	blocks      int
	last        string
}

func newModel(t *testing.T, seed uint64) *model {
	vals := []string{"v0", "v1", "v2"}
	others := []string{"d0", "d1", "d2", "d3"}
	m := &model{
		t:           t,
		e:           newEnv(t, append(append([]string{}, vals...), others...)...),
		rng:         rand.New(rand.NewPCG(seed, 0x5eed)),
		vals:        vals,
		dels:        append(append([]string{}, vals...), others...),
		exact:       map[string]map[string]*big.Rat{},
		received:    map[string]core.Coins{},
		settlements: map[string]int{},
	}
	rates := []string{"0", "0.05", "0.1", "0.2", "0.5"}
	for _, v := range vals {
		m.e.createValidator(v, 1_000_000*(1+m.rng.Int64N(100)), rates[m.rng.IntN(len(rates))])
	}
	return m
}

func (m *model) pick(from []string) string { return from[m.rng.IntN(len(from))] }

// step applies one random operation.
func (m *model) step() {
	switch r := m.rng.IntN(100); {
	case r < 35:
		m.block()
	case r < 50:
		m.delegate()
	case r < 62:
		m.undelegate()
	case r < 74:
		m.redelegate()
	case r < 82:
		m.slash()
	case r < 90:
		del, val := m.pick(m.dels), m.pick(m.vals)
		m.last = "withdraw " + del + " from " + val
		m.tx(func(w store.Writer, ev *core.Events, settle func(del, val string) error) error {
			if _, ok := m.e.staking.Delegation(w, addr(del), addr(val)); !ok {
				return ErrNoDelegationExists
			}
			return settle(del, val)
		})
	case r < 95:
		val := m.pick(m.vals)
		m.last = "withdraw commission of " + val
		m.tx(func(w store.Writer, ev *core.Events, _ func(del, val string) error) error {
			_, err := m.e.k.WithdrawValidatorCommission(w, ev, addr(val))
			return err
		})
	default:
		m.last = "two hours pass"
		m.e.block.Time = m.e.block.Time.Add(2 * time.Hour)
		m.e.staking.EndBlock(m.e.w, &m.e.ev, m.e.block)
	}
}

// tx runs f as a transaction: its writes and payments count only if it
// succeeds. settle settles one delegation, as the application does before
// a share change, and records what it paid.
func (m *model) tx(f func(w store.Writer, ev *core.Events, settle func(del, val string) error) error) {
	type payment struct {
		del  string
		paid core.Coins
	}
	c := store.NewCache(m.e.w)
	var ev core.Events
	var paid []payment
	settle := func(del, val string) error {
		_, existed := m.e.staking.Delegation(c, addr(del), addr(val))
		p, err := m.e.k.SettleDelegation(c, &ev, addr(del), addr(val))
		if err != nil {
			return err
		}
		if existed {
			paid = append(paid, payment{del, p})
		}
		return nil
	}
	if err := f(c, &ev, settle); err != nil {
		return
	}
	c.Write(m.e.w)
	for _, p := range paid {
		m.received[p.del] = m.received[p.del].Add(p.paid)
		m.settlements[p.del]++
	}
}

func (m *model) amount(max math.Int) core.Coin {
	if m.rng.IntN(4) == 0 || !max.IsInt64() {
		return core.Coin{Denom: "ustake", Amount: max}
	}
	return ustake(1 + m.rng.Int64N(max.Int64()))
}

func (m *model) delegate() {
	del, val := m.pick(m.dels), m.pick(m.vals)
	amt := ustake(1 + m.rng.Int64N(50_000_000))
	m.last = fmt.Sprintf("%s delegates %s to %s", del, amt, val)
	m.tx(func(w store.Writer, ev *core.Events, settle func(del, val string) error) error {
		if err := settle(del, val); err != nil {
			return err
		}
		_, err := m.e.staking.Delegate(w, ev, addr(del), addr(val), amt)
		return err
	})
}

// worth is what del's delegation to val is worth in tokens, zero if none.
func (m *model) worth(del, val string) math.Int {
	d, ok := m.e.staking.Delegation(m.e.w, addr(del), addr(val))
	if !ok {
		return math.ZeroInt()
	}
	v, ok := m.e.staking.Validator(m.e.w, addr(val))
	if !ok || v.DelegatorShares.IsZero() {
		return math.ZeroInt()
	}
	return v.TokensFromShares(d.Shares).TruncateInt()
}

func (m *model) undelegate() {
	del, val := m.pick(m.dels), m.pick(m.vals)
	worth := m.worth(del, val)
	if !worth.IsPositive() {
		m.last = "nothing to undelegate"
		return
	}
	amt := m.amount(worth)
	m.last = fmt.Sprintf("%s undelegates %s from %s", del, amt, val)
	m.tx(func(w store.Writer, ev *core.Events, settle func(del, val string) error) error {
		if err := settle(del, val); err != nil {
			return err
		}
		_, _, err := m.e.staking.Undelegate(w, ev, m.e.block, addr(del), addr(val), amt)
		return err
	})
}

func (m *model) redelegate() {
	del, src, dst := m.pick(m.dels), m.pick(m.vals), m.pick(m.vals)
	worth := m.worth(del, src)
	if src == dst || !worth.IsPositive() {
		m.last = "nothing to redelegate"
		return
	}
	amt := m.amount(worth)
	m.last = fmt.Sprintf("%s redelegates %s from %s to %s", del, amt, src, dst)
	m.tx(func(w store.Writer, ev *core.Events, settle func(del, val string) error) error {
		if err := settle(del, src); err != nil {
			return err
		}
		if err := settle(del, dst); err != nil {
			return err
		}
		_, err := m.e.staking.BeginRedelegate(w, ev, m.e.block, addr(del), addr(src), addr(dst), amt)
		return err
	})
}

// slash slashes a validator for a recent infraction, first settling the
// destination delegations of its redelegations, whose shares a slash for
// an earlier height cuts.
func (m *model) slash() {
	val := m.pick(m.vals)
	v, ok := m.e.staking.Validator(m.e.w, addr(val))
	if !ok {
		m.last = "no validator to slash"
		return
	}
	fraction := math.LegacyNewDecWithPrec(1+m.rng.Int64N(30), 2)
	infraction := max(1, m.e.block.Height-m.rng.Int64N(6))
	power := 1 + m.rng.Int64N(100)
	m.last = fmt.Sprintf("%s is slashed %s for height %d at %d", val, fraction, infraction, m.e.block.Height)
	m.tx(func(w store.Writer, ev *core.Events, settle func(del, val string) error) error {
		for _, del := range m.dels {
			for _, dst := range m.vals {
				if len(m.e.staking.Redelegation(w, addr(del), addr(val), addr(dst)).Entries) > 0 {
					if err := settle(del, dst); err != nil {
						return err
					}
				}
			}
		}
		m.e.staking.Slash(w, ev, m.e.block, v.ConsAddress(), infraction, power, fraction, nil) // settled above
		return nil
	})
}

// block pays random fees, credits the brute-force account, allocates them
// with random votes, and ends the block.
func (m *model) block() {
	e := m.e
	var fees core.Coins
	for _, d := range feeDenoms {
		if n := m.rng.Int64N(5_000); n > 0 && m.rng.IntN(3) > 0 {
			fees = append(fees, core.NewCoin(d, n))
		}
	}
	if !fees.IsZero() {
		e.payFees(fees.String())
	}
	var votes []core.Vote
	for _, v := range m.vals {
		votes = append(votes, vote(v, 1+m.rng.Int64N(100), m.rng.IntN(10) < 8))
	}
	if m.rng.IntN(5) == 0 {
		votes = append(votes, vote("ghost", 1+m.rng.Int64N(100), true))
	}
	m.last = fmt.Sprintf("block %d with fees %q", e.block.Height, fees)
	m.bruteForce(fees, votes)

	var ev core.Events
	e.k.BeginBlock(e.w, &ev, e.block, votes)
	e.staking.EndBlock(e.w, &ev, e.block)
	e.block.Height++
	e.block.Time = e.block.Time.Add(5 * time.Second)
	m.blocks++
}

func ratOf(d math.LegacyDec) *big.Rat {
	return new(big.Rat).SetFrac(d.BigInt(), new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil))
}

// bruteForce credits every delegation, exactly, with its share by current
// shares of its validator's delegator rewards for this block.
func (m *model) bruteForce(fees core.Coins, votes []core.Vote) {
	e := m.e
	total := int64(0)
	for _, v := range votes {
		if v.Signed {
			total += v.Power
		}
	}
	if total == 0 || fees.IsZero() {
		return
	}
	keep := new(big.Rat).Sub(big.NewRat(1, 1), ratOf(e.k.Params(e.w).CommunityTax))
	for _, vt := range votes {
		if !vt.Signed {
			continue
		}
		val, ok := e.staking.ValidatorByConsAddr(e.w, vt.ConsAddr)
		if !ok || val.DelegatorShares.IsZero() {
			continue
		}
		// fraction of the fees that goes to val's delegators
		share := new(big.Rat).Mul(keep, big.NewRat(vt.Power, total))
		share.Mul(share, new(big.Rat).Sub(big.NewRat(1, 1), ratOf(val.Commission.Rate)))
		totalShares := ratOf(val.DelegatorShares)
		sum := new(big.Rat)
		for _, del := range m.dels {
			d, ok := e.staking.Delegation(e.w, addr(del), val.Operator)
			if !ok {
				continue
			}
			s := ratOf(d.Shares)
			sum.Add(sum, s)
			part := new(big.Rat).Mul(share, new(big.Rat).Quo(s, totalShares))
			for _, c := range fees {
				amt := new(big.Rat).Mul(part, new(big.Rat).SetInt(c.Amount.BigInt()))
				m.credit(del, c.Denom, amt)
			}
		}
		require.Equal(m.t, 0, sum.Cmp(totalShares), "the delegations of %s add up to its shares", val.Operator.Valoper())
	}
}

func (m *model) credit(del, denom string, amt *big.Rat) {
	if m.exact[del] == nil {
		m.exact[del] = map[string]*big.Rat{}
	}
	if m.exact[del][denom] == nil {
		m.exact[del][denom] = new(big.Rat)
	}
	m.exact[del][denom].Add(m.exact[del][denom], amt)
}

// withdrawAll settles every delegation.
func (m *model) withdrawAll() {
	for _, del := range m.dels {
		for _, d := range m.e.staking.DelegatorDelegations(m.e.w, addr(del)) {
			val := d.Validator
			m.tx(func(w store.Writer, ev *core.Events, _ func(del, val string) error) error {
				p, err := m.e.k.WithdrawDelegatorReward(w, ev, addr(del), val)
				if err == nil {
					m.received[del] = m.received[del].Add(p)
					m.settlements[del]++
				}
				return err
			})
		}
	}
	require.NoError(m.t, m.e.k.CheckInvariant(m.e.w))
}

// check compares what each delegator received with the brute force, and
// that no validator holds more than dust for its delegators once all have
// withdrawn. It returns the largest shortfall.
func (m *model) check(history string) *big.Rat {
	one := ratOf(math.LegacyMustNewDecFromStr(settlementSlackStr))
	extra := ratOf(math.LegacyMustNewDecFromStr(extraSlackStr))
	over := ratOf(math.LegacyMustNewDecFromStr(overpaySlackStr))
	worst := new(big.Rat)
	for _, del := range m.dels {
		bound := new(big.Rat).Mul(one, big.NewRat(int64(m.settlements[del]), 1))
		bound.Add(bound, extra)
		for _, denom := range feeDenoms {
			exact := new(big.Rat)
			if x := m.exact[del][denom]; x != nil {
				exact = x
			}
			got := new(big.Rat).SetInt(m.received[del].AmountOf(denom).BigInt())
			short := new(big.Rat).Sub(exact, got)
			require.True(m.t, short.Cmp(new(big.Rat).Neg(over)) >= 0,
				"%s: %s received %s%s, more than its exact %s", history, del, got.FloatString(0), denom, exact.FloatString(18))
			require.True(m.t, short.Cmp(bound) < 0,
				"%s: %s received %s%s, exact %s: short by %s after %d settlements", history, del, got.FloatString(0), denom,
				exact.FloatString(18), short.FloatString(18), m.settlements[del])
			if short.Cmp(worst) > 0 {
				worst = short
			}
		}
	}
	dust := ratOf(math.LegacyMustNewDecFromStr(dustBoundStr))
	for _, v := range m.vals {
		left := m.e.k.OutstandingRewards(m.e.w, addr(v)).Sub(m.e.k.ValidatorCommission(m.e.w, addr(v)))
		for _, c := range left {
			require.True(m.t, ratOf(c.Amount).Cmp(dust) < 0, "%s: %s still holds %s for delegators who have all withdrawn", history, v, c.Amount)
		}
	}
	// The fee collector was emptied every block; nothing is stuck there.
	require.True(m.t, m.e.bank.Balances(m.e.w, authtypes.ModuleAddress(auth.FeeCollectorName)).IsZero())
	return worst
}
