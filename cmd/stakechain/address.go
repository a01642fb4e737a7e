package main

import (
	"fmt"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// accountArg reads an account address given on the command line, in either
// spelling of the same 20 bytes: bech32 (stake1...) or Ethereum's 0x form
// (authtypes.ParseAccountInput). It returns the bech32 form, the one
// messages must carry and queries send; what names the argument in an error.
func accountArg(what, s string) (string, error) {
	a, err := authtypes.ParseAccountInput(s)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	return a.String(), nil
}
