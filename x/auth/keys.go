package auth

import "github.com/stakechain/stakechain/x/auth/types"

// ModuleName is the auth module's name and key prefix.
const ModuleName = "auth"

// FeeCollectorName is the module account that receives transaction fees.
const FeeCollectorName = "fee_collector"

var (
	accountPrefix  = []byte("auth/acct/")
	nextAccountKey = []byte("auth/next_account")
	paramsKey      = []byte("auth/params")
)

// accountKey is accountPrefix | len(addr) | addr.
func accountKey(addr types.Address) []byte {
	k := make([]byte, 0, len(accountPrefix)+1+len(addr))
	k = append(k, accountPrefix...)
	k = append(k, byte(len(addr)))
	return append(k, addr...)
}
