package auth

import (
	"fmt"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// GenesisState is the auth section of the genesis app_state.
type GenesisState struct {
	Params   Params           `json:"params"`
	Accounts []GenesisAccount `json:"accounts"`
}

// GenesisAccount is an account that exists from the start. Account numbers
// are assigned in the order listed, after the module accounts.
type GenesisAccount struct {
	Address string `json:"address"`
}

// DefaultGenesis is the auth section of a new chain.
func DefaultGenesis() GenesisState {
	return GenesisState{Params: DefaultParams(), Accounts: []GenesisAccount{}}
}

// Validate checks params, addresses and that no account is listed twice.
func (g GenesisState) Validate() error {
	if err := g.Params.Validate(); err != nil {
		return fmt.Errorf("auth params: %w", err)
	}
	check := NewAccountCheck()
	return core.ListOf(g.Accounts)(check.Check)
}

// AccountCheck checks a list of genesis accounts one at a time: that each
// address parses and that none is listed twice.
type AccountCheck struct {
	seen map[string]struct{}
	n    int
}

// NewAccountCheck returns a check of an empty list.
func NewAccountCheck() *AccountCheck {
	return &AccountCheck{seen: make(map[string]struct{})}
}

// Check checks the next account of the list.
func (c *AccountCheck) Check(a GenesisAccount) error {
	i := c.n
	c.n++
	addr, err := types.ParseAddress(a.Address)
	if err != nil {
		return fmt.Errorf("auth account %d: %w", i, err)
	}
	if _, ok := c.seen[string(addr)]; ok {
		return fmt.Errorf("auth account %s is listed twice", a.Address)
	}
	c.seen[string(addr)] = struct{}{}
	return nil
}

// InitGenesis checks g and writes it.
func (k Keeper) InitGenesis(w store.Writer, g GenesisState) error {
	if err := g.Validate(); err != nil {
		return err
	}
	return k.WriteGenesis(w, g.Params, core.ListOf(g.Accounts))
}

// WriteGenesis writes the genesis params and accounts: first the module
// accounts in name order, then the listed accounts in the listed order. The
// list must have passed an AccountCheck; each address is parsed again, and
// an account listed twice is an error here too.
func (k Keeper) WriteGenesis(w store.Writer, params Params, accounts core.List[GenesisAccount]) error {
	if err := k.SetParams(w, params); err != nil {
		return fmt.Errorf("auth params: %w", err)
	}
	for _, name := range k.moduleNames {
		k.EnsureAccount(w, types.ModuleAddress(name))
	}
	return accounts(func(a GenesisAccount) error {
		addr, err := types.ParseAddress(a.Address)
		if err != nil {
			return fmt.Errorf("auth account %q: %w", a.Address, err)
		}
		if k.Account(w, addr) != nil {
			if _, module := k.ModuleAccountName(addr); module {
				return nil
			}
			return fmt.Errorf("auth account %s is listed twice", a.Address)
		}
		k.EnsureAccount(w, addr)
		return nil
	})
}
