package staking

import (
	"time"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// Delegation returns del's shares of val.
func (k Keeper) Delegation(r store.Reader, del, val authtypes.Address) (Delegation, bool) {
	bz := r.Get(delegationKey(del, val))
	if bz == nil {
		return Delegation{}, false
	}
	return decodeDelegation(bz), true
}

// DelegatorDelegations returns del's delegations in validator order.
func (k Keeper) DelegatorDelegations(r store.Reader, del authtypes.Address) []Delegation {
	prefix := delegationsOf(del)
	var out []Delegation
	r.Iterate(prefix, store.PrefixEnd(prefix), func(_, value []byte) bool {
		out = append(out, decodeDelegation(value))
		return true
	})
	return out
}

func (k Keeper) setDelegation(w store.Writer, d Delegation) {
	if d.Shares.IsZero() {
		w.Delete(delegationKey(d.Delegator, d.Validator))
		return
	}
	w.Set(delegationKey(d.Delegator, d.Validator), encodeDelegation(d))
}

// Delegate moves amount of the bond denom from del's balance into val's
// pool and gives del the shares it buys.
func (k Keeper) Delegate(w store.Writer, ev *core.Events, del, val authtypes.Address, amount core.Coin) (math.LegacyDec, error) {
	p := k.Params(w)
	if amount.Denom != p.BondDenom {
		return math.LegacyDec{}, ErrBadDenom.Wrapf("got %s, the bond denom is %s", amount.Denom, p.BondDenom)
	}
	if !amount.Amount.IsPositive() {
		return math.LegacyDec{}, ErrBadAmount
	}
	v, ok := k.Validator(w, val)
	if !ok {
		return math.LegacyDec{}, ErrValidatorNotFound.Wrap(val.Valoper())
	}
	if err := k.bank.Send(w, ev, del, authtypes.ModuleAddress(poolOf(v.Status)), core.Coins{amount}); err != nil {
		return math.LegacyDec{}, err
	}
	shares, err := k.addTokens(w, p, &v, amount.Amount)
	if err != nil {
		return math.LegacyDec{}, err
	}
	d, _ := k.Delegation(w, del, val)
	if d.Shares.IsNil() {
		d = Delegation{Delegator: del, Validator: val, Shares: math.LegacyZeroDec()}
	}
	d.Shares = d.Shares.Add(shares)
	k.setDelegation(w, d)
	ev.Emit("delegate",
		core.IndexedAttr("validator", val.Valoper()),
		core.IndexedAttr("delegator", del.String()),
		core.Attr("amount", amount.String()),
		core.Attr("new_shares", shares.String()))
	return shares, nil
}

// addTokens adds tokens already moved into v's pool and mints the shares
// they buy.
func (k Keeper) addTokens(w store.Writer, p Params, v *Validator, tokens math.Int) (math.LegacyDec, error) {
	var shares math.LegacyDec
	if v.DelegatorShares.IsZero() {
		shares = math.LegacyNewDecFromInt(tokens)
	} else {
		var err error
		if shares, err = v.SharesFromTokens(tokens); err != nil {
			return shares, err
		}
	}
	if !shares.IsPositive() {
		return shares, ErrTinyAmount
	}
	v.Tokens = v.Tokens.Add(tokens)
	v.DelegatorShares = v.DelegatorShares.Add(shares)
	k.setValidator(w, p, *v)
	return shares, nil
}

// unbond removes shares of del in val and returns the tokens they were
// worth, which stay in val's pool for the caller to move. A delegation left
// with no shares is deleted; an operator whose self-delegation falls below
// its minimum is jailed.
func (k Keeper) unbond(w store.Writer, p Params, del, val authtypes.Address, shares math.LegacyDec) (Validator, math.Int, error) {
	d, ok := k.Delegation(w, del, val)
	if !ok {
		return Validator{}, math.Int{}, ErrNoDelegation.Wrapf("%s to %s", del, val.Valoper())
	}
	if shares.GT(d.Shares) {
		return Validator{}, math.Int{}, ErrInsufficientShares.Wrapf("asked for %s shares, the delegation has %s", shares, d.Shares)
	}
	v, ok := k.Validator(w, val)
	if !ok {
		return Validator{}, math.Int{}, ErrValidatorNotFound.Wrap(val.Valoper())
	}
	d.Shares = d.Shares.Sub(shares)
	k.setDelegation(w, d)

	var tokens math.Int
	if shares.Equal(v.DelegatorShares) {
		tokens = v.Tokens // the last shares take every token, no dust left
	} else {
		tokens = v.TokensFromShares(shares).TruncateInt()
	}
	v.Tokens = v.Tokens.Sub(tokens)
	v.DelegatorShares = v.DelegatorShares.Sub(shares)

	if del.Equal(val) && !v.Jailed {
		self := math.ZeroInt()
		if d.Shares.IsPositive() {
			self = v.TokensFromShares(d.Shares).TruncateInt()
		}
		if self.LT(v.MinSelfDelegation) {
			v.Jailed = true
		}
	}
	if v.DelegatorShares.IsZero() && v.Status == Unbonded {
		k.removeValidator(w, v)
	} else {
		k.setValidator(w, p, v)
	}
	return v, tokens, nil
}

// sharesFor converts a token amount to the shares of del's delegation to
// val that it stands for, capped at the whole delegation.
func (k Keeper) sharesFor(w store.Writer, p Params, del, val authtypes.Address, amount core.Coin) (math.LegacyDec, error) {
	if amount.Denom != p.BondDenom {
		return math.LegacyDec{}, ErrBadDenom.Wrapf("got %s, the bond denom is %s", amount.Denom, p.BondDenom)
	}
	if !amount.Amount.IsPositive() {
		return math.LegacyDec{}, ErrBadAmount
	}
	v, ok := k.Validator(w, val)
	if !ok {
		return math.LegacyDec{}, ErrValidatorNotFound.Wrap(val.Valoper())
	}
	d, ok := k.Delegation(w, del, val)
	if !ok {
		return math.LegacyDec{}, ErrNoDelegation.Wrapf("%s to %s", del, val.Valoper())
	}
	shares, err := v.SharesFromTokens(amount.Amount)
	if err != nil {
		return shares, err
	}
	if shares.GT(d.Shares) {
		// Rounding may ask for a hair more than the delegation holds when
		// a delegator undelegates everything it sees.
		if v.TokensFromShares(d.Shares).TruncateInt().LT(amount.Amount) {
			return shares, ErrInsufficientShares.Wrapf("the delegation is worth %s%s", v.TokensFromShares(d.Shares).TruncateInt(), p.BondDenom)
		}
		shares = d.Shares
	}
	if !shares.IsPositive() {
		return shares, ErrTinyAmount
	}
	return shares, nil
}

// Undelegate unbonds amount of del's delegation to val. The tokens go to the
// not-bonded pool and are paid to del when the unbonding period ends, unless
// slashed for an earlier infraction meanwhile. It returns the completion
// time.
func (k Keeper) Undelegate(w store.Writer, ev *core.Events, b core.Block, del, val authtypes.Address, amount core.Coin) (time.Time, math.Int, error) {
	p := k.Params(w)
	shares, err := k.sharesFor(w, p, del, val, amount)
	if err != nil {
		return time.Time{}, math.Int{}, err
	}
	ubd := k.UnbondingDelegation(w, del, val)
	if uint32(len(ubd.Entries)) >= p.MaxEntries {
		return time.Time{}, math.Int{}, ErrTooManyEntries.Wrapf("%d unbondings of %s from %s are in flight", len(ubd.Entries), del, val.Valoper())
	}
	v, tokens, err := k.unbond(w, p, del, val, shares)
	if err != nil {
		return time.Time{}, math.Int{}, err
	}
	if !tokens.IsPositive() {
		return time.Time{}, math.Int{}, ErrTinyAmount
	}
	k.moveTokens(w, p, poolOf(v.Status), NotBondedPoolName, tokens)

	done := b.Time.Add(p.UnbondingTime.D())
	ubd.Delegator, ubd.Validator = del, val
	ubd.Entries = append(ubd.Entries, UnbondingEntry{CreationHeight: b.Height, CompletionTime: done, InitialBalance: tokens, Balance: tokens})
	k.setUnbondingDelegation(w, ubd)
	w.Set(ubdQueueKey(done, del, val), present)
	ev.Emit("unbond",
		core.IndexedAttr("validator", val.Valoper()),
		core.IndexedAttr("delegator", del.String()),
		core.Attr("amount", core.Coin{Denom: p.BondDenom, Amount: tokens}.String()),
		core.Attr("completion_time", done.UTC().Format(time.RFC3339Nano)))
	return done, tokens, nil
}

// BeginRedelegate moves amount of del's delegation from src to dst at once;
// the moved stake stays slashable for src's infractions until the unbonding
// period ends. It returns the completion time.
func (k Keeper) BeginRedelegate(w store.Writer, ev *core.Events, b core.Block, del, src, dst authtypes.Address, amount core.Coin) (time.Time, error) {
	p := k.Params(w)
	if src.Equal(dst) {
		return time.Time{}, ErrSelfRedelegation
	}
	dstVal, ok := k.Validator(w, dst)
	if !ok {
		return time.Time{}, ErrValidatorNotFound.Wrapf("destination %s", dst.Valoper())
	}
	if k.hasMaturingRedelegationTo(w, del, src) {
		return time.Time{}, ErrTransitiveRedelegation
	}
	red := k.Redelegation(w, del, src, dst)
	if uint32(len(red.Entries)) >= p.MaxEntries {
		return time.Time{}, ErrTooManyEntries.Wrapf("%d redelegations of %s from %s to %s are in flight", len(red.Entries), del, src.Valoper(), dst.Valoper())
	}
	shares, err := k.sharesFor(w, p, del, src, amount)
	if err != nil {
		return time.Time{}, err
	}
	srcVal, tokens, err := k.unbond(w, p, del, src, shares)
	if err != nil {
		return time.Time{}, err
	}
	if !tokens.IsPositive() {
		return time.Time{}, ErrTinyAmount
	}
	dstVal, _ = k.Validator(w, dst) // unbond may have changed it if dst's operator is del
	k.moveTokens(w, p, poolOf(srcVal.Status), poolOf(dstVal.Status), tokens)
	dstShares, err := k.addTokens(w, p, &dstVal, tokens)
	if err != nil {
		return time.Time{}, err
	}
	d, _ := k.Delegation(w, del, dst)
	if d.Shares.IsNil() {
		d = Delegation{Delegator: del, Validator: dst, Shares: math.LegacyZeroDec()}
	}
	d.Shares = d.Shares.Add(dstShares)
	k.setDelegation(w, d)

	done := b.Time
	if srcVal.Status != Unbonded {
		// Stake that left a validator that is, or may still be, slashable
		// stays exposed to it until the unbonding period ends.
		done = b.Time.Add(p.UnbondingTime.D())
		red.Delegator, red.Src, red.Dst = del, src, dst
		red.Entries = append(red.Entries, RedelegationEntry{CreationHeight: b.Height, CompletionTime: done, InitialBalance: tokens, SharesDst: dstShares})
		k.setRedelegation(w, red)
		w.Set(redQueueKey(done, del, src, dst), present)
	}
	ev.Emit("redelegate",
		core.IndexedAttr("source_validator", src.Valoper()),
		core.IndexedAttr("destination_validator", dst.Valoper()),
		core.IndexedAttr("delegator", del.String()),
		core.Attr("amount", core.Coin{Denom: p.BondDenom, Amount: tokens}.String()),
		core.Attr("completion_time", done.UTC().Format(time.RFC3339Nano)))
	return done, nil
}
