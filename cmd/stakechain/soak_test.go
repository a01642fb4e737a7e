package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/testnet/bench"
)

// writeSoakFile writes a bench JSON file of one node sampled at the start,
// each quarter and the end, with rss as its RSS at those samples.
func writeSoakFile(t *testing.T, rss ...float64) string {
	t.Helper()
	r := bench.BenchResult{App: bench.BenchAppStakeChain, Submitted: 1000, Committed: 1000}
	for i, mb := range rss {
		r.Samples = append(r.Samples, bench.BenchSample{ElapsedSeconds: float64(60 * i), Committed: int64(250 * i),
			Nodes: []bench.NodeSample{{Index: 0, RSSMB: mb, Goroutines: 150, Height: int64(1 + 60*i)}}})
	}
	bz, err := json.Marshal(benchReport{StakeChain: r, Rounds: []benchRound{{StakeChain: r}}})
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "soak.json")
	require.NoError(t, os.WriteFile(path, bz, 0o644))
	return path
}

func TestCheckSoakCommandPrintsTheSamplesAndPasses(t *testing.T) {
	out := mustRun(t, "bench", "check-soak", writeSoakFile(t, 50, 150, 160, 170, 180))
	require.Contains(t, out, "RSS0 MB")
	require.Contains(t, out, "    240       1000     241-241    180.0    150\n")
	require.Contains(t, out, "soak held")
}

func TestCheckSoakCommandFailsOnGrowth(t *testing.T) {
	out, err := run(t, "bench", "check-soak", writeSoakFile(t, 50, 150, 160, 170, 215))
	require.EqualError(t, err, "soak failed")
	require.Contains(t, out, "node 0: RSS reached 215.0 MiB in the last quarter, above its bound of 214.0 MiB")
}
