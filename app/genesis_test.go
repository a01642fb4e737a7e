package app

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAGenesisWithDataAfterItsJSONIsRefused: json.Decoder reads one value
// and would ignore what follows it, so "{...}garbage" passed as a genesis.
func TestAGenesisWithDataAfterItsJSONIsRefused(t *testing.T) {
	g := DefaultGenesis()
	_, err := ParseGenesis(g)
	require.NoError(t, err)
	_, err = ParseGenesis(append(append([]byte{}, g...), "\n\t "...))
	require.NoError(t, err, "trailing white space is fine")
	for _, tail := range []string{"0", "{}", "garbage", `{"auth":{}}`} {
		_, err := ParseGenesis(append(append([]byte{}, g...), tail...))
		require.ErrorContains(t, err, "data after the JSON document", tail)
		require.Error(t, ValidateGenesis(append(append([]byte{}, g...), tail...)))
	}
}
