package token

import (
	"strings"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// ModuleName is the token module's name, its error codespace, its key
// prefix and the name of its module account.
const ModuleName = "token"

// DenomPrefix begins the denom of every token: "token/<creator>/<symbol>".
const DenomPrefix = "token/"

var (
	tokenPrefix     = []byte("token/info/")  // | denom → types.Token (supply empty)
	allowancePrefix = []byte("token/allow/") // | len|owner | len|spender | denom → amount
)

// Denom is the denomination of the token creator makes with symbol.
// Bech32 is unambiguous and holds no "/", so two (creator, symbol) pairs
// never give the same denom, and no token denom can be "ustake".
func Denom(creator authtypes.Address, symbol string) string {
	return DenomPrefix + creator.String() + "/" + symbol
}

// IsTokenDenom reports whether denom has the form of a token denom. It does
// not say whether the token exists.
func IsTokenDenom(denom string) bool { return strings.HasPrefix(denom, DenomPrefix) }

// moduleAddress is the address of the token module account, which holds
// coins only between the two steps of a mint or a burn.
func moduleAddress() authtypes.Address { return authtypes.ModuleAddress(ModuleName) }

func tokenKey(denom string) []byte { return store.Key(tokenPrefix, []byte(denom)) }

func allowanceKey(owner, spender authtypes.Address, denom string) []byte {
	return store.Key(allowancePrefix, store.LengthPrefixed(owner), store.LengthPrefixed(spender), []byte(denom))
}

// splitAllowanceKey reads the owner, spender and denom of an allowance key
// (without its prefix).
func splitAllowanceKey(k []byte) (owner, spender authtypes.Address, denom string) {
	n := int(k[0])
	owner = append(authtypes.Address(nil), k[1:1+n]...)
	k = k[1+n:]
	n = int(k[0])
	spender = append(authtypes.Address(nil), k[1:1+n]...)
	return owner, spender, string(k[1+n:])
}
