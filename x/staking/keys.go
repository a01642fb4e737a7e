package staking

import (
	"encoding/binary"
	"time"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// ModuleName is the staking module's name and key prefix.
const ModuleName = "staking"

// Module accounts holding staked tokens.
const (
	BondedPoolName    = "bonded_tokens_pool"
	NotBondedPoolName = "not_bonded_tokens_pool"
)

var (
	paramsKey          = []byte("staking/params")
	validatorPrefix    = []byte("staking/val/")      // | operator → Validator
	consIndexPrefix    = []byte("staking/cons/")     // | consensus address → operator
	powerIndexPrefix   = []byte("staking/power/")    // | ^power | operator → operator
	powerKeyPrefix     = []byte("staking/powerkey/") // | operator → its power index key
	lastPowerPrefix    = []byte("staking/last/")     // | operator → power sent to CometBFT
	delegationPrefix   = []byte("staking/del/")      // | len|delegator | operator → shares
	unbondingPrefix    = []byte("staking/ubd/")      // | len|delegator | operator → UnbondingDelegation
	ubdByValPrefix     = []byte("staking/ubdval/")   // | len|operator | delegator → {}
	ubdQueuePrefix     = []byte("staking/ubdq/")     // | time | len|delegator | operator → {}
	redelegationPrefix = []byte("staking/red/")      // | len|delegator | len|src | dst → Redelegation
	redBySrcPrefix     = []byte("staking/redsrc/")   // | len|src | len|delegator | dst → {}
	redByDstPrefix     = []byte("staking/reddst/")   // | len|dst | len|delegator | src → {}
	redQueuePrefix     = []byte("staking/redq/")     // | time | len|delegator | len|src | dst → {}
	valQueuePrefix     = []byte("staking/valq/")     // | time | operator → {}
)

// present is the value of index entries, whose information is in the key.
var present = []byte{1}

func cat(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]byte, 0, n)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// lp is an address prefixed with its length, so that keys built from several
// addresses split unambiguously and sort by the first address.
func lp(a authtypes.Address) []byte { return append([]byte{byte(len(a))}, a...) }

// timeKey encodes a block time so that keys sort in time order.
func timeKey(t time.Time) []byte {
	return binary.BigEndian.AppendUint64(nil, uint64(t.UnixNano()))
}

func validatorKey(op authtypes.Address) []byte { return cat(validatorPrefix, op) }
func consIndexKey(cons []byte) []byte          { return cat(consIndexPrefix, cons) }
func powerKeyKey(op authtypes.Address) []byte  { return cat(powerKeyPrefix, op) }
func lastPowerKey(op authtypes.Address) []byte { return cat(lastPowerPrefix, op) }

// powerIndexKey sorts validators by power descending, then by operator
// address ascending.
func powerIndexKey(power int64, op authtypes.Address) []byte {
	return cat(powerIndexPrefix, binary.BigEndian.AppendUint64(nil, ^uint64(power)), op)
}

func delegationKey(del, val authtypes.Address) []byte { return cat(delegationPrefix, lp(del), val) }
func delegationsOf(del authtypes.Address) []byte      { return cat(delegationPrefix, lp(del)) }

func unbondingKey(del, val authtypes.Address) []byte { return cat(unbondingPrefix, lp(del), val) }
func unbondingsOf(del authtypes.Address) []byte      { return cat(unbondingPrefix, lp(del)) }
func ubdByValKey(val, del authtypes.Address) []byte  { return cat(ubdByValPrefix, lp(val), del) }
func ubdQueueKey(t time.Time, del, val authtypes.Address) []byte {
	return cat(ubdQueuePrefix, timeKey(t), lp(del), val)
}

func redelegationKey(del, src, dst authtypes.Address) []byte {
	return cat(redelegationPrefix, lp(del), lp(src), dst)
}
func redBySrcKey(src, del, dst authtypes.Address) []byte {
	return cat(redBySrcPrefix, lp(src), lp(del), dst)
}
func redByDstKey(dst, del, src authtypes.Address) []byte {
	return cat(redByDstPrefix, lp(dst), lp(del), src)
}
func redQueueKey(t time.Time, del, src, dst authtypes.Address) []byte {
	return cat(redQueuePrefix, timeKey(t), lp(del), lp(src), dst)
}

func valQueueKey(t time.Time, op authtypes.Address) []byte {
	return cat(valQueuePrefix, timeKey(t), op)
}

// splitLP reads one length-prefixed address from b and returns it and the
// rest.
func splitLP(b []byte) (authtypes.Address, []byte) {
	n := int(b[0])
	return authtypes.Address(b[1 : 1+n]), b[1+n:]
}
