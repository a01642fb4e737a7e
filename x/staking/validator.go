package staking

import (
	"time"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// CreateValidator is a new validator's declaration; the operator's account
// self-delegates Amount.
type CreateValidator struct {
	Operator          authtypes.Address
	ConsPubKey        []byte
	Description       Description
	Commission        CommissionRates
	MinSelfDelegation math.Int
	Amount            core.Coin
}

// CreateValidator registers a validator and its self-delegation. It starts
// unbonded; EndBlock bonds it if its power ranks it into the set.
func (k Keeper) CreateValidator(w store.Writer, ev *core.Events, b core.Block, m CreateValidator) error {
	p := k.Params(w)
	if _, ok := k.Validator(w, m.Operator); ok {
		return ErrValidatorExists.Wrap(m.Operator.Valoper())
	}
	if len(m.ConsPubKey) != 32 {
		return ErrBadConsKey.Wrapf("key is %d bytes", len(m.ConsPubKey))
	}
	if w.Has(consIndexKey(consAddress(m.ConsPubKey))) {
		return ErrConsKeyInUse
	}
	if err := m.Description.Validate(); err != nil {
		return err
	}
	if err := m.Commission.Validate(p.MinCommissionRate); err != nil {
		return err
	}
	if m.MinSelfDelegation.IsNil() || !m.MinSelfDelegation.IsPositive() {
		return ErrBadMinSelfDelegation.Wrap("it must be a positive integer")
	}
	if m.Amount.Denom != p.BondDenom {
		return ErrBadDenom.Wrapf("got %s, the bond denom is %s", m.Amount.Denom, p.BondDenom)
	}
	if m.Amount.Amount.LT(m.MinSelfDelegation) {
		return ErrSelfDelegationTooLow.Wrapf("self-delegation %s is below the minimum %s", m.Amount.Amount, m.MinSelfDelegation)
	}
	v := Validator{
		Operator:          m.Operator,
		ConsPubKey:        m.ConsPubKey,
		Status:            Unbonded,
		Tokens:            math.ZeroInt(),
		DelegatorShares:   math.LegacyZeroDec(),
		Description:       m.Description,
		Commission:        m.Commission,
		CommissionUpdated: b.Time,
		MinSelfDelegation: m.MinSelfDelegation,
	}
	k.setValidator(w, p, v)
	ev.Emit("create_validator",
		core.IndexedAttr("validator", m.Operator.Valoper()),
		core.Attr("amount", m.Amount.String()))
	_, err := k.Delegate(w, ev, m.Operator, m.Operator, m.Amount)
	return err
}

// EditValidator changes a validator's description (fields given as
// DoNotModify stay), its commission rate (at most once per 24 hours, by at
// most the max change rate) and its minimum self-delegation (only up, and
// not above its current self-delegation).
type EditValidator struct {
	Operator          authtypes.Address
	Description       Description
	CommissionRate    *math.LegacyDec
	MinSelfDelegation *math.Int
}

// DoNotModify in a description field of EditValidator keeps the old value.
const DoNotModify = "[do-not-modify]"

// EditValidator applies an EditValidator.
func (k Keeper) EditValidator(w store.Writer, ev *core.Events, b core.Block, m EditValidator) error {
	p := k.Params(w)
	v, ok := k.Validator(w, m.Operator)
	if !ok {
		return ErrValidatorNotFound.Wrap(m.Operator.Valoper())
	}
	d := mergeDescription(v.Description, m.Description)
	if err := d.Validate(); err != nil {
		return err
	}
	v.Description = d
	if m.CommissionRate != nil {
		rate := *m.CommissionRate
		if b.Time.Sub(v.CommissionUpdated) < 24*time.Hour {
			return ErrCommissionChangedToday.Wrapf("last changed at %s", v.CommissionUpdated.UTC().Format(time.RFC3339))
		}
		c := v.Commission
		if rate.Sub(c.Rate).Abs().GT(c.MaxChangeRate) {
			return ErrCommissionChangeTooBig.Wrapf("from %s to %s exceeds %s", c.Rate, rate, c.MaxChangeRate)
		}
		c.Rate = rate
		if err := c.Validate(p.MinCommissionRate); err != nil {
			return err
		}
		v.Commission = c
		v.CommissionUpdated = b.Time
	}
	if m.MinSelfDelegation != nil {
		msd := *m.MinSelfDelegation
		if !msd.GT(v.MinSelfDelegation) {
			return ErrBadMinSelfDelegation.Wrap("it may only be raised")
		}
		self := math.ZeroInt()
		if d, ok := k.Delegation(w, v.Operator, v.Operator); ok {
			self = v.TokensFromShares(d.Shares).TruncateInt()
		}
		if msd.GT(self) {
			return ErrSelfDelegationTooLow.Wrapf("the self-delegation is %s", self)
		}
		v.MinSelfDelegation = msd
	}
	k.setValidator(w, p, v)
	ev.Emit("edit_validator",
		core.IndexedAttr("validator", v.Operator.Valoper()),
		core.Attr("commission_rate", v.Commission.Rate.String()),
		core.Attr("min_self_delegation", v.MinSelfDelegation.String()))
	return nil
}

func mergeDescription(old, upd Description) Description {
	pick := func(o, n string) string {
		if n == DoNotModify {
			return o
		}
		return n
	}
	return Description{
		Moniker:         pick(old.Moniker, upd.Moniker),
		Identity:        pick(old.Identity, upd.Identity),
		Website:         pick(old.Website, upd.Website),
		SecurityContact: pick(old.SecurityContact, upd.SecurityContact),
		Details:         pick(old.Details, upd.Details),
	}
}

// Jail takes the validator with the given consensus address out of the
// ranking; EndBlock then removes it from the set.
func (k Keeper) Jail(w store.Writer, ev *core.Events, cons []byte) {
	v, ok := k.ValidatorByConsAddr(w, cons)
	if !ok || v.Jailed {
		return
	}
	v.Jailed = true
	k.setValidator(w, k.Params(w), v)
	ev.Emit("jail", core.IndexedAttr("validator", v.Operator.Valoper()))
}

// Unjail lets a jailed validator be ranked again; its self-delegation must
// meet its minimum.
func (k Keeper) Unjail(w store.Writer, ev *core.Events, op authtypes.Address) error {
	v, ok := k.Validator(w, op)
	if !ok {
		return ErrValidatorNotFound.Wrap(op.Valoper())
	}
	self := math.ZeroInt()
	if d, ok := k.Delegation(w, op, op); ok {
		self = v.TokensFromShares(d.Shares).TruncateInt()
	}
	if self.LT(v.MinSelfDelegation) {
		return ErrSelfDelegationTooLow.Wrapf("self-delegation %s is below the minimum %s", self, v.MinSelfDelegation)
	}
	v.Jailed = false
	k.setValidator(w, k.Params(w), v)
	ev.Emit("unjail", core.IndexedAttr("validator", op.Valoper()))
	return nil
}
