package evm

import (
	"encoding/binary"
	"math/big"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// CheckInvariant checks the wei accounting: every stored remainder is
// between 1 and 10^12−1, and the remainders add up to the reserve's
// balance × 10^12. It reads every remainder, so it is for tests and
// audits, not for blocks.
func (k Keeper) CheckInvariant(r store.Reader) error {
	sum := new(big.Int)
	var bad error
	r.Iterate(remainderPrefix, store.PrefixEnd(remainderPrefix), func(key, v []byte) bool {
		if len(v) != 8 {
			bad = ErrInsufficientReserve.Wrapf("remainder at %x is %d bytes, not 8", key, len(v))
			return false
		}
		rem := binary.BigEndian.Uint64(v)
		if rem == 0 || rem >= WeiPerMicro {
			bad = ErrInsufficientReserve.Wrapf("remainder at %x is %d, outside 1 to 10^12-1", key, rem)
			return false
		}
		sum.Add(sum, new(big.Int).SetUint64(rem))
		return true
	})
	if bad != nil {
		return bad
	}
	reserve := k.ledger.Balances.Balance(r, authtypes.Address(k.ledger.Reserve.Bytes()), k.ledger.Denom).BigInt()
	if want := new(big.Int).Mul(reserve, big.NewInt(WeiPerMicro)); want.Cmp(sum) != 0 {
		return ErrInsufficientReserve.Wrapf("the remainders add up to %s wei, the reserve holds %s ustake (%s wei)", sum, reserve, want)
	}
	return nil
}
