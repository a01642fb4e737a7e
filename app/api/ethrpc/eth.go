package ethrpc

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sort"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
)

// ethAPI is the eth_ namespace. Its exported methods are the JSON-RPC
// methods, named by the rpc package: GetBalance is eth_getBalance.
type ethAPI struct {
	cfg     Config
	b       Backend
	heads   *headFeed
	filters *filters
}

// ChainId is eth_chainId.
func (api *ethAPI) ChainId() *hexutil.Big { return (*hexutil.Big)(api.b.ChainID()) }

// BlockNumber is eth_blockNumber.
func (api *ethAPI) BlockNumber(ctx context.Context) (hexutil.Uint64, error) {
	h, err := api.b.Head(ctx)
	return hexutil.Uint64(h), err
}

// Syncing is eth_syncing: a node that serves is never behind in a way
// Ethereum clients should wait for.
func (api *ethAPI) Syncing() bool { return false }

// Accounts is eth_accounts: the node holds no keys for clients.
func (api *ethAPI) Accounts() []common.Address { return []common.Address{} }

// height resolves a block tag or number to a committed height; every tag
// but "earliest" is the head, since blocks are final once committed.
func (api *ethAPI) height(ctx context.Context, n rpc.BlockNumber) (int64, error) {
	switch n {
	case rpc.LatestBlockNumber, rpc.PendingBlockNumber, rpc.SafeBlockNumber, rpc.FinalizedBlockNumber:
		return api.b.Head(ctx)
	case rpc.EarliestBlockNumber:
		return api.b.Earliest(ctx)
	}
	if n < 0 {
		return 0, invalidParams("unknown block tag %d", n)
	}
	return int64(n), nil
}

// stateHeight resolves a block number, tag or hash (EIP-1898) to a height
// whose state the node has; nil means "latest".
func (api *ethAPI) stateHeight(ctx context.Context, bnh *rpc.BlockNumberOrHash) (int64, error) {
	if bnh == nil {
		return api.b.Head(ctx)
	}
	if hash, ok := bnh.Hash(); ok {
		b, err := api.b.BlockByHash(ctx, hash)
		if err != nil {
			return 0, err
		}
		if b == nil {
			return 0, serverError("block %s not found", hash)
		}
		return b.Number, nil
	}
	n, _ := bnh.Number()
	h, err := api.height(ctx, n)
	if err != nil {
		return 0, err
	}
	head, err := api.b.Head(ctx)
	if err != nil {
		return 0, err
	}
	if h > head {
		return 0, serverError("header not found: block %d is after the latest, %d", h, head)
	}
	if earliest, err := api.b.Earliest(ctx); err == nil && h < earliest {
		return 0, serverError("state at block %d is pruned; the earliest kept is %d", h, earliest)
	}
	return h, nil
}

// blockAt returns the indexed block at a tag or number, or nil.
func (api *ethAPI) blockAt(ctx context.Context, n rpc.BlockNumber) (*indexed, error) {
	h, err := api.height(ctx, n)
	if err != nil {
		return nil, err
	}
	if h <= 0 {
		return nil, nil
	}
	b, err := api.b.BlockByNumber(ctx, h)
	if err != nil || b == nil {
		return nil, err
	}
	return index(b), nil
}

func (api *ethAPI) blockByHash(ctx context.Context, hash common.Hash) (*indexed, error) {
	b, err := api.b.BlockByHash(ctx, hash)
	if err != nil || b == nil {
		return nil, err
	}
	return index(b), nil
}

// GetBlockByNumber is eth_getBlockByNumber.
func (api *ethAPI) GetBlockByNumber(ctx context.Context, n rpc.BlockNumber, full bool) (*rpcBlock, error) {
	x, err := api.blockAt(ctx, n)
	if err != nil || x == nil {
		return nil, err
	}
	return x.rpcBlock(full, api.b.ChainID()), nil
}

// GetBlockByHash is eth_getBlockByHash.
func (api *ethAPI) GetBlockByHash(ctx context.Context, hash common.Hash, full bool) (*rpcBlock, error) {
	x, err := api.blockByHash(ctx, hash)
	if err != nil || x == nil {
		return nil, err
	}
	return x.rpcBlock(full, api.b.ChainID()), nil
}

// GetBlockTransactionCountByNumber is eth_getBlockTransactionCountByNumber.
func (api *ethAPI) GetBlockTransactionCountByNumber(ctx context.Context, n rpc.BlockNumber) (*hexutil.Uint, error) {
	x, err := api.blockAt(ctx, n)
	if err != nil || x == nil {
		return nil, err
	}
	c := hexutil.Uint(len(x.Txs))
	return &c, nil
}

// GetBlockTransactionCountByHash is eth_getBlockTransactionCountByHash.
func (api *ethAPI) GetBlockTransactionCountByHash(ctx context.Context, hash common.Hash) (*hexutil.Uint, error) {
	x, err := api.blockByHash(ctx, hash)
	if err != nil || x == nil {
		return nil, err
	}
	c := hexutil.Uint(len(x.Txs))
	return &c, nil
}

// GetUncleCountByBlockNumber is eth_getUncleCountByBlockNumber: there are
// no uncles.
func (api *ethAPI) GetUncleCountByBlockNumber(ctx context.Context, n rpc.BlockNumber) (*hexutil.Uint, error) {
	x, err := api.blockAt(ctx, n)
	if err != nil || x == nil {
		return nil, err
	}
	var zero hexutil.Uint
	return &zero, nil
}

// GetBalance is eth_getBalance, in wei.
func (api *ethAPI) GetBalance(ctx context.Context, addr common.Address, bnh rpc.BlockNumberOrHash) (*hexutil.Big, error) {
	h, err := api.stateHeight(ctx, &bnh)
	if err != nil {
		return nil, err
	}
	_, bal, err := api.b.Account(ctx, addr, h)
	return (*hexutil.Big)(bal), err
}

// GetTransactionCount is eth_getTransactionCount; "pending" counts the
// transactions of addr in the node's mempool.
func (api *ethAPI) GetTransactionCount(ctx context.Context, addr common.Address, bnh rpc.BlockNumberOrHash) (*hexutil.Uint64, error) {
	if n, ok := bnh.Number(); ok && n == rpc.PendingBlockNumber {
		nonce, err := api.b.PendingNonce(ctx, addr)
		return (*hexutil.Uint64)(&nonce), err
	}
	h, err := api.stateHeight(ctx, &bnh)
	if err != nil {
		return nil, err
	}
	nonce, _, err := api.b.Account(ctx, addr, h)
	return (*hexutil.Uint64)(&nonce), err
}

// GetCode is eth_getCode.
func (api *ethAPI) GetCode(ctx context.Context, addr common.Address, bnh rpc.BlockNumberOrHash) (hexutil.Bytes, error) {
	h, err := api.stateHeight(ctx, &bnh)
	if err != nil {
		return nil, err
	}
	code, err := api.b.Code(ctx, addr, h)
	if code == nil {
		code = []byte{}
	}
	return code, err
}

// GetStorageAt is eth_getStorageAt. The slot is a hex quantity or hash of
// at most 32 bytes.
func (api *ethAPI) GetStorageAt(ctx context.Context, addr common.Address, slot string, bnh rpc.BlockNumberOrHash) (hexutil.Bytes, error) {
	key, err := parseSlot(slot)
	if err != nil {
		return nil, invalidParams("storage slot %q: %v", slot, err)
	}
	h, err := api.stateHeight(ctx, &bnh)
	if err != nil {
		return nil, err
	}
	v, err := api.b.Storage(ctx, addr, key, h)
	return v[:], err
}

func parseSlot(s string) (common.Hash, error) {
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s = s[2:]
	}
	if len(s)%2 == 1 {
		s = "0" + s
	}
	b, err := hexutil.Decode("0x" + s)
	if err != nil {
		return common.Hash{}, err
	}
	if len(b) > common.HashLength {
		return common.Hash{}, fmt.Errorf("longer than 32 bytes")
	}
	return common.BytesToHash(b), nil
}

// TransactionArgs are the arguments of eth_call, eth_estimateGas and
// debug_traceCall. Input and Data are the same field under its new and old
// names; either may be given.
type TransactionArgs struct {
	From                 *common.Address   `json:"from"`
	To                   *common.Address   `json:"to"`
	Gas                  *hexutil.Uint64   `json:"gas"`
	GasPrice             *hexutil.Big      `json:"gasPrice"`
	MaxFeePerGas         *hexutil.Big      `json:"maxFeePerGas"`
	MaxPriorityFeePerGas *hexutil.Big      `json:"maxPriorityFeePerGas"`
	Value                *hexutil.Big      `json:"value"`
	Nonce                *hexutil.Uint64   `json:"nonce"`
	Data                 *hexutil.Bytes    `json:"data"`
	Input                *hexutil.Bytes    `json:"input"`
	AccessList           *types.AccessList `json:"accessList"`
	ChainID              *hexutil.Big      `json:"chainId"`
}

// callMsg converts args into a message with at most gasCap gas.
func (args *TransactionArgs) callMsg(chainID *big.Int, gasCap uint64) (CallMsg, error) {
	var msg CallMsg
	if args.Data != nil && args.Input != nil && string(*args.Data) != string(*args.Input) {
		return msg, invalidParams(`both "data" and "input" are set and differ; send one`)
	}
	if args.GasPrice != nil && (args.MaxFeePerGas != nil || args.MaxPriorityFeePerGas != nil) {
		return msg, invalidParams("gasPrice cannot be given with maxFeePerGas or maxPriorityFeePerGas")
	}
	if args.ChainID != nil && args.ChainID.ToInt().Cmp(chainID) != 0 {
		return msg, invalidParams("chainId %s is not this chain's, %s", args.ChainID.ToInt(), chainID)
	}
	if args.From != nil {
		msg.From = *args.From
	}
	msg.To = args.To
	gasCap = min(gasCap, params.MaxTxGas) // no transaction may use more (EIP-7825)
	msg.Gas = gasCap
	if args.Gas != nil && uint64(*args.Gas) < gasCap {
		msg.Gas = uint64(*args.Gas)
	}
	msg.GasPrice, msg.GasFeeCap, msg.GasTipCap = args.GasPrice.ToInt(), args.MaxFeePerGas.ToInt(), args.MaxPriorityFeePerGas.ToInt()
	msg.Value = args.Value.ToInt()
	switch {
	case args.Input != nil:
		msg.Data = *args.Input
	case args.Data != nil:
		msg.Data = *args.Data
	}
	if args.AccessList != nil {
		msg.AccessList = *args.AccessList
	}
	return msg, nil
}

// Call is eth_call: a revert is an error with code 3 carrying the revert
// data, as client libraries expect.
func (api *ethAPI) Call(ctx context.Context, args TransactionArgs, bnh *rpc.BlockNumberOrHash) (hexutil.Bytes, error) {
	msg, err := args.callMsg(api.b.ChainID(), api.cfg.GasCap)
	if err != nil {
		return nil, err
	}
	h, err := api.stateHeight(ctx, bnh)
	if err != nil {
		return nil, err
	}
	res, err := api.call(ctx, msg, h)
	if err != nil {
		return nil, err
	}
	return res.Return, callError(res)
}

func (api *ethAPI) call(ctx context.Context, msg CallMsg, h int64) (*CallResult, error) {
	ctx, cancel := context.WithTimeout(ctx, api.cfg.CallTimeout)
	defer cancel()
	res, err := api.b.Call(ctx, msg, h)
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, serverError("execution aborted after %s (the node's call timeout)", api.cfg.CallTimeout)
		}
		return nil, err
	}
	return res, nil
}

// callError is the JSON-RPC error of a finished call, or nil.
func callError(res *CallResult) error {
	switch {
	case res.Reverted:
		return revertError(res.Return)
	case res.Err != "":
		return serverError("%s", res.Err)
	}
	return nil
}

// EstimateGas is eth_estimateGas: the least gas limit with which the
// transaction succeeds, found by running it, so that refunds and the 63/64
// rule are accounted for exactly. A transaction that fails with the most
// gas it could get fails the estimate with its reason.
func (api *ethAPI) EstimateGas(ctx context.Context, args TransactionArgs, bnh *rpc.BlockNumberOrHash) (hexutil.Uint64, error) {
	msg, err := args.callMsg(api.b.ChainID(), api.cfg.GasCap)
	if err != nil {
		return 0, err
	}
	h, err := api.stateHeight(ctx, bnh)
	if err != nil {
		return 0, err
	}
	hi := msg.Gas
	try := func(gas uint64) (*CallResult, error) {
		m := msg
		m.Gas = gas
		return api.call(ctx, m, h)
	}
	res, err := try(hi)
	if err != nil {
		return 0, err
	}
	if res.Reverted {
		return 0, revertError(res.Return)
	}
	if res.Err != "" {
		return 0, serverError("gas required exceeds the allowance of %d: %s", hi, res.Err)
	}
	// Below the gas used nothing succeeds; a little above it usually does,
	// which saves most of the search.
	lo := res.GasUsed - 1
	if guess := res.GasUsed * 64 / 63; guess < hi {
		if r, err := try(guess); err != nil {
			return 0, err
		} else if !r.Reverted && r.Err == "" {
			hi = guess
		} else {
			lo = guess
		}
	}
	for lo+1 < hi {
		mid := lo + (hi-lo)/2
		r, err := try(mid)
		if err != nil {
			return 0, err
		}
		if r.Reverted || r.Err != "" {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hexutil.Uint64(hi), nil
}

// baseFee returns the base fee of the latest block.
func (api *ethAPI) baseFee(ctx context.Context) (*big.Int, error) {
	x, err := api.blockAt(ctx, rpc.LatestBlockNumber)
	if err != nil {
		return nil, err
	}
	if x == nil || x.BaseFee == nil {
		return new(big.Int), nil
	}
	return x.BaseFee, nil
}

// suggestedTip is the priority fee the node suggests: none, since blocks
// are not auctioned (the proposer is chosen by stake, and the base fee
// already goes to the fee collector).
var suggestedTip = new(big.Int)

// GasPrice is eth_gasPrice: the base fee plus the suggested tip.
func (api *ethAPI) GasPrice(ctx context.Context) (*hexutil.Big, error) {
	fee, err := api.baseFee(ctx)
	if err != nil {
		return nil, err
	}
	return (*hexutil.Big)(new(big.Int).Add(fee, suggestedTip)), nil
}

// MaxPriorityFeePerGas is eth_maxPriorityFeePerGas.
func (api *ethAPI) MaxPriorityFeePerGas() *hexutil.Big {
	return (*hexutil.Big)(new(big.Int).Set(suggestedTip))
}

// feeHistory is eth_feeHistory's result.
type feeHistory struct {
	OldestBlock  *hexutil.Big     `json:"oldestBlock"`
	Reward       [][]*hexutil.Big `json:"reward,omitempty"`
	BaseFee      []*hexutil.Big   `json:"baseFeePerGas"`
	GasUsedRatio []float64        `json:"gasUsedRatio"`
	// The blob fields are zero: blob transactions are refused.
	BlobBaseFee      []*hexutil.Big `json:"baseFeePerBlobGas"`
	BlobGasUsedRatio []float64      `json:"blobGasUsedRatio"`
}

// maxFeeHistory bounds the blocks of one eth_feeHistory.
const maxFeeHistory = 1024

// FeeHistory is eth_feeHistory: for each of the blockCount blocks ending at
// newest, the base fee, the share of the block's gas used, and the tips
// paid at the given percentiles of gas.
func (api *ethAPI) FeeHistory(ctx context.Context, blockCount math.HexOrDecimal64, newest rpc.BlockNumber, percentiles []float64) (*feeHistory, error) {
	for i, p := range percentiles {
		if p < 0 || p > 100 || (i > 0 && p < percentiles[i-1]) {
			return nil, invalidParams("reward percentiles must rise from 0 to 100")
		}
	}
	last, err := api.height(ctx, newest)
	if err != nil {
		return nil, err
	}
	if head, err := api.b.Head(ctx); err != nil {
		return nil, err
	} else if last > head {
		return nil, serverError("block %d is after the latest, %d", last, head)
	}
	n := min(int64(blockCount), maxFeeHistory, last)
	if earliest, err := api.b.Earliest(ctx); err == nil {
		n = min(n, last-earliest+1)
	}
	out := &feeHistory{OldestBlock: (*hexutil.Big)(big.NewInt(last - n + 1))}
	for h := last - n + 1; h <= last; h++ {
		b, err := api.b.BlockByNumber(ctx, h)
		if err != nil {
			return nil, err
		}
		if b == nil {
			return nil, serverError("block %d not found", h)
		}
		fee := b.BaseFee
		if fee == nil {
			fee = new(big.Int)
		}
		out.BaseFee = append(out.BaseFee, (*hexutil.Big)(fee))
		out.BlobBaseFee = append(out.BlobBaseFee, (*hexutil.Big)(new(big.Int)))
		ratio := 0.0
		if b.GasLimit > 0 {
			ratio = float64(b.GasUsed) / float64(b.GasLimit)
		}
		out.GasUsedRatio = append(out.GasUsedRatio, ratio)
		out.BlobGasUsedRatio = append(out.BlobGasUsedRatio, 0)
		if len(percentiles) > 0 {
			out.Reward = append(out.Reward, rewards(b, fee, percentiles))
		}
	}
	// The base fee of the block after the newest: a governance parameter,
	// so the newest block's.
	if n > 0 {
		out.BaseFee = append(out.BaseFee, out.BaseFee[len(out.BaseFee)-1])
		out.BlobBaseFee = append(out.BlobBaseFee, (*hexutil.Big)(new(big.Int)))
	}
	return out, nil
}

// rewards returns the tips at the given percentiles of the block's gas,
// its transactions sorted by tip.
func rewards(b *Block, baseFee *big.Int, percentiles []float64) []*hexutil.Big {
	type tip struct {
		tip *big.Int
		gas uint64
	}
	tips := make([]tip, len(b.Txs))
	var total uint64
	for i, t := range b.Txs {
		p := effectiveGasPrice(t.Tx, baseFee)
		tips[i] = tip{new(big.Int).Sub(p, baseFee), t.GasUsed}
		if tips[i].tip.Sign() < 0 {
			tips[i].tip.SetInt64(0)
		}
		total += t.GasUsed
	}
	sort.SliceStable(tips, func(i, j int) bool { return tips[i].tip.Cmp(tips[j].tip) < 0 })
	out := make([]*hexutil.Big, len(percentiles))
	for i, p := range percentiles {
		out[i] = (*hexutil.Big)(new(big.Int))
		if len(tips) == 0 {
			continue
		}
		threshold := uint64(float64(total) * p / 100)
		var sum uint64
		j := 0
		for ; j < len(tips)-1; j++ {
			sum += tips[j].gas
			if sum >= threshold {
				break
			}
		}
		out[i] = (*hexutil.Big)(tips[j].tip)
	}
	return out
}

// SendRawTransaction is eth_sendRawTransaction. It returns the keccak-256
// of the bytes, the hash every other method finds the transaction by.
func (api *ethAPI) SendRawTransaction(ctx context.Context, raw hexutil.Bytes) (common.Hash, error) {
	if len(raw) == 0 {
		return common.Hash{}, invalidParams("empty transaction")
	}
	if err := api.b.SendRawTransaction(ctx, raw); err != nil {
		var re *rpcError
		if errors.As(err, &re) {
			return common.Hash{}, err
		}
		return common.Hash{}, serverError("%v", err)
	}
	return crypto.Keccak256Hash(raw), nil
}

// txBlock finds the committed block holding a transaction and its index
// there.
func (api *ethAPI) txBlock(ctx context.Context, hash common.Hash) (*indexed, int, error) {
	h, err := api.b.TxHeight(ctx, hash)
	if err != nil || h == 0 {
		return nil, 0, err
	}
	b, err := api.b.BlockByNumber(ctx, h)
	if err != nil || b == nil {
		return nil, 0, err
	}
	for i, t := range b.Txs {
		if t.Tx.Hash() == hash {
			return index(b), i, nil
		}
	}
	return nil, 0, nil
}

// GetTransactionByHash is eth_getTransactionByHash; null for a transaction
// no committed block holds.
func (api *ethAPI) GetTransactionByHash(ctx context.Context, hash common.Hash) (*rpcTx, error) {
	x, i, err := api.txBlock(ctx, hash)
	if err != nil || x == nil {
		return nil, err
	}
	return x.rpcTx(i, api.b.ChainID()), nil
}

// GetTransactionReceipt is eth_getTransactionReceipt; null while no
// committed block holds the transaction.
func (api *ethAPI) GetTransactionReceipt(ctx context.Context, hash common.Hash) (*rpcReceipt, error) {
	x, i, err := api.txBlock(ctx, hash)
	if err != nil || x == nil {
		return nil, err
	}
	return x.rpcReceipt(i), nil
}

// GetTransactionByBlockNumberAndIndex is
// eth_getTransactionByBlockNumberAndIndex.
func (api *ethAPI) GetTransactionByBlockNumberAndIndex(ctx context.Context, n rpc.BlockNumber, i hexutil.Uint) (*rpcTx, error) {
	x, err := api.blockAt(ctx, n)
	if err != nil || x == nil || int(i) >= len(x.Txs) {
		return nil, err
	}
	return x.rpcTx(int(i), api.b.ChainID()), nil
}

// GetTransactionByBlockHashAndIndex is eth_getTransactionByBlockHashAndIndex.
func (api *ethAPI) GetTransactionByBlockHashAndIndex(ctx context.Context, hash common.Hash, i hexutil.Uint) (*rpcTx, error) {
	x, err := api.blockByHash(ctx, hash)
	if err != nil || x == nil || int(i) >= len(x.Txs) {
		return nil, err
	}
	return x.rpcTx(int(i), api.b.ChainID()), nil
}

// GetLogs is eth_getLogs, bounded by the block range and log caps.
func (api *ethAPI) GetLogs(ctx context.Context, crit FilterCriteria) ([]*types.Log, error) {
	ctx, cancel := context.WithTimeout(ctx, api.cfg.CallTimeout)
	defer cancel()
	out := []*types.Log{}
	if crit.BlockHash != nil {
		x, err := api.blockByHash(ctx, *crit.BlockHash)
		if err != nil {
			return nil, err
		}
		if x == nil {
			return nil, serverError("block %s not found", *crit.BlockHash)
		}
		return api.capLogs(crit.blockLogs(out, x))
	}
	from, to := rpc.LatestBlockNumber, rpc.LatestBlockNumber
	if crit.FromBlock != nil {
		from = *crit.FromBlock
	}
	if crit.ToBlock != nil {
		to = *crit.ToBlock
	}
	lo, err := api.height(ctx, from)
	if err != nil {
		return nil, err
	}
	hi, err := api.height(ctx, to)
	if err != nil {
		return nil, err
	}
	head, err := api.b.Head(ctx)
	if err != nil {
		return nil, err
	}
	hi = min(hi, head)
	lo = max(lo, 1)
	if lo > hi {
		return out, nil
	}
	if hi-lo+1 > api.cfg.LogsBlockRange {
		return nil, limitExceeded("the block range %d-%d is %d blocks; this node scans at most %d per eth_getLogs", lo, hi, hi-lo+1, api.cfg.LogsBlockRange)
	}
	for h := lo; h <= hi; h++ {
		if ctx.Err() != nil {
			return nil, limitExceeded("eth_getLogs took longer than %s; narrow the block range", api.cfg.CallTimeout)
		}
		b, err := api.b.BlockByNumber(ctx, h)
		if err != nil {
			return nil, err
		}
		if b == nil || len(b.Txs) == 0 {
			continue
		}
		if out = crit.blockLogs(out, index(b)); len(out) > api.cfg.LogsCap {
			return api.capLogs(out)
		}
	}
	return out, nil
}

func (api *ethAPI) capLogs(logs []*types.Log) ([]*types.Log, error) {
	if len(logs) > api.cfg.LogsCap {
		return nil, limitExceeded("the query matches more than %d logs; narrow the block range or the filter", api.cfg.LogsCap)
	}
	return logs, nil
}

// NewFilter is eth_newFilter.
func (api *ethAPI) NewFilter(crit FilterCriteria) (rpc.ID, error) {
	return api.filters.install(logFilter, crit)
}

// NewBlockFilter is eth_newBlockFilter.
func (api *ethAPI) NewBlockFilter() (rpc.ID, error) {
	return api.filters.install(blockFilter, FilterCriteria{})
}

// GetFilterChanges is eth_getFilterChanges.
func (api *ethAPI) GetFilterChanges(id rpc.ID) (any, error) { return api.filters.changes(id) }

// GetFilterLogs is eth_getFilterLogs: every log the filter's criteria
// match, as eth_getLogs.
func (api *ethAPI) GetFilterLogs(ctx context.Context, id rpc.ID) ([]*types.Log, error) {
	crit, err := api.filters.criteria(id)
	if err != nil {
		return nil, err
	}
	return api.GetLogs(ctx, crit)
}

// UninstallFilter is eth_uninstallFilter.
func (api *ethAPI) UninstallFilter(id rpc.ID) bool { return api.filters.uninstall(id) }

// subscriptionBuffer is how many notifications a subscriber may lag
// behind before newer ones are dropped for it.
const subscriptionBuffer = 256

// subscribe starts a subscription that sends what each new block yields.
func (api *ethAPI) subscribe(ctx context.Context, yield func(*indexed) []any) (*rpc.Subscription, error) {
	notifier, ok := rpc.NotifierFromContext(ctx)
	if !ok {
		return nil, rpc.ErrNotificationsUnsupported
	}
	sub := notifier.CreateSubscription()
	pending := make(chan any, subscriptionBuffer)
	cancel := api.heads.listen(func(x *indexed) {
		for _, v := range yield(x) {
			select {
			case pending <- v:
			default: // the subscriber is too slow; drop rather than stall
			}
		}
	})
	go func() {
		defer cancel()
		for {
			select {
			case v := <-pending:
				if err := notifier.Notify(sub.ID, v); err != nil {
					return
				}
			case <-sub.Err():
				return
			}
		}
	}()
	return sub, nil
}

// NewHeads is eth_subscribe("newHeads").
func (api *ethAPI) NewHeads(ctx context.Context) (*rpc.Subscription, error) {
	return api.subscribe(ctx, func(x *indexed) []any { return []any{x.rpcHeader()} })
}

// Logs is eth_subscribe("logs").
func (api *ethAPI) Logs(ctx context.Context, crit FilterCriteria) (*rpc.Subscription, error) {
	return api.subscribe(ctx, func(x *indexed) []any {
		var out []any
		for _, l := range crit.blockLogs(nil, x) {
			out = append(out, l)
		}
		return out
	})
}

// netAPI is the net_ namespace.
type netAPI struct{ b Backend }

// Version is net_version: the chain id in decimal.
func (api *netAPI) Version() string { return api.b.ChainID().String() }

// Listening is net_listening.
func (api *netAPI) Listening() bool { return true }

// web3API is the web3_ namespace.
type web3API struct{ version string }

// ClientVersion is web3_clientVersion.
func (api web3API) ClientVersion() string { return "stakechain/" + api.version }

// Sha3 is web3_sha3: the keccak-256 of the input.
func (web3API) Sha3(input hexutil.Bytes) hexutil.Bytes { return crypto.Keccak256(input) }

// debugAPI is the debug_ namespace: go-ethereum's tracers over the node's
// EVM.
type debugAPI struct{ eth *ethAPI }

// TraceTransaction is debug_traceTransaction.
func (api *debugAPI) TraceTransaction(ctx context.Context, hash common.Hash, cfg *TraceConfig) (any, error) {
	ctx, cancel := context.WithTimeout(ctx, api.eth.cfg.CallTimeout)
	defer cancel()
	if h, err := api.eth.b.TxHeight(ctx, hash); err != nil {
		return nil, err
	} else if h == 0 {
		return nil, serverError("transaction %s not found", hash)
	}
	return api.eth.b.TraceTransaction(ctx, hash, cfg)
}

// TraceCall is debug_traceCall.
func (api *debugAPI) TraceCall(ctx context.Context, args TransactionArgs, bnh rpc.BlockNumberOrHash, cfg *TraceConfig) (any, error) {
	msg, err := args.callMsg(api.eth.b.ChainID(), api.eth.cfg.GasCap)
	if err != nil {
		return nil, err
	}
	h, err := api.eth.stateHeight(ctx, &bnh)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, api.eth.cfg.CallTimeout)
	defer cancel()
	return api.eth.b.TraceCall(ctx, msg, h, cfg)
}
