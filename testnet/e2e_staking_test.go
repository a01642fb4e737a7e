package testnet_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cmtcfg "github.com/cometbft/cometbft/config"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app"
	"github.com/stakechain/stakechain/config"
	"github.com/stakechain/stakechain/testnet"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// validatorPowers reads CometBFT's /validators of a node: consensus key
// (base64) → voting power.
func validatorPowers(t *testing.T, ctx context.Context, rpc string) map[string]int64 {
	t.Helper()
	c, err := testnetRPC(rpc)
	require.NoError(t, err)
	res, err := c.Validators(ctx, nil, nil, nil)
	require.NoError(t, err)
	out := map[string]int64{}
	for _, v := range res.Validators {
		out[fmt.Sprintf("%X", v.PubKey.Bytes())] = v.VotingPower
	}
	return out
}

func TestStakingEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 4-validator network and a fifth node; skipped with -short")
	}
	const (
		unbonding = 8 * time.Second
		window    = 10
		jail      = 5 * time.Second
	)
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()

	bin := buildStakechain(t)
	dir := networkDir(t)
	// node4 and node5 join later on the next ports of the range.
	requirePortsFree(t, networkPorts(stakingBasePort, 6, false)...)
	_, err := testnet.InitFiles(testnet.Options{OutputDir: dir, BasePort: stakingBasePort, EditGenesis: func(g *app.GenesisState) {
		g.Staking.Params.UnbondingTime = core.Duration(unbonding)
		g.Slashing.Params.SignedBlocksWindow = window
		g.Slashing.Params.DowntimeJailDuration = core.Duration(jail)
	}})
	require.NoError(t, err)
	network := startLocalnet(t, ctx, bin, dir)
	node0 := network.Nodes[0].RPCAddr()
	kr := []string{"--keyring-backend", "test", "--keyring-dir", network.KeyringDir}
	tx := func(t *testing.T, args ...string) string {
		args = append(append(append([]string{"tx"}, args...), kr...), "--node", node0, "--broadcast-mode", "commit", "-y", "-o", "json")
		out := stakechain(t, ctx, bin, args...)
		var res struct{ Code uint32 }
		require.NoError(t, json.Unmarshal([]byte(out), &res), out)
		require.Zero(t, res.Code, out)
		return out
	}

	// A fifth node, started by hand as a full node.
	home := filepath.Join(dir, "node4")
	stakechain(t, ctx, bin, "init", "node4", "--chain-id", network.ChainID, "--home", home)
	node4, err := testnet.JoinAsFullNode(network, home, 4)
	require.NoError(t, err)
	logFile, err := os.Create(filepath.Join(home, "node.log"))
	require.NoError(t, err)
	var proc *exec.Cmd
	startNode4 := func() {
		proc = exec.Command(bin, "start", "--home", home)
		proc.Stdout, proc.Stderr = logFile, logFile
		require.NoError(t, proc.Start())
	}
	stopNode4 := func() {
		_ = proc.Process.Kill()
		_, _ = proc.Process.Wait()
	}
	startNode4()
	t.Cleanup(func() {
		stopNode4()
		_ = logFile.Close()
	})
	tip, err := testnet.LatestBlock(ctx, node0)
	require.NoError(t, err)
	waitCtx, cancelWait := context.WithTimeout(ctx, time.Minute)
	_, err = testnet.WaitForHeight(waitCtx, node4.RPCAddr(), tip.Height)
	cancelWait()
	require.NoError(t, err, "node4 syncs; its log is %s", logFile.Name())

	pubJSON := strings.TrimSpace(stakechain(t, ctx, bin, "comet", "show-validator", "--home", home))
	var pub struct{ Key []byte }
	require.NoError(t, json.Unmarshal([]byte(pubJSON), &pub))
	consKey := fmt.Sprintf("%X", pub.Key)

	t.Run("a full node's operator stakes with create-validator and the node joins the set", func(t *testing.T) {
		stakechain(t, ctx, bin, append([]string{"keys", "add", "op4"}, kr...)...)
		op := strings.TrimSpace(stakechain(t, ctx, bin, append([]string{"keys", "show", "op4", "-a"}, kr...)...))
		tx(t, "bank", "send", testnet.FaucetKeyName, op, "100000000ustake")
		tx(t, "staking", "create-validator", "--from", "op4", "--amount", "50000000ustake", "--moniker", "node4", "--pubkey", pubJSON)

		require.Eventually(t, func() bool { return validatorPowers(t, ctx, node0)[consKey] == 50 },
			20*time.Second, 300*time.Millisecond, "node4 appears in /validators with power 50")

		// And it signs: its address is in a later commit.
		addr := consAddressOf(pub.Key)
		require.Eventually(t, func() bool {
			b, err := testnet.LatestBlock(ctx, node0)
			if err != nil {
				return false
			}
			return commitHasSigner(t, ctx, node0, b.Height, addr)
		}, 20*time.Second, 500*time.Millisecond, "node4 signs blocks")
	})

	valoper := strings.TrimSpace(stakechain(t, ctx, bin, append([]string{"keys", "show", "op4", "--bech", "val", "-a"}, kr...)...))
	faucet := network.Faucet.Address

	t.Run("a delegation changes the validator's power by amount over the power reduction", func(t *testing.T) {
		tx(t, "staking", "delegate", valoper, "7000000ustake", "--from", testnet.FaucetKeyName)
		require.Eventually(t, func() bool { return validatorPowers(t, ctx, node0)[consKey] == 57 },
			20*time.Second, 300*time.Millisecond, "power 50 + 7")
	})

	t.Run("unbonding lowers the power at once and returns the coins after the unbonding period", func(t *testing.T) {
		out := tx(t, "staking", "unbond", valoper, "7000000ustake", "--from", testnet.FaucetKeyName)
		require.Contains(t, out, `"code": 0`)
		// The unbond paid the delegation's rewards so far; the 7 STAKE wait.
		before := balanceOf(t, ctx, bin, node0, faucet)
		require.Eventually(t, func() bool { return validatorPowers(t, ctx, node0)[consKey] == 50 },
			20*time.Second, 300*time.Millisecond, "power back to 50")
		require.Equal(t, before, balanceOf(t, ctx, bin, node0, faucet), "no coins back before the unbonding period")
		require.Eventually(t, func() bool {
			return balanceOf(t, ctx, bin, node0, faucet) != before
		}, unbonding+20*time.Second, 500*time.Millisecond, "coins return after the unbonding period")
		after := balanceOf(t, ctx, bin, node0, faucet)
		require.Equal(t, addInts(t, before, "7000000"), after)
	})

	t.Run("a stopped validator is jailed after the signing window, and returns after restart and unjail", func(t *testing.T) {
		stopNode4()
		require.Eventually(t, func() bool {
			_, in := validatorPowers(t, ctx, node0)[consKey]
			return !in
		}, 60*time.Second, 500*time.Millisecond, "node4 leaves /validators once it missed too many of %d blocks", window)
		out := stakechain(t, ctx, bin, "query", "staking", "validator", valoper, "--node", node0, "-o", "json")
		require.Contains(t, out, `"jailed": true`)
		info := stakechain(t, ctx, bin, "query", "slashing", "signing-info", "--node", node0)
		require.Contains(t, info, "unjail")

		startNode4()
		tip, err := testnet.LatestBlock(ctx, node0)
		require.NoError(t, err)
		waitCtx, cancelWait := context.WithTimeout(ctx, time.Minute)
		_, err = testnet.WaitForHeight(waitCtx, node4.RPCAddr(), tip.Height)
		cancelWait()
		require.NoError(t, err, "node4 catches up after its restart")
		time.Sleep(jail) // the jail time runs from the block that jailed it
		tx(t, "slashing", "unjail", "--from", "op4")
		// Slashed 1% for downtime: 50 STAKE → 49.5, power 49.
		require.Eventually(t, func() bool { return validatorPowers(t, ctx, node0)[consKey] == 49 },
			20*time.Second, 300*time.Millisecond, "node4 is back with its slashed power")
	})

	t.Run("the supply invariant holds on every node after all of this", func(t *testing.T) {
		for _, n := range append(network.Nodes, node4) {
			h, err := testnet.CheckInvariants(ctx, n.RPCAddr())
			require.NoError(t, err, "node%d", n.Index)
			require.Positive(t, h)
		}
	})

	t.Run("a validator whose key runs in two processes double-signs and is slashed, jailed and tombstoned", func(t *testing.T) {
		// node5: a second node with node4's consensus key and its own
		// (empty) signing state, so nothing stops it from signing again.
		home5 := filepath.Join(dir, "node5")
		stakechain(t, ctx, bin, "init", "node5", "--chain-id", network.ChainID, "--home", home5)
		_, err := testnet.JoinAsFullNode(network, home5, 5)
		require.NoError(t, err)
		key, err := os.ReadFile(filepath.Join(home, "config", "priv_validator_key.json"))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(home5, "config", "priv_validator_key.json"), key, 0o600))
		// node5 stops waiting for a proposal after a millisecond and prevotes
		// nil, while node4 prevotes the proposed block: the two votes of
		// the same validator at one height and round conflict. With
		// CometBFT's timeout both would mostly sign the same block, and the
		// double signing would hang on timing.
		cfg5, err := config.LoadCometConfig(home5)
		require.NoError(t, err)
		cfg5.Consensus.TimeoutPropose, cfg5.Consensus.TimeoutProposeDelta = time.Millisecond, 0
		cmtcfg.WriteConfigFile(config.CometConfigPath(home5), cfg5)
		log5, err := os.Create(filepath.Join(home5, "node.log"))
		require.NoError(t, err)
		defer log5.Close()
		twin := exec.Command(bin, "start", "--home", home5)
		twin.Stdout, twin.Stderr = log5, log5
		require.NoError(t, twin.Start())
		defer func() {
			_ = twin.Process.Kill()
			_, _ = twin.Process.Wait()
		}()

		cons, err := authtypes.Bech32(authtypes.ConsensusPrefix, consAddressOf(pub.Key))
		require.NoError(t, err)
		tokensBefore := validatorTokens(t, ctx, bin, node0, valoper)
		require.Eventually(t, func() bool {
			out, _, err := stakechainErr(ctx, bin, "query", "slashing", "signing-info", cons, "--node", node0, "-o", "json")
			return err == nil && strings.Contains(out, `"tombstoned": true`)
		}, 3*time.Minute, time.Second, "evidence of the double signing is committed (logs: %s, %s)", logFile.Name(), log5.Name())

		out := stakechain(t, ctx, bin, "query", "staking", "validator", valoper, "--node", node0, "-o", "json")
		require.Contains(t, out, `"jailed": true`)
		_, in := validatorPowers(t, ctx, node0)[consKey]
		require.Eventually(t, func() bool {
			_, in = validatorPowers(t, ctx, node0)[consKey]
			return !in
		}, 20*time.Second, 300*time.Millisecond, "the double signer leaves /validators")
		// 5% of its stake at the infraction is burned: its power (whole
		// STAKE) × 10^6 × 5%, as Cosmos computes it.
		after := validatorTokens(t, ctx, bin, node0, valoper)
		powerTokens := tokensBefore[:len(tokensBefore)-6] + "000000"
		require.Equal(t, tokensBefore, addInts(t, after, percent(t, powerTokens, 5)), "tokens %s → %s", tokensBefore, after)
		_, _, err = stakechainErr(ctx, bin, append([]string{"tx", "slashing", "unjail", "--from", "op4", "--node", node0, "-y"}, kr...)...)
		require.Error(t, err, "a tombstoned validator cannot unjail")
	})
}

// validatorTokens reads a validator's tokens through the CLI.
func validatorTokens(t *testing.T, ctx context.Context, bin, node, valoper string) string {
	t.Helper()
	out := stakechain(t, ctx, bin, "query", "staking", "validator", valoper, "--node", node, "-o", "json")
	var res struct {
		Validator struct{ Tokens string } `json:"validator"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res), out)
	return res.Validator.Tokens
}
