package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cometbft/cometbft/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app"
	"github.com/stakechain/stakechain/config"
	"github.com/stakechain/stakechain/x/auth/keys/secp256k1"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// run executes the stakechain command line in process and returns its
// standard output.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := newRootCommand()
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errOut)
	err := root.Execute()
	return out.String(), err
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, err := run(t, args...)
	require.NoError(t, err, "stakechain %s", strings.Join(args, " "))
	return out
}

func TestInitThenGenesisAddAccountAndValidate(t *testing.T) {
	home := t.TempDir()

	out := mustRun(t, "init", "alice", "--chain-id", "test-chain-1", "--home", home, "-o", "json")
	var initRes initResult
	require.NoError(t, json.Unmarshal([]byte(out), &initRes))
	require.Equal(t, "alice", initRes.Moniker)
	require.Equal(t, "test-chain-1", initRes.ChainID)
	require.Len(t, initRes.NodeID, 40)

	for _, f := range []string{
		"config/config.toml", "config/app.toml", "config/genesis.json",
		"config/node_key.json", "config/priv_validator_key.json",
		"data/priv_validator_state.json",
	} {
		require.FileExists(t, filepath.Join(home, f))
	}
	c, err := config.LoadCometConfig(home)
	require.NoError(t, err)
	require.Equal(t, "tcp://127.0.0.1:26657", c.RPC.ListenAddress)
	require.Equal(t, "kv", c.TxIndex.Indexer)
	require.Equal(t, "alice", c.Moniker)
	appCfg, err := config.Load(home, nil)
	require.NoError(t, err)
	require.Equal(t, config.Default(), appCfg)

	require.Equal(t, initRes.NodeID+"\n", mustRun(t, "comet", "show-node-id", "--home", home))

	var pub struct {
		Type string `json:"@type"`
		Key  string `json:"key"`
	}
	require.NoError(t, json.Unmarshal([]byte(mustRun(t, "comet", "show-validator", "--home", home)), &pub))
	require.Equal(t, "/cosmos.crypto.ed25519.PubKey", pub.Type)
	key, err := base64.StdEncoding.DecodeString(pub.Key)
	require.NoError(t, err)
	require.Len(t, key, 32)
	genDoc, err := types.GenesisDocFromFile(filepath.Join(home, "config/genesis.json"))
	require.NoError(t, err)
	require.Empty(t, genDoc.Validators, "validators come from genesis transactions")

	addr := authtypes.Address(bytes.Repeat([]byte{7}, 20)).String()
	mustRun(t, "genesis", "add-account", addr, "1000000ustake,5foo", "--home", home)
	genDoc, err = types.GenesisDocFromFile(filepath.Join(home, "config/genesis.json"))
	require.NoError(t, err)
	require.Contains(t, string(genDoc.AppState), addr)

	// The node becomes the validator through a genesis transaction.
	mustRun(t, "keys", "add", "op", "--keyring-backend", "test", "--home", home)
	op := strings.TrimSpace(mustRun(t, "keys", "show", "op", "--address", "--keyring-backend", "test", "--home", home))
	_, err = run(t, "genesis", "gentx", "op", "5000000ustake", "--keyring-backend", "test", "--home", home)
	require.ErrorContains(t, err, "must receive funds", "the operator must be funded in the genesis first")
	mustRun(t, "genesis", "add-account", op, "10000000ustake", "--home", home)
	mustRun(t, "genesis", "gentx", "op", "5000000ustake", "--keyring-backend", "test", "--home", home)
	mustRun(t, "genesis", "collect-gentxs", "--home", home)
	genDoc, err = types.GenesisDocFromFile(filepath.Join(home, "config/genesis.json"))
	require.NoError(t, err)
	require.Contains(t, string(genDoc.AppState), `"gen_txs": [`)
	require.NoError(t, app.CheckGenesisTxs(genDoc.ChainID, genDoc.AppState))

	out = mustRun(t, "genesis", "validate", "--home", home)
	require.Contains(t, out, "is a valid genesis file for chain test-chain-1")
	out = mustRun(t, "genesis", "validate", filepath.Join(home, "config/genesis.json"), "-o", "json")
	var valid map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &valid))
	require.Equal(t, true, valid["valid"])

	t.Run("add-account rejects a malformed address", func(t *testing.T) {
		_, err := run(t, "genesis", "add-account", "cosmos1notours", "1ustake", "--home", home)
		require.Error(t, err)
	})

	t.Run("validate rejects a genesis CometBFT cannot accept", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "genesis.json")
		require.NoError(t, os.WriteFile(bad, []byte(`{"chain_id": "", "app_state": {}}`), 0o644))
		_, err := run(t, "genesis", "validate", bad)
		require.ErrorContains(t, err, bad)
	})

	t.Run("init refuses to replace a genesis without --overwrite", func(t *testing.T) {
		_, err := run(t, "init", "alice", "--chain-id", "other-chain", "--home", home)
		require.ErrorContains(t, err, "--overwrite")

		mustRun(t, "init", "alice", "--chain-id", "other-chain", "--home", home, "--overwrite")
		replaced, err := types.GenesisDocFromFile(filepath.Join(home, "config/genesis.json"))
		require.NoError(t, err)
		require.Equal(t, "other-chain", replaced.ChainID)
		require.Empty(t, replaced.Validators)
		require.Contains(t, mustRun(t, "comet", "show-validator", "--home", home), pub.Key, "keys are kept")
	})

	t.Run("unsafe-reset-all empties data and keeps keys and genesis", func(t *testing.T) {
		junk := filepath.Join(home, "data", "application.db")
		require.NoError(t, os.MkdirAll(junk, 0o700))
		mustRun(t, "comet", "unsafe-reset-all", "--home", home)
		require.NoDirExists(t, junk)
		require.FileExists(t, filepath.Join(home, "data/priv_validator_state.json"))
		require.FileExists(t, filepath.Join(home, "config/priv_validator_key.json"))
		require.FileExists(t, filepath.Join(home, "config/genesis.json"))
	})
}

func TestInitRequiresAChainID(t *testing.T) {
	_, err := run(t, "init", "alice", "--home", t.TempDir())
	require.ErrorContains(t, err, "--chain-id")
}

func TestOutputFlagAcceptsOnlyTextOrJSON(t *testing.T) {
	_, err := run(t, "version", "-o", "yaml")
	require.ErrorContains(t, err, "--output")

	var v versionResult
	require.NoError(t, json.Unmarshal([]byte(mustRun(t, "version", "-o", "json")), &v))
	require.Equal(t, version, v.Version)
	require.Equal(t, secp256k1.Verifier, v.Verifier)
}

func TestOnlyAGenesisServedInChunksLosesItsAppState(t *testing.T) {
	small := &types.GenesisDoc{AppState: make([]byte, genesisRPCChunk)}
	require.False(t, releaseGenesisAppState(small))
	require.Len(t, small.AppState, genesisRPCChunk, "a genesis that /genesis may still serve keeps its app_state")

	large := &types.GenesisDoc{AppState: make([]byte, genesisRPCChunk+1)}
	require.True(t, releaseGenesisAppState(large))
	require.Nil(t, large.AppState)

	require.False(t, releaseGenesisAppState(nil))
}
