package bank

import (
	"bytes"
	"fmt"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// A mempool's recheck may apply a transfer's effect on a balance as an
// amount added or taken, to a balance that other transactions changed since
// the transfer was checked (app/checkrecord.go). These functions give the
// bank's keys and encoding of balances to that end.

// IsBalanceKey reports whether key holds one of addr's balances.
func IsBalanceKey(key []byte, addr types.Address) bool {
	prefix := balancesPrefix(addr)
	return bytes.HasPrefix(key, prefix) && len(key) > len(prefix)
}

// IsAnyBalanceKey reports whether key holds a balance of any account.
func IsAnyBalanceKey(key []byte) bool { return bytes.HasPrefix(key, balancePrefix) }

// BalanceAmount decodes a stored balance; nil is a zero balance.
func BalanceAmount(value []byte) (math.Int, error) {
	a, err := core.DecodeAmount(value)
	if err != nil {
		return math.Int{}, fmt.Errorf("bank: %w", err)
	}
	return a, nil
}

// BalanceValue is how a balance of amt is stored: nil for zero, which is
// deleted, never stored.
func BalanceValue(amt math.Int) []byte {
	if amt.IsZero() {
		return nil
	}
	return core.EncodeAmount(amt)
}
