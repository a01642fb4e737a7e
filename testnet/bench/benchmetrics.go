package bench

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/stakechain/stakechain/config"
	"github.com/stakechain/stakechain/testnet"
)

// benchMetricsNamespace is the prefix of CometBFT's metric names in a
// benchmark network (benchConfigure sets it, whatever the default).
const benchMetricsNamespace = "cometbft"

// BlockTimes is where a block's time went during a run's submission
// window, read from CometBFT's Prometheus metrics on every node: the
// change of each counter from the window's start to its end, divided by
// the blocks the node committed in between, then averaged over the nodes.
// The consensus steps of one height add up to its block interval; the
// ABCI calls run inside them (FinalizeBlock in Commit) or beside them
// (CheckTx, on the mempool's connection).
type BlockTimes struct {
	Nodes int `json:"nodes"`
	// Blocks is the mean number of blocks the nodes committed in the window.
	Blocks float64 `json:"blocks"`
	// IntervalS is the mean time between consecutive blocks.
	IntervalS float64 `json:"interval_s"`
	// StepsS is the time spent in each consensus step (Propose, Prevote,
	// Precommit, Commit, NewHeight: what remains of timeout_commit, ...)
	// per block, over all rounds of the height.
	StepsS map[string]float64 `json:"steps_s"`
	// ABCIS is the time in each ABCI method per block, over the node's
	// connections: finalize_block, commit, process_proposal and
	// prepare_proposal on the consensus connection; check_tx (new
	// transactions and rechecks) on the mempool's.
	ABCIS map[string]float64 `json:"abci_s"`
	// Rechecks is the number of transactions rechecked per block.
	Rechecks float64 `json:"rechecks"`
	// TxsPerBlock is the mean number of transactions per block.
	TxsPerBlock float64 `json:"txs_per_block"`
}

// nodeCounters are the cumulative metrics of one node at one moment.
type nodeCounters struct {
	height                     float64
	txs                        float64
	intervalSum, intervalCount float64
	steps                      map[string]float64 // step -> seconds
	abci                       map[string]float64 // method -> seconds
	rechecks                   float64
}

// scrapeMetrics reads the metrics a node serves at addr (host:port).
func scrapeMetrics(ctx context.Context, client *http.Client, addr string) (nodeCounters, error) {
	url := "http://" + addr + "/metrics"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nodeCounters{}, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nodeCounters{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nodeCounters{}, fmt.Errorf("%s: %s", url, resp.Status)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		return nodeCounters{}, fmt.Errorf("%s: %w", url, err)
	}
	return countersOf(fams)
}

// countersOf picks the metrics BlockTimes needs out of a node's families.
// The consensus height must be there: without it the node serves some
// other application's metrics, or none of CometBFT's.
func countersOf(fams map[string]*dto.MetricFamily) (nodeCounters, error) {
	name := func(s string) string { return benchMetricsNamespace + "_" + s }
	c := nodeCounters{steps: map[string]float64{}, abci: map[string]float64{}}
	height, ok := fams[name("consensus_height")]
	if !ok || len(height.GetMetric()) == 0 {
		return c, fmt.Errorf("no %s among the node's metrics", name("consensus_height"))
	}
	c.height = height.GetMetric()[0].GetGauge().GetValue()
	if f, ok := fams[name("consensus_total_txs")]; ok && len(f.GetMetric()) > 0 {
		c.txs = f.GetMetric()[0].GetGauge().GetValue()
	}
	if f, ok := fams[name("consensus_block_interval_seconds")]; ok && len(f.GetMetric()) > 0 {
		h := f.GetMetric()[0].GetHistogram()
		c.intervalSum, c.intervalCount = h.GetSampleSum(), float64(h.GetSampleCount())
	}
	if f, ok := fams[name("consensus_step_duration_seconds")]; ok {
		for _, m := range f.GetMetric() {
			c.steps[label(m, "step")] += m.GetHistogram().GetSampleSum()
		}
	}
	if f, ok := fams[name("abci_connection_method_timing_seconds")]; ok {
		for _, m := range f.GetMetric() {
			c.abci[label(m, "method")] += m.GetHistogram().GetSampleSum()
		}
	}
	if f, ok := fams[name("mempool_recheck_times")]; ok && len(f.GetMetric()) > 0 {
		c.rechecks = f.GetMetric()[0].GetCounter().GetValue()
	}
	return c, nil
}

func label(m *dto.Metric, name string) string {
	for _, l := range m.GetLabel() {
		if l.GetName() == name {
			return l.GetValue()
		}
	}
	return ""
}

// blockTimes puts together the per-block figures from each node's
// counters at the start and the end of a window. A node that committed no
// block in between is left out; with none left the result is nil.
func blockTimes(start, end []nodeCounters) *BlockTimes {
	bt := &BlockTimes{StepsS: map[string]float64{}, ABCIS: map[string]float64{}}
	for i := range start {
		a, b := start[i], end[i]
		blocks := b.height - a.height
		if blocks <= 0 {
			continue
		}
		bt.Nodes++
		bt.Blocks += blocks
		bt.TxsPerBlock += (b.txs - a.txs) / blocks
		if n := b.intervalCount - a.intervalCount; n > 0 {
			bt.IntervalS += (b.intervalSum - a.intervalSum) / n
		}
		for _, k := range sortedKeys(b.steps) {
			bt.StepsS[k] += (b.steps[k] - a.steps[k]) / blocks
		}
		for _, k := range sortedKeys(b.abci) {
			bt.ABCIS[k] += (b.abci[k] - a.abci[k]) / blocks
		}
		bt.Rechecks += (b.rechecks - a.rechecks) / blocks
	}
	if bt.Nodes == 0 {
		return nil
	}
	n := float64(bt.Nodes)
	bt.Blocks /= n
	bt.TxsPerBlock /= n
	bt.IntervalS /= n
	bt.Rechecks /= n
	for k := range bt.StepsS {
		bt.StepsS[k] /= n
	}
	for k := range bt.ABCIS {
		bt.ABCIS[k] /= n
	}
	return bt
}

func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// metricsReader scrapes every node of a network.
type metricsReader struct {
	addrs  []string // each node's Prometheus listen address, host:port
	client *http.Client
}

func newMetricsReader(net *testnet.Network) (*metricsReader, error) {
	r := &metricsReader{client: &http.Client{Timeout: testnet.RPCTimeout}}
	for _, n := range net.Nodes {
		addr, err := prometheusAddr(n)
		if err != nil {
			return nil, err
		}
		r.addrs = append(r.addrs, addr)
	}
	return r, nil
}

// prometheusAddr is where node n serves its metrics (host:port), from its
// config.toml.
func prometheusAddr(n testnet.Node) (string, error) {
	c, err := config.LoadCometConfig(n.Home)
	if err != nil {
		return "", err
	}
	return prometheusHostPort(c.Instrumentation.PrometheusListenAddr), nil
}

// scrape reads every node's counters; it fails on the first node that
// cannot be read, naming it.
func (r *metricsReader) scrape(ctx context.Context) ([]nodeCounters, error) {
	out := make([]nodeCounters, len(r.addrs))
	for i, addr := range r.addrs {
		c, err := scrapeMetrics(ctx, r.client, addr)
		if err != nil {
			return nil, fmt.Errorf("reading node%d's metrics: %w", i, err)
		}
		out[i] = c
	}
	return out, nil
}

// prometheusHostPort turns a Prometheus listen address (":26660",
// "127.0.0.1:26660") into one a client on this host dials.
func prometheusHostPort(listen string) string {
	if strings.HasPrefix(listen, ":") {
		return "127.0.0.1" + listen
	}
	return strings.TrimPrefix(listen, "tcp://")
}
