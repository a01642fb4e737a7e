package client

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	banktypes "github.com/stakechain/stakechain/x/bank/types"
)

func TestAMessageWrittenAsJSONWithItsTypeURLIsPacked(t *testing.T) {
	a, err := MessageFromJSON(json.RawMessage(`{"@type": "/cosmos.bank.v1beta1.MsgSend", "from_address": "stake1a", "to_address": "stake1b",
		"amount": [{"denom": "ustake", "amount": "5"}]}`))
	require.NoError(t, err)
	require.Equal(t, "/cosmos.bank.v1beta1.MsgSend", a.TypeUrl)
	var m banktypes.MsgSend
	require.NoError(t, m.Unmarshal(a.Value))
	require.Equal(t, "stake1b", m.ToAddress)
	require.Equal(t, "5", m.Amount[0].Amount)

	_, err = MessageFromJSON(json.RawMessage(`{"@type": "/cosmos.nothing.MsgX"}`))
	require.ErrorContains(t, err, "unknown message type")
	_, err = MessageFromJSON(json.RawMessage(`{"to_address": "x"}`))
	require.ErrorContains(t, err, "@type")
	_, err = MessageFromJSON(json.RawMessage(`{"@type": "/cosmos.bank.v1beta1.MsgSend", "nonsense": 1}`))
	require.Error(t, err, "unknown fields are refused")
}
