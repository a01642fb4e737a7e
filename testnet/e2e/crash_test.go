package e2e_test

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
// random moments, several times. Each kill comes at a random moment after
// the round's load has had a transfer committed, while more are in flight,
// so that every kill cuts a chain that is moving. Every restart must
// succeed, every transaction seen committed before a kill must still be
// committed at the same height afterwards, and the recipient's balance
// must equal the transfers the chain reports committed.
func TestANodeKilledAtRandomMomentsUnderLoadLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a network and kills it repeatedly; skipped with -short")
	}
	const (
		kills = 6
		// firstCommitTimeout bounds how long a round's load may take to
		// have a transfer committed: a node that commits nothing for that
		// long under load is broken.
		firstCommitTimeout = time.Minute
	)
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
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))

	for round := 0; round <= kills; round++ {
		if round > 0 {
			stakechain(t, ctx, bin, "localnet", "start", "--dir", dir)
		}
		c, err := client.New(node)
		require.NoError(t, err)
		// A restarted node may first commit the block it had proposed
		// before the kill (from its consensus WAL), with transfers of the
		// last round: the faucet's sequence is read after that block.
		restarted, err := testnet.LatestBlock(ctx, node)
		require.NoError(t, err)
		_, err = testnet.WaitForHeight(ctx, node, restarted.Height+1)
		require.NoError(t, err)
		acc, err := c.Account(ctx, faucet.PubKey().Address().String())
		require.NoError(t, err)
		from, err := testnet.LatestBlock(ctx, node)
		require.NoError(t, err)

		// Send until the node dies (or, in the last round, until it has
		// committed some) while a watcher reads the new blocks.
		r := &crashRound{sent: map[string]bool{}, firstCommit: make(chan struct{})}
		loadCtx, stopLoad := context.WithCancel(ctx)
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			r.load(loadCtx, c, func(seq uint64) ([]byte, error) {
				return client.Sign(client.TxSpec{Msgs: []*gogotypes.Any{msg}, Fee: core.Coins{}, GasLimit: 100_000,
					ChainID: network.ChainID, AccountNumber: acc.AccountNumber, Sequence: seq}, faucet)
			}, acc.Sequence)
		}()
		go func() {
			defer wg.Done()
			r.watch(loadCtx, c, from.Height+1)
		}()
		stop := func() map[string]int64 {
			stopLoad()
			wg.Wait()
			return r.committed
		}

		select {
		case <-r.firstCommit:
		case <-time.After(firstCommitTimeout):
			stop()
			t.Fatalf("round %d: none of the %d transfers sent since height %d was committed within %s (load stopped by: %v; last rejection: %s)",
				round, r.sentCount(), from.Height, firstCommitTimeout, r.loadErr, r.lastRejection)
		case <-ctx.Done():
			stop()
			t.Fatal(ctx.Err())
		}
		wait := time.Duration(rng.Intn(1500)) * time.Millisecond
		time.Sleep(wait)
		if round < kills {
			require.NoError(t, testnet.KillNode(ctx, dir, 0), "kill %d", round+1)
		}
		roundCommitted := stop()
		for h, height := range roundCommitted {
			committed[h] = height
		}
		if round < kills {
			t.Logf("kill %d, %s after the round's first commit: %d of the round's %d transfers seen committed, %d in all",
				round+1, wait, len(roundCommitted), r.sentCount(), len(committed))
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

// crashRound is one round of TestANodeKilledAtRandomMomentsUnderLoadLosesNothing:
// the transfers its load sent and those its watcher saw in blocks.
type crashRound struct {
	mu sync.Mutex
	// sent holds the hashes of the transfers the node accepted.
	sent map[string]bool
	// committed maps the hash of every tx seen in a block to its height.
	committed map[string]int64
	// firstCommit is closed when a transfer of this round is seen in a
	// block.
	firstCommit chan struct{}
	// loadErr is why the load stopped; lastRejection the last CheckTx
	// refusal. Both are read only after the load has stopped.
	loadErr       error
	lastRejection string
}

func (r *crashRound) sentCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.sent)
}

// load sends transfers with sequences from seq on, one at a time, until
// ctx ends or the node stops answering.
func (r *crashRound) load(ctx context.Context, c *client.Client, sign func(seq uint64) ([]byte, error), seq uint64) {
	for ctx.Err() == nil {
		tx, err := sign(seq)
		if err != nil {
			r.loadErr = err
			return
		}
		res, err := c.RPC.BroadcastTxSync(ctx, tx)
		if err != nil {
			r.loadErr = err // the node is gone
			return
		}
		if res.Code != 0 {
			r.lastRejection = fmt.Sprintf("code %d: %s", res.Code, res.Log)
			time.Sleep(10 * time.Millisecond)
			continue
		}
		seq++
		r.mu.Lock()
		r.sent[string(res.Hash)] = true
		r.mu.Unlock()
	}
}

// watch reads every block from height from on as the node commits it, and
// records the transactions in it, until ctx ends.
func (r *crashRound) watch(ctx context.Context, c *client.Client, from int64) {
	r.committed = map[string]int64{}
	closed := false
	for next := from; ctx.Err() == nil; time.Sleep(50 * time.Millisecond) {
		st, err := c.RPC.Status(ctx)
		if err != nil {
			continue // the node is gone
		}
		for ; next <= st.SyncInfo.LatestBlockHeight; next++ {
			height := next
			b, err := c.RPC.Block(ctx, &height)
			if err != nil {
				break
			}
			r.mu.Lock()
			for _, tx := range b.Block.Txs {
				h := string(tx.Hash())
				r.committed[h] = height
				if r.sent[h] && !closed {
					close(r.firstCommit)
					closed = true
				}
			}
			r.mu.Unlock()
		}
	}
}
