package gov

import (
	"encoding/binary"
	"time"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// ModuleName is the gov module's name, its error codespace, its key prefix
// and the name of its module account, which holds deposits and is the
// authority proposals' messages run as.
const ModuleName = "gov"

// Keys and the values stored under them (values.go): messages are
// cosmos.gov.v1, ids are 8 big-endian bytes, "{}" is an empty value.
var (
	paramsKey      = []byte("gov/params")
	nextIDKey      = []byte("gov/next_id")        // → the next proposal id
	proposalPrefix = []byte("gov/proposal/")      // | id → Proposal
	depositPrefix  = []byte("gov/deposit/")       // | id | len|depositor → Deposit
	votePrefix     = []byte("gov/vote/")          // | id | len|voter → Vote
	inactivePrefix = []byte("gov/queue/deposit/") // | end time | id → {}: proposals in their deposit period
	activePrefix   = []byte("gov/queue/voting/")  // | end time | id → {}: proposals in their voting period
)

// Authority is the address of the gov module account: messages of a
// passed proposal run with it as their signer.
func Authority() authtypes.Address { return authtypes.ModuleAddress(ModuleName) }

func idBytes(id uint64) []byte { return binary.BigEndian.AppendUint64(nil, id) }

// timeBytes sorts as the time does, for times after 1970.
func timeBytes(t time.Time) []byte {
	return binary.BigEndian.AppendUint64(nil, uint64(t.UnixNano()))
}

func proposalKey(id uint64) []byte { return store.Key(proposalPrefix, idBytes(id)) }

func depositsOf(id uint64) []byte { return store.Key(depositPrefix, idBytes(id)) }

func depositKey(id uint64, depositor authtypes.Address) []byte {
	return store.Key(depositsOf(id), store.LengthPrefixed(depositor))
}

func votesOf(id uint64) []byte { return store.Key(votePrefix, idBytes(id)) }

func voteKey(id uint64, voter authtypes.Address) []byte {
	return store.Key(votesOf(id), store.LengthPrefixed(voter))
}

func queueKey(prefix []byte, end time.Time, id uint64) []byte {
	return store.Key(prefix, timeBytes(end), idBytes(id))
}
