package staking

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"time"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// ValidatorUpdate is a change of the validator set for CometBFT: an ed25519
// key and its new power, 0 to remove it.
type ValidatorUpdate struct {
	PubKey []byte
	Power  int64
}

// EndBlock runs staking's end-of-block steps in order: the validator set
// update, then the completion of unbonding validators, of unbonding
// delegations and of redelegations whose time has come. It returns the
// changes of the validator set, which CometBFT applies at height H+2.
func (k Keeper) EndBlock(w store.Writer, ev *core.Events, b core.Block) []ValidatorUpdate {
	p := k.Params(w)
	updates := k.applyValidatorSet(w, ev, b, p)
	k.completeUnbondingValidators(w, p, b.Time)
	k.completeUnbondings(w, ev, p, b.Time)
	return updates
}

// applyValidatorSet bonds the top MaxValidators validators by power and
// unbonds the others, and returns how the set CometBFT knows changed.
//
// The ranking is the power index: power descending, then operator address
// ascending. A validator leaves the set when it is jailed, has no power, or
// is outranked.
func (k Keeper) applyValidatorSet(w store.Writer, ev *core.Events, b core.Block, p Params) []ValidatorUpdate {
	var ranked []authtypes.Address
	w.Iterate(powerIndexPrefix, store.PrefixEnd(powerIndexPrefix), func(key, op []byte) bool {
		if uint32(len(ranked)) == p.MaxValidators {
			return false
		}
		power := int64(^binary.BigEndian.Uint64(key[len(powerIndexPrefix):]))
		if power <= 0 {
			return false // ranked by power: the rest have none either
		}
		ranked = append(ranked, append(authtypes.Address(nil), op...))
		return true
	})

	var updates []ValidatorUpdate
	inSet := make(map[string]bool, len(ranked))
	for _, op := range ranked {
		inSet[string(op)] = true
		v, ok := k.Validator(w, op)
		if !ok {
			panic("staking: power index names a validator that does not exist")
		}
		if v.Status != Bonded {
			k.bond(w, p, &v)
		}
		power := v.Power(p.PowerReduction)
		if k.LastPower(w, op) != power {
			updates = append(updates, ValidatorUpdate{PubKey: v.ConsPubKey, Power: power})
			w.Set(lastPowerKey(op), binary.BigEndian.AppendUint64(nil, uint64(power)))
		}
	}

	// Validators CometBFT knows that are no longer ranked in: in operator
	// address order, as the last-power keys sort.
	var leaving []authtypes.Address
	w.Iterate(lastPowerPrefix, store.PrefixEnd(lastPowerPrefix), func(key, _ []byte) bool {
		op := key[len(lastPowerPrefix):]
		if !inSet[string(op)] {
			leaving = append(leaving, append(authtypes.Address(nil), op...))
		}
		return true
	})
	for _, op := range leaving {
		w.Delete(lastPowerKey(op))
		v, ok := k.Validator(w, op)
		if !ok {
			continue // removed while unbonded; CometBFT was told when it left
		}
		k.beginUnbonding(w, p, b, &v)
		updates = append(updates, ValidatorUpdate{PubKey: v.ConsPubKey, Power: 0})
	}
	if len(updates) > 0 {
		ev.Emit("validator_set_update", core.Attr("changes", itoa(len(updates))))
	}
	return updates
}

// bond moves an unbonded or unbonding validator into the bonded set.
func (k Keeper) bond(w store.Writer, p Params, v *Validator) {
	if v.Status == Unbonding {
		w.Delete(valQueueKey(v.UnbondingTime, v.Operator))
	}
	k.moveTokens(w, p, NotBondedPoolName, BondedPoolName, v.Tokens)
	v.Status = Bonded
	k.setValidator(w, p, *v)
}

// beginUnbonding moves a bonded validator out of the set: its tokens stay
// slashable for the unbonding period.
func (k Keeper) beginUnbonding(w store.Writer, p Params, b core.Block, v *Validator) {
	k.moveTokens(w, p, BondedPoolName, NotBondedPoolName, v.Tokens)
	v.Status = Unbonding
	v.UnbondingHeight = b.Height
	v.UnbondingTime = b.Time.Add(p.UnbondingTime.D())
	k.setValidator(w, p, *v)
	w.Set(valQueueKey(v.UnbondingTime, v.Operator), present)
}

// completeUnbondingValidators marks validators whose unbonding period ended
// as unbonded, and deletes those left with no delegations.
func (k Keeper) completeUnbondingValidators(w store.Writer, p Params, now time.Time) {
	var due [][]byte
	w.Iterate(valQueuePrefix, store.Key(valQueuePrefix, timeKey(now.Add(1))), func(key, _ []byte) bool {
		due = append(due, append([]byte(nil), key...))
		return true
	})
	for _, key := range due {
		w.Delete(key)
		op := authtypes.Address(key[len(valQueuePrefix)+8:])
		v, ok := k.Validator(w, op)
		if !ok || v.Status != Unbonding || !bytes.Equal(valQueueKey(v.UnbondingTime, op), key) {
			continue
		}
		v.Status = Unbonded
		if v.DelegatorShares.IsZero() {
			k.removeValidator(w, v)
			continue
		}
		k.setValidator(w, p, v)
	}
}

// BondedValidators returns the validators in CometBFT's set, by operator
// address.
func (k Keeper) BondedValidators(r store.Reader) []Validator {
	var out []Validator
	r.Iterate(lastPowerPrefix, store.PrefixEnd(lastPowerPrefix), func(key, _ []byte) bool {
		if v, ok := k.Validator(r, key[len(lastPowerPrefix):]); ok {
			out = append(out, v)
		}
		return true
	})
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }
