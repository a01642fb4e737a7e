package app

import (
	"context"
	"fmt"
	"runtime/debug"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/stakechain/stakechain/app/store"
)

// Commit persists the finalized block's state as one new version, in one
// atomic write, and resets the mempool's check-state onto it. It returns the
// height below which CometBFT may prune blocks.
func (a *App) Commit(_ context.Context, _ *abci.RequestCommit) (*abci.ResponseCommit, error) {
	hash, version, err := a.tree.Commit()
	if err != nil {
		return nil, fmt.Errorf("commit state: %w", err)
	}
	a.block = nil
	a.resetCheckState()
	a.log.Debug("committed", "height", version, "app_hash", fmt.Sprintf("%X", hash))
	if version == 1 {
		// The genesis state, held in memory until now (a genesis of a
		// million accounts is over a gigabyte of heap), is garbage:
		// give its memory back to the system rather than keep the heap
		// grown for it.
		debug.FreeOSMemory()
	}

	var retain int64
	if a.cfg.MinRetainBlocks > 0 && version > a.cfg.MinRetainBlocks {
		retain = version - a.cfg.MinRetainBlocks
	}
	return &abci.ResponseCommit{RetainHeight: retain}, nil
}

// resetCheckState starts the check-state afresh on the latest committed
// state. CometBFT then rechecks the transactions left in the mempool, in
// order, which puts their effects back.
func (a *App) resetCheckState() {
	latest := a.tree.Latest()
	a.checkMu.Lock()
	a.checkState = store.NewCache(latest)
	a.pending.roll()
	a.checkMu.Unlock()
}
