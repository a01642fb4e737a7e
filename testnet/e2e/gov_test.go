package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app"
	"github.com/stakechain/stakechain/testnet"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/gov"
)

func TestGovernanceEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 4-validator network; skipped with -short")
	}
	const voting = 15 * time.Second
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	bin := buildStakechain(t)
	dir := networkDir(t)
	_, err := testnet.InitFiles(testnet.Options{OutputDir: dir, BasePort: govBasePort, EditGenesis: func(g *app.GenesisState) {
		g.Gov.Params.VotingPeriod = core.Duration(voting)
		g.Gov.Params.ExpeditedVotingPeriod = core.Duration(voting / 2)
	}})
	require.NoError(t, err)
	network := startLocalnet(t, ctx, bin, dir)
	node := network.Nodes[0].RPCAddr()
	kr := []string{"--keyring-backend", "test", "--keyring-dir", network.KeyringDir}
	tx := func(t *testing.T, args ...string) {
		t.Helper()
		args = append(append(append([]string{"tx"}, args...), kr...), "--node", node, "--broadcast-mode", "commit", "-y", "-o", "json")
		out := stakechain(t, ctx, bin, args...)
		var res struct{ Code uint32 }
		require.NoError(t, json.Unmarshal([]byte(out), &res), out)
		require.Zero(t, res.Code, out)
	}
	status := func(t *testing.T, id int) string {
		out := stakechain(t, ctx, bin, "query", "gov", "proposal", fmt.Sprint(id), "--node", node, "-o", "json")
		var res struct {
			Proposal struct{ Status string } `json:"proposal"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &res), out)
		return res.Proposal.Status
	}

	// Proposal 1 changes staking's max_validators; proposal 2 is a text
	// proposal that the validators veto.
	change := map[string]any{
		"messages": []any{map[string]any{
			"@type": "/cosmos.staking.v1beta1.MsgUpdateParams", "authority": gov.Authority().String(),
			"params": map[string]any{"unbonding_time": "60s", "max_validators": 50, "max_entries": 7,
				"bond_denom": "ustake", "min_commission_rate": "0.000000000000000000"},
		}},
		"deposit": "10000000ustake", "title": "Fewer validators", "summary": "max_validators 100 → 50",
	}
	text := map[string]any{"messages": []any{}, "deposit": "10000000ustake", "title": "A bad idea", "summary": "veto me"}
	files := []string{filepath.Join(t.TempDir(), "change.json"), filepath.Join(t.TempDir(), "text.json")}
	for i, p := range []map[string]any{change, text} {
		bz, err := json.Marshal(p)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(files[i], bz, 0o644))
	}
	tx(t, "gov", "submit-proposal", files[0], "--from", testnet.FaucetKeyName)
	tx(t, "gov", "submit-proposal", files[1], "--from", testnet.ValidatorKeyName(0))
	require.Equal(t, "PROPOSAL_STATUS_VOTING_PERIOD", status(t, 1))
	balanceAfterDeposit := balanceOf(t, ctx, bin, node, network.Validators[0].Address)

	for i := range 4 {
		tx(t, "gov", "vote", "1", "yes", "--from", testnet.ValidatorKeyName(i))
		option := "no_with_veto"
		if i == 3 {
			option = "yes"
		}
		tx(t, "gov", "vote", "2", option, "--from", testnet.ValidatorKeyName(i))
	}
	tally := stakechain(t, ctx, bin, "query", "gov", "tally", "1", "--node", node)
	require.Contains(t, tally, "yes: 400000000")

	t.Run("a parameter change proposal passes when its voting period ends and the new value is in force", func(t *testing.T) {
		require.Eventually(t, func() bool { return status(t, 1) == "PROPOSAL_STATUS_PASSED" },
			voting+30*time.Second, time.Second)
		out := stakechain(t, ctx, bin, "query", "staking", "params", "--node", node)
		require.Contains(t, out, "max_validators: 50")
	})

	t.Run("a proposal vetoed by more than the veto threshold burns its deposit", func(t *testing.T) {
		require.Eventually(t, func() bool { return status(t, 2) == "PROPOSAL_STATUS_REJECTED" },
			voting+30*time.Second, time.Second)
		// validator0 paid the deposit and has not got it back (it earns
		// staking rewards meanwhile, which it has not withdrawn).
		require.Equal(t, balanceAfterDeposit, balanceOf(t, ctx, bin, node, network.Validators[0].Address))
		govAccount := stakechain(t, ctx, bin, "query", "bank", "balances", gov.Authority().String(), "--node", node)
		require.True(t, strings.Contains(govAccount, "(none)"), "the governance account holds nothing: %s", govAccount)
	})

	t.Run("the supply invariant holds on every node", func(t *testing.T) {
		for _, n := range network.Nodes {
			_, err := testnet.CheckInvariants(ctx, n.RPCAddr())
			require.NoError(t, err, "node%d", n.Index)
		}
	})
}
