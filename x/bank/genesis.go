package bank

import (
	"fmt"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// GenesisState is the bank section of the genesis app_state. The supply is
// not listed: it is the sum of the balances.
type GenesisState struct {
	Params   Params    `json:"params"`
	Balances []Balance `json:"balances"`
}

// Balance is one account's coins at genesis, as "10ustake,5foo".
type Balance struct {
	Address string `json:"address"`
	Coins   string `json:"coins"`
}

// DefaultGenesis is the bank section of a new chain.
func DefaultGenesis() GenesisState {
	return GenesisState{Params: DefaultParams(), Balances: []Balance{}}
}

// Validate checks params, addresses, amounts and duplicates.
func (g GenesisState) Validate() error {
	if err := g.Params.Validate(); err != nil {
		return fmt.Errorf("bank params: %w", err)
	}
	seen := make(map[string]bool, len(g.Balances))
	for i, b := range g.Balances {
		addr, err := authtypes.ParseAddress(b.Address)
		if err != nil {
			return fmt.Errorf("bank balance %d: %w", i, err)
		}
		if seen[string(addr)] {
			return fmt.Errorf("bank balance of %s is listed twice", b.Address)
		}
		seen[string(addr)] = true
		if _, err := core.ParseCoins(b.Coins); err != nil {
			return fmt.Errorf("bank balance of %s: %w", b.Address, err)
		}
	}
	return nil
}

// InitGenesis writes the genesis balances and the supply they make up,
// creating an account for every holder.
func (k Keeper) InitGenesis(w store.Writer, g GenesisState) error {
	if err := g.Validate(); err != nil {
		return err
	}
	if err := k.SetParams(w, g.Params); err != nil {
		return err
	}
	supply := core.Coins{}
	for _, b := range g.Balances {
		addr, err := authtypes.ParseAddress(b.Address)
		if err != nil {
			return err
		}
		coins, err := core.ParseCoins(b.Coins)
		if err != nil {
			return err
		}
		k.auth.EnsureAccount(w, addr)
		k.add(w, addr, coins)
		supply = supply.Add(coins)
	}
	for _, c := range supply {
		k.setSupply(w, c.Denom, c.Amount)
	}
	return nil
}
