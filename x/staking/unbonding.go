package staking

import (
	"fmt"
	"time"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// UnbondingDelegation returns del's unbonding entries with val (none if
// there are none).
func (k Keeper) UnbondingDelegation(r store.Reader, del, val authtypes.Address) UnbondingDelegation {
	bz := r.Get(unbondingKey(del, val))
	if bz == nil {
		return UnbondingDelegation{Delegator: del, Validator: val}
	}
	return decodeUnbonding(bz)
}

// DelegatorUnbondingDelegations returns del's unbonding delegations in
// validator order.
func (k Keeper) DelegatorUnbondingDelegations(r store.Reader, del authtypes.Address) []UnbondingDelegation {
	prefix := unbondingsOf(del)
	var out []UnbondingDelegation
	r.Iterate(prefix, store.PrefixEnd(prefix), func(_, bz []byte) bool {
		out = append(out, decodeUnbonding(bz))
		return true
	})
	return out
}

func (k Keeper) setUnbondingDelegation(w store.Writer, u UnbondingDelegation) {
	if len(u.Entries) == 0 {
		w.Delete(unbondingKey(u.Delegator, u.Validator))
		w.Delete(ubdByValKey(u.Validator, u.Delegator))
		return
	}
	w.Set(unbondingKey(u.Delegator, u.Validator), encodeUnbonding(u))
	w.Set(ubdByValKey(u.Validator, u.Delegator), present)
}

// Redelegation returns del's redelegation entries from src to dst.
func (k Keeper) Redelegation(r store.Reader, del, src, dst authtypes.Address) Redelegation {
	bz := r.Get(redelegationKey(del, src, dst))
	if bz == nil {
		return Redelegation{Delegator: del, Src: src, Dst: dst}
	}
	return decodeRedelegation(bz)
}

func (k Keeper) setRedelegation(w store.Writer, red Redelegation) {
	if len(red.Entries) == 0 {
		w.Delete(redelegationKey(red.Delegator, red.Src, red.Dst))
		w.Delete(redBySrcKey(red.Src, red.Delegator, red.Dst))
		w.Delete(redByDstKey(red.Dst, red.Delegator, red.Src))
		return
	}
	w.Set(redelegationKey(red.Delegator, red.Src, red.Dst), encodeRedelegation(red))
	w.Set(redBySrcKey(red.Src, red.Delegator, red.Dst), present)
	w.Set(redByDstKey(red.Dst, red.Delegator, red.Src), present)
}

// hasMaturingRedelegationTo reports whether del has stake redelegated to
// val that is still exposed to its source: such stake may not move on.
func (k Keeper) hasMaturingRedelegationTo(r store.Reader, del, val authtypes.Address) bool {
	prefix := store.Key(redByDstPrefix, store.LengthPrefixed(val), store.LengthPrefixed(del))
	found := false
	r.Iterate(prefix, store.PrefixEnd(prefix), func(_, _ []byte) bool {
		found = true
		return false
	})
	return found
}

// completeUnbondings pays out the unbonding entries that have matured by
// now and removes matured redelegation entries.
func (k Keeper) completeUnbondings(w store.Writer, ev *core.Events, p Params, now time.Time) {
	end := store.Key(ubdQueuePrefix, timeKey(now.Add(1)))
	var due [][]byte
	w.Iterate(ubdQueuePrefix, end, func(key, _ []byte) bool {
		due = append(due, append([]byte(nil), key...))
		return true
	})
	for _, key := range due {
		w.Delete(key)
		rest := key[len(ubdQueuePrefix)+8:]
		del, rest := splitLP(rest)
		val := authtypes.Address(rest)
		u := k.UnbondingDelegation(w, del, val)
		kept := u.Entries[:0]
		for _, e := range u.Entries {
			if e.CompletionTime.After(now) {
				kept = append(kept, e)
				continue
			}
			if e.Balance.IsPositive() {
				coins := core.Coins{{Denom: p.BondDenom, Amount: e.Balance}}
				var transfer core.Events
				if err := k.bank.Send(w, &transfer, authtypes.ModuleAddress(NotBondedPoolName), del, coins); err != nil {
					panic(fmt.Sprintf("staking: not-bonded pool cannot pay %s: %v", coins, err))
				}
			}
			ev.Emit("complete_unbonding",
				core.Attr("amount", core.Coin{Denom: p.BondDenom, Amount: e.Balance}.String()),
				core.Attr("validator", val.Valoper()),
				core.Attr("delegator", del.String()))
		}
		u.Entries = kept
		k.setUnbondingDelegation(w, u)
	}

	end = store.Key(redQueuePrefix, timeKey(now.Add(1)))
	due = due[:0]
	w.Iterate(redQueuePrefix, end, func(key, _ []byte) bool {
		due = append(due, append([]byte(nil), key...))
		return true
	})
	for _, key := range due {
		w.Delete(key)
		rest := key[len(redQueuePrefix)+8:]
		del, rest := splitLP(rest)
		src, rest := splitLP(rest)
		dst := authtypes.Address(rest)
		red := k.Redelegation(w, del, src, dst)
		kept := red.Entries[:0]
		for _, e := range red.Entries {
			if e.CompletionTime.After(now) {
				kept = append(kept, e)
				continue
			}
			ev.Emit("complete_redelegation",
				core.Attr("amount", core.Coin{Denom: p.BondDenom, Amount: e.InitialBalance}.String()),
				core.Attr("delegator", del.String()),
				core.Attr("source_validator", src.Valoper()),
				core.Attr("destination_validator", dst.Valoper()))
		}
		red.Entries = kept
		k.setRedelegation(w, red)
	}
}

// UnbondingTotal is the sum of the balances of every unbonding entry: the
// part of the not-bonded pool that belongs to undelegations in flight.
func (k Keeper) UnbondingTotal(r store.Reader) math.Int {
	total := math.ZeroInt()
	r.Iterate(unbondingPrefix, store.PrefixEnd(unbondingPrefix), func(_, bz []byte) bool {
		for _, e := range decodeUnbonding(bz).Entries {
			total = total.Add(e.Balance)
		}
		return true
	})
	return total
}
