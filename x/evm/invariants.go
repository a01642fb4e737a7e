package evm

import (
	"encoding/binary"
	"fmt"
	"math/big"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// CheckInvariants checks the EVM's part of the state: every stored
// remainder is between 1 and 10^12 − 1 wei, and the remainders add up to
// the reserve's ustake × 10^12. It returns a description of the first
// breach, or nil.
func (k Keeper) CheckInvariants(r store.Reader) error {
	sum := new(big.Int)
	var bad error
	r.Iterate(remainderPrefix, store.PrefixEnd(remainderPrefix), func(key, v []byte) bool {
		if len(v) != 8 {
			bad = fmt.Errorf("evm: the remainder at %x is %d bytes, not 8", key, len(v))
			return false
		}
		rem := binary.BigEndian.Uint64(v)
		if rem == 0 || rem >= WeiPerMicro {
			bad = fmt.Errorf("evm: the remainder at %x is %d wei, outside 1..10^12-1", key, rem)
			return false
		}
		sum.Add(sum, new(big.Int).SetUint64(rem))
		return true
	})
	if bad != nil {
		return bad
	}
	reserve := k.ledger.Balances.Balance(r, authtypes.Address(k.ledger.Reserve.Bytes()), k.ledger.Denom).BigInt()
	if backing := new(big.Int).Mul(reserve, big.NewInt(WeiPerMicro)); backing.Cmp(sum) != 0 {
		return fmt.Errorf("evm: the remainders add up to %s wei, the reserve holds %s%s = %s wei", sum, reserve, k.ledger.Denom, backing)
	}
	return nil
}
