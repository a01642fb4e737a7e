package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	dbm "github.com/cometbft/cometbft-db"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	ctypes "github.com/cometbft/cometbft/rpc/core/types"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app"
	"github.com/stakechain/stakechain/app/api/ethrpc"
)

// evmTestNode is an application behind the node's real Ethereum JSON-RPC
// (ethrpc.New over ethrpc.NewNodeBackend), with this type standing in for
// CometBFT: it keeps the blocks and their results, indexes Ethereum
// transactions by hash, and puts each transaction CheckTx admits in a block
// of its own, finalized and committed at once, as a one-validator chain
// would a moment later.
type evmTestNode struct {
	t   *testing.T
	app *app.App
	url string // of the JSON-RPC

	mu      sync.Mutex
	blocks  []*ctypes.ResultBlock // block h at h-1
	results []*ctypes.ResultBlockResults
	byHash  map[string]int64
	ethTxs  map[string]int64 // lower-case 0x hash -> height
	appHash []byte
}

var _ ethrpc.Comet = (*evmTestNode)(nil)

// newEVMTestNode starts a chain whose genesis gives addr (bech32) coins,
// and its JSON-RPC on a free port of 127.0.0.1.
func newEVMTestNode(t *testing.T, addr, coins string) *evmTestNode {
	t.Helper()
	g, err := app.GenesisAddAccount(app.DefaultGenesis(), addr, coins)
	require.NoError(t, err)
	a, err := app.New(app.Config{DB: dbm.NewMemDB()})
	require.NoError(t, err)
	res, err := a.InitChain(context.Background(), &abci.RequestInitChain{ChainId: testNodeChainID, InitialHeight: 1, AppStateBytes: g,
		Time: time.Unix(1_700_000_000, 0), ConsensusParams: &cmtproto.ConsensusParams{Block: &cmtproto.BlockParams{MaxBytes: 1 << 20, MaxGas: -1}}})
	require.NoError(t, err)
	n := &evmTestNode{t: t, app: a, byHash: map[string]int64{}, ethTxs: map[string]int64{}, appHash: res.AppHash}
	n.mu.Lock()
	require.NoError(t, n.produce(nil))
	n.mu.Unlock()

	cfg := ethrpc.DefaultConfig()
	cfg.PollInterval = 20 * time.Millisecond
	srv, err := ethrpc.New(cfg, ethrpc.NewNodeBackend(n, a))
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv.StartOn(ln)
	t.Cleanup(func() { require.NoError(t, srv.Close()) })
	n.url = "http://" + srv.Addr()
	return n
}

// produce finalizes and commits a block of txs. CONTRACT: under n.mu.
func (n *evmTestNode) produce(txs [][]byte) error {
	h := int64(len(n.blocks)) + 1
	blk := &cmttypes.Block{
		Header: cmttypes.Header{ChainID: testNodeChainID, Height: h, Time: time.Unix(1_700_000_000+h, 0).UTC(),
			AppHash: n.appHash, ValidatorsHash: bytes.Repeat([]byte{1}, 32), ProposerAddress: bytes.Repeat([]byte{2}, 20)},
		LastCommit: &cmttypes.Commit{},
	}
	for _, tx := range txs {
		blk.Data.Txs = append(blk.Data.Txs, tx)
	}
	if h > 1 {
		blk.LastBlockID = n.blocks[h-2].BlockID
	}
	hash := blk.Hash()
	ctx := context.Background()
	res, err := n.app.FinalizeBlock(ctx, &abci.RequestFinalizeBlock{Txs: txs, Height: h, Time: blk.Time, Hash: hash, ProposerAddress: blk.ProposerAddress})
	if err != nil {
		return err
	}
	if _, err := n.app.Commit(ctx, &abci.RequestCommit{}); err != nil {
		return err
	}
	n.appHash = res.AppHash
	n.blocks = append(n.blocks, &ctypes.ResultBlock{BlockID: cmttypes.BlockID{Hash: hash}, Block: blk})
	n.results = append(n.results, &ctypes.ResultBlockResults{Height: h, TxsResults: res.TxResults, AppHash: res.AppHash})
	n.byHash[string(hash)] = h
	for _, r := range res.TxResults {
		for _, ev := range r.Events {
			for _, attr := range ev.Attributes {
				if ev.Type == "ethereum_tx" && attr.Key == "hash" {
					n.ethTxs[strings.ToLower(attr.Value)] = h
				}
			}
		}
	}
	return nil
}

// Status implements ethrpc.Comet.
func (n *evmTestNode) Status(context.Context) (*ctypes.ResultStatus, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return &ctypes.ResultStatus{SyncInfo: ctypes.SyncInfo{EarliestBlockHeight: 1, LatestBlockHeight: int64(len(n.blocks))}}, nil
}

// Block implements ethrpc.Comet.
func (n *evmTestNode) Block(_ context.Context, height *int64) (*ctypes.ResultBlock, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	h := int64(len(n.blocks))
	if height != nil {
		h = *height
	}
	if h < 1 || h > int64(len(n.blocks)) {
		return nil, fmt.Errorf("height %d is not available", h)
	}
	return n.blocks[h-1], nil
}

// BlockByHash implements ethrpc.Comet.
func (n *evmTestNode) BlockByHash(_ context.Context, hash []byte) (*ctypes.ResultBlock, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if h, ok := n.byHash[string(hash)]; ok {
		return n.blocks[h-1], nil
	}
	return &ctypes.ResultBlock{}, nil
}

// BlockResults implements ethrpc.Comet.
func (n *evmTestNode) BlockResults(_ context.Context, height *int64) (*ctypes.ResultBlockResults, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	h := int64(len(n.results))
	if height != nil {
		h = *height
	}
	if h < 1 || h > int64(len(n.results)) {
		return nil, fmt.Errorf("height %d is not available", h)
	}
	return n.results[h-1], nil
}

// TxSearch implements ethrpc.Comet for the one query the backend makes,
// ethereum_tx.hash='0x...'.
func (n *evmTestNode) TxSearch(_ context.Context, query string, _ bool, _, _ *int, _ string) (*ctypes.ResultTxSearch, error) {
	hash, ok := strings.CutPrefix(query, "ethereum_tx.hash='")
	if !ok || !strings.HasSuffix(hash, "'") {
		return nil, errors.New("unsupported query " + query)
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	h, found := n.ethTxs[strings.ToLower(strings.TrimSuffix(hash, "'"))]
	if !found {
		return &ctypes.ResultTxSearch{}, nil
	}
	return &ctypes.ResultTxSearch{Txs: []*ctypes.ResultTx{{Height: h}}, TotalCount: 1}, nil
}

// BroadcastTxSync implements ethrpc.Comet: a tx CheckTx admits is put in
// the next block.
func (n *evmTestNode) BroadcastTxSync(ctx context.Context, tx cmttypes.Tx) (*ctypes.ResultBroadcastTx, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	res, err := n.app.CheckTx(ctx, &abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_New})
	if err != nil {
		return nil, err
	}
	if res.Code == 0 {
		if err := n.produce([][]byte{tx}); err != nil {
			return nil, err
		}
	}
	return &ctypes.ResultBroadcastTx{Code: res.Code, Codespace: res.Codespace, Log: res.Log, Hash: tx.Hash()}, nil
}

// height is the last committed height.
func (n *evmTestNode) height() int64 {
	n.mu.Lock()
	defer n.mu.Unlock()
	return int64(len(n.blocks))
}
