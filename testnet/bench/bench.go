package bench

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	stdnet "net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	cmtcfg "github.com/cometbft/cometbft/config"
	"github.com/cometbft/cometbft/privval"
	"github.com/cometbft/cometbft/types"
	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/app"
	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/config"
	"github.com/stakechain/stakechain/testnet"
	"github.com/stakechain/stakechain/x/auth/keys"
	"github.com/stakechain/stakechain/x/auth/keys/secp256k1"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

// The applications a benchmark can run.
const (
	BenchAppStakeChain    = "stakechain"
	BenchAppKVStore       = "kvstore"
	BenchAppKVStoreSigned = "kvstore-signed" // kvsigned.go
)

// SignedKVStoreFlag makes KVStoreNodeCommand run the signed kvstore.
const SignedKVStoreFlag = "--verify-signatures"

// KVStoreNodeCommand is the subcommand of the stakechain binary that runs a
// node of CometBFT's kvstore example application, the benchmark's ceiling.
var KVStoreNodeCommand = []string{"bench", "kvstore-node"}

// Defaults of a benchmark run.
const (
	DefaultBenchAccounts     = 10_000
	DefaultBenchDuration     = 60 * time.Second
	DefaultBenchConnsPerNode = 4
	DefaultBenchWindow       = 64
	// DefaultBenchBlockMaxBytes caps a block at about 3,500 transfers. With
	// CometBFT's default (about 53 MiB) a saturated mempool is reaped into
	// blocks that take longer to gossip and execute than the consensus
	// timeouts allow, and both applications stall in round changes.
	DefaultBenchBlockMaxBytes = 1 << 20
	// DefaultBenchMempoolSize holds a few blocks' worth of transactions at
	// saturation, so that the mempool's cap does not set the block size.
	DefaultBenchMempoolSize = 10_000
	// DefaultBenchPresignRate sizes the pre-signed transactions of a run
	// without --rate: more than a 4-validator network on one 2-core machine
	// commits. A run that uses them all up says so (RanOut).
	DefaultBenchPresignRate = 5_000
	// BenchPprofPort is node 0's Go profiling endpoint during a benchmark;
	// node i adds i, and a network on other ports (BasePort) shifts it as
	// much as its P2P ports.
	BenchPprofPort = 6060
)

// BenchOptions describe one benchmark run.
type BenchOptions struct {
	// App is BenchAppStakeChain, BenchAppKVStore or BenchAppKVStoreSigned.
	App string
	// Binary is the stakechain executable run as every node.
	Binary string
	// Dir receives the network; anything in it is removed first.
	Dir        string
	Validators int
	// Accounts funded in genesis, each a sender of transfers (stakechain;
	// the kvstore run writes as many distinct keys per round).
	Accounts int
	Duration time.Duration
	// Rate is the offered load in transactions per second over all
	// connections; 0 submits as fast as the nodes accept.
	Rate int
	// PresignRate sizes the transactions signed for a run without Rate:
	// PresignRate × Duration of them.
	PresignRate int
	// ConnsPerNode websocket connections to each node, each with at most
	// Window requests in flight.
	ConnsPerNode int
	Window       int
	// TimeoutCommit and MempoolSize go to every node's config.toml.
	TimeoutCommit time.Duration
	MempoolSize   int
	// BasePort moves the network off the localnet's ports (see
	// testnet.Options.BasePort), so a benchmark can run beside a localnet.
	BasePort int
	// BlockMaxBytes is the consensus parameter block.max_bytes of the
	// genesis.
	BlockMaxBytes int64
	// SampleEvery, if positive, samples every node's RSS, goroutines and
	// height this often during the submission window (BenchResult.Samples).
	SampleEvery time.Duration
	// Metrics turns on every node's Prometheus endpoint and reports where
	// the block interval went (BenchResult.BlockTimes).
	Metrics bool
	// Progress, if set, receives a line about once a second while
	// transactions are submitted, and at each stage.
	Progress func(string)
	// Log receives the network's start messages.
	Log io.Writer
}

func (o *BenchOptions) setDefaults() {
	if o.App == "" {
		o.App = BenchAppStakeChain
	}
	if o.Validators == 0 {
		o.Validators = testnet.DefaultValidators
	}
	if o.Accounts == 0 {
		o.Accounts = DefaultBenchAccounts
	}
	if o.Duration == 0 {
		o.Duration = DefaultBenchDuration
	}
	if o.PresignRate == 0 {
		o.PresignRate = DefaultBenchPresignRate
	}
	if o.ConnsPerNode == 0 {
		o.ConnsPerNode = DefaultBenchConnsPerNode
	}
	if o.Window == 0 {
		o.Window = DefaultBenchWindow
	}
	if o.TimeoutCommit == 0 {
		o.TimeoutCommit = testnet.DefaultTimeoutCommit
	}
	if o.MempoolSize == 0 {
		o.MempoolSize = DefaultBenchMempoolSize
	}
	if o.BlockMaxBytes == 0 {
		o.BlockMaxBytes = DefaultBenchBlockMaxBytes
	}
	if o.Progress == nil {
		o.Progress = func(string) {}
	}
}

func (o BenchOptions) validate() error {
	switch {
	case o.App != BenchAppStakeChain && o.App != BenchAppKVStore && o.App != BenchAppKVStoreSigned:
		return fmt.Errorf("unknown application %q: want %q, %q or %q", o.App, BenchAppStakeChain, BenchAppKVStore, BenchAppKVStoreSigned)
	case o.Binary == "":
		return errors.New("no stakechain binary to run")
	case o.Dir == "":
		return errors.New("no directory for the network")
	case o.Validators < 1:
		return fmt.Errorf("need at least 1 validator, got %d", o.Validators)
	case o.Accounts < 1:
		return fmt.Errorf("need at least 1 account, got %d", o.Accounts)
	case o.Duration <= 0:
		return fmt.Errorf("duration must be positive, got %s", o.Duration)
	case o.Rate < 0:
		return fmt.Errorf("rate must not be negative, got %d", o.Rate)
	case o.ConnsPerNode < 1 || o.Window < 1:
		return errors.New("connections per node and window must be at least 1")
	case o.SampleEvery < 0:
		return fmt.Errorf("sample interval must not be negative, got %s", o.SampleEvery)
	}
	return nil
}

// BenchSettings are the knobs a run used, recorded with its result.
type BenchSettings struct {
	Validators      int     `json:"validators"`
	Accounts        int     `json:"accounts"`
	DurationSeconds float64 `json:"duration_s"`
	// OfferedRate is the offered load in tx/s; 0 means as fast as accepted.
	OfferedRate     int    `json:"offered_rate"`
	ConnsPerNode    int    `json:"conns_per_node"`
	Window          int    `json:"window"`
	Client          string `json:"client"`
	TimeoutCommitMS int64  `json:"timeout_commit_ms"`
	MempoolSize     int    `json:"mempool_size"`
	MempoolRecheck  bool   `json:"mempool_recheck"`
	TxIndexer       string `json:"tx_indexer"`
	BlockMaxBytes   int64  `json:"block_max_bytes"`
	// TxBytes is the mean size of the run's transactions.
	TxBytes int `json:"tx_bytes"`
}

// NodeUsage is what one node process cost over the run.
type NodeUsage struct {
	Index      int     `json:"index"`
	CPUSeconds float64 `json:"cpu_s"`
	PeakRSSMB  float64 `json:"peak_rss_mb"`
	// DataMB is the size of the node's data directory (block store, state,
	// application database) at the end of the run.
	DataMB float64 `json:"data_mb"`
}

// BenchResult is what a run measured. Committed counts transactions
// submitted in the window and committed with code 0; Failed those rejected
// by CheckTx or committed with another code; Dropped those accepted but
// never committed.
type BenchResult struct {
	App          string  `json:"app"`
	CommittedTPS float64 `json:"committed_tps"`
	P50LatencyMS float64 `json:"p50_latency_ms"`
	P99LatencyMS float64 `json:"p99_latency_ms"`
	Failed       int     `json:"failed"`
	Dropped      int     `json:"dropped"`
	Blocks       int     `json:"blocks"`
	FirstHeight  int64   `json:"first_height"`
	LastHeight   int64   `json:"last_height"`
	PeakRSSMB    float64 `json:"peak_rss_mb"`

	Submitted       int         `json:"submitted"`
	Committed       int         `json:"committed"`
	BlocksPerSecond float64     `json:"blocks_per_s"`
	MeanTxsPerBlock float64     `json:"mean_txs_per_block"`
	BlockSeconds    float64     `json:"block_seconds"`
	Nodes           []NodeUsage `json:"nodes"`
	// FailReasons counts failures by their first line, at most a few.
	FailReasons map[string]int `json:"fail_reasons,omitempty"`
	// RanOut is true if the pre-signed transactions ran out before the
	// window ended: the run did not offer load to the end.
	RanOut   bool          `json:"ran_out_of_txs,omitempty"`
	Settings BenchSettings `json:"settings"`
	// Samples are taken every BenchOptions.SampleEvery, if set.
	Samples []BenchSample `json:"samples,omitempty"`
	// BlockTimes is set with BenchOptions.Metrics.
	BlockTimes *BlockTimes `json:"block_times,omitempty"`
}

// RunBench creates a network for o.App in o.Dir, starts it, pre-signs the
// load, submits it for o.Duration and reads the committed blocks. The
// network is stopped before RunBench returns; its files stay in o.Dir.
func RunBench(ctx context.Context, o BenchOptions) (BenchResult, error) {
	o.setDefaults()
	if err := o.validate(); err != nil {
		return BenchResult{}, err
	}
	say := o.Progress
	if err := os.RemoveAll(o.Dir); err != nil {
		return BenchResult{}, err
	}
	senders := benchSenders(o.Accounts)
	settings := BenchSettings{
		Validators: o.Validators, Accounts: o.Accounts, DurationSeconds: o.Duration.Seconds(), OfferedRate: o.Rate,
		ConnsPerNode: o.ConnsPerNode, Window: o.Window, Client: "websocket JSON-RPC broadcast_tx_sync, pipelined",
		TimeoutCommitMS: o.TimeoutCommit.Milliseconds(), MempoolSize: o.MempoolSize,
	}
	say(fmt.Sprintf("%s: creating a %d-validator network with %d funded accounts in %s", o.App, o.Validators, o.Accounts, o.Dir))
	net, err := testnet.InitFiles(testnet.Options{
		Validators: o.Validators, OutputDir: o.Dir, TimeoutCommit: o.TimeoutCommit, MempoolSize: o.MempoolSize,
		BasePort: o.BasePort, EditGenesis: func(g *app.GenesisState) { fundSenders(g, senders) },
	})
	if err != nil {
		return BenchResult{}, err
	}
	if err := benchConfigure(net, o.App, o.BlockMaxBytes, o.Metrics, &settings); err != nil {
		return BenchResult{}, err
	}

	if err := listenersFree(net, o.Metrics); err != nil {
		return BenchResult{}, err
	}
	start := testnet.StartOptions{Dir: o.Dir, Binary: o.Binary, Log: o.Log, Timeout: 3 * time.Minute}
	switch o.App {
	case BenchAppKVStore:
		start.Command = KVStoreNodeCommand
	case BenchAppKVStoreSigned:
		start.Command = append(slices.Clone(KVStoreNodeCommand), SignedKVStoreFlag)
	}
	say(fmt.Sprintf("%s: starting %d nodes", o.App, o.Validators))
	if _, err := testnet.Start(ctx, start); err != nil {
		_, _ = testnet.Stop(o.Dir, testnet.DefaultStopTimeout)
		return BenchResult{}, err
	}
	defer func() { _, _ = testnet.Stop(o.Dir, testnet.DefaultStopTimeout) }()

	// Transactions per sender: enough for the offered rate (or the guess
	// of the highest rate), plus one round to spare.
	rate := o.Rate
	if rate == 0 {
		rate = o.PresignRate
	}
	rounds := int(float64(rate)*o.Duration.Seconds())/o.Accounts + 1
	say(fmt.Sprintf("%s: signing %d transactions (%d per account) before the timed window", o.App, rounds*o.Accounts, rounds))
	var txs [][]byte
	if o.App != BenchAppStakeChain {
		size, err := benchTransferSize(net.ChainID, senders, rounds)
		if err != nil {
			return BenchResult{}, err
		}
		if o.App == BenchAppKVStoreSigned {
			if txs, err = signedKVTxs(senders, rounds, size); err != nil {
				return BenchResult{}, err
			}
		} else {
			txs = kvstoreTxs(o.Accounts, rounds, size)
		}
	} else {
		if txs, err = signTransfers(ctx, net, senders, rounds); err != nil {
			return BenchResult{}, err
		}
	}
	total := 0
	for _, tx := range txs {
		total += len(tx)
	}
	settings.TxBytes = (total + len(txs)/2) / len(txs)

	res, err := drive(ctx, net, o, txs)
	if err != nil {
		return res, err
	}
	res.App = o.App
	res.Settings = settings
	for _, n := range net.Nodes {
		u := NodeUsage{Index: n.Index}
		if pid, ok := testnet.NodePID(n); ok {
			u.CPUSeconds, u.PeakRSSMB = processUsage(pid)
		}
		u.DataMB = float64(dirSize(filepath.Join(n.Home, "data"))) / (1 << 20)
		res.Nodes = append(res.Nodes, u)
		res.PeakRSSMB = max(res.PeakRSSMB, u.PeakRSSMB)
	}
	return res, nil
}

// listenersFree fails if another process holds a port the network's nodes
// listen on (a localnet, or another benchmark): the benchmark would measure
// that network instead. With metrics the Prometheus ports count too.
func listenersFree(net *testnet.Network, metrics bool) error {
	for _, n := range net.Nodes {
		addrs := []string{n.RPC, n.P2P, "tcp://" + pprofAddr(net, n.Index)}
		if metrics {
			prom, err := prometheusAddr(n)
			if err != nil {
				return err
			}
			addrs = append(addrs, "tcp://"+prom)
		}
		for _, addr := range addrs {
			hostPort := strings.TrimPrefix(addr, "tcp://")
			l, err := stdnet.Listen("tcp", hostPort)
			if err != nil {
				return fmt.Errorf("node%d cannot listen on %s, another process holds it (a localnet? stop it first): %w", n.Index, hostPort, err)
			}
			_ = l.Close()
		}
	}
	return nil
}

// pprofAddr is node i's profiling endpoint in a benchmark network:
// BenchPprofPort+i, shifted as much as the network's P2P ports are.
func pprofAddr(net *testnet.Network, i int) string {
	shift := 0
	if _, port, err := stdnet.SplitHostPort(strings.TrimPrefix(net.Nodes[0].P2P, "tcp://")); err == nil {
		if p, err := strconv.Atoi(port); err == nil {
			shift = p - testnet.P2PPort
		}
	}
	return fmt.Sprintf("127.0.0.1:%d", BenchPprofPort+shift+i)
}

// benchSenders returns the deterministic keys of the benchmark's accounts.
func benchSenders(n int) []keys.PrivKey {
	out := make([]keys.PrivKey, n)
	for i := range out {
		secret := sha256.Sum256([]byte(fmt.Sprintf("stakechain bench account %d", i)))
		sk, err := secp256k1.PrivKeyFromSecret(secret[:])
		if err != nil {
			panic(err) // a SHA-256 output is a valid secret but with negligible odds
		}
		out[i] = keys.WrapSecp256k1(sk)
	}
	return out
}

// fundSenders adds the senders to the genesis, each with enough for the
// run's transfers. They are listed once, in the bank balances, which create
// their accounts in the order listed, after every account of the auth list:
// listing them in the auth list too would make the same state from a
// genesis document 1.7 times the size (217 MB for a million senders, not
// 128), of which CometBFT holds several copies while the node starts.
func fundSenders(g *app.GenesisState, senders []keys.PrivKey) {
	for _, s := range senders {
		addr := s.PubKey().Address().String()
		g.Bank.Balances = append(g.Bank.Balances, bank.Balance{Address: addr, Coins: "1000000000ustake"})
	}
}

// benchConfigure sets what both applications' runs share: the mempool
// without a cap below a few blocks, no transaction index (the kvstore's
// events would cost it more to index than ours), quiet logs and, with
// metrics, Prometheus. For the kvstore the genesis lists the validators, as
// the kvstore does not return them from InitChain.
func benchConfigure(net *testnet.Network, appName string, blockMaxBytes int64, metrics bool, s *BenchSettings) error {
	var validators []types.GenesisValidator
	for _, n := range net.Nodes {
		c, err := config.LoadCometConfig(n.Home)
		if err != nil {
			return err
		}
		c.TxIndex.Indexer = "null"
		c.LogLevel = "error"
		c.Mempool.MaxTxsBytes = 1 << 30
		// Profiles of a node under load: go tool pprof http://127.0.0.1:6060+i/debug/pprof/profile
		c.RPC.PprofListenAddress = pprofAddr(net, n.Index)
		c.Instrumentation.Prometheus = metrics
		c.Instrumentation.Namespace = benchMetricsNamespace
		cmtcfg.WriteConfigFile(config.CometConfigPath(n.Home), c)
		s.MempoolRecheck, s.TxIndexer = c.Mempool.Recheck, c.TxIndex.Indexer
		pv := privval.LoadFilePVEmptyState(c.PrivValidatorKeyFile(), "")
		validators = append(validators, types.GenesisValidator{
			Address: pv.Key.PubKey.Address(), PubKey: pv.Key.PubKey, Power: testnet.ValidatorPower, Name: n.Moniker,
		})
	}
	for _, n := range net.Nodes {
		path := filepath.Join(n.Home, cmtcfg.DefaultConfigDir, cmtcfg.DefaultGenesisJSONName)
		doc, err := types.GenesisDocFromFile(path)
		if err != nil {
			return err
		}
		doc.ConsensusParams.Block.MaxBytes = blockMaxBytes
		s.BlockMaxBytes = blockMaxBytes
		if appName != BenchAppStakeChain {
			doc.Validators = validators
			doc.AppState = json.RawMessage(`{}`)
		}
		if err := doc.SaveAs(path); err != nil {
			return err
		}
	}
	return nil
}

// signTransfers signs rounds transfers of 1ustake for every sender, each to
// the next sender, ordered by round: all senders' first transfers, then all
// second ones, and so on.
func signTransfers(ctx context.Context, net *testnet.Network, senders []keys.PrivKey, rounds int) ([][]byte, error) {
	c, err := client.New(net.Nodes[0].RPCAddr())
	if err != nil {
		return nil, err
	}
	// The senders were listed last in genesis, in order: their account
	// numbers are consecutive from the first one's.
	first, err := c.Account(ctx, senders[0].PubKey().Address().String())
	if err != nil || first == nil {
		return nil, fmt.Errorf("benchmark account 0 not found: %v", err)
	}
	last, err := c.Account(ctx, senders[len(senders)-1].PubKey().Address().String())
	if err != nil || last == nil || last.AccountNumber != first.AccountNumber+uint64(len(senders)-1) {
		return nil, fmt.Errorf("benchmark accounts are not numbered consecutively: %v", err)
	}
	txs := make([][]byte, rounds*len(senders))
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(senders); i += workers {
				to := senders[(i+1)%len(senders)].PubKey().Address().String()
				for r := 0; r < rounds; r++ {
					tx, err := signTransfer(net.ChainID, senders[i], to, first.AccountNumber+uint64(i), uint64(r))
					if err != nil {
						errs[w] = err
						return
					}
					txs[r*len(senders)+i] = tx
				}
			}
		}(w)
	}
	wg.Wait()
	return txs, errors.Join(errs...)
}

func signTransfer(chainID string, from keys.PrivKey, to string, accNum, seq uint64) ([]byte, error) {
	msg, err := client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{
		FromAddress: from.PubKey().Address().String(), ToAddress: to,
		Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "1"}},
	})
	if err != nil {
		return nil, err
	}
	return client.Sign(client.TxSpec{Msgs: []*gogotypes.Any{msg}, Fee: core.Coins{}, GasLimit: 100_000,
		ChainID: chainID, AccountNumber: accNum, Sequence: seq}, from)
}

// benchTransferSize is the byte size of a typical benchmark transfer: one
// from the middle sender (account numbers follow the validators' and module
// accounts') at the middle round. Sizes differ by a byte or two with the
// varints of account number and sequence.
func benchTransferSize(chainID string, senders []keys.PrivKey, rounds int) (int, error) {
	mid := len(senders) / 2
	tx, err := signTransfer(chainID, senders[mid], senders[(mid+1)%len(senders)].PubKey().Address().String(),
		uint64(mid+20), uint64(rounds/2))
	return len(tx), err
}

// kvstoreTxs returns rounds*accounts distinct "key=value" transactions of
// size bytes each.
func kvstoreTxs(accounts, rounds, size int) [][]byte {
	txs := make([][]byte, rounds*accounts)
	for i := range txs {
		tx := []byte(fmt.Sprintf("bench-%d=", i))
		for len(tx) < size {
			tx = append(tx, 'v')
		}
		txs[i] = tx
	}
	return txs
}

// processUsage reads a process's CPU seconds (user + system) and peak
// resident memory in MiB from /proc; zeros where /proc does not tell.
func processUsage(pid int) (cpuSeconds, peakRSSMB float64) {
	if stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil {
		s := string(stat)
		if i := strings.LastIndexByte(s, ')'); i >= 0 {
			// Fields after the command: state is field 3; utime and stime
			// are fields 14 and 15.
			f := strings.Fields(s[i+1:])
			if len(f) > 13 {
				var utime, stime float64
				fmt.Sscan(f[11], &utime)
				fmt.Sscan(f[12], &stime)
				cpuSeconds = (utime + stime) / 100 // USER_HZ is 100 on Linux
			}
		}
	}
	if status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid)); err == nil {
		for _, line := range strings.Split(string(status), "\n") {
			if strings.HasPrefix(line, "VmHWM:") {
				var kb float64
				fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(line, "VmHWM:"), "kB")), &kb)
				peakRSSMB = kb / 1024
			}
		}
	}
	return cpuSeconds, peakRSSMB
}

// dirSize is the total size of the regular files below dir.
func dirSize(dir string) int64 {
	var total int64
	_ = filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	return total
}

// percentile returns the p-th percentile (0..100) of sorted values.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p / 100 * float64(len(sorted)-1))
	return sorted[i]
}

// Median returns the median of xs (the mean of the middle two for an even
// count), 0 for none.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
