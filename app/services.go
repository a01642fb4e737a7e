package app

import (
	"time"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/evm"
)

// What the services beside the application (app/api) read: committed
// versions of the state, the EVM keeper to read and simulate with, and the
// pending sequences (PendingAccount). None of it changes state.

// Height returns the last committed height.
func (a *App) Height() int64 { return a.tree.Version() }

// StateAt returns a read-only view of the state after the block at height,
// or an error wrapping store.ErrVersionUnavailable if it was pruned.
func (a *App) StateAt(height int64) (store.Reader, error) { return a.tree.At(height) }

// EVM returns the EVM keeper.
func (a *App) EVM() evm.Keeper { return a.evm }

// EVMBlockAfter is the block a call simulated on r, the state after the
// block at height, runs in: the next height, the time of the block at
// height (the next one's is not known), and the block gas limit.
func (a *App) EVMBlockAfter(r store.Reader, height int64) evm.Block {
	var t int64
	if bz := r.Get(blockTimeKey); bz != nil {
		t = time.Unix(0, decodeInt64(bz)).Unix()
	}
	gas := uint64(evm.DefaultBlockGasLimit)
	if maxGas := decodeInt64(r.Get(maxBlockGasKey)); maxGas > 0 {
		gas = uint64(maxGas)
	}
	return evm.Block{Height: uint64(height + 1), Time: uint64(t), GasLimit: gas}
}
