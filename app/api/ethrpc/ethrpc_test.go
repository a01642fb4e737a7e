package ethrpc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math/big"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/stretchr/testify/require"
)

// serve starts the service over chain on a free port.
func serve(t *testing.T, chain Backend, edit func(*Config)) *Server {
	t.Helper()
	cfg := DefaultConfig()
	cfg.PollInterval = 10 * time.Millisecond
	if edit != nil {
		edit(&cfg)
	}
	s, err := New(cfg, chain)
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s.StartOn(ln)
	t.Cleanup(func() { require.NoError(t, s.Close()) })
	return s
}

func dial(t *testing.T, s *Server, scheme string) (*ethclient.Client, *rpc.Client) {
	t.Helper()
	c, err := rpc.Dial(scheme + "://" + s.Addr())
	require.NoError(t, err)
	t.Cleanup(c.Close)
	return ethclient.NewClient(c), c
}

// logOf is a log of addr with the given topics.
func logOf(addr common.Address, topics ...common.Hash) *types.Log {
	return &types.Log{Address: addr, Topics: topics, Data: []byte{1, 2}}
}

// threeBlocks builds a chain whose second block holds two transactions
// with two logs and one log, and whose third holds one with one log.
func threeBlocks(t *testing.T) (*fakeChain, []*types.Transaction) {
	chain := newFakeChain()
	k1, k2 := testKey(t, 1), testKey(t, 2)
	contract := common.HexToAddress("0xc0ffee0000000000000000000000000000000001")
	topicA, topicB := common.HexToHash("0xaa"), common.HexToHash("0xbb")
	tx1, tx2, tx3 := signedTx(t, k1, 0, &contract), signedTx(t, k2, 0, &contract), signedTx(t, k1, 1, &contract)
	chain.addBlock()
	chain.addBlock(
		&Tx{Tx: tx1, From: crypto.PubkeyToAddress(k1.PublicKey), Status: 1, GasUsed: 40_000, Logs: []*types.Log{logOf(contract, topicA), logOf(contract, topicB)}},
		&Tx{Tx: tx2, From: crypto.PubkeyToAddress(k2.PublicKey), Status: 0, GasUsed: 30_000, Logs: []*types.Log{logOf(contract, topicA, topicB)}},
	)
	chain.addBlock(&Tx{Tx: tx3, From: crypto.PubkeyToAddress(k1.PublicKey), Status: 1, GasUsed: 21_000, Logs: []*types.Log{logOf(contract, topicB)}})
	return chain, []*types.Transaction{tx1, tx2, tx3}
}

func TestABlockHasTheSameHashAndTransactionsInEveryMethod(t *testing.T) {
	chain, txs := threeBlocks(t)
	s := serve(t, chain, nil)
	_, c := dial(t, s, "http")
	ctx := context.Background()

	var byNumber, byHash map[string]any
	require.NoError(t, c.CallContext(ctx, &byNumber, "eth_getBlockByNumber", "0x2", true))
	require.Equal(t, chain.blocks[1].Hash.Hex(), byNumber["hash"])
	require.NoError(t, c.CallContext(ctx, &byHash, "eth_getBlockByHash", chain.blocks[1].Hash, true))
	require.Equal(t, byNumber, byHash)
	require.Equal(t, chain.blocks[0].Hash.Hex(), byNumber["parentHash"])

	full := byNumber["transactions"].([]any)
	require.Len(t, full, 2)
	first := full[0].(map[string]any)
	require.Equal(t, txs[0].Hash().Hex(), first["hash"])
	require.Equal(t, chain.blocks[1].Hash.Hex(), first["blockHash"])
	require.Equal(t, "0x0", first["transactionIndex"])
	require.Equal(t, "0x1", full[1].(map[string]any)["transactionIndex"])
	// A dynamic-fee tx in a block shows its effective price: base fee + tip.
	require.Equal(t, "0x3b9aca02", first["gasPrice"])

	var hashes map[string]any
	require.NoError(t, c.CallContext(ctx, &hashes, "eth_getBlockByNumber", "latest", false))
	require.Equal(t, []any{txs[2].Hash().Hex()}, hashes["transactions"])
	for _, field := range []string{"mixHash", "logsBloom", "baseFeePerGas", "stateRoot", "receiptsRoot", "transactionsRoot", "sha3Uncles", "nonce", "difficulty", "miner", "withdrawalsRoot", "size", "gasLimit", "gasUsed", "timestamp"} {
		require.Contains(t, hashes, field)
	}

	var tx map[string]any
	require.NoError(t, c.CallContext(ctx, &tx, "eth_getTransactionByHash", txs[1].Hash()))
	require.Equal(t, chain.blocks[1].Hash.Hex(), tx["blockHash"])
	require.Equal(t, full[1], any(tx))
	require.NoError(t, c.CallContext(ctx, &tx, "eth_getTransactionByBlockHashAndIndex", chain.blocks[1].Hash, "0x1"))
	require.Equal(t, full[1], any(tx))

	var rcpt map[string]any
	require.NoError(t, c.CallContext(ctx, &rcpt, "eth_getTransactionReceipt", txs[1].Hash()))
	require.Equal(t, chain.blocks[1].Hash.Hex(), rcpt["blockHash"])
	require.Equal(t, "0x0", rcpt["status"])
	require.Equal(t, "0x11170", rcpt["cumulativeGasUsed"]) // 40,000 + 30,000
}

func TestLogIndexesCountAcrossTheWholeBlock(t *testing.T) {
	chain, txs := threeBlocks(t)
	s := serve(t, chain, nil)
	ec, _ := dial(t, s, "http")
	ctx := context.Background()

	r1, err := ec.TransactionReceipt(ctx, txs[0].Hash())
	require.NoError(t, err)
	r2, err := ec.TransactionReceipt(ctx, txs[1].Hash())
	require.NoError(t, err)
	require.Equal(t, []uint{0, 1}, []uint{r1.Logs[0].Index, r1.Logs[1].Index})
	require.Equal(t, uint(2), r2.Logs[0].Index, "the second tx's first log follows the first tx's two")
	require.Equal(t, uint(1), r2.Logs[0].TxIndex)
	require.Equal(t, chain.blocks[1].Hash, r2.Logs[0].BlockHash)
	require.True(t, types.BloomLookup(r1.Bloom, common.HexToHash("0xaa")))
	require.False(t, types.BloomLookup(r1.Bloom, common.HexToHash("0xcc")))

	logs, err := ec.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: big.NewInt(1), ToBlock: big.NewInt(3)})
	require.NoError(t, err)
	require.Len(t, logs, 4)
	require.Equal(t, []uint{0, 1, 2, 0}, []uint{logs[0].Index, logs[1].Index, logs[2].Index, logs[3].Index})
}

func TestReceiptsAreNullUntilABlockHoldsTheTransaction(t *testing.T) {
	chain, _ := threeBlocks(t)
	s := serve(t, chain, nil)
	_, c := dial(t, s, "http")
	unknown := signedTx(t, testKey(t, 9), 0, nil)
	var rcpt json.RawMessage
	require.NoError(t, c.CallContext(context.Background(), &rcpt, "eth_getTransactionReceipt", unknown.Hash()))
	require.Equal(t, "null", string(rcpt))
}

func TestSendRawTransactionReturnsTheKeccakOfTheBytes(t *testing.T) {
	chain, _ := threeBlocks(t)
	s := serve(t, chain, nil)
	ec, _ := dial(t, s, "http")
	tx := signedTx(t, testKey(t, 5), 0, nil)
	require.NoError(t, ec.SendTransaction(context.Background(), tx))
	raw, err := tx.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, [][]byte{raw}, chain.sent)

	var hash common.Hash
	_, c := dial(t, s, "http")
	require.NoError(t, c.CallContext(context.Background(), &hash, "eth_sendRawTransaction", "0x"+common.Bytes2Hex(raw)))
	require.Equal(t, crypto.Keccak256Hash(raw), hash)
	require.Equal(t, tx.Hash(), hash)
}

func TestEstimateGasIsTheLeastGasWithWhichTheCallSucceeds(t *testing.T) {
	chain, _ := threeBlocks(t)
	s := serve(t, chain, nil)
	ec, _ := dial(t, s, "http")
	to := common.HexToAddress("0x01")
	gas, err := ec.EstimateGas(context.Background(), ethereum.CallMsg{To: &to, Data: []byte{1}})
	require.NoError(t, err)
	require.Equal(t, uint64(fakeNeedGas), gas, "more than the gas used, as refunds and the 63/64 rule need")
}

func TestARevertCarriesItsReasonAndDataWithCodeThree(t *testing.T) {
	chain, _ := threeBlocks(t)
	s := serve(t, chain, nil)
	ec, _ := dial(t, s, "http")
	to := common.HexToAddress("0x01")
	for name, run := range map[string]func() error{
		"eth_call": func() error {
			_, err := ec.CallContract(context.Background(), ethereum.CallMsg{To: &to, Data: []byte("revert")}, nil)
			return err
		},
		"eth_estimateGas": func() error {
			_, err := ec.EstimateGas(context.Background(), ethereum.CallMsg{To: &to, Data: []byte("revert")})
			return err
		},
	} {
		err := run()
		require.Error(t, err, name)
		require.Equal(t, "execution reverted: not enough", err.Error(), name)
		var coded rpc.Error
		require.True(t, errors.As(err, &coded), name)
		require.Equal(t, 3, coded.ErrorCode(), name)
		var data rpc.DataError
		require.True(t, errors.As(err, &data), name)
		require.Equal(t, "0x"+common.Bytes2Hex(revertData("not enough")), data.ErrorData(), name)
	}
}

func TestInputAndDataNameTheSameField(t *testing.T) {
	chain, _ := threeBlocks(t)
	s := serve(t, chain, nil)
	_, c := dial(t, s, "http")
	ctx := context.Background()
	var out string
	for _, args := range []map[string]any{
		{"to": "0x0000000000000000000000000000000000000001", "input": "0x01"},
		{"to": "0x0000000000000000000000000000000000000001", "data": "0x01"},
		{"to": "0x0000000000000000000000000000000000000001", "data": "0x01", "input": "0x01"},
	} {
		require.NoError(t, c.CallContext(ctx, &out, "eth_call", args, "latest"), "%v", args)
		require.Equal(t, "0x01", out)
	}
	err := c.CallContext(ctx, &out, "eth_call", map[string]any{"to": "0x0000000000000000000000000000000000000001", "data": "0x01", "input": "0x02"}, "latest")
	require.ErrorContains(t, err, `both "data" and "input"`)
}

func TestStateMethodsReadTheAskedHeightAndPending(t *testing.T) {
	chain, _ := threeBlocks(t)
	who := common.HexToAddress("0x0b")
	chain.balances[who] = big.NewInt(123_456_789_012)
	chain.pending[who] = 9
	s := serve(t, chain, nil)
	ec, c := dial(t, s, "http")
	ctx := context.Background()

	bal, err := ec.BalanceAt(ctx, who, big.NewInt(2))
	require.NoError(t, err)
	require.Equal(t, big.NewInt(123_456_789_012), bal)
	nonce, err := ec.PendingNonceAt(ctx, who)
	require.NoError(t, err)
	require.Equal(t, uint64(9), nonce)
	nonce, err = ec.NonceAt(ctx, who, nil)
	require.NoError(t, err)
	require.Equal(t, uint64(3), nonce)

	var v string
	require.NoError(t, c.CallContext(ctx, &v, "eth_getStorageAt", who, "0x5", "latest"))
	require.Equal(t, common.BigToHash(big.NewInt(5)).Hex(), v)
	require.NoError(t, c.CallContext(ctx, &v, "eth_getBalance", who, map[string]any{"blockHash": chain.blocks[0].Hash}))
	require.Equal(t, "0x1cbe991a14", v)

	_, err = ec.BalanceAt(ctx, who, big.NewInt(99))
	require.ErrorContains(t, err, "after the latest")
}

func TestGetLogsRefusesRangesAndResultsAboveItsCaps(t *testing.T) {
	chain, _ := threeBlocks(t)
	s := serve(t, chain, func(c *Config) { c.LogsBlockRange = 2; c.LogsCap = 3 })
	ec, _ := dial(t, s, "http")
	ctx := context.Background()

	_, err := ec.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: big.NewInt(1), ToBlock: big.NewInt(3)})
	require.ErrorContains(t, err, "at most 2 per eth_getLogs")
	var coded rpc.Error
	require.True(t, errors.As(err, &coded))
	require.Equal(t, -32005, coded.ErrorCode())

	logs, err := ec.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: big.NewInt(2), ToBlock: big.NewInt(3), Topics: [][]common.Hash{{common.HexToHash("0xaa")}}})
	require.NoError(t, err)
	require.Len(t, logs, 2, "topic 0xaa leads two logs")

	_, err = ec.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: big.NewInt(2), ToBlock: big.NewInt(3)})
	require.ErrorContains(t, err, "more than 3 logs")

	logs, err = ec.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: big.NewInt(2), ToBlock: big.NewInt(3), Topics: [][]common.Hash{nil, {common.HexToHash("0xbb")}}})
	require.NoError(t, err)
	require.Len(t, logs, 1, "0xbb in the second position")
}

func TestFiltersAndSubscriptionsSeeEachNewBlockOnce(t *testing.T) {
	chain, _ := threeBlocks(t)
	s := serve(t, chain, nil)
	ws, wc := dial(t, s, "ws")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	heads := make(chan *types.Header, 8)
	sub, err := ws.SubscribeNewHead(ctx, heads)
	require.NoError(t, err)
	defer sub.Unsubscribe()
	contract := common.HexToAddress("0xc0ffee0000000000000000000000000000000001")
	logs := make(chan types.Log, 8)
	lsub, err := ws.SubscribeFilterLogs(ctx, ethereum.FilterQuery{Addresses: []common.Address{contract}}, logs)
	require.NoError(t, err)
	defer lsub.Unsubscribe()
	var blockFilter, logFilter string
	require.NoError(t, wc.CallContext(ctx, &blockFilter, "eth_newBlockFilter"))
	require.NoError(t, wc.CallContext(ctx, &logFilter, "eth_newFilter", map[string]any{"address": contract}))

	time.Sleep(50 * time.Millisecond) // the feed has seen the head
	k := testKey(t, 3)
	b4 := chain.addBlock(&Tx{Tx: signedTx(t, k, 0, &contract), From: crypto.PubkeyToAddress(k.PublicKey), Status: 1, GasUsed: 21_000, Logs: []*types.Log{logOf(contract, common.HexToHash("0xdd"))}})
	b5 := chain.addBlock()

	for _, want := range []int64{4, 5} {
		select {
		case h := <-heads:
			require.Equal(t, big.NewInt(want), h.Number)
		case <-ctx.Done():
			t.Fatal("no new head")
		}
	}
	select {
	case l := <-logs:
		require.Equal(t, b4.Hash, l.BlockHash)
		require.Equal(t, common.HexToHash("0xdd"), l.Topics[0])
	case <-ctx.Done():
		t.Fatal("no log")
	}

	var hashes []common.Hash
	require.NoError(t, wc.CallContext(ctx, &hashes, "eth_getFilterChanges", blockFilter))
	require.Equal(t, []common.Hash{b4.Hash, b5.Hash}, hashes)
	require.NoError(t, wc.CallContext(ctx, &hashes, "eth_getFilterChanges", blockFilter))
	require.Empty(t, hashes, "a poll returns only what came since the last")
	var got []types.Log
	require.NoError(t, wc.CallContext(ctx, &got, "eth_getFilterChanges", logFilter))
	require.Len(t, got, 1)
	var ok bool
	require.NoError(t, wc.CallContext(ctx, &ok, "eth_uninstallFilter", logFilter))
	require.True(t, ok)
	err = wc.CallContext(ctx, &got, "eth_getFilterChanges", logFilter)
	require.ErrorContains(t, err, "filter not found")
}

func TestBatchesAreServedAndBounded(t *testing.T) {
	chain, _ := threeBlocks(t)
	s := serve(t, chain, func(c *Config) { c.BatchLimit = 2 })
	_, c := dial(t, s, "http")
	var id, num string
	batch := []rpc.BatchElem{{Method: "eth_chainId", Result: &id}, {Method: "eth_blockNumber", Result: &num}}
	require.NoError(t, c.BatchCall(batch))
	require.NoError(t, batch[0].Error)
	require.Equal(t, "0x1092", id)
	require.Equal(t, "0x3", num)

	three := append(batch, rpc.BatchElem{Method: "net_version", Result: &id})
	err := c.BatchCall(three)
	if err == nil {
		err = three[0].Error
	}
	require.ErrorContains(t, err, "batch too large")
}

func TestBrowsersMayCallFromAnAllowedOrigin(t *testing.T) {
	chain, _ := threeBlocks(t)
	s := serve(t, chain, func(c *Config) { c.CORSOrigins = []string{"http://localhost:3000"} })
	post := func(origin string) *http.Response {
		req, err := http.NewRequest(http.MethodPost, "http://"+s.Addr(), strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"net_version","params":[]}`))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", origin)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		return res
	}
	res := post("http://localhost:3000")
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Equal(t, "http://localhost:3000", res.Header.Get("Access-Control-Allow-Origin"))
	require.True(t, bytes.Contains(body, []byte(`"4242"`)), "%s", body)
	res = post("http://evil.example")
	res.Body.Close()
	require.Empty(t, res.Header.Get("Access-Control-Allow-Origin"))
}
