package mint

import (
	"fmt"

	"github.com/stakechain/stakechain/app/store"
)

// GenesisState is the mint section of the genesis app_state.
type GenesisState struct {
	Minter Minter `json:"minter"`
	Params Params `json:"params"`
}

// DefaultGenesis is the mint section of a new chain.
func DefaultGenesis() GenesisState {
	return GenesisState{Minter: DefaultMinter(), Params: DefaultParams()}
}

// Validate checks the minter and the parameters.
func (g GenesisState) Validate() error {
	if err := g.Minter.Validate(); err != nil {
		return fmt.Errorf("mint minter: %w", err)
	}
	if err := g.Params.Validate(); err != nil {
		return fmt.Errorf("mint params: %w", err)
	}
	return nil
}

// InitGenesis writes the minter and the parameters.
func (k Keeper) InitGenesis(w store.Writer, g GenesisState) error {
	if err := g.Validate(); err != nil {
		return err
	}
	if err := k.SetParams(w, g.Params); err != nil {
		return err
	}
	return k.SetMinter(w, g.Minter)
}
