package staking

import (
	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// ShareCut is called by Slash just before it removes shares of a delegation
// (the destination of a redelegation that is slashed), so that whoever
// accounts per share (distribution) can settle the delegation first.
type ShareCut func(w store.Writer, ev *core.Events, del, val authtypes.Address)

// Slash burns fraction of the stake a validator had bonded at an infraction:
// power is its voting power at infractionHeight. Stake that has left it
// since the infraction — unbonding entries and redelegations that began at
// or after infractionHeight — pays its share first, then the validator's
// tokens pay the rest (capped at what it has). It returns the tokens
// burned. Delegators are never visited: their shares simply become worth
// less.
func (k Keeper) Slash(w store.Writer, ev *core.Events, b core.Block, cons []byte, infractionHeight, power int64, fraction math.LegacyDec, cut ShareCut) math.Int {
	p := k.Params(w)
	v, ok := k.ValidatorByConsAddr(w, cons)
	if !ok {
		return math.ZeroInt() // gone: unbonded and emptied since
	}
	owed := math.LegacyNewDecFromInt(math.NewInt(power).Mul(p.PowerReduction)).Mul(fraction).TruncateInt()
	burned := math.ZeroInt()
	remaining := owed

	if infractionHeight < b.Height {
		for _, del := range k.unbondingDelegatorsOf(w, v.Operator) {
			remaining = remaining.Sub(k.slashUnbonding(w, p, b, del, v.Operator, infractionHeight, fraction, &burned))
		}
		for _, red := range k.redelegationsFrom(w, v.Operator) {
			remaining = remaining.Sub(k.slashRedelegation(w, ev, p, b, red, infractionHeight, fraction, cut, &burned))
		}
	}

	v, ok = k.ValidatorByConsAddr(w, cons) // redelegation slashing may have touched it
	if !ok {
		return burned
	}
	if remaining.IsPositive() {
		take := math.MinInt(remaining, v.Tokens)
		v.Tokens = v.Tokens.Sub(take)
		k.burn(w, p, poolOf(v.Status), take)
		burned = burned.Add(take)
		if v.DelegatorShares.IsZero() && v.Status == Unbonded {
			k.removeValidator(w, v)
		} else {
			k.setValidator(w, p, v)
		}
	}
	ev.Emit("slash",
		core.IndexedAttr("validator", v.Operator.Valoper()),
		core.Attr("infraction_height", itoa64(infractionHeight)),
		core.Attr("fraction", fraction.String()),
		core.Attr("burned", core.Coin{Denom: p.BondDenom, Amount: burned}.String()))
	return burned
}

// slashUnbonding cuts the entries of del's unbonding from val that began at
// or after the infraction and have not completed; it returns what the
// entries owed (fraction of their initial balance), of which at most their
// balance is burned.
func (k Keeper) slashUnbonding(w store.Writer, p Params, b core.Block, del, val authtypes.Address, infraction int64, fraction math.LegacyDec, burned *math.Int) math.Int {
	u := k.UnbondingDelegation(w, del, val)
	owed := math.ZeroInt()
	for i, e := range u.Entries {
		if e.CreationHeight < infraction || !e.CompletionTime.After(b.Time) {
			continue
		}
		due := math.LegacyNewDecFromInt(e.InitialBalance).Mul(fraction).TruncateInt()
		owed = owed.Add(due)
		take := math.MinInt(due, e.Balance)
		u.Entries[i].Balance = e.Balance.Sub(take)
		k.burn(w, p, NotBondedPoolName, take)
		*burned = burned.Add(take)
	}
	k.setUnbondingDelegation(w, u)
	return owed
}

// slashRedelegation takes, for each entry that began at or after the
// infraction, fraction of its initial balance out of the delegation the
// stake moved to, unbonding those shares at the destination and burning
// the tokens.
func (k Keeper) slashRedelegation(w store.Writer, ev *core.Events, p Params, b core.Block, red Redelegation, infraction int64, fraction math.LegacyDec, cut ShareCut, burned *math.Int) math.Int {
	owed := math.ZeroInt()
	for _, e := range red.Entries {
		if e.CreationHeight < infraction || !e.CompletionTime.After(b.Time) {
			continue
		}
		due := math.LegacyNewDecFromInt(e.InitialBalance).Mul(fraction).TruncateInt()
		owed = owed.Add(due)
		shares := e.SharesDst.Mul(fraction)
		d, ok := k.Delegation(w, red.Delegator, red.Dst)
		if !ok {
			continue // already undelegated: the unbonding entry at dst is not src's to cut
		}
		shares = math.LegacyMinDec(shares, d.Shares)
		if !shares.IsPositive() {
			continue
		}
		if cut != nil {
			cut(w, ev, red.Delegator, red.Dst)
		}
		dst, tokens, err := k.unbond(w, p, red.Delegator, red.Dst, shares)
		if err != nil {
			panic("staking: slashing a redelegation: " + err.Error())
		}
		k.burn(w, p, poolOf(dst.Status), tokens)
		*burned = burned.Add(tokens)
	}
	return owed
}

func (k Keeper) unbondingDelegatorsOf(r store.Reader, val authtypes.Address) []authtypes.Address {
	prefix := store.Key(ubdByValPrefix, store.LengthPrefixed(val))
	var out []authtypes.Address
	r.Iterate(prefix, store.PrefixEnd(prefix), func(key, _ []byte) bool {
		out = append(out, append(authtypes.Address(nil), key[len(prefix):]...))
		return true
	})
	return out
}

func (k Keeper) redelegationsFrom(r store.Reader, src authtypes.Address) []Redelegation {
	prefix := store.Key(redBySrcPrefix, store.LengthPrefixed(src))
	var out []Redelegation
	r.Iterate(prefix, store.PrefixEnd(prefix), func(key, _ []byte) bool {
		del, rest := splitLP(key[len(prefix):])
		out = append(out, k.Redelegation(r, append(authtypes.Address(nil), del...), src, append(authtypes.Address(nil), rest...)))
		return true
	})
	return out
}

func itoa64(n int64) string { return math.NewInt(n).String() }
