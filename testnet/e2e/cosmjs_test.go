package e2e_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/testnet"
)

// TestCosmJSWorksAgainstALocalnet runs testnet/cosmjs/check.mjs, which uses
// CosmJS, the standard Cosmos JavaScript client, against a real localnet.
// It needs node and npm, so it runs only with STAKECHAIN_COSMJS=1 (make
// test-cosmjs installs the client and sets it).
func TestCosmJSWorksAgainstALocalnet(t *testing.T) {
	if os.Getenv("STAKECHAIN_COSMJS") != "1" {
		t.Skip("set STAKECHAIN_COSMJS=1 (make test-cosmjs) to run the CosmJS check")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	bin := buildStakechain(t)
	dir := networkDir(t)
	_, err := testnet.InitFiles(testnet.Options{OutputDir: dir, BasePort: cosmjsBasePort})
	require.NoError(t, err)
	network := startLocalnet(t, ctx, bin, dir)
	mnemonic := filepath.Join(t.TempDir(), "mnemonic")
	require.NoError(t, os.WriteFile(mnemonic, []byte(network.Faucet.Mnemonic), 0o600))
	rpc := "http://" + network.Nodes[0].RPCAddr()[len("tcp://"):]
	cmd := exec.CommandContext(ctx, "node", "check.mjs", rpc, mnemonic)
	cmd.Dir = filepath.Join("..", "cosmjs")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	t.Logf("%s", out)
}
