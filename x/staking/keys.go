package staking

import (
	"encoding/binary"
	"time"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// ModuleName is the staking module's name and key prefix.
const ModuleName = "staking"

// Module accounts holding staked tokens.
const (
	BondedPoolName    = "bonded_tokens_pool"
	NotBondedPoolName = "not_bonded_tokens_pool"
)

// Keys and the values stored under them (values.go): messages are
// cosmos.staking.v1beta1, "{}" is an empty value, a power is 8 big-endian
// bytes and an operator is its raw address bytes.
var (
	paramsKey          = []byte("staking/params")
	validatorPrefix    = []byte("staking/val/")      // | operator → Validator
	consIndexPrefix    = []byte("staking/cons/")     // | consensus address → operator
	powerIndexPrefix   = []byte("staking/power/")    // | ^power | operator → operator
	powerKeyPrefix     = []byte("staking/powerkey/") // | operator → its power index key
	lastPowerPrefix    = []byte("staking/last/")     // | operator → power sent to CometBFT
	delegationPrefix   = []byte("staking/del/")      // | len|delegator | operator → Delegation
	unbondingPrefix    = []byte("staking/ubd/")      // | len|delegator | operator → UnbondingDelegation
	ubdByValPrefix     = []byte("staking/ubdval/")   // | len|operator | delegator → {}
	ubdQueuePrefix     = []byte("staking/ubdq/")     // | time | len|delegator | operator → {}
	redelegationPrefix = []byte("staking/red/")      // | len|delegator | len|src | dst → Redelegation
	redBySrcPrefix     = []byte("staking/redsrc/")   // | len|src | len|delegator | dst → {}
	redByDstPrefix     = []byte("staking/reddst/")   // | len|dst | len|delegator | src → {}
	redQueuePrefix     = []byte("staking/redq/")     // | time | len|delegator | len|src | dst → {}
	valQueuePrefix     = []byte("staking/valq/")     // | time | operator → {}
)

// present is the value of index entries, whose information is in the key:
// empty, as in Cosmos's key sets.
var present = []byte{}

// timeKey encodes a block time so that keys sort in time order.
func timeKey(t time.Time) []byte {
	return binary.BigEndian.AppendUint64(nil, uint64(t.UnixNano()))
}

func validatorKey(op authtypes.Address) []byte { return store.Key(validatorPrefix, op) }
func consIndexKey(cons []byte) []byte          { return store.Key(consIndexPrefix, cons) }
func powerKeyKey(op authtypes.Address) []byte  { return store.Key(powerKeyPrefix, op) }
func lastPowerKey(op authtypes.Address) []byte { return store.Key(lastPowerPrefix, op) }

// powerIndexKey sorts validators by power descending, then by operator
// address ascending.
func powerIndexKey(power int64, op authtypes.Address) []byte {
	return store.Key(powerIndexPrefix, binary.BigEndian.AppendUint64(nil, ^uint64(power)), op)
}

func delegationKey(del, val authtypes.Address) []byte {
	return store.Key(delegationPrefix, store.LengthPrefixed(del), val)
}
func delegationsOf(del authtypes.Address) []byte {
	return store.Key(delegationPrefix, store.LengthPrefixed(del))
}

func unbondingKey(del, val authtypes.Address) []byte {
	return store.Key(unbondingPrefix, store.LengthPrefixed(del), val)
}
func unbondingsOf(del authtypes.Address) []byte {
	return store.Key(unbondingPrefix, store.LengthPrefixed(del))
}
func ubdByValKey(val, del authtypes.Address) []byte {
	return store.Key(ubdByValPrefix, store.LengthPrefixed(val), del)
}
func ubdQueueKey(t time.Time, del, val authtypes.Address) []byte {
	return store.Key(ubdQueuePrefix, timeKey(t), store.LengthPrefixed(del), val)
}

func redelegationKey(del, src, dst authtypes.Address) []byte {
	return store.Key(redelegationPrefix, store.LengthPrefixed(del), store.LengthPrefixed(src), dst)
}
func redBySrcKey(src, del, dst authtypes.Address) []byte {
	return store.Key(redBySrcPrefix, store.LengthPrefixed(src), store.LengthPrefixed(del), dst)
}
func redByDstKey(dst, del, src authtypes.Address) []byte {
	return store.Key(redByDstPrefix, store.LengthPrefixed(dst), store.LengthPrefixed(del), src)
}
func redQueueKey(t time.Time, del, src, dst authtypes.Address) []byte {
	return store.Key(redQueuePrefix, timeKey(t), store.LengthPrefixed(del), store.LengthPrefixed(src), dst)
}

func valQueueKey(t time.Time, op authtypes.Address) []byte {
	return store.Key(valQueuePrefix, timeKey(t), op)
}

// splitLP reads one length-prefixed address from b and returns it and the
// rest.
func splitLP(b []byte) (authtypes.Address, []byte) {
	n := int(b[0])
	return authtypes.Address(b[1 : 1+n]), b[1+n:]
}
