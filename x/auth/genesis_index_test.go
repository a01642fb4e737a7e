package auth

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestAGenesisAccountThatDoesNotParseIsNamedByItsPlaceInTheList(t *testing.T) {
	ok := GenesisAccount{Address: addr("a").String()}
	check := NewAccountCheck()
	require.NoError(t, check.Check(ok))
	require.NoError(t, check.Check(GenesisAccount{Address: addr("b").String()}))
	err := check.Check(GenesisAccount{Address: "not an address"})
	require.ErrorContains(t, err, "auth account 2:")

	g := DefaultGenesis()
	g.Accounts = []GenesisAccount{ok, {Address: "stake1bad"}}
	require.ErrorContains(t, g.Validate(), "auth account 1:")
}
