package ethrpc

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"math/big"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"
)

// fakeChain is a Backend over blocks held in memory. Its Call succeeds when
// given at least needGas gas, using usedGas of it, and reverts with
// "not enough" for calldata "revert".
type fakeChain struct {
	chainID *big.Int

	mu       sync.Mutex
	blocks   []*Block // blocks[i] is height i+1
	balances map[common.Address]*big.Int
	pending  map[common.Address]uint64
	sent     [][]byte
	calls    int
}

const (
	fakeNeedGas = 50_000
	fakeUsedGas = 45_000
)

var fakeBaseFee = big.NewInt(1_000_000_000)

func newFakeChain() *fakeChain {
	return &fakeChain{chainID: big.NewInt(4242), balances: map[common.Address]*big.Int{}, pending: map[common.Address]uint64{}}
}

// addBlock appends a block holding txs; its hash is derived from its height.
func (c *fakeChain) addBlock(txs ...*Tx) *Block {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := int64(len(c.blocks) + 1)
	b := &Block{
		Number:   n,
		Hash:     common.BigToHash(big.NewInt(1000 + n)),
		Time:     uint64(1_700_000_000 + n),
		GasLimit: 100_000_000,
		BaseFee:  fakeBaseFee,
		Txs:      txs,
	}
	if n > 1 {
		b.ParentHash = c.blocks[n-2].Hash
	}
	for _, t := range txs {
		b.GasUsed += t.GasUsed
	}
	c.blocks = append(c.blocks, b)
	return b
}

func (c *fakeChain) ChainID() *big.Int { return c.chainID }

func (c *fakeChain) Head(context.Context) (int64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return int64(len(c.blocks)), nil
}

func (c *fakeChain) Earliest(context.Context) (int64, error) { return 1, nil }

func (c *fakeChain) BlockByNumber(_ context.Context, h int64) (*Block, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if h < 1 || h > int64(len(c.blocks)) {
		return nil, nil
	}
	return c.blocks[h-1], nil
}

func (c *fakeChain) BlockByHash(_ context.Context, hash common.Hash) (*Block, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, b := range c.blocks {
		if b.Hash == hash {
			return b, nil
		}
	}
	return nil, nil
}

func (c *fakeChain) TxHeight(_ context.Context, hash common.Hash) (int64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, b := range c.blocks {
		for _, t := range b.Txs {
			if t.Tx.Hash() == hash {
				return b.Number, nil
			}
		}
	}
	return 0, nil
}

func (c *fakeChain) Account(_ context.Context, addr common.Address, _ int64) (uint64, *big.Int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	bal := c.balances[addr]
	if bal == nil {
		bal = new(big.Int)
	}
	return 3, bal, nil
}

func (c *fakeChain) PendingNonce(_ context.Context, addr common.Address) (uint64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pending[addr], nil
}

func (c *fakeChain) Code(context.Context, common.Address, int64) ([]byte, error) {
	return []byte{0x60, 0x00}, nil
}

func (c *fakeChain) Storage(_ context.Context, _ common.Address, slot common.Hash, _ int64) (common.Hash, error) {
	return slot, nil // each slot holds its own key
}

func (c *fakeChain) Call(_ context.Context, msg CallMsg, _ int64) (*CallResult, error) {
	c.mu.Lock()
	c.calls++
	c.mu.Unlock()
	if string(msg.Data) == "revert" {
		return &CallResult{Return: revertData("not enough"), GasUsed: 30_000, Reverted: true}, nil
	}
	if msg.Gas < fakeNeedGas {
		return &CallResult{GasUsed: msg.Gas, Err: "out of gas"}, nil
	}
	return &CallResult{Return: []byte{1}, GasUsed: fakeUsedGas}, nil
}

func (c *fakeChain) TraceTransaction(_ context.Context, hash common.Hash, _ *TraceConfig) (json.RawMessage, error) {
	return json.Marshal(map[string]string{"traced": hash.Hex()})
}

func (c *fakeChain) TraceCall(context.Context, CallMsg, int64, *TraceConfig) (json.RawMessage, error) {
	return json.RawMessage(`{"gas":21000}`), nil
}

func (c *fakeChain) SendRawTransaction(_ context.Context, raw []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sent = append(c.sent, raw)
	return nil
}

// revertData is the ABI encoding of Error(reason), what require(false,
// reason) returns.
func revertData(reason string) []byte {
	str, _ := abi.NewType("string", "", nil)
	packed, err := abi.Arguments{{Type: str}}.Pack(reason)
	if err != nil {
		panic(err)
	}
	return append(crypto.Keccak256([]byte("Error(string)"))[:4], packed...)
}

var testSigner = types.LatestSignerForChainID(big.NewInt(4242))

// signedTx returns a signed dynamic-fee transaction of key with the nonce.
func signedTx(t testing.TB, key *ecdsa.PrivateKey, nonce uint64, to *common.Address) *types.Transaction {
	t.Helper()
	tx, err := types.SignNewTx(key, testSigner, &types.DynamicFeeTx{
		ChainID: big.NewInt(4242), Nonce: nonce, GasTipCap: big.NewInt(2), GasFeeCap: big.NewInt(3_000_000_000),
		Gas: 100_000, To: to, Value: big.NewInt(7), Data: []byte{0xa9, 0x05},
	})
	require.NoError(t, err)
	return tx
}

func testKey(t testing.TB, seed byte) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.ToECDSA(common.LeftPadBytes([]byte{seed}, 32))
	require.NoError(t, err)
	return k
}
