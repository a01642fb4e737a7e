package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/testnet"
	"github.com/stakechain/stakechain/x/auth/keys"
)

// buildStakechain compiles the stakechain binary into a temporary directory
// and returns its path.
func buildStakechain(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "stakechain")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/stakechain/stakechain/cmd/stakechain")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go build:\n%s", out)
	return bin
}

// stakechain runs the binary with args and returns its standard output;
// a non-zero exit fails the test with both outputs.
func stakechain(t *testing.T, ctx context.Context, bin string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	require.NoError(t, err, "stakechain %s\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), stdout.String(), stderr.String())
	return stdout.String()
}

// startLocalnet runs `stakechain localnet start` on the network in dir,
// written before with testnet.InitFiles on the test's own ports, and stops
// the network when the test ends. `localnet start` creates a network only
// on the localnet's ports; on a directory that holds one it starts its
// nodes on the ports written there.
func startLocalnet(t *testing.T, ctx context.Context, bin, dir string) *testnet.Network {
	t.Helper()
	network, err := testnet.Load(dir)
	require.NoError(t, err)
	requirePortsFree(t, networkPorts(network.BasePort(), len(network.Nodes), false)...)
	t.Cleanup(func() {
		stopped, err := testnet.Stop(dir, 0)
		if err != nil {
			t.Errorf("stop localnet: %v (stopped %v)", err, stopped)
		}
	})
	stakechain(t, ctx, bin, "localnet", "start", "--validators", fmt.Sprint(len(network.Nodes)), "--dir", dir)
	return network
}

// requireSameAppHash checks that every node has the same app hash in the
// header of the block at height.
func requireSameAppHash(t *testing.T, ctx context.Context, network *testnet.Network, height int64) {
	t.Helper()
	want, err := testnet.BlockAppHash(ctx, network.Nodes[0].RPCAddr(), height)
	require.NoError(t, err)
	for _, n := range network.Nodes[1:] {
		got, err := testnet.BlockAppHash(ctx, n.RPCAddr(), height)
		require.NoError(t, err, "node%d", n.Index)
		require.Equal(t, want, got, "app hash at height %d: node%d differs from node0", height, n.Index)
	}
}

// stakechainErr runs the binary and returns both outputs and its error.
func stakechainErr(ctx context.Context, bin string, args ...string) (string, string, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return stdout.String(), stderr.String(), err
}

// newAddress returns a fresh account address.
func newAddress(t *testing.T) string {
	t.Helper()
	k, err := keys.GenPrivKey(keys.KeyTypeSecp256k1)
	require.NoError(t, err)
	return k.PubKey().Address().String()
}

// balanceOf reads addr's ustake balance through the CLI.
func balanceOf(t *testing.T, ctx context.Context, bin, node, addr string) string {
	t.Helper()
	out := stakechain(t, ctx, bin, "query", "bank", "balances", addr, "--node", node, "-o", "json")
	var res struct {
		Balances []struct{ Denom, Amount string } `json:"balances"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res), out)
	for _, b := range res.Balances {
		if b.Denom == "ustake" {
			return b.Amount
		}
	}
	return "0"
}

func TestLocalnetEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 4-validator network; skipped with -short")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()

	bin := buildStakechain(t)
	dir := networkDir(t)
	_, err := testnet.InitFiles(testnet.Options{OutputDir: dir, BasePort: localnetBasePort})
	require.NoError(t, err)
	network := startLocalnet(t, ctx, bin, dir)

	t.Run("all validators produce blocks and agree on the app hash", func(t *testing.T) {
		waitCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		for _, n := range network.Nodes {
			_, err := testnet.WaitForHeight(waitCtx, n.RPCAddr(), 3)
			require.NoError(t, err, "node%d", n.Index)
		}
		requireSameAppHash(t, ctx, network, 3)
	})

	recipient := newAddress(t)
	t.Run("coins sent with the CLI arrive, and every node sees them", func(t *testing.T) {
		out := stakechain(t, ctx, bin, "tx", "bank", "send", testnet.FaucetKeyName, recipient, "1234567ustake",
			"--keyring-backend", "test", "--keyring-dir", network.KeyringDir, "--chain-id", network.ChainID,
			"--node", network.Nodes[1].RPCAddr(), "--broadcast-mode", "commit", "-y", "-o", "json")
		var res struct {
			TxHash string `json:"txhash"`
			Code   uint32 `json:"code"`
			Height string `json:"height"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &res), out)
		require.Zero(t, res.Code, out)
		require.NotEmpty(t, res.TxHash)
		require.NotEqual(t, "0", res.Height)

		for _, n := range network.Nodes {
			// A node may be a block behind the one that answered.
			require.Eventually(t, func() bool {
				return balanceOf(t, ctx, bin, n.RPCAddr(), recipient) == "1234567"
			}, 10*time.Second, 200*time.Millisecond, "node%d balance", n.Index)
		}
		tx := stakechain(t, ctx, bin, "query", "tx", res.TxHash, "--node", network.Nodes[2].RPCAddr(), "-o", "json")
		require.Contains(t, tx, `"transfer"`)
	})

	t.Run("a rejected transaction exits non-zero with its code and reason", func(t *testing.T) {
		out, errOut, err := stakechainErr(ctx, bin, "tx", "bank", "send", testnet.FaucetKeyName, recipient, "999999999999999999ustake",
			"--keyring-backend", "test", "--keyring-dir", network.KeyringDir, "--node", network.Nodes[0].RPCAddr(), "-y")
		require.Error(t, err, "stdout: %s", out)
		require.Contains(t, errOut, "code 5")
		require.Contains(t, errOut, "insufficient funds")
	})

	t.Run("the chain goes on without a crashed validator", func(t *testing.T) {
		require.NoError(t, testnet.KillNode(ctx, dir, 3))
		_, statuses, err := testnet.Status(ctx, dir)
		require.NoError(t, err)
		require.False(t, statuses[3].Running, "node3 is reported stopped")

		at, err := testnet.LatestBlock(ctx, network.Nodes[0].RPCAddr())
		require.NoError(t, err)
		waitCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		// Three of four equal validators hold more than 2/3 of the power.
		_, err = testnet.WaitForHeight(waitCtx, network.Nodes[0].RPCAddr(), at.Height+2)
		require.NoError(t, err)
	})

	t.Run("a restarted validator catches up to the same app hash", func(t *testing.T) {
		stakechain(t, ctx, bin, "localnet", "start", "--dir", dir)
		_, statuses, err := testnet.Status(ctx, dir)
		require.NoError(t, err)
		for _, s := range statuses {
			require.True(t, s.Running, "node%d runs", s.Index)
		}

		tip, err := testnet.LatestBlock(ctx, network.Nodes[0].RPCAddr())
		require.NoError(t, err)
		waitCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		_, err = testnet.WaitForHeight(waitCtx, network.Nodes[3].RPCAddr(), tip.Height+1)
		require.NoError(t, err)
		requireSameAppHash(t, ctx, network, tip.Height)
		require.Equal(t, "1234567", balanceOf(t, ctx, bin, network.Nodes[3].RPCAddr(), recipient))
		for _, n := range network.Nodes {
			_, err := testnet.CheckInvariants(ctx, n.RPCAddr())
			require.NoError(t, err, "node%d", n.Index)
		}
	})
}
