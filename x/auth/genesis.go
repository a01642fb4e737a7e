package auth

import (
	"fmt"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth/types"
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
	seen := make(map[string]bool, len(g.Accounts))
	for i, a := range g.Accounts {
		addr, err := types.ParseAddress(a.Address)
		if err != nil {
			return fmt.Errorf("auth account %d: %w", i, err)
		}
		if seen[string(addr)] {
			return fmt.Errorf("auth account %s is listed twice", a.Address)
		}
		seen[string(addr)] = true
	}
	return nil
}

// InitGenesis writes the genesis accounts: first the module accounts in name
// order, then the listed accounts in the listed order.
func (k Keeper) InitGenesis(w store.Writer, g GenesisState) error {
	if err := g.Validate(); err != nil {
		return err
	}
	if err := k.SetParams(w, g.Params); err != nil {
		return err
	}
	for _, name := range k.moduleNames {
		k.EnsureAccount(w, types.ModuleAddress(name))
	}
	for _, a := range g.Accounts {
		addr, err := types.ParseAddress(a.Address)
		if err != nil {
			return err
		}
		k.EnsureAccount(w, addr)
	}
	return nil
}
