package ethrpc

import (
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/trie"
)

// rpcHeader is a block's header as eth_subscribe("newHeads") sends it and
// as the first fields of a block.
type rpcHeader struct {
	Number                hexutil.Uint64   `json:"number"`
	Hash                  common.Hash      `json:"hash"`
	ParentHash            common.Hash      `json:"parentHash"`
	Nonce                 types.BlockNonce `json:"nonce"`
	MixHash               common.Hash      `json:"mixHash"`
	Sha3Uncles            common.Hash      `json:"sha3Uncles"`
	LogsBloom             types.Bloom      `json:"logsBloom"`
	TransactionsRoot      common.Hash      `json:"transactionsRoot"`
	StateRoot             common.Hash      `json:"stateRoot"`
	ReceiptsRoot          common.Hash      `json:"receiptsRoot"`
	Miner                 common.Address   `json:"miner"`
	Difficulty            *hexutil.Big     `json:"difficulty"`
	ExtraData             hexutil.Bytes    `json:"extraData"`
	GasLimit              hexutil.Uint64   `json:"gasLimit"`
	GasUsed               hexutil.Uint64   `json:"gasUsed"`
	Timestamp             hexutil.Uint64   `json:"timestamp"`
	BaseFeePerGas         *hexutil.Big     `json:"baseFeePerGas"`
	WithdrawalsRoot       common.Hash      `json:"withdrawalsRoot"`
	BlobGasUsed           hexutil.Uint64   `json:"blobGasUsed"`
	ExcessBlobGas         hexutil.Uint64   `json:"excessBlobGas"`
	ParentBeaconBlockRoot common.Hash      `json:"parentBeaconBlockRoot"`
	RequestsHash          common.Hash      `json:"requestsHash"`
}

// rpcBlock is a block as eth_getBlockBy* return it. Transactions holds
// hashes or, with full transactions, rpcTxs.
type rpcBlock struct {
	rpcHeader
	Size            hexutil.Uint64      `json:"size"`
	TotalDifficulty *hexutil.Big        `json:"totalDifficulty"`
	Transactions    []any               `json:"transactions"`
	Uncles          []common.Hash       `json:"uncles"`
	Withdrawals     []*types.Withdrawal `json:"withdrawals"`
}

// rpcTx is a transaction as eth_getTransactionBy* and full blocks return it.
type rpcTx struct {
	BlockHash        *common.Hash      `json:"blockHash"`
	BlockNumber      *hexutil.Big      `json:"blockNumber"`
	From             common.Address    `json:"from"`
	Gas              hexutil.Uint64    `json:"gas"`
	GasPrice         *hexutil.Big      `json:"gasPrice"`
	GasFeeCap        *hexutil.Big      `json:"maxFeePerGas,omitempty"`
	GasTipCap        *hexutil.Big      `json:"maxPriorityFeePerGas,omitempty"`
	Hash             common.Hash       `json:"hash"`
	Input            hexutil.Bytes     `json:"input"`
	Nonce            hexutil.Uint64    `json:"nonce"`
	To               *common.Address   `json:"to"`
	TransactionIndex *hexutil.Uint64   `json:"transactionIndex"`
	Value            *hexutil.Big      `json:"value"`
	Type             hexutil.Uint64    `json:"type"`
	Accesses         *types.AccessList `json:"accessList,omitempty"`
	ChainID          *hexutil.Big      `json:"chainId,omitempty"`
	V                *hexutil.Big      `json:"v"`
	R                *hexutil.Big      `json:"r"`
	S                *hexutil.Big      `json:"s"`
	YParity          *hexutil.Uint64   `json:"yParity,omitempty"`
}

// rpcReceipt is a receipt as eth_getTransactionReceipt returns it.
type rpcReceipt struct {
	BlockHash         common.Hash     `json:"blockHash"`
	BlockNumber       hexutil.Uint64  `json:"blockNumber"`
	TransactionHash   common.Hash     `json:"transactionHash"`
	TransactionIndex  hexutil.Uint64  `json:"transactionIndex"`
	From              common.Address  `json:"from"`
	To                *common.Address `json:"to"`
	ContractAddress   *common.Address `json:"contractAddress"`
	CumulativeGasUsed hexutil.Uint64  `json:"cumulativeGasUsed"`
	GasUsed           hexutil.Uint64  `json:"gasUsed"`
	EffectiveGasPrice *hexutil.Big    `json:"effectiveGasPrice"`
	Logs              []*types.Log    `json:"logs"`
	LogsBloom         types.Bloom     `json:"logsBloom"`
	Status            hexutil.Uint64  `json:"status"`
	Type              hexutil.Uint64  `json:"type"`
}

// indexed is a block with the fields the service derives from it: each
// transaction's logs filled in with their block, transaction and
// block-wide index, the cumulative gas of each receipt, the blooms and
// roots.
type indexed struct {
	*Block
	cumulative []uint64
	logs       [][]*types.Log // copies of each tx's logs, filled in
	blooms     []types.Bloom
	bloom      types.Bloom
	txRoot     common.Hash
	rcptRoot   common.Hash
}

// index derives what the Ethereum shapes of b need. The receipts root is of
// the block's Ethereum receipts, cumulative gas counting only them.
func index(b *Block) *indexed {
	x := &indexed{Block: b, cumulative: make([]uint64, len(b.Txs)), logs: make([][]*types.Log, len(b.Txs)), blooms: make([]types.Bloom, len(b.Txs))}
	var logIndex uint
	var cum uint64
	txs := make(types.Transactions, len(b.Txs))
	rcpts := make(types.Receipts, len(b.Txs))
	for i, t := range b.Txs {
		cum += t.GasUsed
		x.cumulative[i] = cum
		x.logs[i] = make([]*types.Log, len(t.Logs))
		for j, orig := range t.Logs {
			l := &types.Log{Address: orig.Address, Topics: orig.Topics, Data: orig.Data}
			x.logs[i][j] = l
			l.BlockNumber = uint64(b.Number)
			l.BlockHash = b.Hash
			l.TxHash = t.Tx.Hash()
			l.TxIndex = uint(i)
			l.Index = logIndex
			l.BlockTimestamp = b.Time
			logIndex++
		}
		x.blooms[i] = types.CreateBloom(&types.Receipt{Logs: x.logs[i]})
		for j := range x.bloom {
			x.bloom[j] |= x.blooms[i][j]
		}
		txs[i] = t.Tx
		rcpts[i] = &types.Receipt{Type: t.Tx.Type(), Status: t.Status, CumulativeGasUsed: cum, Bloom: x.blooms[i], Logs: x.logs[i]}
	}
	x.txRoot, x.rcptRoot = types.EmptyTxsHash, types.EmptyReceiptsHash
	if len(txs) > 0 {
		x.txRoot = types.DeriveSha(txs, trie.NewStackTrie(nil))
		x.rcptRoot = types.DeriveSha(rcpts, trie.NewStackTrie(nil))
	}
	return x
}

func (x *indexed) rpcHeader() rpcHeader {
	return rpcHeader{
		Number:           hexutil.Uint64(x.Number),
		Hash:             x.Hash,
		ParentHash:       x.ParentHash,
		MixHash:          x.MixHash,
		Sha3Uncles:       types.EmptyUncleHash,
		LogsBloom:        x.bloom,
		TransactionsRoot: x.txRoot,
		StateRoot:        x.StateRoot,
		ReceiptsRoot:     x.rcptRoot,
		Miner:            x.Coinbase,
		Difficulty:       (*hexutil.Big)(new(big.Int)),
		ExtraData:        hexutil.Bytes{},
		GasLimit:         hexutil.Uint64(x.GasLimit),
		GasUsed:          hexutil.Uint64(x.GasUsed),
		Timestamp:        hexutil.Uint64(x.Time),
		BaseFeePerGas:    (*hexutil.Big)(x.BaseFee),
		WithdrawalsRoot:  types.EmptyWithdrawalsHash,
		RequestsHash:     types.EmptyRequestsHash,
	}
}

func (x *indexed) rpcBlock(full bool, chainID *big.Int) *rpcBlock {
	out := &rpcBlock{
		rpcHeader:       x.rpcHeader(),
		Size:            hexutil.Uint64(x.Size),
		TotalDifficulty: (*hexutil.Big)(new(big.Int)),
		Transactions:    make([]any, len(x.Txs)),
		Uncles:          []common.Hash{},
		Withdrawals:     []*types.Withdrawal{},
	}
	for i, t := range x.Txs {
		if full {
			out.Transactions[i] = x.rpcTx(i, chainID)
		} else {
			out.Transactions[i] = t.Tx.Hash()
		}
	}
	return out
}

// rpcTx is the block's i-th Ethereum transaction.
func (x *indexed) rpcTx(i int, chainID *big.Int) *rpcTx {
	t := x.Txs[i]
	out := newRPCTx(t.Tx, t.From, chainID)
	hash, idx := x.Hash, hexutil.Uint64(i)
	out.BlockHash, out.BlockNumber, out.TransactionIndex = &hash, (*hexutil.Big)(big.NewInt(x.Number)), &idx
	out.GasPrice = (*hexutil.Big)(effectiveGasPrice(t.Tx, x.BaseFee))
	return out
}

// newRPCTx is tx's shape before any block holds it.
func newRPCTx(tx *types.Transaction, from common.Address, chainID *big.Int) *rpcTx {
	v, r, s := tx.RawSignatureValues()
	out := &rpcTx{
		From:     from,
		Gas:      hexutil.Uint64(tx.Gas()),
		GasPrice: (*hexutil.Big)(tx.GasPrice()),
		Hash:     tx.Hash(),
		Input:    tx.Data(),
		Nonce:    hexutil.Uint64(tx.Nonce()),
		To:       tx.To(),
		Value:    (*hexutil.Big)(tx.Value()),
		Type:     hexutil.Uint64(tx.Type()),
		V:        (*hexutil.Big)(v),
		R:        (*hexutil.Big)(r),
		S:        (*hexutil.Big)(s),
	}
	if tx.Type() != types.LegacyTxType {
		al := tx.AccessList()
		if al == nil {
			al = types.AccessList{}
		}
		yparity := hexutil.Uint64(v.Uint64())
		out.Accesses, out.YParity = &al, &yparity
		out.ChainID = (*hexutil.Big)(tx.ChainId())
	} else if tx.Protected() {
		out.ChainID = (*hexutil.Big)(chainID)
	}
	if tx.Type() == types.DynamicFeeTxType {
		out.GasFeeCap, out.GasTipCap = (*hexutil.Big)(tx.GasFeeCap()), (*hexutil.Big)(tx.GasTipCap())
	}
	return out
}

func (x *indexed) rpcReceipt(i int) *rpcReceipt {
	t := x.Txs[i]
	logs := x.logs[i]
	return &rpcReceipt{
		BlockHash:         x.Hash,
		BlockNumber:       hexutil.Uint64(x.Number),
		TransactionHash:   t.Tx.Hash(),
		TransactionIndex:  hexutil.Uint64(i),
		From:              t.From,
		To:                t.Tx.To(),
		ContractAddress:   t.ContractAddress,
		CumulativeGasUsed: hexutil.Uint64(x.cumulative[i]),
		GasUsed:           hexutil.Uint64(t.GasUsed),
		EffectiveGasPrice: (*hexutil.Big)(effectiveGasPrice(t.Tx, x.BaseFee)),
		Logs:              logs,
		LogsBloom:         x.blooms[i],
		Status:            hexutil.Uint64(t.Status),
		Type:              hexutil.Uint64(t.Tx.Type()),
	}
}

// effectiveGasPrice is what a unit of gas cost tx in a block with base fee
// baseFee: the gas price of a legacy or access-list tx, min(fee cap, base
// fee + tip) of a dynamic-fee one.
func effectiveGasPrice(tx *types.Transaction, baseFee *big.Int) *big.Int {
	if tx.Type() != types.DynamicFeeTxType || baseFee == nil {
		return tx.GasPrice()
	}
	p := new(big.Int).Add(baseFee, tx.GasTipCap())
	if p.Cmp(tx.GasFeeCap()) > 0 {
		p.Set(tx.GasFeeCap())
	}
	return p
}
