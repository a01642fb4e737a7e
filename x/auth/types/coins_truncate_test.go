package types

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestAMalformedAmountOfExactlyAHundredCharactersIsEchoedWhole(t *testing.T) {
	amount := strings.Repeat("x", 100)
	_, err := CoinsFromProto([]*Coin{{Denom: "ustake", Amount: amount}})
	require.ErrorContains(t, err, `"`+amount+`"`)
	require.NotContains(t, err.Error(), "...")

	_, err = CoinsFromProto([]*Coin{{Denom: "ustake", Amount: amount + "y"}})
	require.ErrorContains(t, err, `"`+amount+`..."`)
}
