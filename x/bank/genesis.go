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
	check := NewBalanceCheck()
	return core.ListOf(g.Balances)(check.Check)
}

// BalanceCheck checks a list of genesis balances one at a time: that each
// address and amount parses and that no address is listed twice.
type BalanceCheck struct {
	seen map[string]struct{}
	n    int
}

// NewBalanceCheck returns a check of an empty list.
func NewBalanceCheck() *BalanceCheck {
	return &BalanceCheck{seen: make(map[string]struct{})}
}

// Check checks the next balance of the list.
func (c *BalanceCheck) Check(b Balance) error {
	i := c.n
	c.n++
	addr, err := authtypes.ParseAddress(b.Address)
	if err != nil {
		return fmt.Errorf("bank balance %d: %w", i, err)
	}
	if _, ok := c.seen[string(addr)]; ok {
		return fmt.Errorf("bank balance of %s is listed twice", b.Address)
	}
	c.seen[string(addr)] = struct{}{}
	if _, err := core.ParseCoins(b.Coins); err != nil {
		return fmt.Errorf("bank balance of %s: %w", b.Address, err)
	}
	return nil
}

// InitGenesis checks g and writes it.
func (k Keeper) InitGenesis(w store.Writer, g GenesisState) error {
	if err := g.Validate(); err != nil {
		return err
	}
	return k.WriteGenesis(w, g.Params, core.ListOf(g.Balances))
}

// WriteGenesis writes the genesis params, the balances and the supply they
// make up, creating an account for every holder. The list must have passed
// a BalanceCheck: addresses and amounts are parsed again, but an address
// listed twice is not looked for.
func (k Keeper) WriteGenesis(w store.Writer, params Params, balances core.List[Balance]) error {
	if err := k.SetParams(w, params); err != nil {
		return fmt.Errorf("bank params: %w", err)
	}
	supply := core.Coins{}
	err := balances(func(b Balance) error {
		addr, err := authtypes.ParseAddress(b.Address)
		if err != nil {
			return fmt.Errorf("bank balance of %q: %w", b.Address, err)
		}
		coins, err := core.ParseCoins(b.Coins)
		if err != nil {
			return fmt.Errorf("bank balance of %s: %w", b.Address, err)
		}
		k.auth.EnsureAccount(w, addr)
		k.add(w, addr, coins)
		supply = supply.Add(coins)
		return nil
	})
	if err != nil {
		return err
	}
	for _, c := range supply {
		k.setSupply(w, c.Denom, c.Amount)
	}
	return nil
}
