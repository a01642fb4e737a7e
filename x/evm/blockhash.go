package evm

import (
	"github.com/ethereum/go-ethereum/common"

	"github.com/stakechain/stakechain/app/store"
)

// BlockHashWindow is how many recent block hashes are kept: the BLOCKHASH
// opcode sees no further back.
const BlockHashWindow = 256

// RecordBlockHash stores the CometBFT hash of the block at height, for the
// BLOCKHASH opcode of later blocks, and forgets the hash of height − 256.
// The app calls it once per block with the hash of the block it executes.
func (k Keeper) RecordBlockHash(w store.Writer, height uint64, hash common.Hash) {
	w.Set(blockHashKey(height), hash.Bytes())
	if height >= BlockHashWindow {
		w.Delete(blockHashKey(height - BlockHashWindow))
	}
}

// BlockHash returns the recorded hash of the block at height, or the zero
// hash if it is not among the last 256 recorded.
func (k Keeper) BlockHash(r store.Reader, height uint64) common.Hash {
	bz := r.Get(blockHashKey(height))
	if bz == nil {
		return common.Hash{}
	}
	return common.BytesToHash(bz)
}
