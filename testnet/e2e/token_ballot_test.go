package e2e_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/testnet"
)

func TestTokenAndBallotEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 4-validator network; skipped with -short")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	bin := buildStakechain(t)
	dir := networkDir(t)
	_, err := testnet.InitFiles(testnet.Options{OutputDir: dir, BasePort: tokenBallotBasePort})
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
	newKey := func(t *testing.T, name string) string {
		stakechain(t, ctx, bin, append([]string{"keys", "add", name}, kr...)...)
		addr := strings.TrimSpace(stakechain(t, ctx, bin, append([]string{"keys", "show", name, "-a"}, kr...)...))
		tx(t, "bank", "send", testnet.FaucetKeyName, addr, "10000000ustake")
		return addr
	}
	balance := func(t *testing.T, addr, denom string) string {
		out := stakechain(t, ctx, bin, "query", "bank", "balances", addr, "--denom", denom, "--node", node, "-o", "json")
		var res struct {
			Balance struct{ Amount string } `json:"balance"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &res), out)
		return res.Balance.Amount
	}

	alice, bob, carol := newKey(t, "alice"), newKey(t, "bob"), newKey(t, "carol")

	t.Run("a token is created, minted, sent with bank send, approved and spent with transfer-from", func(t *testing.T) {
		tx(t, "token", "create", "GOLD", "--name", "Gold", "--decimals", "6", "--max-supply", "1000000", "--initial-supply", "1000", "--from", "alice")
		denom := "token/" + alice + "/GOLD"
		require.Equal(t, "1000", balance(t, alice, denom))
		tx(t, "token", "mint", denom, "500", "--to", bob, "--from", "alice")
		require.Equal(t, "500", balance(t, bob, denom))
		tx(t, "bank", "send", "bob", carol, "100"+denom)
		require.Equal(t, "100", balance(t, carol, denom))
		tx(t, "token", "approve", alice, "200"+denom, "--from", "bob")
		tx(t, "token", "transfer-from", bob, carol, "150"+denom, "--from", "alice")
		require.Equal(t, "250", balance(t, carol, denom))
		require.Equal(t, "250", balance(t, bob, denom))
		out := stakechain(t, ctx, bin, "query", "token", "allowance", bob, alice, denom, "--node", node, "-o", "json")
		require.Contains(t, out, `"amount": "50"`)
		_, errOut, err := stakechainErr(ctx, bin, append([]string{"tx", "token", "mint", denom, "1", "--from", "bob", "--node", node, "-y"}, kr...)...)
		require.Error(t, err, "only the admin mints")
		require.Contains(t, errOut, "token")
		info := stakechain(t, ctx, bin, "query", "token", "info", denom, "--node", node, "-o", "json")
		require.Contains(t, info, `"supply": "1500"`)
	})

	t.Run("a ballot with three proposals: rights, a delegated vote, votes and the winner", func(t *testing.T) {
		tx(t, "ballot", "create", "Lunch", "--proposals", "pizza,sushi,tacos", "--voting-period", "5m", "--from", "alice")
		tx(t, "ballot", "give-right", "1", bob, "--from", "alice")
		tx(t, "ballot", "give-right", "1", carol, "--from", "alice")
		tx(t, "ballot", "delegate", "1", carol, "--from", "bob") // carol now carries 2
		tx(t, "ballot", "vote", "1", "1", "--from", "carol")
		tx(t, "ballot", "vote", "1", "2", "--from", "alice")
		out := stakechain(t, ctx, bin, "query", "ballot", "winner", "1", "--node", node, "-o", "json")
		var w struct {
			Index     int    `json:"index"`
			Name      string `json:"name"`
			VoteCount string `json:"vote_count"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &w), out)
		require.Equal(t, "sushi", w.Name)
		require.Equal(t, 1, w.Index)
		require.Equal(t, "2", w.VoteCount)
		show := stakechain(t, ctx, bin, "query", "ballot", "show", "1", "--node", node)
		require.Contains(t, show, "tacos")
	})

	t.Run("the supply invariant holds on every node", func(t *testing.T) {
		for _, n := range network.Nodes {
			_, err := testnet.CheckInvariants(ctx, n.RPCAddr())
			require.NoError(t, err, "node%d", n.Index)
		}
	})
}
