package bench

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// metricsPage is a node's /metrics text with the counters BlockTimes reads,
// in Prometheus' text format as CometBFT serves it.
func metricsPage(height, txs, intervalSum, intervalCount, propose, commit, finalize, checkSync, checkAsync, rechecks float64) string {
	return fmt.Sprintf(`# HELP cometbft_consensus_height Height of the chain.
# TYPE cometbft_consensus_height gauge
cometbft_consensus_height{chain_id="bench"} %g
# TYPE cometbft_consensus_total_txs gauge
cometbft_consensus_total_txs{chain_id="bench"} %g
# TYPE cometbft_consensus_block_interval_seconds histogram
cometbft_consensus_block_interval_seconds_bucket{chain_id="bench",le="+Inf"} %g
cometbft_consensus_block_interval_seconds_sum{chain_id="bench"} %g
cometbft_consensus_block_interval_seconds_count{chain_id="bench"} %g
# TYPE cometbft_consensus_step_duration_seconds histogram
cometbft_consensus_step_duration_seconds_bucket{chain_id="bench",step="Propose",le="+Inf"} 1
cometbft_consensus_step_duration_seconds_sum{chain_id="bench",step="Propose"} %g
cometbft_consensus_step_duration_seconds_count{chain_id="bench",step="Propose"} 1
cometbft_consensus_step_duration_seconds_bucket{chain_id="bench",step="Commit",le="+Inf"} 1
cometbft_consensus_step_duration_seconds_sum{chain_id="bench",step="Commit"} %g
cometbft_consensus_step_duration_seconds_count{chain_id="bench",step="Commit"} 1
# TYPE cometbft_abci_connection_method_timing_seconds histogram
cometbft_abci_connection_method_timing_seconds_bucket{chain_id="bench",method="finalize_block",type="sync",le="+Inf"} 1
cometbft_abci_connection_method_timing_seconds_sum{chain_id="bench",method="finalize_block",type="sync"} %g
cometbft_abci_connection_method_timing_seconds_count{chain_id="bench",method="finalize_block",type="sync"} 1
cometbft_abci_connection_method_timing_seconds_bucket{chain_id="bench",method="check_tx",type="sync",le="+Inf"} 1
cometbft_abci_connection_method_timing_seconds_sum{chain_id="bench",method="check_tx",type="sync"} %g
cometbft_abci_connection_method_timing_seconds_count{chain_id="bench",method="check_tx",type="sync"} 1
cometbft_abci_connection_method_timing_seconds_bucket{chain_id="bench",method="check_tx",type="async",le="+Inf"} 1
cometbft_abci_connection_method_timing_seconds_sum{chain_id="bench",method="check_tx",type="async"} %g
cometbft_abci_connection_method_timing_seconds_count{chain_id="bench",method="check_tx",type="async"} 1
# TYPE cometbft_mempool_recheck_times counter
cometbft_mempool_recheck_times{chain_id="bench"} %g
`, height, txs, intervalCount, intervalSum, intervalCount, propose, commit, finalize, checkSync, checkAsync, rechecks)
}

// metricsServer serves the pages of one node in turn, one per request.
func metricsServer(t *testing.T, pages ...string) string {
	t.Helper()
	next := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(pages[next]))
		next++
	}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

func TestBlockTimesAreWindowDeltasPerBlockAveragedOverNodes(t *testing.T) {
	r := &metricsReader{client: http.DefaultClient, addrs: []string{
		// node0: 4 blocks of 1,000 txs, 2 s apart; per block Propose 1 s,
		// Commit 0.5 s, FinalizeBlock 0.2 s, CheckTx 0.75 s, 100 rechecks.
		metricsServer(t,
			metricsPage(10, 9000, 10, 9, 3, 1, 0.4, 1, 2, 100),
			metricsPage(14, 13000, 18, 13, 7, 3, 1.2, 2, 4, 500)),
		// node1: 2 blocks of 1,000 txs, 3 s apart; per block Propose 2 s,
		// Commit 1 s, FinalizeBlock 0.4 s, CheckTx 1.25 s, 300 rechecks.
		metricsServer(t,
			metricsPage(10, 9000, 10, 9, 3, 1, 0.4, 1, 2, 100),
			metricsPage(12, 11000, 16, 11, 7, 3, 1.2, 2.5, 3, 700)),
	}}
	ctx := context.Background()
	start, err := r.scrape(ctx)
	require.NoError(t, err)
	end, err := r.scrape(ctx)
	require.NoError(t, err)
	bt := blockTimes(start, end)
	require.NotNil(t, bt)
	require.Equal(t, 2, bt.Nodes)
	require.InDelta(t, 3, bt.Blocks, 1e-9)
	require.InDelta(t, 1000, bt.TxsPerBlock, 1e-9)
	require.InDelta(t, 2.5, bt.IntervalS, 1e-9)
	require.InDelta(t, 1.5, bt.StepsS["Propose"], 1e-9)
	require.InDelta(t, 0.75, bt.StepsS["Commit"], 1e-9)
	require.InDelta(t, 0.3, bt.ABCIS["finalize_block"], 1e-9)
	require.InDelta(t, 1.0, bt.ABCIS["check_tx"], 1e-9, "sync and async calls add up")
	require.InDelta(t, 200, bt.Rechecks, 1e-9)

	// A node that committed nothing in the window is left out of the means.
	idle := end[1]
	bt = blockTimes(append(start, idle), append(end, idle))
	require.Equal(t, 2, bt.Nodes)
	require.InDelta(t, 2.5, bt.IntervalS, 1e-9)

	require.Nil(t, blockTimes(end, end), "no blocks in the window: nothing to report")
}

func TestMetricsScrapeNamesTheNodeItCannotRead(t *testing.T) {
	ok := metricsPage(1, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	for name, page := range map[string]string{
		"no consensus height": "# TYPE go_goroutines gauge\ngo_goroutines 12\n",
		"not the text format": "cometbft_consensus_height{chain_id=\"bench\" 3\n",
	} {
		r := &metricsReader{client: http.DefaultClient, addrs: []string{metricsServer(t, ok), metricsServer(t, page)}}
		_, err := r.scrape(context.Background())
		require.ErrorContains(t, err, "node1", name)
	}
	require.Equal(t, "127.0.0.1:26660", prometheusHostPort(":26660"))
	require.Equal(t, "127.0.0.1:26670", prometheusHostPort("127.0.0.1:26670"))
}
