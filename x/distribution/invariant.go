package distribution

import (
	"fmt"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// CheckInvariant verifies distribution's accounting against the bank:
//
//   - the distribution module account holds, denom by denom, exactly the
//     community pool plus every validator's outstanding rewards (that sum
//     is always whole; see doc.go for why);
//   - every validator's outstanding rewards cover its commission.
func (k Keeper) CheckInvariant(r store.Reader) error {
	type entry struct {
		val authtypes.Address
		out DecCoins
	}
	var outstanding []entry
	r.Iterate(outstandingPrefix, store.PrefixEnd(outstandingPrefix), func(key, value []byte) bool {
		outstanding = append(outstanding, entry{
			val: append(authtypes.Address(nil), key[len(outstandingPrefix):]...),
			out: decodeOutstanding(value),
		})
		return true
	})
	var commissioned []authtypes.Address
	r.Iterate(commissionPrefix, store.PrefixEnd(commissionPrefix), func(key, _ []byte) bool {
		commissioned = append(commissioned, append(authtypes.Address(nil), key[len(commissionPrefix):]...))
		return true
	})

	for _, val := range commissioned {
		comm := k.ValidatorCommission(r, val)
		if _, ok := k.OutstandingRewards(r, val).SafeSub(comm); !ok {
			return fmt.Errorf("distribution: outstanding rewards %s of %s do not cover its commission %s",
				k.OutstandingRewards(r, val), val.Valoper(), comm)
		}
	}
	sum := k.CommunityPool(r)
	for _, e := range outstanding {
		sum = sum.Add(e.out)
	}
	whole, change := sum.TruncateDecimal()
	if !change.IsZero() {
		return fmt.Errorf("distribution: the community pool and outstanding rewards add up to %s, which is not whole", sum)
	}
	held := k.bank.Balances(r, moduleAddress())
	if held.String() != whole.String() {
		return fmt.Errorf("distribution: the module account holds %q but the community pool and outstanding rewards add up to %q", held, whole)
	}
	return nil
}
