package staking

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	"github.com/stakechain/stakechain/x/core"
)

// Keeper reads and writes staking state. It holds no state; every method
// takes the state view it works on.
type Keeper struct {
	auth auth.Keeper
	bank bank.Keeper
}

// NewKeeper returns a staking keeper. The auth keeper must know the
// BondedPoolName and NotBondedPoolName module accounts with the "burner"
// permission (slashing burns from them).
func NewKeeper(ak auth.Keeper, bk bank.Keeper) Keeper { return Keeper{auth: ak, bank: bk} }

// ModuleAccounts are the module accounts staking needs.
func ModuleAccounts() []auth.ModuleAccountSpec {
	return []auth.ModuleAccountSpec{
		{Name: BondedPoolName, Permissions: []string{"burner", "staking"}},
		{Name: NotBondedPoolName, Permissions: []string{"burner", "staking"}},
	}
}

func consAddress(pub []byte) []byte {
	h := sha256.Sum256(pub)
	return h[:20]
}

// Validator returns the validator run by op.
func (k Keeper) Validator(r store.Reader, op authtypes.Address) (Validator, bool) {
	bz := r.Get(validatorKey(op))
	if bz == nil {
		return Validator{}, false
	}
	return decodeValidator(bz), true
}

// ValidatorByConsAddr returns the validator with the given consensus
// address.
func (k Keeper) ValidatorByConsAddr(r store.Reader, cons []byte) (Validator, bool) {
	op := r.Get(consIndexKey(cons))
	if op == nil {
		return Validator{}, false
	}
	return k.Validator(r, op)
}

// Validators returns every validator in operator address order.
func (k Keeper) Validators(r store.Reader) []Validator {
	var out []Validator
	r.Iterate(validatorPrefix, store.PrefixEnd(validatorPrefix), func(_, bz []byte) bool {
		out = append(out, decodeValidator(bz))
		return true
	})
	return out
}

// setValidator stores v and keeps its power index entry current: a jailed
// validator, or one with no tokens, is not ranked.
func (k Keeper) setValidator(w store.Writer, p Params, v Validator) {
	w.Set(validatorKey(v.Operator), encodeValidator(v))
	w.Set(consIndexKey(v.ConsAddress()), v.Operator)
	if old := w.Get(powerKeyKey(v.Operator)); old != nil {
		w.Delete(old)
		w.Delete(powerKeyKey(v.Operator))
	}
	if !v.Jailed && v.Tokens.IsPositive() {
		key := powerIndexKey(v.Power(p.PowerReduction), v.Operator)
		w.Set(key, v.Operator)
		w.Set(powerKeyKey(v.Operator), key)
	}
}

// removeValidator deletes a validator that has no tokens and no shares left
// and is not bonded.
func (k Keeper) removeValidator(w store.Writer, v Validator) {
	if old := w.Get(powerKeyKey(v.Operator)); old != nil {
		w.Delete(old)
		w.Delete(powerKeyKey(v.Operator))
	}
	w.Delete(validatorKey(v.Operator))
	w.Delete(consIndexKey(v.ConsAddress()))
}

// LastPower returns the power of op that CometBFT was last told, 0 if it is
// not in the validator set.
func (k Keeper) LastPower(r store.Reader, op authtypes.Address) int64 {
	bz := r.Get(lastPowerKey(op))
	if bz == nil {
		return 0
	}
	return int64(binary.BigEndian.Uint64(bz))
}

// poolOf is the module account holding the tokens of a validator of the
// given status.
func poolOf(s BondStatus) string {
	if s == Bonded {
		return BondedPoolName
	}
	return NotBondedPoolName
}

// moveTokens moves amt of the bond denom between the pools.
func (k Keeper) moveTokens(w store.Writer, p Params, from, to string, amt math.Int) {
	if from == to || !amt.IsPositive() {
		return
	}
	var ev core.Events
	coins := core.Coins{{Denom: p.BondDenom, Amount: amt}}
	if err := k.bank.Send(w, &ev, authtypes.ModuleAddress(from), authtypes.ModuleAddress(to), coins); err != nil {
		panic(fmt.Sprintf("staking: pool %s lacks %s: %v", from, coins, err))
	}
}

// burn destroys amt of the bond denom held by a pool.
func (k Keeper) burn(w store.Writer, p Params, pool string, amt math.Int) {
	if !amt.IsPositive() {
		return
	}
	var ev core.Events
	if err := k.bank.Burn(w, &ev, pool, core.Coins{{Denom: p.BondDenom, Amount: amt}}); err != nil {
		panic(fmt.Sprintf("staking: burn %s from %s: %v", amt, pool, err))
	}
}

// PoolBalances returns the tokens in the bonded and not-bonded pools.
func (k Keeper) PoolBalances(r store.Reader) (bonded, notBonded math.Int) {
	p := k.Params(r)
	return k.bank.Balance(r, authtypes.ModuleAddress(BondedPoolName), p.BondDenom),
		k.bank.Balance(r, authtypes.ModuleAddress(NotBondedPoolName), p.BondDenom)
}
