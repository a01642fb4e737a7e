package ethrpc

import (
	"context"
	"encoding/json"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Backend is what the service reads from the node. Heights are CometBFT
// heights; a height of 0 is never asked for. Methods return (nil, nil) for
// a block or transaction that does not exist, and an error only when the
// node cannot answer (a pruned height, a stopped node).
type Backend interface {
	// ChainID is the EVM chain id (EIP-155).
	ChainID() *big.Int
	// Head returns the latest committed height.
	Head(ctx context.Context) (int64, error)
	// Earliest returns the lowest height whose block and state the node
	// still has.
	Earliest(ctx context.Context) (int64, error)

	// BlockByNumber returns the block at height, with its Ethereum
	// transactions and their receipts.
	BlockByNumber(ctx context.Context, height int64) (*Block, error)
	// BlockByHash returns the block with CometBFT hash hash.
	BlockByHash(ctx context.Context, hash common.Hash) (*Block, error)
	// TxHeight returns the height of the block that holds the Ethereum
	// transaction with hash hash, or 0 if no committed block does.
	TxHeight(ctx context.Context, hash common.Hash) (int64, error)

	// Account returns an account's nonce and balance in wei after the
	// block at height.
	Account(ctx context.Context, addr common.Address, height int64) (nonce uint64, balance *big.Int, err error)
	// PendingNonce returns the nonce the next transaction of addr must
	// carry, counting those the node's mempool holds.
	PendingNonce(ctx context.Context, addr common.Address) (uint64, error)
	// Code returns the code at addr after the block at height.
	Code(ctx context.Context, addr common.Address, height int64) ([]byte, error)
	// Storage returns the value of a storage slot after the block at height.
	Storage(ctx context.Context, addr common.Address, slot common.Hash, height int64) (common.Hash, error)

	// Call runs msg on the state after the block at height, in the context
	// of the next block, and changes nothing. A reverted call is a
	// CallResult with Reverted set, not an error.
	Call(ctx context.Context, msg CallMsg, height int64) (*CallResult, error)
	// TraceTransaction re-executes a committed transaction with a tracer.
	TraceTransaction(ctx context.Context, hash common.Hash, cfg *TraceConfig) (json.RawMessage, error)
	// TraceCall runs msg like Call, with a tracer.
	TraceCall(ctx context.Context, msg CallMsg, height int64, cfg *TraceConfig) (json.RawMessage, error)

	// SendRawTransaction hands a signed Ethereum transaction to the
	// mempool. An error is the node's refusal, with its reason.
	SendRawTransaction(ctx context.Context, raw []byte) error
}

// Block is one committed block as the Ethereum API shows it.
type Block struct {
	Number     int64
	Hash       common.Hash // CometBFT's block hash
	ParentHash common.Hash
	Time       uint64 // seconds since the Unix epoch
	Coinbase   common.Address
	StateRoot  common.Hash // the app hash the block's header carries
	MixHash    common.Hash // the EVM's PREVRANDAO in this block
	GasLimit   uint64      // the block's max gas
	// GasUsed is the gas of all the block's transactions, Cosmos ones
	// included, as CometBFT's results report it.
	GasUsed uint64
	BaseFee *big.Int
	Size    uint64 // the encoded CometBFT block's size
	// Txs are the block's Ethereum transactions in block order, with
	// their receipts.
	Txs []*Tx
}

// Tx is a committed Ethereum transaction with its outcome.
type Tx struct {
	Tx   *types.Transaction
	From common.Address
	// Status is 1 for success, 0 for a reverted or failed execution.
	Status  uint64
	GasUsed uint64
	// Logs carry Address, Topics and Data; the service fills in the block,
	// transaction and index fields.
	Logs []*types.Log
	// ContractAddress is the created contract's address, for a creation.
	ContractAddress *common.Address
}

// CallMsg is a call or transaction to simulate.
type CallMsg struct {
	From       common.Address
	To         *common.Address
	Gas        uint64 // 0: the service's gas cap
	GasPrice   *big.Int
	GasFeeCap  *big.Int
	GasTipCap  *big.Int
	Value      *big.Int
	Data       []byte
	AccessList types.AccessList
}

// CallResult is the outcome of a simulated call.
type CallResult struct {
	Return   []byte
	GasUsed  uint64
	Reverted bool
	// Err is the EVM's error for a failure other than a revert (out of
	// gas, an invalid opcode), empty otherwise.
	Err string
}

// TraceConfig chooses a tracer and its options, as debug_traceTransaction
// takes them: no Tracer means the struct logger (every opcode with its pc,
// gas, stack, memory and storage), "callTracer" the call tree.
type TraceConfig struct {
	Tracer           string          `json:"tracer,omitempty"`
	TracerConfig     json.RawMessage `json:"tracerConfig,omitempty"`
	Timeout          string          `json:"timeout,omitempty"`
	DisableStack     bool            `json:"disableStack,omitempty"`
	DisableStorage   bool            `json:"disableStorage,omitempty"`
	EnableMemory     bool            `json:"enableMemory,omitempty"`
	EnableReturnData bool            `json:"enableReturnData,omitempty"`
	Limit            int             `json:"limit,omitempty"`
}
