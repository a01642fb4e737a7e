package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/testnet/bench"
)

// TestBenchCommandComparesWithTheKVStore runs `stakechain bench` as a user
// would, at a low offered rate against one validator, and checks the JSON
// file scripts rely on: every submitted transfer committed, none failed or
// dropped, for the three applications (ours, the kvstore, the signed
// kvstore), the ratios of their throughputs, and (--metrics) where their
// blocks' time went.
func TestBenchCommandComparesWithTheKVStore(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two networks")
	}
	requirePortsFree(t, networkPorts(benchBasePort, 1, false)...)
	bin := buildStakechain(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dir := networkDir(t)
	out := filepath.Join(dir, "bench.json")
	stakechain(t, ctx, bin, "bench", "--validators", "1", "--duration", "6s", "--accounts", "300", "--rate", "100",
		"--compare-kvstore", "--compare-kvstore-signed", "--metrics", "--json", out, "--dir", filepath.Join(dir, "net"), "--base-port", fmt.Sprint(benchBasePort))

	bz, err := os.ReadFile(out)
	require.NoError(t, err)
	var rep struct {
		StakeChain    bench.BenchResult  `json:"stakechain"`
		KVStore       *bench.BenchResult `json:"kvstore"`
		Ratio         float64            `json:"ratio"`
		KVStoreSigned *bench.BenchResult `json:"kvstore_signed"`
		RatioSigned   float64            `json:"ratio_signed"`
		Rounds        []json.RawMessage  `json:"rounds"`
	}
	require.NoError(t, json.Unmarshal(bz, &rep), string(bz))
	require.Len(t, rep.Rounds, 1)
	require.NotNil(t, rep.KVStore, "no kvstore result")
	require.NotNil(t, rep.KVStoreSigned, "no signed kvstore result")
	require.Equal(t, bench.BenchAppKVStoreSigned, rep.KVStoreSigned.App)
	for _, r := range []bench.BenchResult{rep.StakeChain, *rep.KVStore, *rep.KVStoreSigned} {
		require.Positive(t, r.Submitted, "%s submitted nothing", r.App)
		require.Equal(t, r.Submitted, r.Committed, "%s: every transaction offered below saturation commits: %+v", r.App, r)
		require.Zero(t, r.Failed, "%s failures: %v", r.App, r.FailReasons)
		require.Zero(t, r.Dropped, r.App)
		require.Positive(t, r.CommittedTPS, r.App)
		require.Positive(t, r.P50LatencyMS, r.App)
		require.GreaterOrEqual(t, r.P99LatencyMS, r.P50LatencyMS, r.App)
		require.Greater(t, r.LastHeight, r.FirstHeight, r.App)
		require.Len(t, r.Nodes, 1)
		require.Positive(t, r.PeakRSSMB, r.App)
		require.Positive(t, r.Nodes[0].CPUSeconds, r.App)
		require.Equal(t, 100, r.Settings.OfferedRate)
		bt := r.BlockTimes
		require.NotNil(t, bt, "%s: --metrics reports block times", r.App)
		require.Equal(t, 1, bt.Nodes, r.App)
		require.Positive(t, bt.Blocks, r.App)
		require.Positive(t, bt.TxsPerBlock, r.App)
		require.Positive(t, bt.IntervalS, r.App)
		require.Positive(t, bt.StepsS["Propose"], "%s: %+v", r.App, bt.StepsS)
		require.Positive(t, bt.ABCIS["finalize_block"], "%s: %+v", r.App, bt.ABCIS)
	}
	require.InDelta(t, rep.StakeChain.Settings.TxBytes, rep.KVStore.Settings.TxBytes, 2, "both applications get transactions of one size")
	require.InDelta(t, rep.StakeChain.Settings.TxBytes, rep.KVStoreSigned.Settings.TxBytes, 2, "the signed kvstore too")
	require.InDelta(t, rep.StakeChain.CommittedTPS/rep.KVStore.CommittedTPS, rep.Ratio, 1e-9)
	require.InDelta(t, rep.StakeChain.CommittedTPS/rep.KVStoreSigned.CommittedTPS, rep.RatioSigned, 1e-9)
}
