package testnet_test

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"sync"
	"testing"
	"time"

	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/cmd/client/keyring"
	"github.com/stakechain/stakechain/testnet"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

// TestANodeKilledAtRandomMomentsUnderLoadLosesNothing runs a one-validator
// network under a steady stream of transfers and SIGKILLs the node at
// random moments, several times. Every restart must succeed, every
// transaction seen committed before a kill must still be committed at the
// same height afterwards, and the recipient's balance must equal the
// transfers the chain reports committed.
func TestANodeKilledAtRandomMomentsUnderLoadLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a network and kills it repeatedly; skipped with -short")
	}
	const kills = 6
	requireLocalnetPortsFree(t, 1)
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()

	bin := buildStakechain(t)
	dir := filepath.Join(t.TempDir(), "localnet")
	network := startLocalnet(t, ctx, bin, dir, 1)
	node := network.Nodes[0].RPCAddr()

	kr, err := keyring.New(keyring.BackendTest, network.KeyringDir, nil)
	require.NoError(t, err)
	faucet, err := kr.Signer(testnet.FaucetKeyName)
	require.NoError(t, err)
	recipient := newAddress(t)
	msg, err := client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{
		FromAddress: faucet.PubKey().Address().String(), ToAddress: recipient,
		Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "1"}}})
	require.NoError(t, err)

	// committed maps the hash of every tx seen committed to its height.
	committed := map[string]int64{}
	var mu sync.Mutex
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))

	for round := 0; round <= kills; round++ {
		if round > 0 {
			stakechain(t, ctx, bin, "localnet", "start", "--dir", dir)
		}
		c, err := client.New(node)
		require.NoError(t, err)
		acc, err := c.Account(ctx, faucet.PubKey().Address().String())
		require.NoError(t, err)
		seq := acc.Sequence

		// Send until the node dies (or, in the last round, for 3 s) while
		// a watcher records what gets committed.
		loadCtx, stopLoad := context.WithCancel(ctx)
		var sent [][]byte
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for loadCtx.Err() == nil {
				tx, err := client.Sign(client.TxSpec{Msgs: []*gogotypes.Any{msg}, Fee: core.Coins{}, GasLimit: 100_000,
					ChainID: network.ChainID, AccountNumber: acc.AccountNumber, Sequence: seq}, faucet)
				if err != nil {
					return
				}
				res, err := c.RPC.BroadcastTxSync(loadCtx, tx)
				if err != nil {
					return // the node is gone
				}
				if res.Code == 0 {
					seq++
					mu.Lock()
					sent = append(sent, res.Hash)
					mu.Unlock()
				}
			}
		}()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for loadCtx.Err() == nil {
				mu.Lock()
				pending := append([][]byte(nil), sent...)
				mu.Unlock()
				for _, h := range pending {
					if _, seen := committedHeight(&mu, committed, h); seen {
						continue
					}
					if r, err := c.RPC.Tx(loadCtx, h, false); err == nil {
						mu.Lock()
						committed[string(h)] = r.Height
						mu.Unlock()
					}
				}
				time.Sleep(50 * time.Millisecond)
			}
		}()

		wait := time.Duration(300+rng.Intn(2500)) * time.Millisecond
		if round == kills {
			wait = 3 * time.Second
		}
		time.Sleep(wait)
		if round < kills {
			require.NoError(t, testnet.KillNode(ctx, dir, 0), "kill %d", round+1)
		}
		stopLoad()
		wg.Wait()
		if round < kills {
			t.Logf("kill %d after %s: %d txs seen committed so far", round+1, wait, len(committed))
		}
	}

	// Everything seen committed before any kill is still there, at the same
	// height, and succeeded.
	c, err := client.New(node)
	require.NoError(t, err)
	require.NotEmpty(t, committed, "no transaction was committed; the test proved nothing")
	for h, height := range committed {
		r, err := c.RPC.Tx(ctx, []byte(h), false)
		require.NoError(t, err, "tx %X committed at height %d is lost", h, height)
		require.Equal(t, height, r.Height, "tx %X moved", h)
		require.Zero(t, r.TxResult.Code, r.TxResult.Log)
	}
	// The state agrees with the index: the recipient has one coin per
	// committed transfer (transfers committed after the watcher's last
	// look are counted through the chain's own search).
	search, err := c.RPC.TxSearch(ctx, fmt.Sprintf("transfer.recipient='%s'", recipient), false, nil, nil, "asc")
	require.NoError(t, err)
	require.GreaterOrEqual(t, search.TotalCount, len(committed))
	require.Equal(t, fmt.Sprint(search.TotalCount), balanceOf(t, ctx, bin, node, recipient))
	t.Logf("%d kills; %d transfers committed; %d seen before a kill all kept", kills, search.TotalCount, len(committed))
}

func committedHeight(mu *sync.Mutex, m map[string]int64, h []byte) (int64, bool) {
	mu.Lock()
	defer mu.Unlock()
	v, ok := m[string(h)]
	return v, ok
}
