package slashing

import (
	"bytes"
	"encoding/binary"
	"strconv"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/core"
)

// handleVote records whether one validator signed the last block and
// punishes it if it has missed too much of the window.
//
// Votes of validators staking does not know, or has jailed, are not
// recorded: a jailed validator is still in CometBFT's set for the blocks
// before its removal takes effect, and those must not count against it.
func (k Keeper) handleVote(w store.Writer, ev *core.Events, b core.Block, p Params, maxMissed int64, vote core.Vote) {
	v, ok := k.staking.ValidatorByConsAddr(w, vote.ConsAddr)
	if !ok || v.Jailed {
		return
	}
	cons := vote.ConsAddr
	info, found := k.SigningInfo(w, cons)
	if !found {
		info = newSigningInfo(cons, b.Height)
	}
	if info.Tombstoned {
		return // jailed for ever; staking should say so too
	}

	index := info.IndexOffset % p.SignedBlocksWindow
	info.IndexOffset++
	missed := !vote.Signed
	if previous := k.missedBlock(w, cons, index); previous != missed {
		k.setMissedBlock(w, cons, index, missed)
		if missed {
			info.MissedBlocksCounter++
		} else {
			info.MissedBlocksCounter--
		}
	}
	if missed {
		ev.Emit(EventTypeLiveness,
			core.Attr(AttributeKeyAddress, consString(cons)),
			core.Attr(AttributeKeyMissedBlocks, strconv.FormatInt(info.MissedBlocksCounter, 10)),
			core.Attr(AttributeKeyHeight, strconv.FormatInt(b.Height, 10)))
	}

	if b.Height > info.StartHeight+p.SignedBlocksWindow && info.MissedBlocksCounter > maxMissed {
		// The votes are for the previous block, signed by the set chosen
		// ValidatorUpdateDelay blocks before it: that is the stake that was
		// at fault.
		infraction := b.Height - ValidatorUpdateDelay - 1
		burned := k.staking.Slash(w, ev, b, cons, infraction, vote.Power, p.SlashFractionDowntime, k.settle)
		ev.Emit(EventTypeSlash,
			core.Attr(AttributeKeyAddress, consString(cons)),
			core.Attr(AttributeKeyPower, strconv.FormatInt(vote.Power, 10)),
			core.Attr(AttributeKeyReason, AttributeValueMissingSignature),
			core.Attr(AttributeKeyJailed, consString(cons)),
			core.Attr(AttributeKeyBurnedCoins, burned.String()))
		k.staking.Jail(w, ev, cons)
		info.JailedUntil = b.Time.Add(p.DowntimeJailDuration.D())
		// The window starts over, so that the validator is not punished
		// again for the same blocks when it returns.
		info.MissedBlocksCounter = 0
		info.IndexOffset = 0
		k.clearMissedBlocks(w, cons)
	}
	k.setSigningInfo(w, info)
}

// missedBlock reports whether the validator missed the block at window
// index i. A chunk that is not stored has no missed block.
func (k Keeper) missedBlock(r store.Reader, cons []byte, i int64) bool {
	chunk := r.Get(missedChunkKey(cons, i/chunkBits))
	if chunk == nil {
		return false
	}
	bit := i % chunkBits
	return chunk[bit/8]&(1<<(bit%8)) != 0
}

// setMissedBlock sets or clears the bit of window index i. A chunk left
// with no bit set is deleted.
func (k Keeper) setMissedBlock(w store.Writer, cons []byte, i int64, missed bool) {
	key := missedChunkKey(cons, i/chunkBits)
	chunk := make([]byte, chunkBytes)
	if old := w.Get(key); old != nil {
		if len(old) != chunkBytes {
			panic("slashing: corrupt missed-blocks chunk")
		}
		copy(chunk, old)
	}
	bit := i % chunkBits
	if missed {
		chunk[bit/8] |= 1 << (bit % 8)
	} else {
		chunk[bit/8] &^= 1 << (bit % 8)
	}
	if bytes.Count(chunk, []byte{0}) == chunkBytes {
		w.Delete(key)
		return
	}
	w.Set(key, chunk)
}

// clearMissedBlocks deletes the validator's whole bitmap.
func (k Keeper) clearMissedBlocks(w store.Writer, cons []byte) {
	prefix := missedPrefixOf(cons)
	var keys [][]byte
	w.Iterate(prefix, store.PrefixEnd(prefix), func(key, _ []byte) bool {
		keys = append(keys, append([]byte(nil), key...))
		return true
	})
	for _, key := range keys {
		w.Delete(key)
	}
}

// missedIndexes returns the window indexes the validator missed, ascending.
func (k Keeper) missedIndexes(r store.Reader, cons []byte) []int64 {
	prefix := missedPrefixOf(cons)
	var out []int64
	r.Iterate(prefix, store.PrefixEnd(prefix), func(key, chunk []byte) bool {
		base := int64(binary.BigEndian.Uint64(key[len(prefix):])) * chunkBits
		for i, by := range chunk {
			for bit := 0; bit < 8; bit++ {
				if by&(1<<bit) != 0 {
					out = append(out, base+int64(i*8+bit))
				}
			}
		}
		return true
	})
	return out
}
