package evm

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/evm/contracts"
)

// BenchmarkERC20Transfers runs the same ERC-20 transfers through the keeper
// (StateDB and Commit over an in-memory store.Cache, one StateDB per
// transfer) and through go-ethereum's state.StateDB (Finalise after each
// transfer, no state root), and reports both rates and their ratio.
func BenchmarkERC20Transfers(b *testing.B) {
	tw := newTwin(b, []string{"alice"})
	alice := tw.actors[0]
	ctor, err := erc20ABI.Pack("", "Stake Coin", "SC", uint8(18), new(big.Int).Mul(big.NewInt(1_000_000), big10(18)))
	require.NoError(b, err)
	code := append(append([]byte(nil), contracts.ERC20().Bin...), ctor...)
	tw.run(b, tw.message(alice, nil, code, nil, 3_000_000))
	coin := crypto.CreateAddress(alice, 0)

	const recipients = 1000
	msgs := make([]*core.Message, b.N)
	for i := range msgs {
		to := common.BigToAddress(big.NewInt(int64(0x100000 + i%recipients)))
		m := tw.c.message(alice, &coin, pack(b, erc20ABI, "transfer", to, big.NewInt(1)), nil)
		m.Nonce = uint64(1 + i)
		m.GasLimit = 100_000
		msgs[i] = m
	}

	p := tw.c.k.Params(tw.c.w)
	bctx := tw.c.k.blockContext(tw.c.w, p, testBlock)
	cfg := ChainConfig(p.ChainID)
	rules := cfg.Rules(bctx.BlockNumber, true, bctx.Time)

	// The two sides take turns, 500 transfers at a time, so that both see
	// the same load on a shared machine.
	var ours, theirs time.Duration
	b.ResetTimer()
	for lo := 0; lo < len(msgs); lo += 500 {
		chunk := msgs[lo:min(lo+500, len(msgs))]
		start := time.Now()
		for i, m := range chunk {
			res, _, err := tw.c.k.Apply(tw.c.w, testBlock, Tx{Index: lo + i}, m, nil, nil)
			if err != nil || res.Err != nil {
				b.Fatalf("keeper transfer %d: %v %v", lo+i, err, res)
			}
		}
		ours += time.Since(start)

		start = time.Now()
		for i, m := range chunk {
			tw.geth.SetTxContext(common.Hash{}, lo+i, 0)
			evm := vm.NewEVM(bctx, tw.geth.StateDB, cfg, vm.Config{})
			res, err := core.ApplyMessage(evm, m, core.NewGasPool(bctx.GasLimit))
			evm.Release()
			if err != nil || res.Err != nil {
				b.Fatalf("go-ethereum transfer %d: %v %v", lo+i, err, res)
			}
			tw.geth.Finalise(rules)
		}
		theirs += time.Since(start)
	}
	b.StopTimer()

	n := float64(b.N)
	b.ReportMetric(n/ours.Seconds(), "keeper-transfers/s")
	b.ReportMetric(n/theirs.Seconds(), "geth-transfers/s")
	b.ReportMetric(theirs.Seconds()/ours.Seconds(), "keeper/geth-speed")
}
