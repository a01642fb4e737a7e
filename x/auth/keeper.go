package auth

import (
	"encoding/binary"
	"fmt"
	"sort"

	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth/keys"
	"github.com/stakechain/stakechain/x/auth/types"
)

// Keeper reads and writes accounts. It holds no state; every method takes the
// state view it works on.
type Keeper struct {
	// moduleAccounts maps each module account's address to its name and
	// permissions. Fixed at construction; looked up, never ranged over.
	moduleAccounts map[string]moduleAccount
	// moduleNames lists the module accounts in ascending name order.
	moduleNames []string
}

type moduleAccount struct {
	name        string
	permissions []string
}

// ModuleAccountSpec declares a module account and what it may do
// ("minter", "burner", "staking").
type ModuleAccountSpec struct {
	Name        string
	Permissions []string
}

// NewKeeper returns a keeper that knows the given module accounts.
func NewKeeper(modules ...ModuleAccountSpec) Keeper {
	k := Keeper{moduleAccounts: make(map[string]moduleAccount, len(modules))}
	for _, m := range modules {
		k.moduleAccounts[string(types.ModuleAddress(m.Name))] = moduleAccount{name: m.Name, permissions: m.Permissions}
		k.moduleNames = append(k.moduleNames, m.Name)
	}
	sort.Strings(k.moduleNames)
	return k
}

// Account returns the account at addr, or nil if there is none.
func (k Keeper) Account(r store.Reader, addr types.Address) *types.BaseAccount {
	bz := r.Get(accountKey(addr))
	if bz == nil {
		return nil
	}
	acc := new(types.BaseAccount)
	if err := acc.Unmarshal(bz); err != nil {
		panic(fmt.Sprintf("auth: corrupt account %s: %v", addr, err))
	}
	return acc
}

// HasAccount reports whether an account exists at addr.
func (k Keeper) HasAccount(r store.Reader, addr types.Address) bool {
	return r.Has(accountKey(addr))
}

// SetAccount stores acc under its address.
func (k Keeper) SetAccount(w store.Writer, addr types.Address, acc *types.BaseAccount) {
	bz, err := acc.Marshal()
	if err != nil {
		panic(fmt.Sprintf("auth: encode account: %v", err))
	}
	w.Set(accountKey(addr), bz)
}

// EnsureAccount returns the account at addr, creating it with the next
// account number if it does not exist.
func (k Keeper) EnsureAccount(w store.Writer, addr types.Address) *types.BaseAccount {
	if acc := k.Account(w, addr); acc != nil {
		return acc
	}
	acc := &types.BaseAccount{Address: addr.String(), AccountNumber: k.nextAccountNumber(w)}
	k.SetAccount(w, addr, acc)
	return acc
}

func (k Keeper) nextAccountNumber(w store.Writer) uint64 {
	var n uint64
	if bz := w.Get(nextAccountKey); bz != nil {
		n = binary.BigEndian.Uint64(bz)
	}
	w.Set(nextAccountKey, binary.BigEndian.AppendUint64(nil, n+1))
	return n
}

// SetPubKey records the public key of an account on its first transaction.
func (k Keeper) SetPubKey(w store.Writer, addr types.Address, acc *types.BaseAccount, pk keys.PubKey) {
	acc.PubKey = keys.PubKeyToAny(pk)
	k.SetAccount(w, addr, acc)
}

// PubKey returns the account's recorded public key, or nil.
func PubKey(acc *types.BaseAccount) (keys.PubKey, error) {
	if acc.PubKey == nil {
		return nil, nil
	}
	return keys.PubKeyFromAny(acc.PubKey)
}

// ModuleAccountName returns the name of the module account at addr, if addr
// is one.
func (k Keeper) ModuleAccountName(addr types.Address) (string, bool) {
	m, ok := k.moduleAccounts[string(addr)]
	return m.name, ok
}

// HasPermission reports whether the named module account holds perm.
func (k Keeper) HasPermission(name, perm string) bool {
	m, ok := k.moduleAccounts[string(types.ModuleAddress(name))]
	if !ok {
		return false
	}
	for _, p := range m.permissions {
		if p == perm {
			return true
		}
	}
	return false
}

// AccountAny returns the account at addr as Cosmos clients expect it from
// the Account query: a ModuleAccount for module accounts, else a
// BaseAccount.
func (k Keeper) AccountAny(r store.Reader, addr types.Address) (*gogotypes.Any, error) {
	acc := k.Account(r, addr)
	if acc == nil {
		return nil, nil
	}
	if m, ok := k.moduleAccounts[string(addr)]; ok {
		bz, err := (&types.ModuleAccount{BaseAccount: acc, Name: m.name, Permissions: m.permissions}).Marshal()
		if err != nil {
			return nil, err
		}
		return &gogotypes.Any{TypeUrl: "/cosmos.auth.v1beta1.ModuleAccount", Value: bz}, nil
	}
	bz, err := acc.Marshal()
	if err != nil {
		return nil, err
	}
	return &gogotypes.Any{TypeUrl: "/cosmos.auth.v1beta1.BaseAccount", Value: bz}, nil
}
