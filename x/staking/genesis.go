package staking

import (
	"fmt"

	"github.com/stakechain/stakechain/app/store"
)

// GenesisState is the staking section of the genesis app_state. Genesis
// validators are not listed here: they are created by the genesis
// transactions (gentxs), so that the first validator set is itself stake.
type GenesisState struct {
	Params Params `json:"params"`
}

// DefaultGenesis is the staking section of a new chain.
func DefaultGenesis() GenesisState { return GenesisState{Params: DefaultParams()} }

// Validate checks the parameters.
func (g GenesisState) Validate() error {
	if err := g.Params.Validate(); err != nil {
		return fmt.Errorf("staking params: %w", err)
	}
	return nil
}

// InitGenesis writes the parameters.
func (k Keeper) InitGenesis(w store.Writer, g GenesisState) error {
	if err := g.Validate(); err != nil {
		return err
	}
	return k.SetParams(w, g.Params)
}
