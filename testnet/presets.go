package testnet

import (
	"fmt"

	"time"

	"github.com/stakechain/stakechain/app"
	"github.com/stakechain/stakechain/config"
	"github.com/stakechain/stakechain/x/core"
)

// BondDenom is the staking denomination of generated networks.
const BondDenom = "ustake"

// Localnet presets: short enough that a person can try every feature in
// minutes.
const (
	LocalnetUnbondingTime      = 60 * time.Second
	LocalnetSignedBlocksWindow = 20
	LocalnetDowntimeJail       = 30 * time.Second
	// LocalnetBlocksPerYear matches ~1 s blocks, so that inflation per
	// year is what the mint parameters say.
	LocalnetBlocksPerYear = 365*24*3600 + 6*3600
	// LocalnetVotingPeriod is how long a proposal is voted on (the minimum
	// deposit is the default 10 STAKE).
	LocalnetVotingPeriod = 60 * time.Second
)

// localnetParams sets the short presets of a local network.
func localnetParams(g *app.GenesisState) {
	g.Staking.Params.UnbondingTime = core.Duration(LocalnetUnbondingTime)
	g.Slashing.Params.SignedBlocksWindow = LocalnetSignedBlocksWindow
	g.Slashing.Params.DowntimeJailDuration = core.Duration(LocalnetDowntimeJail)
	g.Mint.Params.BlocksPerYear = LocalnetBlocksPerYear
	g.Gov.Params.VotingPeriod = core.Duration(LocalnetVotingPeriod)
	g.Gov.Params.ExpeditedVotingPeriod = core.Duration(LocalnetVotingPeriod / 2)
}

// localnetAppConfig is the app.toml of node i of a generated network: the
// defaults, with the invariants query on, which the end-to-end tests ask
// and a person may use to audit a localnet, and, on a one-host network,
// the Ethereum JSON-RPC on, at JSONRPCPort+PortStep*i from the default
// base port (shifted with it).
func localnetAppConfig(o Options, i int) config.AppConfig {
	c := config.Default()
	c.Query.Invariants = true
	if len(o.Hostnames) == 0 {
		c.JSONRPC.Enable = true
		c.JSONRPC.Address = fmt.Sprintf("127.0.0.1:%d", JSONRPCPort+o.BasePort-P2PPort+PortStep*i)
	}
	return c
}
