package evm

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/tracing"
	ethtypes "github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/evm/contracts"
)

// hookRecorder writes every state change a tracer is told of as a line.
func hookRecorder(lines *[]string) *tracing.Hooks {
	return &tracing.Hooks{
		OnBalanceChange: func(a common.Address, prev, next *big.Int, r tracing.BalanceChangeReason) {
			if r != tracing.BalanceIncreaseRewardTransactionFee { // ours also pays the base fee
				*lines = append(*lines, fmt.Sprintf("balance %s %s->%s %d", a, prev, next, r))
			}
		},
		OnNonceChangeV2: func(a common.Address, prev, next uint64, r tracing.NonceChangeReason) {
			*lines = append(*lines, fmt.Sprintf("nonce %s %d->%d %d", a, prev, next, r))
		},
		OnCodeChangeV2: func(a common.Address, prevHash common.Hash, _ []byte, hash common.Hash, code []byte, r tracing.CodeChangeReason) {
			*lines = append(*lines, fmt.Sprintf("code %s %s->%s %d %d", a, prevHash, hash, len(code), r))
		},
		OnStorageChange: func(a common.Address, slot, prev, next common.Hash) {
			*lines = append(*lines, fmt.Sprintf("storage %s %s %s->%s", a, slot, prev, next))
		},
		OnLog: func(l *ethtypes.Log) {
			*lines = append(*lines, fmt.Sprintf("log %s %x %x", l.Address, l.Topics, l.Data))
		},
	}
}

func TestATracerSeesTheSameStateChangesAsWithGoEthereumsHookedState(t *testing.T) {
	tw := newTwin(t, []string{"alice", "bob"})
	alice, bob := tw.actors[0], tw.actors[1]
	ctor, err := erc20ABI.Pack("", "C", "C", uint8(18), big.NewInt(1_000))
	require.NoError(t, err)
	coin := crypto.CreateAddress(alice, 0)
	msgs := []func() *core.Message{
		tw.message(alice, nil, append(append([]byte(nil), contracts.ERC20().Bin...), ctor...), nil, 3_000_000),
	}
	p := tw.c.k.Params(tw.c.w)
	bctx := tw.c.k.blockContext(tw.c.w, p, testBlock)
	cfg := ChainConfig(p.ChainID)
	for i := 0; i < 4; i++ {
		var ours, theirs []string
		if i > 0 {
			data := [][]byte{
				pack(t, erc20ABI, "transfer", bob, big.NewInt(300)),
				pack(t, erc20ABI, "transfer", bob, big.NewInt(5_000)), // reverts
				pack(t, erc20ABI, "approve", bob, big.NewInt(7)),
			}[i-1]
			msgs = append(msgs, tw.message(alice, &coin, data, nil, 200_000))
		}
		msg := msgs[i]
		_, _, err := tw.c.k.Apply(tw.c.w, testBlock, Tx{}, msg(), nil, hookRecorder(&ours))
		require.NoError(t, err)

		hooks := hookRecorder(&theirs)
		evm := vm.NewEVM(bctx, state.NewHookedState(tw.geth.StateDB, hooks), cfg, vm.Config{Tracer: hooks})
		_, err = core.ApplyMessage(evm, msg(), core.NewGasPool(bctx.GasLimit))
		require.NoError(t, err)
		evm.Release()
		tw.geth.Finalise(cfg.Rules(bctx.BlockNumber, true, bctx.Time))

		require.NotEmpty(t, ours)
		require.Equal(t, theirs, ours, "message %d", i)
	}
}
