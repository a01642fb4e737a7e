package bank

import "github.com/stakechain/stakechain/x/auth/types"

// ModuleName is the bank module's name and key prefix.
const ModuleName = "bank"

var (
	balancePrefix = []byte("bank/balance/")
	supplyPrefix  = []byte("bank/supply/")
	paramsKey     = []byte("bank/params")
)

// balancesPrefix is balancePrefix | len(addr) | addr, under which one
// account's balances are stored by denom.
func balancesPrefix(addr types.Address) []byte {
	k := make([]byte, 0, len(balancePrefix)+1+len(addr)+16)
	k = append(k, balancePrefix...)
	k = append(k, byte(len(addr)))
	return append(k, addr...)
}

// balanceKey is balancesPrefix(addr) | denom.
func balanceKey(addr types.Address, denom string) []byte {
	return append(balancesPrefix(addr), denom...)
}

func supplyKey(denom string) []byte {
	return append(append([]byte(nil), supplyPrefix...), denom...)
}
