package gov

import (
	"fmt"

	"github.com/stakechain/stakechain/app/store"
)

// GenesisState is the gov section of the genesis app_state: the parameters.
// A new chain starts with no proposals.
type GenesisState struct {
	Params Params `json:"params"`
}

// DefaultGenesis is the gov section of a new chain.
func DefaultGenesis() GenesisState { return GenesisState{Params: DefaultParams()} }

// Validate checks the parameters.
func (g GenesisState) Validate() error {
	if err := g.Params.Validate(); err != nil {
		return fmt.Errorf("gov params: %w", err)
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
