package ballot

import (
	"encoding/binary"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// ModuleName is the ballot module's name, key prefix and error codespace.
const ModuleName = "ballot"

// Keys and the values stored under them (values.go): messages are
// stakechain.ballot.v1, ids and counts are 8 big-endian bytes, a vote count
// is a math.Int in decimal text.
var (
	nextIDKey        = []byte("ballot/next")    // → the id the next ballot gets
	ballotPrefix     = []byte("ballot/b/")      // | id → BallotRecord
	tallyPrefix      = []byte("ballot/tally/")  // | id | proposal index → vote count (absent: zero)
	voterPrefix      = []byte("ballot/voter/")  // | id | address → Voter
	voterCountPrefix = []byte("ballot/voters/") // | id → number of voter records
)

// idKey encodes a ballot id so that keys sort in id order.
func idKey(id uint64) []byte { return binary.BigEndian.AppendUint64(nil, id) }

func ballotKey(id uint64) []byte     { return store.Key(ballotPrefix, idKey(id)) }
func voterCountKey(id uint64) []byte { return store.Key(voterCountPrefix, idKey(id)) }

func tallyKey(id uint64, index uint32) []byte {
	return store.Key(tallyPrefix, idKey(id), binary.BigEndian.AppendUint32(nil, index))
}

// votersOf is the prefix of one ballot's voter records. The id has a fixed
// width, so the address that follows needs no length prefix.
func votersOf(id uint64) []byte { return store.Key(voterPrefix, idKey(id)) }

func voterKey(id uint64, addr authtypes.Address) []byte { return store.Key(votersOf(id), addr) }
