package e2e_test

import (
	"context"
	"testing"
	"time"

	cmtcfg "github.com/cometbft/cometbft/config"
	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/cmd/client/keyring"
	"github.com/stakechain/stakechain/config"
	"github.com/stakechain/stakechain/testnet"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

// TestByzantineTransactionsAreRejectedOnEveryNode offers each of the four
// nodes of a network a transaction replayed from an old block, one signed
// for another chain id, and unsigned ones: every node must reject each with
// its registered code, and none may reach a block.
//
// The other Byzantine cases are tested elsewhere: a validator whose key
// signs in two processes (double signing) is caught through evidence,
// slashed and tombstoned in TestStakingEndToEnd; a proposal carrying an
// unsigned or badly signed transaction is rejected by ProcessProposal in
// app.TestProcessProposalRejectsUnsignedAndUndecodableTransactions (the
// application runs inside each node's process, so no outside process can
// hand a node's application a proposal; honest proposers never include
// such a transaction, as CheckTx keeps it out of every mempool, shown here).
func TestByzantineTransactionsAreRejectedOnEveryNode(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a 4-validator network; skipped with -short")
	}
	requirePortsFree(t, networkPorts(byzantineBasePort, testnet.DefaultValidators, false)...)
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()

	bin := buildStakechain(t)
	dir := networkDir(t)
	initial, err := testnet.InitFiles(testnet.Options{OutputDir: dir, BasePort: byzantineBasePort})
	require.NoError(t, err)
	// No node keeps a mempool cache (cache_size 0). A node that has seen a
	// transaction, committed or in its mempool, answers another copy from
	// its cache ("tx already exists in cache") without asking the
	// application, and it is the application's answer that this test
	// checks. The test used to count on the restart below to empty the
	// caches, and twice a node still answered the replay from its cache
	// after it: once a node that applied the block only after the
	// restart, once with every node past the block before it, for a
	// reason the failed run's lost logs did not tell.
	for _, n := range initial.Nodes {
		c, err := config.LoadCometConfig(n.Home)
		require.NoError(t, err)
		c.Mempool.CacheSize = 0
		cmtcfg.WriteConfigFile(config.CometConfigPath(n.Home), c)
	}
	t.Cleanup(func() {
		if _, err := testnet.Stop(dir, 0); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	start := func() *testnet.Network {
		res, err := testnet.Start(ctx, testnet.StartOptions{Dir: dir, Binary: bin})
		require.NoError(t, err)
		return res.Network
	}
	network := start()

	kr, err := keyring.New(keyring.BackendTest, network.KeyringDir, nil)
	require.NoError(t, err)
	faucet, err := kr.Signer(testnet.FaucetKeyName)
	require.NoError(t, err)
	recipient := newAddress(t)
	msg, err := client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{
		FromAddress: faucet.PubKey().Address().String(), ToAddress: recipient,
		Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "5"}}})
	require.NoError(t, err)
	c0, err := client.New(network.Nodes[0].RPCAddr())
	require.NoError(t, err)
	acc, err := c0.Account(ctx, faucet.PubKey().Address().String())
	require.NoError(t, err)
	spec := func(chainID string, seq uint64) client.TxSpec {
		return client.TxSpec{Msgs: []*gogotypes.Any{msg}, Fee: core.Coins{}, GasLimit: 100_000,
			ChainID: chainID, AccountNumber: acc.AccountNumber, Sequence: seq}
	}

	// One honest transfer, committed.
	honest, err := client.Sign(spec(network.ChainID, acc.Sequence), faucet)
	require.NoError(t, err)
	res, err := c0.Broadcast(ctx, honest, "commit", time.Minute)
	require.NoError(t, err)
	require.Zero(t, res.Code, res.RawLog)
	t.Logf("honest transfer committed at height %d", res.Height)

	// Restart the network, so that the replay comes from a block before
	// the restart: each application turns it away from the state it has
	// read back from disk. Every node finishes the block first (it has the
	// next one), and every node after the restart is a new process.
	pids := map[int]int{}
	for _, n := range network.Nodes {
		_, err := testnet.WaitForHeight(ctx, n.RPCAddr(), res.Height+1)
		require.NoError(t, err, "node%d", n.Index)
		pid, ok := testnet.NodePID(n)
		require.True(t, ok, "node%d runs", n.Index)
		pids[n.Index] = pid
	}
	_, err = testnet.Stop(dir, 0)
	require.NoError(t, err)
	network = start()
	for _, n := range network.Nodes {
		pid, ok := testnet.NodePID(n)
		require.True(t, ok, "node%d runs", n.Index)
		require.NotEqual(t, pids[n.Index], pid, "node%d was restarted", n.Index)
	}
	next := acc.Sequence + 1

	otherChain, err := client.Sign(spec("another-chain", next), faucet)
	require.NoError(t, err)
	var raw authtypes.TxRaw
	correct, err := client.Sign(spec(network.ChainID, next), faucet)
	require.NoError(t, err)
	require.NoError(t, raw.Unmarshal(correct))
	raw.Signatures = nil
	noSignature, err := raw.Marshal()
	require.NoError(t, err)
	emptySignature, err := client.Unsigned(spec(network.ChainID, next), faucet.PubKey())
	require.NoError(t, err)

	cases := []struct {
		name string
		tx   []byte
		want *core.Error
	}{
		{"a transfer replayed from an old block", honest, core.ErrWrongSequence},
		{"a transfer signed for another chain id", otherChain, core.ErrUnauthorized},
		{"a transfer with no signature", noSignature, core.ErrNoSignatures},
		{"a transfer with an empty signature", emptySignature, core.ErrUnauthorized},
	}
	for _, tc := range cases {
		t.Run(tc.name+" is rejected by every node", func(t *testing.T) {
			for _, n := range network.Nodes {
				c, err := client.New(n.RPCAddr())
				require.NoError(t, err)
				r, err := c.RPC.BroadcastTxSync(ctx, tc.tx)
				require.NoError(t, err, "node%d", n.Index)
				require.Equal(t, tc.want.Code(), r.Code, "node%d: %s", n.Index, r.Log)
				require.Equal(t, tc.want.Codespace(), r.Codespace, "node%d", n.Index)
				t.Logf("node%d: code %d (%s): %s", n.Index, r.Code, r.Codespace, r.Log)
			}
		})
	}

	t.Run("none of them reached a block: the state moved only by the honest transfer", func(t *testing.T) {
		tip, err := testnet.LatestBlock(ctx, network.Nodes[0].RPCAddr())
		require.NoError(t, err)
		for _, n := range network.Nodes {
			waitCtx, cancelWait := context.WithTimeout(ctx, time.Minute)
			_, err := testnet.WaitForHeight(waitCtx, n.RPCAddr(), tip.Height+3)
			cancelWait()
			require.NoError(t, err)
			c, err := client.New(n.RPCAddr())
			require.NoError(t, err)
			a, err := c.Account(ctx, faucet.PubKey().Address().String())
			require.NoError(t, err)
			require.Equal(t, next, a.Sequence, "node%d: faucet sequence", n.Index)
			require.Equal(t, "5", balanceOf(t, ctx, bin, n.RPCAddr(), recipient), "node%d", n.Index)
			_, err = testnet.CheckInvariants(ctx, n.RPCAddr())
			require.NoError(t, err, "node%d", n.Index)
		}
		requireSameAppHash(t, ctx, network, tip.Height+3)
	})
}
