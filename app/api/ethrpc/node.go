package ethrpc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"

	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/ethereum/go-ethereum/common"
	ethcore "github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/tracing"
	ethtypes "github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/eth/tracers"
	"github.com/ethereum/go-ethereum/eth/tracers/logger"
	_ "github.com/ethereum/go-ethereum/eth/tracers/native" // registers callTracer and the other native tracers
	"github.com/holiman/uint256"

	"github.com/stakechain/stakechain/app"
	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/evm"
	"github.com/stakechain/stakechain/x/evm/ethtx"
	evmtypes "github.com/stakechain/stakechain/x/evm/types"
)

// Comet is what the node backend reads from CometBFT: its blocks, their
// results, the transaction index, and the mempool. CometBFT's local client
// (rpc/client/local) is one.
type Comet interface {
	Status(ctx context.Context) (*coretypes.ResultStatus, error)
	Block(ctx context.Context, height *int64) (*coretypes.ResultBlock, error)
	BlockByHash(ctx context.Context, hash []byte) (*coretypes.ResultBlock, error)
	BlockResults(ctx context.Context, height *int64) (*coretypes.ResultBlockResults, error)
	TxSearch(ctx context.Context, query string, prove bool, page, perPage *int, orderBy string) (*coretypes.ResultTxSearch, error)
	BroadcastTxSync(ctx context.Context, tx cmttypes.Tx) (*coretypes.ResultBroadcastTx, error)
}

// Chain is what the node backend reads from the application.
type Chain interface {
	Height() int64
	StateAt(height int64) (store.Reader, error)
	EVM() evm.Keeper
	EVMBlockAfter(r store.Reader, height int64) evm.Block
	PendingAccount(addr authtypes.Address) (app.PendingAccount, bool)
}

// NodeBackend is the Backend of a running node.
type NodeBackend struct {
	comet Comet
	chain Chain

	mu      sync.Mutex
	chainID *big.Int // read from the state once there is one
}

var _ Backend = (*NodeBackend)(nil)

// NewNodeBackend returns the backend over a node's CometBFT and
// application.
func NewNodeBackend(comet Comet, chain Chain) *NodeBackend {
	return &NodeBackend{comet: comet, chain: chain}
}

// ChainID implements Backend. It is read from the state once the first
// block is committed (it is fixed at genesis); before, it is 0.
func (n *NodeBackend) ChainID() *big.Int {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.chainID == nil {
		h := n.chain.Height()
		if h == 0 {
			return new(big.Int)
		}
		r, err := n.chain.StateAt(h)
		if err != nil {
			return new(big.Int)
		}
		n.chainID = new(big.Int).SetUint64(n.chain.EVM().Params(r).ChainID)
	}
	return n.chainID
}

// Head implements Backend: the application's last committed height, whose
// block and results CometBFT has stored.
func (n *NodeBackend) Head(context.Context) (int64, error) { return n.chain.Height(), nil }

// Earliest implements Backend: the lowest height whose block CometBFT
// still has.
func (n *NodeBackend) Earliest(ctx context.Context) (int64, error) {
	st, err := n.comet.Status(ctx)
	if err != nil {
		return 0, err
	}
	return max(st.SyncInfo.EarliestBlockHeight, 1), nil
}

// BlockByNumber implements Backend.
func (n *NodeBackend) BlockByNumber(ctx context.Context, height int64) (*Block, error) {
	if height < 1 || height > n.chain.Height() {
		return nil, nil
	}
	rb, err := n.comet.Block(ctx, &height)
	if err != nil {
		return nil, err
	}
	return n.block(ctx, rb)
}

// BlockByHash implements Backend.
func (n *NodeBackend) BlockByHash(ctx context.Context, hash common.Hash) (*Block, error) {
	rb, err := n.comet.BlockByHash(ctx, hash.Bytes())
	if err != nil {
		return nil, err
	}
	if rb.Block == nil || rb.Block.Height > n.chain.Height() {
		return nil, nil
	}
	return n.block(ctx, rb)
}

// block turns a CometBFT block and its results into the Ethereum view: its
// Ethereum transactions that executed (a refused one, which changed
// nothing, is not shown), each with its outcome.
func (n *NodeBackend) block(ctx context.Context, rb *coretypes.ResultBlock) (*Block, error) {
	h := rb.Block.Height
	res, err := n.comet.BlockResults(ctx, &h)
	if err != nil {
		return nil, err
	}
	b := &Block{
		Number:     h,
		Hash:       common.BytesToHash(rb.BlockID.Hash),
		ParentHash: common.BytesToHash(rb.Block.LastBlockID.Hash),
		Time:       uint64(rb.Block.Time.Unix()),
		Coinbase:   n.chain.EVM().FeeCollector(),
		StateRoot:  common.BytesToHash(rb.Block.AppHash),
		// PREVRANDAO is the previous block's hash (x/evm's block context).
		MixHash: common.BytesToHash(rb.Block.LastBlockID.Hash),
		Size:    uint64(rb.Block.Size()),
	}
	if r, err := n.chain.StateAt(h); err == nil {
		b.BaseFee = n.chain.EVM().Params(r).BaseFee.BigInt()
		b.GasLimit = n.chain.EVMBlockAfter(r, h).GasLimit
	}
	for i, raw := range rb.Block.Txs {
		if i >= len(res.TxsResults) {
			break
		}
		r := res.TxsResults[i]
		b.GasUsed += uint64(max(r.GasUsed, 0))
		if !ethtx.IsEthereum(raw) || len(r.Data) == 0 {
			continue
		}
		t, err := ethTxOf(raw, r.Data)
		if err != nil {
			return nil, fmt.Errorf("block %d tx %d: %w", h, i, err)
		}
		b.Txs = append(b.Txs, t)
	}
	return b, nil
}

// ethTxOf decodes an executed Ethereum transaction and its result.
func ethTxOf(raw, data []byte) (*Tx, error) {
	etx, err := ethtx.Decode(raw)
	if err != nil {
		return nil, err
	}
	var res evmtypes.TxResult
	if err := res.Unmarshal(data); err != nil {
		return nil, fmt.Errorf("result: %w", err)
	}
	t := &Tx{Tx: etx, From: common.BytesToAddress(res.From), GasUsed: res.GasUsed, Status: 1, Logs: make([]*ethtypes.Log, len(res.Logs))}
	if res.Failed {
		t.Status = 0
	}
	if len(res.ContractAddress) == common.AddressLength {
		a := common.BytesToAddress(res.ContractAddress)
		t.ContractAddress = &a
	}
	for i, l := range res.Logs {
		topics := make([]common.Hash, len(l.Topics))
		for j, tp := range l.Topics {
			topics[j] = common.BytesToHash(tp)
		}
		t.Logs[i] = &ethtypes.Log{Address: common.BytesToAddress(l.Address), Topics: topics, Data: l.Data}
	}
	return t, nil
}

// TxHeight implements Backend, through CometBFT's index of the
// ethereum_tx event.
func (n *NodeBackend) TxHeight(ctx context.Context, hash common.Hash) (int64, error) {
	one := 1
	res, err := n.comet.TxSearch(ctx, fmt.Sprintf("ethereum_tx.hash='%s'", hash.Hex()), false, &one, &one, "asc")
	if err != nil {
		return 0, err
	}
	if len(res.Txs) == 0 || res.Txs[0].Height > n.chain.Height() {
		return 0, nil
	}
	return res.Txs[0].Height, nil
}

// state returns a throwaway StateDB over the state after the block at
// height.
func (n *NodeBackend) state(height int64) (*evm.StateDB, error) {
	r, err := n.chain.StateAt(height)
	if err != nil {
		return nil, serverError("state at block %d: %v", height, err)
	}
	return n.chain.EVM().NewStateDB(store.NewCache(r)), nil
}

// Account implements Backend.
func (n *NodeBackend) Account(_ context.Context, addr common.Address, height int64) (uint64, *big.Int, error) {
	s, err := n.state(height)
	if err != nil {
		return 0, nil, err
	}
	return s.GetNonce(addr), s.GetBalance(addr).ToBig(), nil
}

// PendingNonce implements Backend.
func (n *NodeBackend) PendingNonce(_ context.Context, addr common.Address) (uint64, error) {
	acc, ok := n.chain.PendingAccount(authtypes.Address(addr.Bytes()))
	if !ok {
		return 0, nil
	}
	return acc.Sequence, nil
}

// Code implements Backend.
func (n *NodeBackend) Code(_ context.Context, addr common.Address, height int64) ([]byte, error) {
	s, err := n.state(height)
	if err != nil {
		return nil, err
	}
	return s.GetCode(addr), nil
}

// Storage implements Backend.
func (n *NodeBackend) Storage(_ context.Context, addr common.Address, slot common.Hash, height int64) (common.Hash, error) {
	s, err := n.state(height)
	if err != nil {
		return common.Hash{}, err
	}
	return s.GetState(addr, slot), nil
}

// message is msg as go-ethereum's state transition takes it. A call that
// names no price pays none.
func message(msg CallMsg) *ethcore.Message {
	u := func(b *big.Int) *uint256.Int {
		if b == nil {
			return new(uint256.Int)
		}
		v, overflow := uint256.FromBig(b)
		if overflow {
			return new(uint256.Int).SetAllOne()
		}
		return v
	}
	m := &ethcore.Message{From: msg.From, To: msg.To, GasLimit: msg.Gas, Value: u(msg.Value), Data: msg.Data, AccessList: msg.AccessList}
	switch {
	case msg.GasPrice != nil:
		m.GasPrice, m.GasFeeCap, m.GasTipCap = u(msg.GasPrice), u(msg.GasPrice), u(msg.GasPrice)
	default:
		m.GasFeeCap, m.GasTipCap = u(msg.GasFeeCap), u(msg.GasTipCap)
		m.GasPrice = m.GasFeeCap
	}
	return m
}

// call runs msg on the state after the block at height with tracer.
func (n *NodeBackend) call(msg CallMsg, height int64, tracer *tracing.Hooks) (*ethcore.ExecutionResult, error) {
	r, err := n.chain.StateAt(height)
	if err != nil {
		return nil, serverError("state at block %d: %v", height, err)
	}
	res, err := n.chain.EVM().Call(r, n.chain.EVMBlockAfter(r, height), message(msg), tracer)
	if err != nil {
		return nil, serverError("%s", strings.TrimPrefix(err.Error(), "the message cannot be applied: "))
	}
	return res, nil
}

// Call implements Backend.
func (n *NodeBackend) Call(_ context.Context, msg CallMsg, height int64) (*CallResult, error) {
	res, err := n.call(msg, height, nil)
	if err != nil {
		return nil, err
	}
	out := &CallResult{Return: res.ReturnData, GasUsed: res.UsedGas}
	switch {
	case errors.Is(res.Err, vm.ErrExecutionReverted):
		out.Reverted, out.Return = true, res.Revert()
	case res.Err != nil:
		out.Err = res.Err.Error()
	}
	return out, nil
}

// tracer builds the tracer cfg asks for: go-ethereum's struct logger by
// default, or a tracer of its directory by name (callTracer, ...).
func (n *NodeBackend) tracer(cfg *TraceConfig) (*tracing.Hooks, func() (json.RawMessage, error), error) {
	if cfg == nil {
		cfg = &TraceConfig{}
	}
	if cfg.Tracer == "" {
		l := logger.NewStructLogger(&logger.Config{
			EnableMemory: cfg.EnableMemory, DisableStack: cfg.DisableStack,
			DisableStorage: cfg.DisableStorage, EnableReturnData: cfg.EnableReturnData, Limit: cfg.Limit,
		})
		return l.Hooks(), l.GetResult, nil
	}
	t, err := tracers.DefaultDirectory.New(cfg.Tracer, &tracers.Context{}, cfg.TracerConfig, evm.ChainConfig(n.ChainID().Uint64()))
	if err != nil {
		return nil, nil, invalidParams("tracer %q: %v", cfg.Tracer, err)
	}
	return t.Hooks, t.GetResult, nil
}

// TraceCall implements Backend.
func (n *NodeBackend) TraceCall(_ context.Context, msg CallMsg, height int64, cfg *TraceConfig) (json.RawMessage, error) {
	hooks, result, err := n.tracer(cfg)
	if err != nil {
		return nil, err
	}
	if _, err := n.call(msg, height, hooks); err != nil {
		return nil, err
	}
	return result()
}

// TraceTransaction implements Backend. It re-executes the transaction on
// the state after the previous block, after the Ethereum transactions that
// came before it in its block.
//
// NOTE: Cosmos transactions of the same block that came before it are not
// replayed; where one of them changed what the traced transaction reads
// (a balance, say), the trace shows the transaction as it would have run
// without it.
func (n *NodeBackend) TraceTransaction(ctx context.Context, hash common.Hash, cfg *TraceConfig) (json.RawMessage, error) {
	h, err := n.TxHeight(ctx, hash)
	if err != nil || h == 0 {
		return nil, serverError("transaction %s not found", hash)
	}
	b, err := n.BlockByNumber(ctx, h)
	if err != nil || b == nil {
		return nil, serverError("block %d of transaction %s not found", h, hash)
	}
	r, err := n.chain.StateAt(h - 1)
	if err != nil {
		return nil, serverError("state before block %d: %v", h, err)
	}
	k := n.chain.EVM()
	st := store.NewCache(r)
	blk := n.chain.EVMBlockAfter(r, h-1)
	blk.Time = b.Time
	signer := ethtypes.LatestSignerForChainID(n.ChainID())
	for _, t := range b.Txs {
		msg, err := ethcore.TransactionToMessage(t.Tx, signer, b.BaseFee)
		if err != nil {
			return nil, serverError("transaction %s: %v", t.Tx.Hash(), err)
		}
		var hooks *tracing.Hooks
		var result func() (json.RawMessage, error)
		if t.Tx.Hash() == hash {
			if hooks, result, err = n.tracer(cfg); err != nil {
				return nil, err
			}
		}
		if _, _, err := k.Apply(st, blk, evm.Tx{Hash: t.Tx.Hash(), Signed: t.Tx}, msg, ethcore.NewGasPool(t.Tx.Gas()), hooks); err != nil {
			return nil, serverError("re-executing %s: %v", t.Tx.Hash(), err)
		}
		if result != nil {
			return result()
		}
	}
	return nil, serverError("transaction %s not found in block %d", hash, h)
}

// SendRawTransaction implements Backend: the node's CheckTx decides.
func (n *NodeBackend) SendRawTransaction(ctx context.Context, raw []byte) error {
	res, err := n.comet.BroadcastTxSync(ctx, raw)
	if err != nil {
		if strings.Contains(err.Error(), "already exists in cache") {
			return serverError("already known")
		}
		return err
	}
	if res.Code != 0 {
		return serverError("%s", res.Log)
	}
	return nil
}
