package bank

import (
	"fmt"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	"github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

// Keeper moves, mints and burns coins. It holds no state; every method takes
// the state view it works on.
type Keeper struct {
	auth auth.Keeper
}

// NewKeeper returns a bank keeper over the given account keeper.
func NewKeeper(ak auth.Keeper) Keeper { return Keeper{auth: ak} }

// Balance returns addr's amount of denom.
func (k Keeper) Balance(r store.Reader, addr types.Address, denom string) math.Int {
	return decodeAmount(r.Get(balanceKey(addr, denom)))
}

// Balances returns all of addr's balances, sorted by denom.
func (k Keeper) Balances(r store.Reader, addr types.Address) core.Coins {
	prefix := balancesPrefix(addr)
	var out core.Coins
	r.Iterate(prefix, store.PrefixEnd(prefix), func(key, value []byte) bool {
		out = append(out, core.Coin{Denom: string(key[len(prefix):]), Amount: decodeAmount(value)})
		return true
	})
	return out
}

// Supply returns the total supply of denom.
func (k Keeper) Supply(r store.Reader, denom string) math.Int {
	return decodeAmount(r.Get(supplyKey(denom)))
}

// TotalSupply returns the supply of every denom, sorted by denom.
func (k Keeper) TotalSupply(r store.Reader) core.Coins {
	var out core.Coins
	r.Iterate(supplyPrefix, store.PrefixEnd(supplyPrefix), func(key, value []byte) bool {
		out = append(out, core.Coin{Denom: string(key[len(supplyPrefix):]), Amount: decodeAmount(value)})
		return true
	})
	return out
}

// Send moves amt from one account to another, creating the recipient's
// account if it does not exist. It fails, changing nothing, if from lacks
// any of the coins.
func (k Keeper) Send(w store.Writer, ev *core.Events, from, to types.Address, amt core.Coins) error {
	return k.send(w, ev, from, to, amt, nil)
}

// EventText is the text a transfer's events show: the bech32 forms of its
// sender and recipient and the amount's String.
type EventText = banktypes.EventText

// SendWithText is Send for a caller that already has the text of the
// transfer's events, so that it is not encoded again.
//
// CONTRACT: text is exactly {from.String(), to.String(), amt.String()}.
func (k Keeper) SendWithText(w store.Writer, ev *core.Events, from, to types.Address, amt core.Coins, text EventText) error {
	return k.send(w, ev, from, to, amt, &text)
}

func (k Keeper) send(w store.Writer, ev *core.Events, from, to types.Address, amt core.Coins, text *EventText) error {
	if err := k.subtract(w, from, amt); err != nil {
		return err
	}
	k.add(w, to, amt)
	if !k.auth.HasAccount(w, to) {
		k.auth.EnsureAccount(w, to)
	}
	if text == nil {
		text = &EventText{From: from.String(), To: to.String(), Amount: amt.String()}
	}
	ev.Emit("coin_spent", core.Attr("spender", text.From), core.Attr("amount", text.Amount))
	ev.Emit("coin_received", core.Attr("receiver", text.To), core.Attr("amount", text.Amount))
	ev.Emit("transfer",
		core.IndexedAttr("recipient", text.To),
		core.IndexedAttr("sender", text.From),
		core.Attr("amount", text.Amount))
	return nil
}

// Mint creates amt in the named module account, which needs the "minter"
// permission.
func (k Keeper) Mint(w store.Writer, ev *core.Events, module string, amt core.Coins) error {
	if !k.auth.HasPermission(module, "minter") {
		return ErrNoPermission.Wrapf("module %q may not mint", module)
	}
	addr := types.ModuleAddress(module)
	k.add(w, addr, amt)
	for _, c := range amt {
		w.Set(supplyKey(c.Denom), core.EncodeAmount(k.Supply(w, c.Denom).Add(c.Amount)))
	}
	ev.Emit("coinbase", core.Attr("minter", addr.String()), core.Attr("amount", amt.String()))
	return nil
}

// Burn destroys amt held by the named module account, which needs the
// "burner" permission.
func (k Keeper) Burn(w store.Writer, ev *core.Events, module string, amt core.Coins) error {
	if !k.auth.HasPermission(module, "burner") {
		return ErrNoPermission.Wrapf("module %q may not burn", module)
	}
	addr := types.ModuleAddress(module)
	if err := k.subtract(w, addr, amt); err != nil {
		return err
	}
	for _, c := range amt {
		k.setSupply(w, c.Denom, k.Supply(w, c.Denom).Sub(c.Amount))
	}
	ev.Emit("burn", core.Attr("burner", addr.String()), core.Attr("amount", amt.String()))
	return nil
}

// Deduct takes amt from addr and credits it to no one. It fails, changing
// nothing, if addr lacks any of the coins. The supply is not changed: it is
// for a state that stands for what a transaction would do, not for
// committed state (the check-state's fees).
func (k Keeper) Deduct(w store.Writer, addr types.Address, amt core.Coins) error {
	return k.subtract(w, addr, amt)
}

// subtract checks every denom before writing any, so a failure changes
// nothing.
func (k Keeper) subtract(w store.Writer, addr types.Address, amt core.Coins) error {
	var keysBuf, nextBuf [2][]byte // most sends move one or two denoms
	keys, next := keysBuf[:0], nextBuf[:0]
	for _, c := range amt {
		key := balanceKey(addr, c.Denom)
		v, covered, err := core.ChangeAmount(w.Get(key), c.Amount, true)
		if err != nil {
			panic(fmt.Sprintf("bank: balance of %s: %v", addr, err))
		}
		if !covered {
			have := k.Balance(w, addr, c.Denom)
			return core.ErrInsufficientFunds.Wrapf("%s has %s%s, needs %s", addr, have, c.Denom, c)
		}
		keys, next = append(keys, key), append(next, v)
	}
	for i, key := range keys {
		setAmount(w, key, next[i])
	}
	return nil
}

func (k Keeper) add(w store.Writer, addr types.Address, amt core.Coins) {
	for _, c := range amt {
		key := balanceKey(addr, c.Denom)
		v, _, err := core.ChangeAmount(w.Get(key), c.Amount, false)
		if err != nil {
			panic(fmt.Sprintf("bank: balance of %s: %v", addr, err))
		}
		setAmount(w, key, v)
	}
}

// setAmount stores an encoded amount; nil, a zero amount, is deleted,
// never stored.
func setAmount(w store.Writer, key, value []byte) {
	if value == nil {
		w.Delete(key)
		return
	}
	w.Set(key, value)
}

func (k Keeper) setSupply(w store.Writer, denom string, amt math.Int) {
	setAmount(w, supplyKey(denom), amountValue(amt))
}

func decodeAmount(bz []byte) math.Int {
	a, err := core.DecodeAmount(bz)
	if err != nil {
		panic(fmt.Sprintf("bank: %v", err))
	}
	return a
}
