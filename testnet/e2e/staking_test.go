package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	cmtcfg "github.com/cometbft/cometbft/config"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app"
	"github.com/stakechain/stakechain/config"
	"github.com/stakechain/stakechain/testnet"
	"github.com/stakechain/stakechain/testnet/faults"
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
	network, err := testnet.InitFiles(testnet.Options{OutputDir: dir, BasePort: stakingBasePort, EditGenesis: func(g *app.GenesisState) {
		g.Staking.Params.UnbondingTime = core.Duration(unbonding)
		g.Slashing.Params.SignedBlocksWindow = window
		g.Slashing.Params.DowntimeJailDuration = core.Duration(jail)
	}})
	require.NoError(t, err)
	halves := newHalves(t, network)
	for _, n := range network.Nodes {
		halves.wire(t, n.Home, n.Index)
	}
	network = startLocalnet(t, ctx, bin, dir)
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
	halves.wire(t, home, 4)
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
		halves.wire(t, home5, 5)
		log5, err := os.Create(filepath.Join(home5, "node.log"))
		require.NoError(t, err)
		defer log5.Close()
		rpc5 := fmt.Sprintf("tcp://127.0.0.1:%d", stakingBasePort+5*testnet.PortStep+1)

		// node4 and node5 must sign different votes at one height and
		// round, and a third node must receive both. While they run in one
		// network that happens only by chance: a node forwards one vote
		// per validator and step, and a signer that already holds its
		// twin's vote drops its own, so the two must sign within a few
		// milliseconds of each other. Instead the network is split into
		// halves, {node0, node1, node5} and {node2, node3, node4}, each
		// with too little power to commit, so that both halves stop at the
		// next height and each signer votes there unaware of the other: the
		// half holding the round's proposal prevotes its block, the other
		// nil (or, if the validator itself proposes, each twin its own
		// block). When the halves meet again every node receives both.
		// The split comes right after a block, in the commit timeout,
		// when no one signs; node5 starts after it, in its half.
		cons, err := authtypes.Bech32(authtypes.ConsensusPrefix, consAddressOf(pub.Key))
		require.NoError(t, err)
		tokensBefore := validatorTokens(t, ctx, bin, node0, valoper)
		powers := validatorPowers(t, ctx, node0)
		var total int64
		for _, p := range powers {
			total += p
		}
		require.Less(t, 3*(powers[consKey]+2*testnet.ValidatorPower), 2*total, "neither half can commit")
		var split int64
		require.Eventually(t, func() bool {
			heights := map[int64]bool{}
			for _, n := range append(slices.Clone(network.Nodes), node4) {
				rpc := n.RPCAddr()
				l, err := testnet.LatestBlock(ctx, rpc)
				if err != nil {
					return false
				}
				heights[l.Height] = true
				split = l.Height
			}
			if len(heights) != 1 {
				return false
			}
			halves.cut()
			return true
		}, 30*time.Second, 20*time.Millisecond, "the nodes agree on a height")
		t.Logf("the halves are split after height %d", split)

		twin := exec.Command(bin, "start", "--home", home5)
		twin.Stdout, twin.Stderr = log5, log5
		require.NoError(t, twin.Start())
		defer func() {
			_ = twin.Process.Kill()
			_, _ = twin.Process.Wait()
		}()
		for _, n := range []struct {
			name, rpc string
		}{{"node4", node4.RPCAddr()}, {"node5", rpc5}} {
			require.Eventually(t, func() bool {
				h, r, step, err := roundState(ctx, n.rpc)
				return err == nil && h == split+1 && r == 0 && step >= roundStepPrevote
			}, time.Minute, 200*time.Millisecond, "%s prevotes at height %d in its half (logs: %s, %s)", n.name, split+1, logFile.Name(), log5.Name())
		}
		tip, err := testnet.LatestBlock(ctx, node0)
		require.NoError(t, err)
		require.Equal(t, split, tip.Height, "no half commits on its own")
		halves.heal()
		started := time.Now()

		require.Eventually(t, func() bool {
			out, _, err := stakechainErr(ctx, bin, "query", "slashing", "signing-info", cons, "--node", node0, "-o", "json")
			return err == nil && strings.Contains(out, `"tombstoned": true`)
		}, time.Minute, time.Second, "evidence of the double signing is committed (logs: %s, %s)", logFile.Name(), log5.Name())
		t.Logf("the double signer was tombstoned %s after the halves met", time.Since(started).Round(time.Millisecond))

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

// halves wires the staking test's network so that it can be split in two,
// {node0, node1, node5} and {node2, node3, node4}: every link between the
// halves runs through a Proxy, links within a half are direct, and peer
// exchange is off, so that no node learns another's real address.
type halves struct {
	network *testnet.Network
	// proxies[[2]int{i, j}] carries node i's connections to validator j.
	proxies map[[2]int]*faults.Proxy
}

func halfOf(i int) int {
	if i == 0 || i == 1 || i == 5 {
		return 0
	}
	return 1
}

// newHalves starts a proxy for every link across the halves, towards each
// of the validators node0..node3.
func newHalves(t *testing.T, network *testnet.Network) *halves {
	t.Helper()
	h := &halves{network: network, proxies: map[[2]int]*faults.Proxy{}}
	for i := range 6 {
		for j, v := range network.Nodes {
			if halfOf(i) == halfOf(j) {
				continue
			}
			p, err := faults.NewProxy("127.0.0.1:0", strings.TrimPrefix(v.P2P, "tcp://"))
			require.NoError(t, err)
			t.Cleanup(func() { _ = p.Close() })
			h.proxies[[2]int{i, j}] = p
		}
	}
	return h
}

// wire points node i's persistent peers, in its home, at the validators:
// directly within its half, through the proxies across.
func (h *halves) wire(t *testing.T, home string, i int) {
	t.Helper()
	c, err := config.LoadCometConfig(home)
	require.NoError(t, err)
	var peers []string
	for j, v := range h.network.Nodes {
		if j == i {
			continue
		}
		addr := strings.TrimPrefix(v.P2P, "tcp://")
		if p, ok := h.proxies[[2]int{i, j}]; ok {
			addr = p.Addr()
		}
		peers = append(peers, v.NodeID+"@"+addr)
	}
	c.P2P.PersistentPeers = strings.Join(peers, ",")
	c.P2P.PexReactor = false
	cmtcfg.WriteConfigFile(config.CometConfigPath(home), c)
}

func (h *halves) cut() {
	for _, p := range h.proxies {
		p.Cut()
	}
}

func (h *halves) heal() {
	for _, p := range h.proxies {
		p.Heal()
	}
}

// roundStepPrevote is CometBFT's step after a node has signed its prevote
// (consensus/types.RoundStepPrevote).
const roundStepPrevote = 4

// roundState reads a node's consensus height, round and step.
func roundState(ctx context.Context, rpc string) (height int64, round, step int, err error) {
	c, err := testnetRPC(rpc)
	if err != nil {
		return 0, 0, 0, err
	}
	res, err := c.ConsensusState(ctx)
	if err != nil {
		return 0, 0, 0, err
	}
	var rs struct {
		HeightRoundStep string `json:"height/round/step"`
	}
	if err := json.Unmarshal(res.RoundState, &rs); err != nil {
		return 0, 0, 0, err
	}
	_, err = fmt.Sscanf(rs.HeightRoundStep, "%d/%d/%d", &height, &round, &step)
	return height, round, step, err
}
