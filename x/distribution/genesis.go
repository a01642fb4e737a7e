package distribution

import (
	"fmt"

	"github.com/stakechain/stakechain/app/store"
)

// GenesisState is the distribution section of the genesis app_state. No
// rewards exist at genesis: validators are created by the gentxs.
type GenesisState struct {
	Params Params `json:"params"`
}

// DefaultGenesis is the distribution section of a new chain.
func DefaultGenesis() GenesisState { return GenesisState{Params: DefaultParams()} }

// Validate checks the parameters.
func (g GenesisState) Validate() error {
	if err := g.Params.Validate(); err != nil {
		return fmt.Errorf("distribution params: %w", err)
	}
	return nil
}

// InitGenesis writes the parameters and starts the community pool with
// whatever the distribution module account already holds (nothing, unless
// the bank genesis funded it), so that the module's invariant holds from
// the first block.
//
// CONTRACT: runs after the bank genesis.
func (k Keeper) InitGenesis(w store.Writer, g GenesisState) error {
	if err := g.Validate(); err != nil {
		return err
	}
	if err := k.SetParams(w, g.Params); err != nil {
		return err
	}
	setCommunityPool(w, NewDecCoinsFromCoins(k.bank.Balances(w, moduleAddress())))
	return nil
}
