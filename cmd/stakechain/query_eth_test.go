package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	dbm "github.com/cometbft/cometbft-db"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtjson "github.com/cometbft/cometbft/libs/json"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	ctypes "github.com/cometbft/cometbft/rpc/core/types"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
)

const testNodeChainID = "cli-test"

// testNode is an application behind the two CometBFT RPC methods the
// commands of these tests use: abci_query, and broadcast_tx_sync, which runs
// CheckTx and keeps the txs it accepts for commit.
type testNode struct {
	t      *testing.T
	app    *app.App
	url    string
	height int64

	mu  sync.Mutex
	txs [][]byte
}

// newTestNode starts a node whose genesis gives addr (bech32) coins.
func newTestNode(t *testing.T, addr, coins string) *testNode {
	t.Helper()
	g, err := app.GenesisAddAccount(app.DefaultGenesis(), addr, coins)
	require.NoError(t, err)
	a, err := app.New(app.Config{DB: dbm.NewMemDB()})
	require.NoError(t, err)
	_, err = a.InitChain(context.Background(), &abci.RequestInitChain{ChainId: testNodeChainID, InitialHeight: 1, AppStateBytes: g,
		Time: time.Unix(1_700_000_000, 0), ConsensusParams: &cmtproto.ConsensusParams{Block: &cmtproto.BlockParams{MaxBytes: 1 << 20, MaxGas: -1}}})
	require.NoError(t, err)
	n := &testNode{t: t, app: a}
	n.commit()
	srv := httptest.NewServer(http.HandlerFunc(n.serve))
	t.Cleanup(srv.Close)
	n.url = srv.URL
	return n
}

// commit puts the accepted txs in a block and commits it; every tx must succeed.
func (n *testNode) commit() {
	n.t.Helper()
	n.mu.Lock()
	txs := n.txs
	n.txs = nil
	n.mu.Unlock()
	n.height++
	ctx := context.Background()
	res, err := n.app.FinalizeBlock(ctx, &abci.RequestFinalizeBlock{Txs: txs, Height: n.height, Time: time.Unix(1_700_000_000+n.height, 0)})
	require.NoError(n.t, err)
	for i, r := range res.TxResults {
		require.Zero(n.t, r.Code, "tx %d: %s", i, r.Log)
	}
	_, err = n.app.Commit(ctx, &abci.RequestCommit{})
	require.NoError(n.t, err)
}

func (n *testNode) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var req struct {
		ID     json.RawMessage `json:"id"`
		Method string          `json:"method"`
		Params struct {
			Path string `json:"path"`
			Data string `json:"data"` // hex
			Tx   []byte `json:"tx"`   // base64
		} `json:"params"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var result any
	switch req.Method {
	case "abci_query":
		data, err := hex.DecodeString(req.Params.Data)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		res, err := n.app.Query(r.Context(), &abci.RequestQuery{Path: req.Params.Path, Data: data})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		result = &ctypes.ResultABCIQuery{Response: *res}
	case "broadcast_tx_sync":
		res, err := n.app.CheckTx(r.Context(), &abci.RequestCheckTx{Tx: req.Params.Tx, Type: abci.CheckTxType_New})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if res.Code == 0 {
			n.mu.Lock()
			n.txs = append(n.txs, req.Params.Tx)
			n.mu.Unlock()
		}
		result = &ctypes.ResultBroadcastTx{Code: res.Code, Codespace: res.Codespace, Log: res.Log, Hash: cmttypes.Tx(req.Params.Tx).Hash()}
	default:
		http.Error(w, req.Method+" is not served here", http.StatusBadRequest)
		return
	}
	bz, err := cmtjson.Marshal(result)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"jsonrpc":"2.0","id":` + string(req.ID) + `,"result":` + string(bz) + `}`))
}

func bech32Of(t *testing.T, hexAddr string) string {
	t.Helper()
	a, err := authtypes.ParseAccountInput(hexAddr)
	require.NoError(t, err)
	return a.String()
}

func TestQueriesOfAnAccountByItsTwoSpellingsFindTheSameAccount(t *testing.T) {
	bech := bech32Of(t, keysTestHardhatAddress)
	node := newTestNode(t, bech, "1234ustake,7foo")

	for _, tc := range []struct {
		q    []string
		want string // in the JSON answer
	}{
		{[]string{"query", "bank", "balances"}, `"1234"`},
		{[]string{"query", "bank", "balances", "--denom", "foo"}, `"7"`},
		{[]string{"query", "auth", "account"}, bech},
	} {
		q := tc.q
		t.Run(strings.Join(q, " "), func(t *testing.T) {
			at := func(addr string, extra ...string) string {
				args := append(append(append([]string{}, q[:3]...), addr), q[3:]...)
				return mustRun(t, append(append(args, "--node", node.url), extra...)...)
			}
			want := at(bech, "-o", "json")
			require.Contains(t, want, tc.want)
			for _, spelling := range []string{keysTestHardhatAddress, strings.ToLower(keysTestHardhatAddress)} {
				require.JSONEq(t, want, at(spelling, "-o", "json"), spelling)
				require.Equal(t, at(bech), at(spelling), spelling)
			}
		})
	}
	out := mustRun(t, "query", "bank", "balances", keysTestHardhatAddress, "--node", node.url)
	require.Contains(t, out, "1234")

	// A mistyped checksum is refused before anything is asked.
	bad := strings.Replace(keysTestHardhatAddress, "Fd6", "fd6", 1)
	_, err := run(t, "query", "bank", "balances", bad, "--node", node.url)
	require.ErrorContains(t, err, "EIP-55 checksum")
	_, err = run(t, "query", "auth", "account", keysTestHardhatAddress[:41], "--node", node.url)
	require.ErrorContains(t, err, "40 hex digits")
}

func TestAnEthereumKeySendsToA0xAddressFromTheCommandLine(t *testing.T) {
	t.Setenv(keysPassphraseEnv, "")
	const second = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" // Hardhat's second account
	node := newTestNode(t, bech32Of(t, keysTestHardhatAddress), "1000000ustake")
	kr := []string{"--keyring-backend", "test", "--keyring-dir", t.TempDir()}
	keysTestMustRun(t, keysTestHardhatMnemonic+"\n", append([]string{"keys", "add", "eth", "--recover", "--key-type", "eth_secp256k1"}, kr...)...)

	// FROM by its 0x address, TO in lower case: the message carries bech32.
	send := append([]string{"tx", "bank", "send", keysTestHardhatAddress, strings.ToLower(second), "5ustake",
		"--chain-id", testNodeChainID, "--node", node.url, "-y"}, kr...)
	out := mustRun(t, send...)
	require.Contains(t, out, "code: 0")
	node.mu.Lock()
	require.Len(t, node.txs, 1)
	var raw authtypes.TxRaw
	require.NoError(t, raw.Unmarshal(node.txs[0]))
	node.mu.Unlock()
	var body authtypes.TxBody
	require.NoError(t, body.Unmarshal(raw.BodyBytes))
	var msg banktypes.MsgSend
	require.NoError(t, msg.Unmarshal(body.Messages[0].Value))
	require.Equal(t, bech32Of(t, second), msg.ToAddress)
	require.Equal(t, bech32Of(t, keysTestHardhatAddress), msg.FromAddress)
	node.commit()

	require.Contains(t, mustRun(t, "query", "bank", "balances", second, "--node", node.url), "5 ustake")
	require.Contains(t, mustRun(t, "query", "bank", "balances", keysTestHardhatAddress, "--node", node.url), "999995 ustake")
	acct := mustRun(t, "query", "auth", "account", keysTestHardhatAddress, "--node", node.url)
	require.Contains(t, acct, "sequence: 1")
	require.Contains(t, acct, "/cosmos.evm.crypto.v1.ethsecp256k1.PubKey")

	// A recipient with a bad checksum stops the command before signing.
	_, err := run(t, append([]string{"tx", "bank", "send", "eth", strings.Replace(second, "C5", "c5", 1), "5ustake",
		"--chain-id", testNodeChainID, "--node", node.url, "-y"}, kr...)...)
	require.ErrorContains(t, err, "recipient")
	require.ErrorContains(t, err, "EIP-55 checksum")
}
