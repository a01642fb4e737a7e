package testnet

import (
	"time"

	"github.com/stakechain/stakechain/app"
	"github.com/stakechain/stakechain/x/core"
)

// BondDenom is the staking denomination of generated networks.
const BondDenom = "ustake"

// Localnet presets: short enough that a person can try every feature in
// minutes.
const (
	LocalnetUnbondingTime = 60 * time.Second
)

// localnetParams sets the short presets of a local network.
func localnetParams(g *app.GenesisState) {
	g.Staking.Params.UnbondingTime = core.Duration(LocalnetUnbondingTime)
}
