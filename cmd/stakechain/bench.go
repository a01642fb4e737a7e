package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/cometbft/cometbft/abci/example/kvstore"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/spf13/cobra"

	"github.com/stakechain/stakechain/config"
	"github.com/stakechain/stakechain/testnet"
	"github.com/stakechain/stakechain/testnet/bench"
)

func benchCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure committed transactions per second on a local network, against CometBFT's kvstore ceiling",
		Long: `Create a network of --validators nodes on 127.0.0.1 (the localnet's ports,
so node0's RPC is 127.0.0.1:26657 while it runs) with --accounts funded
accounts, pre-sign transfers of 1ustake between them, submit them over
websocket connections spread over the nodes for --duration, at --rate tx/s
or as fast as the nodes accept, then read the committed blocks.

It reports committed tx/s, blocks, transactions per block, submit-to-commit
latency (p50, p99), failed and dropped transactions, and each node's CPU
seconds and peak RSS.

With --compare-kvstore it runs the same network layout, configuration and
load shape (transactions of the same byte size) against CometBFT's kvstore
example application, the ceiling of what consensus alone can do here, and
reports our throughput as a ratio of it. The two runs alternate for --rounds
rounds (A B A B ...); the ratio is the median of the rounds' ratios, as only
ratios measured side by side mean much on a shared machine.

With --compare-kvstore-signed each round also runs the kvstore with one
secp256k1 signature per transaction, verified once per node as ours are, and
reports the ratio to that second ceiling (ratio_signed in the JSON).

Stop any localnet first: the benchmark uses the same ports.`,
		Args: cobra.NoArgs,
		RunE: runBench,
	}
	f := cmd.Flags()
	f.Int("validators", testnet.DefaultValidators, "number of validators")
	f.Duration("duration", bench.DefaultBenchDuration, "how long transactions are submitted in each run")
	f.Int("accounts", bench.DefaultBenchAccounts, "funded accounts in genesis, each a sender")
	f.Int("rate", 0, "offered load in tx/s over all connections (0: as fast as accepted)")
	f.Bool("compare-kvstore", false, "also run CometBFT's kvstore application and report the ratio")
	f.Bool("compare-kvstore-signed", false, "also run the kvstore verifying one secp256k1 signature per transaction, a second ceiling, and report the ratio to it")
	f.Int("rounds", 1, "rounds of runs (each: stakechain, then kvstore with --compare-kvstore)")
	f.Int("presign-rate", bench.DefaultBenchPresignRate, "without --rate: sign this many tx/s of the window in advance")
	f.Int("conns", bench.DefaultBenchConnsPerNode, "websocket connections per node")
	f.Int("window", bench.DefaultBenchWindow, "requests in flight per connection")
	f.Int("mempool-size", bench.DefaultBenchMempoolSize, "mempool size (transactions) of every node")
	f.Int("base-port", 0, "node 0's P2P port, to run beside a localnet (default: the localnet's, 26656; node i adds 10i)")
	f.Int64("block-max-bytes", bench.DefaultBenchBlockMaxBytes, "consensus parameter block.max_bytes of the genesis")
	f.Duration("timeout-commit", testnet.DefaultTimeoutCommit, "consensus timeout_commit of every node")
	f.String("dir", filepath.Join("build", "bench"), "directory for the networks (removed before each run)")
	f.String("json", "", "write the result to this JSON file")
	f.Duration("sample-every", 0, "sample every node's RSS, goroutines and height this often while submitting (0: never)")
	f.Bool("metrics", false, "turn on every node's Prometheus metrics and report where each block's time went (consensus steps, ABCI calls, rechecks)")
	cmd.AddCommand(kvstoreNodeCommand())
	cmd.AddCommand(checkSoakCommand())
	return cmd
}

// benchRound is one round of a benchmark: our run and, when compared, the
// kvstore run right after it.
type benchRound struct {
	StakeChain    bench.BenchResult  `json:"stakechain"`
	KVStore       *bench.BenchResult `json:"kvstore,omitempty"`
	Ratio         float64            `json:"ratio,omitempty"`
	KVStoreSigned *bench.BenchResult `json:"kvstore_signed,omitempty"`
	RatioSigned   float64            `json:"ratio_signed,omitempty"`
}

// benchReport is the JSON file: the round with the median ratio (or the
// median throughput without a comparison) on top, every round below.
type benchReport struct {
	StakeChain bench.BenchResult  `json:"stakechain"`
	KVStore    *bench.BenchResult `json:"kvstore,omitempty"`
	Ratio      float64            `json:"ratio,omitempty"`
	Ratios     []float64          `json:"ratios,omitempty"`
	// The signed kvstore's run of the median round, and the median of the
	// rounds' ratios to it.
	KVStoreSigned *bench.BenchResult `json:"kvstore_signed,omitempty"`
	RatioSigned   float64            `json:"ratio_signed,omitempty"`
	RatiosSigned  []float64          `json:"ratios_signed,omitempty"`
	Rounds        []benchRound       `json:"rounds"`
	Date          string             `json:"date"`
	Version       string             `json:"version"`
}

func runBench(cmd *cobra.Command, _ []string) error {
	f := cmd.Flags()
	binary, err := os.Executable()
	if err != nil {
		return err
	}
	o := bench.BenchOptions{Binary: binary}
	o.Validators, _ = f.GetInt("validators")
	o.Duration, _ = f.GetDuration("duration")
	o.Accounts, _ = f.GetInt("accounts")
	o.Rate, _ = f.GetInt("rate")
	o.ConnsPerNode, _ = f.GetInt("conns")
	o.PresignRate, _ = f.GetInt("presign-rate")
	o.Window, _ = f.GetInt("window")
	o.MempoolSize, _ = f.GetInt("mempool-size")
	o.TimeoutCommit, _ = f.GetDuration("timeout-commit")
	o.BlockMaxBytes, _ = f.GetInt64("block-max-bytes")
	o.BasePort, _ = f.GetInt("base-port")
	o.SampleEvery, _ = f.GetDuration("sample-every")
	o.Metrics, _ = f.GetBool("metrics")
	dir, _ := f.GetString("dir")
	compare, _ := f.GetBool("compare-kvstore")
	compareSigned, _ := f.GetBool("compare-kvstore-signed")
	rounds, _ := f.GetInt("rounds")
	jsonFile, _ := f.GetString("json")
	if rounds < 1 {
		return fmt.Errorf("--rounds must be at least 1, got %d", rounds)
	}
	if o.Dir, err = filepath.Abs(dir); err != nil {
		return err
	}
	progress := cmd.ErrOrStderr()
	o.Progress = func(line string) { fmt.Fprintln(progress, line) }
	o.Log = io.Discard

	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var all []benchRound
	for r := 0; r < rounds; r++ {
		var round benchRound
		o.App = bench.BenchAppStakeChain
		if round.StakeChain, err = bench.RunBench(ctx, o); err != nil {
			return fmt.Errorf("round %d, stakechain: %w", r+1, err)
		}
		printBenchLine(progress, r+1, round.StakeChain)
		// ceiling runs a ceiling application after ours and returns its
		// result and our ratio to it.
		ceiling := func(app string) (*bench.BenchResult, float64, error) {
			o.App = app
			kv, err := bench.RunBench(ctx, o)
			if err != nil {
				return nil, 0, fmt.Errorf("round %d, %s: %w", r+1, app, err)
			}
			printBenchLine(progress, r+1, kv)
			ratio := 0.0
			if kv.CommittedTPS > 0 {
				ratio = round.StakeChain.CommittedTPS / kv.CommittedTPS
			}
			return &kv, ratio, nil
		}
		if compare {
			if round.KVStore, round.Ratio, err = ceiling(bench.BenchAppKVStore); err != nil {
				return err
			}
		}
		if compareSigned {
			if round.KVStoreSigned, round.RatioSigned, err = ceiling(bench.BenchAppKVStoreSigned); err != nil {
				return err
			}
		}
		all = append(all, round)
	}

	rep := benchReport{Rounds: all, Date: time.Now().UTC().Format(time.RFC3339), Version: version}
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	key := func(r benchRound) float64 {
		switch {
		case compare:
			return r.Ratio
		case compareSigned:
			return r.RatioSigned
		}
		return r.StakeChain.CommittedTPS
	}
	sort.SliceStable(order, func(a, b int) bool { return key(all[order[a]]) < key(all[order[b]]) })
	mid := all[order[(len(order)-1)/2]]
	rep.StakeChain, rep.KVStore, rep.KVStoreSigned = mid.StakeChain, mid.KVStore, mid.KVStoreSigned
	if compare {
		for _, r := range all {
			rep.Ratios = append(rep.Ratios, r.Ratio)
		}
		rep.Ratio = bench.Median(rep.Ratios)
	}
	if compareSigned {
		for _, r := range all {
			rep.RatiosSigned = append(rep.RatiosSigned, r.RatioSigned)
		}
		rep.RatioSigned = bench.Median(rep.RatiosSigned)
	}
	if jsonFile != "" {
		bz, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(jsonFile, append(bz, '\n'), 0o644); err != nil {
			return err
		}
	}
	printResult(cmd, rep, func(w io.Writer) { printBenchTable(w, rep, compare, compareSigned) })
	return nil
}

func printBenchLine(w io.Writer, round int, r bench.BenchResult) {
	if r.RanOut {
		fmt.Fprintf(w, "round %d %s: the pre-signed transactions ran out before the window ended; raise --presign-rate\n", round, r.App)
	}
	fmt.Fprintf(w, "round %d %-14s %8.0f tx/s committed, p50 %.0f ms, p99 %.0f ms, %d failed, %d dropped, %d blocks (%.1f txs each)\n",
		round, r.App, r.CommittedTPS, r.P50LatencyMS, r.P99LatencyMS, r.Failed, r.Dropped, r.Blocks, r.MeanTxsPerBlock)
}

func printBenchTable(w io.Writer, rep benchReport, compare, compareSigned bool) {
	s := rep.StakeChain.Settings
	fmt.Fprintf(w, "%d validators, %d accounts, %.0f s per run, %s, %d-byte txs, mempool %d, block max %d bytes, timeout_commit %d ms\n",
		s.Validators, s.Accounts, s.DurationSeconds, offered(s.OfferedRate), s.TxBytes, s.MempoolSize, s.BlockMaxBytes, s.TimeoutCommitMS)
	fmt.Fprintf(w, "%-6s %-14s %10s %8s %8s %7s %7s %7s %9s %9s %9s\n",
		"ROUND", "APP", "TX/S", "P50 MS", "P99 MS", "FAILED", "DROPPED", "BLOCKS", "TXS/BLOCK", "CPU S", "PEAK MB")
	row := func(i int, r bench.BenchResult) {
		cpu := 0.0
		for _, n := range r.Nodes {
			cpu += n.CPUSeconds
		}
		fmt.Fprintf(w, "%-6d %-14s %10.0f %8.0f %8.0f %7d %7d %7d %9.1f %9.1f %9.0f\n", i, r.App, r.CommittedTPS,
			r.P50LatencyMS, r.P99LatencyMS, r.Failed, r.Dropped, r.Blocks, r.MeanTxsPerBlock, cpu, r.PeakRSSMB)
	}
	for i, r := range rep.Rounds {
		row(i+1, r.StakeChain)
		if r.KVStore != nil {
			row(i+1, *r.KVStore)
		}
		if r.KVStoreSigned != nil {
			row(i+1, *r.KVStoreSigned)
		}
	}
	if compare {
		fmt.Fprintf(w, "stakechain / kvstore: %.2f (median of %d rounds: %v)\n", rep.Ratio, len(rep.Ratios), roundRatios(rep.Ratios))
	}
	if compareSigned {
		fmt.Fprintf(w, "stakechain / kvstore-signed: %.2f (median of %d rounds: %v)\n", rep.RatioSigned, len(rep.RatiosSigned), roundRatios(rep.RatiosSigned))
	}
	printBlockTimes(w, rep.Rounds)
}

// consensusSteps are CometBFT's consensus steps in the order of a height.
var consensusSteps = []string{"NewHeight", "NewRound", "Propose", "Prevote", "PrevoteWait", "Precommit", "PrecommitWait", "Commit"}

// abciMethods are the ABCI calls shown per block, the consensus
// connection's first.
var abciMethods = []string{"prepare_proposal", "process_proposal", "finalize_block", "commit", "check_tx"}

// printBlockTimes prints, for the runs measured with --metrics, a column
// each of where a block's time went.
func printBlockTimes(w io.Writer, rounds []benchRound) {
	type column struct {
		name string
		t    *bench.BlockTimes
	}
	var cols []column
	for i, r := range rounds {
		for _, res := range []*bench.BenchResult{&r.StakeChain, r.KVStore, r.KVStoreSigned} {
			if res != nil && res.BlockTimes != nil {
				cols = append(cols, column{fmt.Sprintf("%d %s", i+1, res.App), res.BlockTimes})
			}
		}
	}
	if len(cols) == 0 {
		return
	}
	fmt.Fprintf(w, "\nper block, mean over the nodes (CometBFT's metrics over the submission window):\n%-26s", "")
	for _, c := range cols {
		fmt.Fprintf(w, " %13s", c.name)
	}
	fmt.Fprintln(w)
	line := func(label, format string, value func(*bench.BlockTimes) float64) {
		fmt.Fprintf(w, "%-26s", label)
		for _, c := range cols {
			fmt.Fprintf(w, " %13s", fmt.Sprintf(format, value(c.t)))
		}
		fmt.Fprintln(w)
	}
	line("blocks", "%.1f", func(t *bench.BlockTimes) float64 { return t.Blocks })
	line("txs per block", "%.0f", func(t *bench.BlockTimes) float64 { return t.TxsPerBlock })
	line("interval s", "%.3f", func(t *bench.BlockTimes) float64 { return t.IntervalS })
	for _, step := range consensusSteps {
		line("  step "+step+" s", "%.3f", func(t *bench.BlockTimes) float64 { return t.StepsS[step] })
	}
	for _, m := range abciMethods {
		line("  abci "+m+" s", "%.3f", func(t *bench.BlockTimes) float64 { return t.ABCIS[m] })
	}
	line("rechecks", "%.0f", func(t *bench.BlockTimes) float64 { return t.Rechecks })
	fmt.Fprintln(w, "(check_tx is the sum of the calls' durations, each with its wait for the mempool's connection:")
	fmt.Fprintln(w, " calls overlap, so it can exceed the interval. The steps in progress at the window's ends make")
	fmt.Fprintln(w, " the steps' sum differ from the interval in a short run.)")
}

func offered(rate int) string {
	if rate == 0 {
		return "as fast as accepted"
	}
	return fmt.Sprintf("offered %d tx/s", rate)
}

func roundRatios(xs []float64) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = fmt.Sprintf("%.2f", x)
	}
	return out
}

// kvstoreNodeCommand runs a node of CometBFT's kvstore example application
// from a home that `bench` prepared: the benchmark's ceiling, with the same
// node code, configuration and client connection as ours.
func kvstoreNodeCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:    "kvstore-node",
		Short:  "Run a node of CometBFT's kvstore example application (used by bench --compare-kvstore)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			home := homeDir(cmd)
			c, err := config.LoadCometConfig(home)
			if err != nil {
				return err
			}
			logger, err := newLogger(c)
			if err != nil {
				return err
			}
			kv := kvstore.NewPersistentApplication(filepath.Join(c.DBDir(), "kvstore"))
			defer kv.Close()
			var application abci.Application = kv
			if signed, _ := cmd.Flags().GetBool(strings.TrimPrefix(bench.SignedKVStoreFlag, "--")); signed {
				application = bench.NewSignedKVStore(kv)
			}
			return runNode(cmd.Context(), c, application, logger, nil)
		},
	}
	cmd.Flags().Bool(strings.TrimPrefix(bench.SignedKVStoreFlag, "--"), false, "verify one secp256k1 signature per transaction (bench --compare-kvstore-signed)")
	return cmd
}
