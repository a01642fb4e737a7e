package e2e_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/testnet"
)

// readmeTour returns the shell block of README.md's "A five-minute tour".
func readmeTour(t *testing.T) string {
	t.Helper()
	bz, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	text := string(bz)
	const heading = "\n## A five-minute tour\n"
	at := strings.Index(text, heading)
	require.GreaterOrEqual(t, at, 0, "README.md has no section %q", strings.TrimSpace(heading))
	section := text[at+len(heading):]
	if next := strings.Index(section, "\n## "); next >= 0 {
		section = section[:next]
	}
	const open, fence = "```sh\n", "\n```"
	start := strings.Index(section, open)
	require.GreaterOrEqual(t, start, 0, "the tour has no ```sh block")
	block := section[start+len(open):]
	end := strings.Index(block, fence)
	require.GreaterOrEqual(t, end, 0, "the tour's ```sh block is not closed")
	return block[:end] + "\n"
}

// TestReadmeTour runs the commands of README.md's tour as a person would
// paste them: in bash, one after the other with no pause, in a directory
// that holds build/stakechain, a copy of the Makefile and a localnet in
// build/localnet made as `localnet start` makes it (on ports of its own).
// Then, on the same network resumed, it sends the same transfer three times
// in a row, which must all commit.
func TestReadmeTour(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 4-validator localnet")
	}
	requirePortsFree(t, networkPorts(readmeBasePort, testnet.DefaultValidators, false)...)
	tour := readmeTour(t)
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()

	// The tour's working directory, where it finds build/stakechain, the
	// Makefile and build/localnet; kept with the nodes' logs on a failure.
	work := networkDir(t)
	bin := filepath.Join(work, "build", "stakechain")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/stakechain/stakechain/cmd/stakechain").CombinedOutput()
	require.NoError(t, err, "go build:\n%s", out)
	makefile, err := os.ReadFile(filepath.Join("..", "..", "Makefile"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(work, "Makefile"), makefile, 0o644))
	// The compiled contracts the tour deploys.
	contracts := filepath.Join("x", "evm", "contracts")
	require.NoError(t, os.MkdirAll(filepath.Join(work, contracts), 0o755))
	for _, f := range []string{"ERC20.bin", "ERC20.abi"} {
		bz, err := os.ReadFile(filepath.Join("..", "..", contracts, f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(work, contracts, f), bz, 0o644))
	}

	// The network `localnet start` creates (the same options: it passes
	// only the validator count and chain id, both the defaults), moved to
	// ports of its own; `localnet start` then runs it as it is.
	dir := filepath.Join(work, "build", "localnet")
	network, err := testnet.InitFiles(testnet.Options{OutputDir: dir, BasePort: readmeBasePort})
	require.NoError(t, err)
	t.Cleanup(func() {
		if _, err := testnet.Stop(dir, 0); err != nil {
			t.Errorf("stop the tour's localnet: %v", err)
		}
	})
	node := network.Nodes[0].RPCAddr()
	env := append(os.Environ(), "STAKECHAIN_NODE="+node,
		fmt.Sprintf("STAKECHAIN_EVM_RPC=http://127.0.0.1:%d", testnet.JSONRPCPort+readmeBasePort-testnet.P2PPort))
	shell := func(script string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		cmd := exec.CommandContext(ctx, "bash", "-e", "-o", "pipefail", "-c", script)
		cmd.Dir, cmd.Env = work, env
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		require.NoError(t, err, "bash -e:\n%s\nstdout:\n%s\nstderr:\n%s", script, stdout.String(), stderr.String())
		return stdout.String()
	}
	shell("build/stakechain localnet start --dir build/localnet")

	// The tour, as README.md writes it. It ends with `make localnet-stop`.
	tourOut := shell(tour)
	t.Logf("the tour's output:\n%s", tourOut)
	require.Contains(t, tourOut, "txhash: ")
	require.Contains(t, tourOut, "status: success")
	require.Regexp(t, `(?m)^250$`, tourOut, "alice holds the 250 coins eve sent")
	for _, n := range network.Nodes {
		_, running := testnet.NodePID(n)
		require.False(t, running, "node%d still runs after `make localnet-stop`", n.Index)
	}

	// Resumed, the network takes the same transfer three times in a row.
	shell("build/stakechain localnet start --dir build/localnet")
	recipient := newAddress(t)
	send := "build/stakechain tx bank send faucet " + recipient + " 1000ustake " +
		"--keyring-backend test --keyring-dir build/localnet/keyring -y -o json"
	var hashes []string
	for range 3 {
		var res client.BroadcastResult
		out := shell(send)
		require.NoError(t, json.Unmarshal([]byte(out), &res), out)
		require.Zero(t, res.Code, res.RawLog)
		hashes = append(hashes, res.TxHash)
	}
	require.Len(t, map[string]bool{hashes[0]: true, hashes[1]: true, hashes[2]: true}, 3, "three different txs: %v", hashes)
	c, err := client.New(node)
	require.NoError(t, err)
	for _, h := range hashes {
		hash, err := hex.DecodeString(h)
		require.NoError(t, err)
		res, err := c.WaitForTx(ctx, hash, time.Minute)
		require.NoError(t, err)
		require.Zero(t, res.TxResult.Code, "tx %s: %s", h, res.TxResult.Log)
	}
	require.Equal(t, "3000", balanceOf(t, ctx, bin, node, recipient))
	// A localnet serves the invariants query (app.toml's [query] invariants).
	_, err = testnet.CheckInvariants(ctx, node)
	require.NoError(t, err)
}
