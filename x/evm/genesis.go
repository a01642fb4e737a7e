package evm

import "github.com/stakechain/stakechain/app/store"

// Genesis is the EVM section of a genesis file.
type Genesis struct {
	Params Params `json:"params"`
}

// DefaultGenesis is the EVM section of a new chain.
func DefaultGenesis() Genesis { return Genesis{Params: DefaultParams()} }

// InitGenesis writes the parameters.
func (k Keeper) InitGenesis(w store.Writer, g Genesis) error { return k.SetParams(w, g.Params) }

// ExportGenesis reads the parameters back.
func (k Keeper) ExportGenesis(r store.Reader) Genesis { return Genesis{Params: k.Params(r)} }

// Validate checks the parameters.
func (g Genesis) Validate() error { return g.Params.Validate() }
