package distribution

import (
	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// ModuleName is the distribution module's name, key prefix and error
// codespace. It is also the name of its module account, which holds every
// reward allocated and not yet paid, and the community pool.
const ModuleName = "distribution"

// Keys and the messages stored under them (values.go).
var (
	paramsKey         = []byte("distribution/params")
	communityPoolKey  = []byte("distribution/pool")   // → FeePool
	commissionPrefix  = []byte("distribution/comm/")  // | operator → ValidatorAccumulatedCommission
	outstandingPrefix = []byte("distribution/out/")   // | operator → ValidatorOutstandingRewards
	indexPrefix       = []byte("distribution/idx/")   // | operator → ValidatorHistoricalRewards: reward per share
	startPrefix       = []byte("distribution/start/") // | len|delegator | operator → DelegationStart
)

func commissionKey(val authtypes.Address) []byte  { return store.Key(commissionPrefix, val) }
func outstandingKey(val authtypes.Address) []byte { return store.Key(outstandingPrefix, val) }
func indexKey(val authtypes.Address) []byte       { return store.Key(indexPrefix, val) }

// startKey is startPrefix | len(del) | del | val, so that one delegator's
// entries are contiguous.
func startKey(del, val authtypes.Address) []byte {
	return store.Key(startPrefix, []byte{byte(len(del))}, del, val)
}
