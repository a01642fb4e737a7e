package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"cosmossdk.io/math"
	dbm "github.com/cometbft/cometbft-db"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/x/auth/keys"
	"github.com/stakechain/stakechain/x/auth/keys/ed25519"
	"github.com/stakechain/stakechain/x/auth/keys/secp256k1"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

const testChainID = "test-chain"

var testGenesisTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// testChain drives an App through the ABCI methods as CometBFT would.
type testChain struct {
	t      testing.TB
	app    *App
	db     dbm.DB
	height int64
	time   time.Time
	hashes []string // app hash after each committed height
	// votes is the last commit that the next FinalizeBlock reports.
	votes []abci.VoteInfo
}

// testKey returns a deterministic secp256k1 key for a name.
func testKey(name string) keys.PrivKey {
	secret := sha256.Sum256([]byte(name))
	sk, err := secp256k1.PrivKeyFromSecret(secret[:])
	if err != nil {
		panic(err)
	}
	return keys.WrapSecp256k1(sk)
}

// testEdKey returns a deterministic ed25519 key for a name.
func testEdKey(name string) keys.PrivKey {
	seed := sha256.Sum256([]byte(name))
	sk, err := ed25519.PrivKeyFromSeed(seed[:])
	if err != nil {
		panic(err)
	}
	return keys.WrapEd25519(sk)
}

func addrOf(k keys.PrivKey) string { return k.PubKey().Address().String() }

// genesisWith returns an app_state funding each name's key with coins.
func genesisWith(t testing.TB, funds map[string]string, names ...string) json.RawMessage {
	t.Helper()
	// No inflation: the tests that are not about minting see only the
	// balances they make.
	g, err := GenesisUpdate(DefaultGenesis(), func(g *GenesisState) {
		g.Mint.Minter.Inflation = math.LegacyZeroDec()
		g.Mint.Params.InflationMin = math.LegacyZeroDec()
		g.Mint.Params.InflationMax = math.LegacyZeroDec()
	})
	require.NoError(t, err)
	for _, n := range names { // names fixes the order of accounts
		var err error
		g, err = GenesisAddAccount(g, addrOf(testKey(n)), funds[n])
		require.NoError(t, err)
	}
	return g
}

func newTestChainWithConfig(t testing.TB, cfg Config, appState json.RawMessage) *testChain {
	t.Helper()
	if cfg.DB == nil {
		cfg.DB = dbm.NewMemDB()
	}
	a, err := New(cfg)
	require.NoError(t, err)
	c := &testChain{t: t, app: a, db: cfg.DB, time: testGenesisTime}
	_, err = a.InitChain(context.Background(), &abci.RequestInitChain{
		ChainId:         testChainID,
		InitialHeight:   1,
		AppStateBytes:   appState,
		ConsensusParams: &cmtproto.ConsensusParams{Block: &cmtproto.BlockParams{MaxBytes: 4 << 20, MaxGas: -1}},
	})
	require.NoError(t, err)
	c.block() // genesis state is committed with the first block
	return c
}

// newTestChain starts a chain where alice and bob hold coins.
func newTestChain(t testing.TB) *testChain {
	return newTestChainWithConfig(t, Config{}, genesisWith(t, map[string]string{
		"alice": "1000000ustake,500foo",
		"bob":   "1000ustake",
	}, "alice", "bob"))
}

// block runs one block through PrepareProposal, ProcessProposal,
// FinalizeBlock and Commit, as a proposer and a validator would.
func (c *testChain) block(txs ...[]byte) *abci.ResponseFinalizeBlock {
	c.t.Helper()
	ctx := context.Background()
	c.height++
	c.time = c.time.Add(time.Second)
	prep, err := c.app.PrepareProposal(ctx, &abci.RequestPrepareProposal{Txs: txs, MaxTxBytes: 4 << 20, Height: c.height, Time: c.time})
	require.NoError(c.t, err)
	require.Equal(c.t, len(txs), len(prep.Txs), "PrepareProposal dropped transactions")
	proc, err := c.app.ProcessProposal(ctx, &abci.RequestProcessProposal{Txs: prep.Txs, Height: c.height, Time: c.time})
	require.NoError(c.t, err)
	require.Equal(c.t, abci.ResponseProcessProposal_ACCEPT, proc.Status)
	return c.finalize(prep.Txs)
}

// finalize runs FinalizeBlock and Commit on txs without the proposal steps.
func (c *testChain) finalize(txs [][]byte) *abci.ResponseFinalizeBlock {
	c.t.Helper()
	ctx := context.Background()
	if c.height == 0 || len(c.hashes) == int(c.height) {
		c.height++
		c.time = c.time.Add(time.Second)
	}
	res, err := c.app.FinalizeBlock(ctx, &abci.RequestFinalizeBlock{Txs: txs, Height: c.height, Time: c.time,
		DecidedLastCommit: abci.CommitInfo{Votes: c.votes}})
	require.NoError(c.t, err)
	require.Len(c.t, res.TxResults, len(txs))
	_, err = c.app.Commit(ctx, &abci.RequestCommit{})
	require.NoError(c.t, err)
	c.hashes = append(c.hashes, string(res.AppHash))
	require.NoError(c.t, c.app.CheckInvariants(c.app.tree.Latest()), "invariants after height %d", c.height)
	return res
}

func (c *testChain) checkTx(tx []byte) *abci.ResponseCheckTx {
	c.t.Helper()
	res, err := c.app.CheckTx(context.Background(), &abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_New})
	require.NoError(c.t, err)
	return res
}

func (c *testChain) query(path string, req interface{ Marshal() ([]byte, error) }, resp interface{ Unmarshal([]byte) error }) *abci.ResponseQuery {
	c.t.Helper()
	data, err := req.Marshal()
	require.NoError(c.t, err)
	res, err := c.app.Query(context.Background(), &abci.RequestQuery{Path: path, Data: data})
	require.NoError(c.t, err)
	if res.Code == 0 && resp != nil {
		require.NoError(c.t, resp.Unmarshal(res.Value))
	}
	return res
}

// balance reads addr's amount of denom through the Balance query.
func (c *testChain) balance(addr, denom string) string {
	c.t.Helper()
	var resp banktypes.QueryBalanceResponse
	res := c.query("/cosmos.bank.v1beta1.Query/Balance", &banktypes.QueryBalanceRequest{Address: addr, Denom: denom}, &resp)
	require.Zero(c.t, res.Code, res.Log)
	return resp.Balance.Amount
}

// account reads an account through the Account query; nil if absent.
func (c *testChain) account(addr string) *authtypes.BaseAccount {
	c.t.Helper()
	var resp authtypes.QueryAccountResponse
	res := c.query("/cosmos.auth.v1beta1.Query/Account", &authtypes.QueryAccountRequest{Address: addr}, &resp)
	if res.Code != 0 {
		return nil
	}
	var acc authtypes.BaseAccount
	require.NoError(c.t, acc.Unmarshal(resp.Account.Value))
	return &acc
}

// sendSpec is a MsgSend tx to be signed; tests change its fields to make it
// bad in one way.
type sendSpec struct {
	from    keys.PrivKey
	to      string
	amount  []*authtypes.Coin
	fee     string
	gas     uint64
	seq     uint64
	accNum  uint64
	chainID string
	memo    string
	msgs    int // number of copies of the message; default 1
}

func (c *testChain) send(from keys.PrivKey, to string, amount string) sendSpec {
	c.t.Helper()
	amt, err := core.ParseCoins(amount)
	require.NoError(c.t, err)
	acc := c.account(addrOf(from))
	require.NotNil(c.t, acc, "sender has no account")
	return sendSpec{from: from, to: to, amount: authtypes.CoinsToProto(amt), gas: 200_000,
		seq: acc.Sequence, accNum: acc.AccountNumber, chainID: testChainID, msgs: 1}
}

func (s sendSpec) withSeq(seq uint64) sendSpec { s.seq = seq; return s }

func (c *testChain) sign(s sendSpec) []byte {
	c.t.Helper()
	msg := &banktypes.MsgSend{FromAddress: addrOf(s.from), ToAddress: s.to, Amount: s.amount}
	anyMsg, err := client.PackMsg(banktypes.TypeURLMsgSend, msg)
	require.NoError(c.t, err)
	msgs := make([]*gogotypes.Any, s.msgs)
	for i := range msgs {
		msgs[i] = anyMsg
	}
	fee, err := core.ParseCoins(s.fee)
	require.NoError(c.t, err)
	bz, err := client.Sign(client.TxSpec{Msgs: msgs, Memo: s.memo, Fee: fee, GasLimit: s.gas,
		ChainID: s.chainID, AccountNumber: s.accNum, Sequence: s.seq}, s.from)
	require.NoError(c.t, err)
	return bz
}

// stateDump lists every key and value of the committed state but the block
// time, which every block rewrites, and the block hashes the EVM keeps,
// which every block adds to.
func (c *testChain) stateDump() []string {
	var out []string
	c.app.tree.Latest().Iterate(nil, nil, func(k, v []byte) bool {
		if string(k) != string(blockTimeKey) && !bytes.HasPrefix(k, []byte("evm/blockhash/")) {
			out = append(out, fmt.Sprintf("%q=%x", k, v))
		}
		return true
	})
	return out
}

func processReq(txs ...[]byte) *abci.RequestProcessProposal {
	return &abci.RequestProcessProposal{Txs: txs, Height: 1}
}
