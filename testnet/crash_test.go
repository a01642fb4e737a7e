package testnet_test

import (
	"context"
	"fmt"
	"math/rand"
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
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()

	bin := buildStakechain(t)
	dir := networkDir(t)
	_, err := testnet.InitFiles(testnet.Options{OutputDir: dir, Validators: 1, BasePort: crashBasePort})
	require.NoError(t, err)
	network := startLocalnet(t, ctx, bin, dir)
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

	// Everything seen committed before any kill is still in the block it
	// was committed in, and succeeded. This reads the block store, not the
	// tx index: CometBFT indexes txs after the block and a SIGKILL can cut
	// that short, so the index may miss committed txs (logged below).
	c, err := client.New(node)
	require.NoError(t, err)
	require.NotEmpty(t, committed, "no transaction was committed; the test proved nothing")
	blocks := map[int64]map[string]uint32{} // height → tx hash → result code
	for h, height := range committed {
		if blocks[height] == nil {
			b, err := c.RPC.Block(ctx, &height)
			require.NoError(t, err, "block %d", height)
			res, err := c.RPC.BlockResults(ctx, &height)
			require.NoError(t, err, "results of block %d", height)
			blocks[height] = map[string]uint32{}
			for i, tx := range b.Block.Txs {
				blocks[height][string(tx.Hash())] = res.TxsResults[i].Code
			}
		}
		code, ok := blocks[height][h]
		require.True(t, ok, "tx %X committed at height %d is not in that block any more", h, height)
		require.Zero(t, code, "tx %X", h)
	}
	// The state is whole: every transfer that executed moved one coin and
	// advanced the faucet's sequence by one, so the two agree.
	faucetAcc, err := c.Account(ctx, faucet.PubKey().Address().String())
	require.NoError(t, err)
	balance := balanceOf(t, ctx, bin, node, recipient)
	require.Equal(t, fmt.Sprint(faucetAcc.Sequence), balance, "transfers executed = faucet sequence")
	require.GreaterOrEqual(t, faucetAcc.Sequence, uint64(len(committed)))
	search, err := c.RPC.TxSearch(ctx, fmt.Sprintf("transfer.recipient='%s'", recipient), false, nil, nil, "asc")
	require.NoError(t, err)
	t.Logf("%d kills; %s transfers committed; %d seen before a kill all kept; the tx index holds %d of them",
		kills, balance, len(committed), search.TotalCount)
}

func committedHeight(mu *sync.Mutex, m map[string]int64, h []byte) (int64, bool) {
	mu.Lock()
	defer mu.Unlock()
	v, ok := m[string(h)]
	return v, ok
}
