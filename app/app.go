// Package app is the StakeChain ABCI application: it decodes and
// authenticates transactions, routes messages to the modules in x/, runs the
// block lifecycle and commits state through app/store.
package app

import (
	"encoding/json"
	"errors"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cometbft/cometbft/libs/log"
	dbm "github.com/cometbft/cometbft-db"
)

// Config is what the node hands the application at start.
type Config struct {
	// DB holds the state tree. The application owns it after New.
	DB dbm.DB
	// Logger receives the application's log lines.
	Logger log.Logger
	// MinGasPrices is the node's minimum gas price for CheckTx, such as
	// "0ustake" or "0.025ustake"; empty means zero.
	MinGasPrices string
	// PruningKeepRecent is how many recent state versions are kept; 0 keeps
	// every version.
	PruningKeepRecent int64
	// PruningInterval is how often, in blocks, old versions are pruned.
	PruningInterval int64
	// MinRetainBlocks is how many recent blocks CometBFT is told to keep;
	// 0 keeps all.
	MinRetainBlocks int64
}

// App is the StakeChain application.
type App struct {
	abci.BaseApplication
	cfg Config
}

// New opens the application's state in cfg.DB.
func New(cfg Config) (*App, error) {
	if cfg.DB == nil {
		return nil, errors.New("app: no database")
	}
	if cfg.Logger == nil {
		cfg.Logger = log.NewNopLogger()
	}
	return &App{cfg: cfg}, nil
}

// Close releases the database.
func (a *App) Close() error { return a.cfg.DB.Close() }

// DefaultGenesis returns the app_state of a new chain with no accounts.
func DefaultGenesis() json.RawMessage { return json.RawMessage(`{}`) }

// ValidateGenesis checks an app_state document.
func ValidateGenesis(appState json.RawMessage) error { return nil }

// GenesisAddAccount returns appState with an account at addr (bech32) that
// holds coins (for example "1000ustake,5foo").
func GenesisAddAccount(appState json.RawMessage, addr, coins string) (json.RawMessage, error) {
	return appState, nil
}
