package e2e_test

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/testnet"
	"github.com/stakechain/stakechain/x/evm/contracts"
)

// TestTheEVMCommandLineAgainstALocalnet drives a one-validator localnet
// with the stakechain binary alone: a bank send funds an Ethereum key of
// the keyring by its 0x address; `tx evm deploy` creates the ERC-20 coin,
// `tx evm call` transfers (twice more with --async, back to back), `query
// evm call` reads the balance, a failing transfer exits non-zero with its
// revert reason, and `query evm account` shows the bank balance in wei.
func TestTheEVMCommandLineAgainstALocalnet(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a localnet; skipped with -short")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 4*time.Minute)
	defer cancel()
	bin := buildStakechain(t)
	dir := networkDir(t)
	_, err := testnet.InitFiles(testnet.Options{OutputDir: dir, BasePort: evmCLIBasePort, Validators: 1})
	require.NoError(t, err)
	network := startLocalnet(t, ctx, bin, dir)
	node := network.Nodes[0].RPCAddr()
	kr := []string{"--keyring-backend", "test", "--keyring-dir", network.KeyringDir}
	rpc := []string{"--evm-rpc", fmt.Sprintf("http://127.0.0.1:%d", testnet.JSONRPCPort+evmCLIBasePort-testnet.P2PPort)}
	signed := append(append([]string{"--from", "owner", "-y"}, rpc...), kr...)

	// Hardhat's first development account, as MetaMask derives it.
	const owner = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
	const other = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
	add := exec.CommandContext(ctx, bin, append([]string{"keys", "add", "owner", "--recover", "--key-type", "eth_secp256k1"}, kr...)...)
	add.Stdin = strings.NewReader("test test test test test test test test test test test junk\n")
	out, err := add.CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), owner)
	stakechain(t, ctx, bin, append([]string{"tx", "bank", "send", testnet.FaucetKeyName, owner, "10000000ustake",
		"--node", node, "--broadcast-mode", "commit", "-y"}, kr...)...)

	art := contracts.ERC20()
	files := t.TempDir()
	binFile, abiFile := filepath.Join(files, "ERC20.bin"), filepath.Join(files, "ERC20.abi")
	require.NoError(t, os.WriteFile(binFile, []byte(hex.EncodeToString(art.Bin)+"\n"), 0o644))
	require.NoError(t, os.WriteFile(abiFile, []byte(art.ABI), 0o644))

	var deployed struct {
		Status          string `json:"status"`
		Block           string `json:"block"`
		ContractAddress string `json:"contract_address"`
		Logs            []struct {
			Event string `json:"event"`
		} `json:"logs"`
	}
	out2 := stakechain(t, ctx, bin, append([]string{"tx", "evm", "deploy", binFile, "--abi", abiFile, "--args", "Seed", "SEED", "18", "1000000", "-o", "json"}, signed...)...)
	require.NoError(t, json.Unmarshal([]byte(out2), &deployed), out2)
	require.Equal(t, "success", deployed.Status, out2)
	require.NotEmpty(t, deployed.ContractAddress)
	require.Equal(t, "Transfer", deployed.Logs[0].Event)
	coin := deployed.ContractAddress

	out2 = stakechain(t, ctx, bin, append([]string{"tx", "evm", "call", coin, "transfer(address,uint256)", other, "250"}, signed...)...)
	require.Contains(t, out2, "status: success\n")
	require.Equal(t, "250\n", stakechain(t, ctx, bin, append([]string{"query", "evm", "call", coin, "balanceOf(address)(uint256)", other}, rpc...)...))

	// Two sent back to back, before a block: the second takes the nonce
	// after the first's, which the node's mempool holds.
	var hashes []string
	for range 2 {
		var sent struct {
			TxHash string `json:"txhash"`
			Status string `json:"status"`
		}
		out2 = stakechain(t, ctx, bin, append([]string{"tx", "evm", "call", coin, "transfer(address,uint256)", other, "1", "--async", "-o", "json"}, signed...)...)
		require.NoError(t, json.Unmarshal([]byte(out2), &sent), out2)
		require.Equal(t, "pending", sent.Status)
		hashes = append(hashes, sent.TxHash)
	}
	for _, h := range hashes {
		require.Eventually(t, func() bool {
			out, _, err := stakechainErr(ctx, bin, append([]string{"query", "evm", "receipt", h}, rpc...)...)
			return err == nil && strings.Contains(out, "status: success\n")
		}, 30*time.Second, 300*time.Millisecond, "a receipt for %s", h)
	}
	require.Equal(t, "252\n", stakechain(t, ctx, bin, append([]string{"query", "evm", "call", coin, "balanceOf(address)(uint256)", other}, rpc...)...))

	stdout, stderr, err := stakechainErr(ctx, bin, append([]string{"tx", "evm", "call", coin, "transfer", other, "5000000", "--abi", abiFile, "--gas", "100000"}, signed...)...)
	require.Error(t, err, "a failed transaction exits non-zero")
	require.Contains(t, stdout, "status: failed\n")
	require.Contains(t, stderr, "InsufficientBalance(account: "+owner+", held: 999748, needed: 5000000)")

	// The account in wei is the bank balance × 10^12 plus a remainder
	// below 10^12 (the fees were paid in wei).
	var acct struct {
		Nonce      string `json:"nonce"`
		BalanceWei string `json:"balance_wei"`
	}
	out2 = stakechain(t, ctx, bin, append([]string{"query", "evm", "account", owner, "-o", "json"}, rpc...)...)
	require.NoError(t, json.Unmarshal([]byte(out2), &acct), out2)
	require.Equal(t, "5", acct.Nonce)
	wei, ok := new(big.Int).SetString(acct.BalanceWei, 10)
	require.True(t, ok, out2)
	ustake := new(big.Int).Quo(wei, big.NewInt(1_000_000_000_000))
	require.Equal(t, ustake.String(), balanceOf(t, ctx, bin, node, owner))
	require.Positive(t, new(big.Int).Sub(big.NewInt(10_000_000), ustake).Sign(), "fees were paid")
}
