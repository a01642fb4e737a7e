package slashing

import (
	"encoding/binary"

	"github.com/stakechain/stakechain/app/store"
)

// ModuleName is the slashing module's name, key prefix and error codespace.
const ModuleName = "slashing"

// Keys and the values stored under them: a signing info is a
// cosmos.slashing.v1beta1.ValidatorSigningInfo (keeper.go); a bitmap chunk
// is chunkBytes raw bytes, bit i%8 of byte i/8 set if the validator missed
// the block of window index chunk*chunkBits+i. Cosmos too keeps the window
// as raw bitmap chunks of 1024 blocks.
var (
	paramsKey         = []byte("slashing/params")
	signingInfoPrefix = []byte("slashing/info/")   // | consensus address → ValidatorSigningInfo
	missedPrefix      = []byte("slashing/missed/") // | len|consensus address | chunk → bitmap chunk
)

// chunkBits is how many blocks of the window one bitmap key holds.
const chunkBits = 1024

// chunkBytes is the size of a stored bitmap chunk.
const chunkBytes = chunkBits / 8

func signingInfoKey(cons []byte) []byte { return store.Key(signingInfoPrefix, cons) }

// missedPrefixOf is the prefix of one validator's bitmap chunks. The address
// is length-prefixed so that no validator's chunks fall under another's.
func missedPrefixOf(cons []byte) []byte {
	return store.Key(missedPrefix, []byte{byte(len(cons))}, cons)
}

// missedChunkKey is the key of the chunk holding window index i.
func missedChunkKey(cons []byte, chunk int64) []byte {
	return binary.BigEndian.AppendUint64(missedPrefixOf(cons), uint64(chunk))
}
