package evm

import (
	"encoding/json"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/eth/tracers"
	"github.com/ethereum/go-ethereum/eth/tracers/logger"
	_ "github.com/ethereum/go-ethereum/eth/tracers/native"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/evm/contracts"
)

func TestGoEthereumsTracersStepThroughATransfer(t *testing.T) {
	c := newChain(t, map[string]int64{"alice": 1_000_000_000})
	coin := c.deploy(t, alice, contracts.ERC20(), erc20ABI, "C", "C", uint8(6), big.NewInt(500))
	data := pack(t, erc20ABI, "transfer", bob, big.NewInt(5))

	// The struct logger: every opcode with pc, gas, stack and storage.
	sl := logger.NewStructLogger(&logger.Config{EnableMemory: true})
	res, _, err := c.k.Apply(c.w, testBlock, Tx{}, c.message(alice, &coin, data, nil), nil, sl.Hooks())
	require.NoError(t, err)
	out, err := sl.GetResult()
	require.NoError(t, err)
	var trace struct {
		Gas        uint64 `json:"gas"`
		Failed     bool   `json:"failed"`
		StructLogs []struct {
			Op      string            `json:"op"`
			Storage map[string]string `json:"storage"`
		} `json:"structLogs"`
	}
	require.NoError(t, json.Unmarshal(out, &trace))
	require.Equal(t, res.UsedGas, trace.Gas)
	require.False(t, trace.Failed)
	sstores := 0
	for _, s := range trace.StructLogs {
		if s.Op == "SSTORE" {
			sstores++
			require.NotEmpty(t, s.Storage)
		}
	}
	require.Equal(t, 2, sstores, "a transfer writes two balances")

	// The call tracer: one CALL frame with its gas and output.
	ct, err := tracers.DefaultDirectory.New("callTracer", &tracers.Context{}, nil, ChainConfig(DefaultChainID))
	require.NoError(t, err)
	msg := c.message(alice, &coin, pack(t, erc20ABI, "transfer", bob, big.NewInt(501)), nil)
	res, err = c.k.Call(c.w, testBlock, msg, ct.Hooks)
	require.NoError(t, err)
	out, err = ct.GetResult()
	require.NoError(t, err)
	var frame struct {
		Type    string `json:"type"`
		GasUsed string `json:"gasUsed"`
		Error   string `json:"error"`
		Output  string `json:"output"`
	}
	require.NoError(t, json.Unmarshal(out, &frame))
	require.Equal(t, "CALL", frame.Type)
	require.Equal(t, "execution reverted", frame.Error)
	require.NotEmpty(t, frame.Output)
}
