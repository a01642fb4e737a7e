package e2e_test

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/testnet"
)

// TestEthersWorksAgainstALocalnet runs testnet/ethers/check.mjs, which
// drives a real localnet's Ethereum JSON-RPC with ethers v6, solc-js and,
// when installed, Foundry's cast, as dapp developers do. Its wallet is
// funded by `tx bank send faucet 0x...`. It needs node and npm, so it runs
// only with STAKECHAIN_ETHERS=1 (make test-ethers installs the pinned
// packages and sets it).
func TestEthersWorksAgainstALocalnet(t *testing.T) {
	if os.Getenv("STAKECHAIN_ETHERS") != "1" {
		t.Skip("set STAKECHAIN_ETHERS=1 (make test-ethers) to run the ethers check")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	bin := buildStakechain(t)
	dir := networkDir(t)
	_, err := testnet.InitFiles(testnet.Options{OutputDir: dir, BasePort: ethersBasePort})
	require.NoError(t, err)
	network := startLocalnet(t, ctx, bin, dir)

	key, err := crypto.ToECDSA(crypto.Keccak256([]byte("ethers check")))
	require.NoError(t, err)
	wallet := crypto.PubkeyToAddress(key.PublicKey)
	out := stakechain(t, ctx, bin, "tx", "bank", "send", testnet.FaucetKeyName, wallet.Hex(), "20000000ustake",
		"--keyring-backend", "test", "--keyring-dir", network.KeyringDir, "--node", network.Nodes[0].RPCAddr(),
		"--broadcast-mode", "commit", "-y", "-o", "json")
	var sent struct{ Code uint32 }
	require.NoError(t, json.Unmarshal([]byte(out), &sent), out)
	require.Zero(t, sent.Code, out)

	root, err := repoRoot()
	require.NoError(t, err)
	ethURL := fmt.Sprintf("http://127.0.0.1:%d", testnet.JSONRPCPort+ethersBasePort-testnet.P2PPort)
	cmd := exec.CommandContext(ctx, "node", "check.mjs", ethURL, "0x"+hex.EncodeToString(crypto.FromECDSA(key)), filepath.Join(root, "x", "evm", "contracts"))
	cmd.Dir = filepath.Join(root, "testnet", "ethers")
	res, err := cmd.CombinedOutput()
	t.Logf("%s", res)
	require.NoError(t, err)
}
