package app

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/ethereum/go-ethereum/common"
	ethcore "github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/tracing"
	ethtypes "github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/evm"
)

// erc20BenchSenders is how many accounts send the benchmark's transfers,
// and erc20BenchBlock how many transfers a block holds.
const (
	erc20BenchSenders = 200
	erc20BenchBlock   = 1000
)

// BenchmarkFinalizeBlockERC20 measures FinalizeBlock plus Commit of blocks
// of signed ERC-20 transfers (one op is one transfer): the transactions
// are not checked first, so FinalizeBlock decodes them and recovers their
// senders. Run with -cpu 1 for one core. Beside it, in the same run and on
// the same transfers, go-ethereum recovers each sender and applies the
// transfer over its own state.StateDB, committing its trie after each
// block; the metrics are both rates and their ratio.
func BenchmarkFinalizeBlockERC20(b *testing.B) {
	c := newTestChainWithConfig(b, Config{}, genesisWith(b, map[string]string{"alice": "1000000000000ustake"}, "alice"))
	owner := testEthKey(b, "bench-owner")
	c.fundEth(ethAddr(owner), "900000000000")
	coin, _ := c.deployERC20(owner, 0, 1_000_000_000)
	erc20 := erc20ABI(b)

	senders := make([]*ecdsa.PrivateKey, erc20BenchSenders)
	var setup [][]byte
	for i := range senders {
		senders[i] = testEthKey(b, fmt.Sprintf("bench-sender-%d", i))
		dest := ethAddr(senders[i])
		// Gas money and coins for each sender, from the owner.
		setup = append(setup, ethTx(b, owner, uint64(1+2*i), &dest, new(big.Int).Mul(big.NewInt(1_000_000_000), big.NewInt(1e12)), nil, 21_000))
		data, err := erc20.Pack("transfer", dest, big.NewInt(1_000_000))
		require.NoError(b, err)
		setup = append(setup, ethTx(b, owner, uint64(2+2*i), &coin, nil, data, 100_000))
	}
	res := c.block(setup...)
	for i, r := range res.TxResults {
		require.Zero(b, r.Code, "setup tx %d: %s", i, r.Log)
	}

	// The same transfers for both sides: sender i%K to a recipient among
	// 1,000.
	txs := make([][]byte, b.N)
	nonces := make([]uint64, len(senders))
	for i := range txs {
		s := i % len(senders)
		to := common.BigToAddress(big.NewInt(int64(0x100000 + i%1000)))
		data, err := erc20.Pack("transfer", to, big.NewInt(1))
		require.NoError(b, err)
		txs[i] = ethTx(b, senders[s], nonces[s], &coin, nil, data, 60_000)
		nonces[s]++
	}

	geth := newGethTwin(b, c, coin, senders)

	ctx := context.Background()
	var ours, theirs time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for lo := 0; lo < len(txs); lo += erc20BenchBlock {
		block := txs[lo:min(lo+erc20BenchBlock, len(txs))]
		c.height++
		c.time = c.time.Add(time.Second)
		start := time.Now()
		out, err := c.app.FinalizeBlock(ctx, &abci.RequestFinalizeBlock{Txs: block, Height: c.height, Time: c.time})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.app.Commit(ctx, &abci.RequestCommit{}); err != nil {
			b.Fatal(err)
		}
		ours += time.Since(start)
		for i, r := range out.TxResults {
			if r.Code != 0 {
				b.Fatalf("transfer %d: %s", lo+i, r.Log)
			}
		}
		c.hashes = append(c.hashes, string(out.AppHash))

		start = time.Now()
		geth.block(b, block)
		theirs += time.Since(start)
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(n/ours.Seconds(), "transfers/s")
	b.ReportMetric(n/theirs.Seconds(), "geth-transfers/s")
	b.ReportMetric(theirs.Seconds()/ours.Seconds(), "ours/geth-speed")
}

// gethTwin is go-ethereum's own state, holding the same coin and balances
// as the benchmark's chain, run with go-ethereum's state transition.
type gethTwin struct {
	db     state.Database
	root   common.Hash
	signer ethtypes.Signer
	ctx    vm.BlockContext
	cfg    *params.ChainConfig
	height uint64
}

// newGethTwin copies the coin's code and storage and the senders' balances
// and nonces from the chain into a fresh go-ethereum state.
func newGethTwin(b *testing.B, c *testChain, coin common.Address, senders []*ecdsa.PrivateKey) *gethTwin {
	b.Helper()
	db := state.NewDatabaseForTesting()
	sdb, err := state.New(ethtypes.EmptyRootHash, db)
	require.NoError(b, err)
	latest := c.app.tree.Latest()
	ours := c.app.evm.NewStateDB(store.NewCache(latest))
	sdb.SetCode(coin, ours.GetCode(coin), tracing.CodeChangeUnspecified)
	sdb.SetNonce(coin, 1, tracing.NonceChangeUnspecified)
	prefix := append([]byte("evm/storage/"), coin.Bytes()...)
	latest.Iterate(prefix, store.PrefixEnd(prefix), func(key, value []byte) bool {
		sdb.SetState(coin, common.BytesToHash(key[len(prefix):]), common.BytesToHash(value))
		return true
	})
	for _, k := range senders {
		a := ethAddr(k)
		sdb.SetBalance(a, ours.GetBalance(a), tracing.BalanceChangeUnspecified)
		sdb.SetNonce(a, ours.GetNonce(a), tracing.NonceChangeUnspecified)
	}
	p := c.app.evm.Params(c.app.tree.Latest())
	cfg := evm.ChainConfig(p.ChainID)
	rules := cfg.Rules(big.NewInt(c.height), true, uint64(c.time.Unix()))
	root, err := sdb.Commit(rules, uint64(c.height))
	require.NoError(b, err)
	random := common.Hash{1}
	return &gethTwin{
		db: db, root: root, signer: ethtypes.LatestSignerForChainID(cfg.ChainID), cfg: cfg, height: uint64(c.height),
		ctx: vm.BlockContext{
			CanTransfer: ethcore.CanTransfer, Transfer: ethcore.Transfer, GetHash: func(uint64) common.Hash { return common.Hash{} },
			Coinbase: c.app.evm.FeeCollector(), GasLimit: evm.DefaultBlockGasLimit, Time: uint64(c.time.Unix()),
			Difficulty: new(big.Int), BaseFee: p.BaseFee.BigInt(), BlobBaseFee: big.NewInt(1), Random: &random,
		},
	}
}

// block decodes, recovers and applies raw transactions, then commits.
func (g *gethTwin) block(b *testing.B, raws [][]byte) {
	g.height++
	sdb, err := state.New(g.root, g.db)
	if err != nil {
		b.Fatal(err)
	}
	g.ctx.BlockNumber = new(big.Int).SetUint64(g.height)
	rules := g.cfg.Rules(g.ctx.BlockNumber, true, g.ctx.Time)
	gp := ethcore.NewGasPool(g.ctx.GasLimit)
	for _, raw := range raws {
		tx := new(ethtypes.Transaction)
		if err := tx.UnmarshalBinary(raw); err != nil {
			b.Fatal(err)
		}
		msg, err := ethcore.TransactionToMessage(tx, g.signer, g.ctx.BaseFee)
		if err != nil {
			b.Fatal(err)
		}
		vmenv := vm.NewEVM(g.ctx, sdb, g.cfg, vm.Config{})
		res, err := ethcore.ApplyMessage(vmenv, msg, gp)
		vmenv.Release()
		if err != nil || res.Err != nil {
			b.Fatalf("go-ethereum: %v %v", err, res)
		}
		sdb.Finalise(rules)
	}
	if g.root, err = sdb.Commit(rules, g.height); err != nil {
		b.Fatal(err)
	}
}
