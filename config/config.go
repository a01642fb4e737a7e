package config

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// FileName is the name of the application config file inside HOME/config.
const FileName = "app.toml"

// EnvPrefix is the prefix of the environment variables that override
// app.toml: STAKECHAIN_<SECTION>_<KEY>, with dashes and dots as
// underscores (STAKECHAIN_PRUNING_KEEP_RECENT, STAKECHAIN_MINIMUM_GAS_PRICES).
const EnvPrefix = "STAKECHAIN"

// Keys of app.toml, also the names of the flags that override them.
const (
	KeyMinimumGasPrices   = "minimum-gas-prices"
	KeyMinRetainBlocks    = "min-retain-blocks"
	KeyPruningKeepRecent  = "pruning.keep-recent"
	KeyPruningInterval    = "pruning.interval"
	KeySnapshotInterval   = "state-sync.snapshot-interval"
	KeySnapshotKeepRecent = "state-sync.snapshot-keep-recent"
	KeyCacheTreeNodes     = "cache.tree-nodes"
	KeyCacheTreeReadNodes = "cache.tree-read-nodes"
	KeyCacheLatestValues  = "cache.latest-values"
	KeyStoreBackend       = "store.backend"
	KeyQueryInvariants    = "query.invariants"

	KeyJSONRPCEnable           = "json-rpc.enable"
	KeyJSONRPCAddress          = "json-rpc.address"
	KeyJSONRPCGasCap           = "json-rpc.gas-cap"
	KeyJSONRPCEVMTimeout       = "json-rpc.evm-timeout"
	KeyJSONRPCBlockRangeCap    = "json-rpc.block-range-cap"
	KeyJSONRPCLogsCap          = "json-rpc.logs-cap"
	KeyJSONRPCFilterCap        = "json-rpc.filter-cap"
	KeyJSONRPCFilterTimeout    = "json-rpc.filter-timeout"
	KeyJSONRPCBatchLimit       = "json-rpc.batch-request-limit"
	KeyJSONRPCBatchResponseMax = "json-rpc.batch-response-max-size"
	KeyJSONRPCCORSOrigins      = "json-rpc.cors-origins"
)

// Store backends (app/store): where the state tree lives.
const (
	BackendMemory = "memory"
	BackendIAVL   = "iavl"
)

// AppConfig is the content of app.toml.
type AppConfig struct {
	// MinimumGasPrices is the lowest fee per unit of gas this node accepts
	// into its mempool, as comma-separated decimal coins such as
	// "0.025ustake" or "0.025ustake,0.1foo". Empty or "0ustake" accepts
	// transactions without fees.
	MinimumGasPrices string `mapstructure:"minimum-gas-prices"`
	// MinRetainBlocks is how many recent blocks CometBFT is told to keep;
	// 0 keeps every block.
	MinRetainBlocks int64 `mapstructure:"min-retain-blocks"`
	// Pruning controls how many old state versions are kept.
	Pruning PruningConfig `mapstructure:"pruning"`
	// StateSync controls the snapshots served to nodes that state-sync.
	StateSync StateSyncConfig `mapstructure:"state-sync"`
	// Cache sizes the state's caches in memory.
	Cache CacheConfig `mapstructure:"cache"`
	// Store chooses how the state is kept.
	Store StoreConfig `mapstructure:"store"`
	// Query chooses which of the costly abci_query paths the node serves.
	Query QueryConfig `mapstructure:"query"`
	// JSONRPC is the Ethereum JSON-RPC service.
	JSONRPC JSONRPCConfig `mapstructure:"json-rpc"`
}

// JSONRPCConfig is the Ethereum JSON-RPC service (HTTP and WebSocket on one
// address) and the caps on what one request may cost the node.
type JSONRPCConfig struct {
	// Enable serves it; off by default, on in localnets.
	Enable bool `mapstructure:"enable"`
	// Address is host:port.
	Address string `mapstructure:"address"`
	// GasCap bounds the gas of eth_call, eth_estimateGas and
	// debug_traceCall; no transaction may use more than 2^24 (EIP-7825),
	// the default, whatever it says.
	GasCap uint64 `mapstructure:"gas-cap"`
	// EVMTimeout bounds the time of one call, estimate, trace or
	// eth_getLogs.
	EVMTimeout time.Duration `mapstructure:"evm-timeout"`
	// BlockRangeCap is the most blocks one eth_getLogs may scan, LogsCap
	// the most logs it may return.
	BlockRangeCap int64 `mapstructure:"block-range-cap"`
	LogsCap       int   `mapstructure:"logs-cap"`
	// FilterCap is the most filters kept at once; FilterTimeout removes a
	// filter not polled for that long.
	FilterCap     int           `mapstructure:"filter-cap"`
	FilterTimeout time.Duration `mapstructure:"filter-timeout"`
	// BatchRequestLimit is the most requests in a batch, and
	// BatchResponseMaxSize the most bytes of its responses.
	BatchRequestLimit    int `mapstructure:"batch-request-limit"`
	BatchResponseMaxSize int `mapstructure:"batch-response-max-size"`
	// CORSOrigins are the comma-separated origins browsers may call from;
	// "*" is any, empty none.
	CORSOrigins string `mapstructure:"cors-origins"`
}

// QueryConfig turns on abci_query paths that cost too much to leave open to
// every client of the RPC.
type QueryConfig struct {
	// Invariants serves /app/invariants, which checks the accounting
	// invariants by reading the whole state: for tests, localnets and
	// audits. Off by default.
	Invariants bool `mapstructure:"invariants"`
}

// StoreConfig chooses how the state tree is kept; see docs/ARCHITECTURE.md.
type StoreConfig struct {
	// Backend is "memory" (the whole tree in memory, a log of changes and
	// snapshots on disk) or "iavl" (the tree on disk, cached in memory).
	Backend string `mapstructure:"backend"`
}

// CacheConfig sizes the caches of the state tree of the iavl backend. They hold the most of a
// node's memory that depends on its configuration; see docs/OPERATIONS.md.
type CacheConfig struct {
	// TreeNodes is how many state tree nodes are kept in memory for
	// writing blocks.
	TreeNodes uint64 `mapstructure:"tree-nodes"`
	// TreeReadNodes is how many state tree nodes are kept in memory for
	// reads (queries, CheckTx, proofs).
	TreeReadNodes uint64 `mapstructure:"tree-read-nodes"`
	// LatestValues is how many recently written keys have their value kept
	// in memory, in each of the cache's two generations; 0 turns the cache
	// off.
	LatestValues uint64 `mapstructure:"latest-values"`
}

// PruningConfig controls the pruning of old state versions.
type PruningConfig struct {
	// KeepRecent is how many recent versions are kept; 0 keeps every
	// version (an archive node).
	KeepRecent int64 `mapstructure:"keep-recent"`
	// Interval is how often, in blocks, versions older than KeepRecent are
	// deleted.
	Interval int64 `mapstructure:"interval"`
}

// StateSyncConfig controls state-sync snapshots.
type StateSyncConfig struct {
	// SnapshotInterval is the height interval at which snapshots are taken;
	// 0 disables snapshots.
	SnapshotInterval uint64 `mapstructure:"snapshot-interval"`
	// SnapshotKeepRecent is how many recent snapshots are kept; 0 keeps all.
	SnapshotKeepRecent uint32 `mapstructure:"snapshot-keep-recent"`
}

// Default returns the configuration of a new node.
func Default() AppConfig {
	return AppConfig{
		MinimumGasPrices: "0ustake",
		MinRetainBlocks:  0,
		Pruning: PruningConfig{
			KeepRecent: 100,
			Interval:   10,
		},
		StateSync: StateSyncConfig{
			SnapshotInterval:   0,
			SnapshotKeepRecent: 2,
		},
		// The defaults of app/store (DefaultCacheSize,
		// DefaultReadCacheSize, DefaultValueCacheSize).
		Cache: CacheConfig{
			TreeNodes:     500_000,
			TreeReadNodes: 100_000,
			LatestValues:  200_000,
		},
		Store: StoreConfig{Backend: BackendMemory},
		Query: QueryConfig{Invariants: false},
		JSONRPC: JSONRPCConfig{
			Enable:               false,
			Address:              "127.0.0.1:8545",
			GasCap:               16_777_216,
			EVMTimeout:           5 * time.Second,
			BlockRangeCap:        10_000,
			LogsCap:              10_000,
			FilterCap:            200,
			FilterTimeout:        5 * time.Minute,
			BatchRequestLimit:    100,
			BatchResponseMaxSize: 25_000_000,
			CORSOrigins:          "*",
		},
	}
}

// Path returns the path of app.toml under a node's home directory.
func Path(home string) string { return filepath.Join(home, "config", FileName) }

// AddFlags registers the flags that override app.toml on fs. Their
// defaults are the defaults of the configuration, so an unset flag changes
// nothing.
func AddFlags(fs *pflag.FlagSet) {
	d := Default()
	fs.String(KeyMinimumGasPrices, d.MinimumGasPrices, "minimum gas prices to accept transactions into the mempool (e.g. 0.025ustake)")
	fs.Int64(KeyMinRetainBlocks, d.MinRetainBlocks, "number of recent blocks to retain; 0 keeps all")
	fs.Int64(KeyPruningKeepRecent, d.Pruning.KeepRecent, "number of recent state versions to keep; 0 keeps all")
	fs.Int64(KeyPruningInterval, d.Pruning.Interval, "interval in blocks between prunings of old state versions")
	fs.Uint64(KeySnapshotInterval, d.StateSync.SnapshotInterval, "height interval between state-sync snapshots; 0 disables them")
	fs.Uint32(KeySnapshotKeepRecent, d.StateSync.SnapshotKeepRecent, "number of recent state-sync snapshots to keep; 0 keeps all")
	fs.Uint64(KeyCacheTreeNodes, d.Cache.TreeNodes, "state tree nodes kept in memory for writing blocks")
	fs.Uint64(KeyCacheTreeReadNodes, d.Cache.TreeReadNodes, "state tree nodes kept in memory for reads")
	fs.Uint64(KeyCacheLatestValues, d.Cache.LatestValues, "recently written keys whose values are kept in memory, per generation of two; 0 turns the cache off")
	fs.String(KeyStoreBackend, d.Store.Backend, `how the state is kept: "memory" or "iavl"`)
	fs.Bool(KeyQueryInvariants, d.Query.Invariants, "serve the /app/invariants query, which reads the whole state (tests, localnets, audits)")
	fs.Bool(KeyJSONRPCEnable, d.JSONRPC.Enable, "serve the Ethereum JSON-RPC (HTTP and WebSocket)")
	fs.String(KeyJSONRPCAddress, d.JSONRPC.Address, "host:port of the Ethereum JSON-RPC")
	fs.Uint64(KeyJSONRPCGasCap, d.JSONRPC.GasCap, "most gas of one eth_call, eth_estimateGas or debug_traceCall")
	fs.Duration(KeyJSONRPCEVMTimeout, d.JSONRPC.EVMTimeout, "most time of one eth_call, estimate, trace or eth_getLogs")
	fs.Int64(KeyJSONRPCBlockRangeCap, d.JSONRPC.BlockRangeCap, "most blocks one eth_getLogs scans")
	fs.Int(KeyJSONRPCLogsCap, d.JSONRPC.LogsCap, "most logs one eth_getLogs returns")
	fs.Int(KeyJSONRPCFilterCap, d.JSONRPC.FilterCap, "most filters kept at once")
	fs.Duration(KeyJSONRPCFilterTimeout, d.JSONRPC.FilterTimeout, "a filter not polled for this long is removed")
	fs.Int(KeyJSONRPCBatchLimit, d.JSONRPC.BatchRequestLimit, "most requests in one JSON-RPC batch")
	fs.Int(KeyJSONRPCBatchResponseMax, d.JSONRPC.BatchResponseMaxSize, "most bytes of one batch's responses")
	fs.String(KeyJSONRPCCORSOrigins, d.JSONRPC.CORSOrigins, `origins browsers may call the JSON-RPC from, comma-separated; "*" any`)
}

// Load reads HOME/config/app.toml (defaults if the file does not exist),
// applies STAKECHAIN_* environment variables and then the flags of flags
// that were set on the command line, and validates the result. flags may
// be nil; flags that AddFlags did not register are ignored.
func Load(home string, flags *pflag.FlagSet) (AppConfig, error) {
	v := viper.New()
	setDefaults(v, Default())

	path := Path(home)
	if _, err := os.Stat(path); err == nil {
		v.SetConfigFile(path)
		v.SetConfigType("toml")
		if err := v.ReadInConfig(); err != nil {
			return AppConfig{}, fmt.Errorf("read %s: %w", path, err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return AppConfig{}, fmt.Errorf("read %s: %w", path, err)
	}

	v.SetEnvPrefix(EnvPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_", "-", "_"))
	v.AutomaticEnv()

	if flags != nil {
		for _, key := range allKeys {
			if f := flags.Lookup(key); f != nil {
				if err := v.BindPFlag(key, f); err != nil {
					return AppConfig{}, fmt.Errorf("bind flag --%s: %w", key, err)
				}
			}
		}
	}

	var cfg AppConfig
	if err := v.Unmarshal(&cfg, func(dc *mapstructure.DecoderConfig) {
		dc.ErrorUnused = true
		dc.DecodeHook = mapstructure.ComposeDecodeHookFunc(rejectNegativeUnsigned, dc.DecodeHook)
	}); err != nil {
		return AppConfig{}, fmt.Errorf("app config (%s, %s_* environment, flags): %w", path, EnvPrefix, err)
	}
	if err := cfg.Validate(); err != nil {
		return AppConfig{}, fmt.Errorf("app config (%s, %s_* environment, flags): %w", path, EnvPrefix, err)
	}
	return cfg, nil
}

// allKeys lists every key of app.toml; viper only consults the
// environment for keys it knows.
var allKeys = []string{
	KeyMinimumGasPrices,
	KeyMinRetainBlocks,
	KeyPruningKeepRecent,
	KeyPruningInterval,
	KeySnapshotInterval,
	KeySnapshotKeepRecent,
	KeyCacheTreeNodes,
	KeyCacheTreeReadNodes,
	KeyCacheLatestValues,
	KeyStoreBackend,
	KeyQueryInvariants,
	KeyJSONRPCEnable,
	KeyJSONRPCAddress,
	KeyJSONRPCGasCap,
	KeyJSONRPCEVMTimeout,
	KeyJSONRPCBlockRangeCap,
	KeyJSONRPCLogsCap,
	KeyJSONRPCFilterCap,
	KeyJSONRPCFilterTimeout,
	KeyJSONRPCBatchLimit,
	KeyJSONRPCBatchResponseMax,
	KeyJSONRPCCORSOrigins,
}

func setDefaults(v *viper.Viper, d AppConfig) {
	v.SetDefault(KeyMinimumGasPrices, d.MinimumGasPrices)
	v.SetDefault(KeyMinRetainBlocks, d.MinRetainBlocks)
	v.SetDefault(KeyPruningKeepRecent, d.Pruning.KeepRecent)
	v.SetDefault(KeyPruningInterval, d.Pruning.Interval)
	v.SetDefault(KeySnapshotInterval, d.StateSync.SnapshotInterval)
	v.SetDefault(KeySnapshotKeepRecent, d.StateSync.SnapshotKeepRecent)
	v.SetDefault(KeyCacheTreeNodes, d.Cache.TreeNodes)
	v.SetDefault(KeyCacheTreeReadNodes, d.Cache.TreeReadNodes)
	v.SetDefault(KeyCacheLatestValues, d.Cache.LatestValues)
	v.SetDefault(KeyStoreBackend, d.Store.Backend)
	v.SetDefault(KeyQueryInvariants, d.Query.Invariants)
	v.SetDefault(KeyJSONRPCEnable, d.JSONRPC.Enable)
	v.SetDefault(KeyJSONRPCAddress, d.JSONRPC.Address)
	v.SetDefault(KeyJSONRPCGasCap, d.JSONRPC.GasCap)
	v.SetDefault(KeyJSONRPCEVMTimeout, d.JSONRPC.EVMTimeout)
	v.SetDefault(KeyJSONRPCBlockRangeCap, d.JSONRPC.BlockRangeCap)
	v.SetDefault(KeyJSONRPCLogsCap, d.JSONRPC.LogsCap)
	v.SetDefault(KeyJSONRPCFilterCap, d.JSONRPC.FilterCap)
	v.SetDefault(KeyJSONRPCFilterTimeout, d.JSONRPC.FilterTimeout)
	v.SetDefault(KeyJSONRPCBatchLimit, d.JSONRPC.BatchRequestLimit)
	v.SetDefault(KeyJSONRPCBatchResponseMax, d.JSONRPC.BatchResponseMaxSize)
	v.SetDefault(KeyJSONRPCCORSOrigins, d.JSONRPC.CORSOrigins)
}

// rejectNegativeUnsigned stops the weakly typed decoder from wrapping a
// negative number into a huge unsigned one.
func rejectNegativeUnsigned(from, to reflect.Type, data any) (any, error) {
	switch to.Kind() {
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
	default:
		return data, nil
	}
	negative := false
	switch from.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		negative = reflect.ValueOf(data).Int() < 0
	case reflect.Float32, reflect.Float64:
		negative = reflect.ValueOf(data).Float() < 0
	case reflect.String:
		negative = strings.HasPrefix(strings.TrimSpace(data.(string)), "-")
	}
	if negative {
		return nil, fmt.Errorf("%v must not be negative", data)
	}
	return data, nil
}

// maxCacheEntries bounds each cache size: a billion entries is hundreds of
// gigabytes, so a larger number is a mistake.
const maxCacheEntries = 1 << 30

// Validate checks every field and reports the first problem with the key
// it belongs to.
func (c AppConfig) Validate() error {
	if _, err := ParseGasPrices(c.MinimumGasPrices); err != nil {
		return fmt.Errorf("%s: %w", KeyMinimumGasPrices, err)
	}
	if c.MinRetainBlocks < 0 {
		return fmt.Errorf("%s: must not be negative, got %d", KeyMinRetainBlocks, c.MinRetainBlocks)
	}
	if c.Pruning.KeepRecent < 0 {
		return fmt.Errorf("%s: must not be negative, got %d", KeyPruningKeepRecent, c.Pruning.KeepRecent)
	}
	if c.Pruning.Interval < 0 {
		return fmt.Errorf("%s: must not be negative, got %d", KeyPruningInterval, c.Pruning.Interval)
	}
	if c.Pruning.KeepRecent > 0 && c.Pruning.Interval == 0 {
		return fmt.Errorf("%s: must be positive when %s is set (%d)", KeyPruningInterval, KeyPruningKeepRecent, c.Pruning.KeepRecent)
	}
	for _, size := range []struct {
		key string
		n   uint64
	}{{KeyCacheTreeNodes, c.Cache.TreeNodes}, {KeyCacheTreeReadNodes, c.Cache.TreeReadNodes}, {KeyCacheLatestValues, c.Cache.LatestValues}} {
		if size.n > maxCacheEntries {
			return fmt.Errorf("%s: at most %d, got %d", size.key, maxCacheEntries, size.n)
		}
	}
	if c.Cache.TreeNodes == 0 || c.Cache.TreeReadNodes == 0 {
		return fmt.Errorf("%s and %s: must be positive", KeyCacheTreeNodes, KeyCacheTreeReadNodes)
	}
	if err := c.JSONRPC.validate(); err != nil {
		return err
	}
	switch c.Store.Backend {
	case BackendMemory:
		if c.Pruning.KeepRecent == 0 {
			return fmt.Errorf("%s: the %q backend keeps state versions in memory, so %s must be positive (use %q to keep every version)",
				KeyPruningKeepRecent, BackendMemory, KeyPruningKeepRecent, BackendIAVL)
		}
	case BackendIAVL:
	default:
		return fmt.Errorf("%s: %q is not a backend (want %q or %q)", KeyStoreBackend, c.Store.Backend, BackendMemory, BackendIAVL)
	}
	return nil
}

// GasPrice is one entry of minimum-gas-prices: a decimal amount of a denom
// per unit of gas.
type GasPrice struct {
	// Amount is the decimal amount as written, such as "0.025".
	Amount string
	// Denom is the coin denomination, such as "ustake".
	Denom string
}

var (
	gasPriceRe = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)([a-zA-Z][a-zA-Z0-9/:._-]{2,127})$`)
	amountRe   = regexp.MustCompile(`^[0-9]+(?:\.[0-9]+)?`)
)

// ParseGasPrices parses comma-separated decimal coins such as
// "0.025ustake,0.1foo". An empty string is no minimum. A denom may appear
// once.
func ParseGasPrices(s string) ([]GasPrice, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	var out []GasPrice
	seen := make(map[string]bool)
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		m := gasPriceRe.FindStringSubmatch(part)
		if m == nil {
			return nil, fmt.Errorf("malformed gas price %q: %s", part, gasPriceProblem(part))
		}
		if seen[m[2]] {
			return nil, fmt.Errorf("denom %q appears twice in %q", m[2], s)
		}
		seen[m[2]] = true
		out = append(out, GasPrice{Amount: m[1], Denom: m[2]})
	}
	return out, nil
}

// gasPriceProblem says what is wrong with a gas price that did not parse.
func gasPriceProblem(s string) string {
	const want = `want a decimal amount followed by a denom, such as "0.025ustake"`
	switch {
	case s == "":
		return "empty entry; " + want
	case strings.HasPrefix(s, "-"):
		return "negative amount; " + want
	}
	amount := amountRe.FindString(s)
	if amount == "" {
		return "no amount; " + want
	}
	denom := s[len(amount):]
	if denom == "" {
		return "no denom; " + want
	}
	return fmt.Sprintf("invalid denom %q (3-128 characters: a letter, then letters, digits or /:._-); %s", denom, want)
}

func (c JSONRPCConfig) validate() error {
	if c.Enable {
		if _, _, err := net.SplitHostPort(c.Address); err != nil {
			return fmt.Errorf("%s: %q is not host:port: %v", KeyJSONRPCAddress, c.Address, err)
		}
	}
	for _, v := range []struct {
		key string
		ok  bool
	}{
		{KeyJSONRPCGasCap, c.GasCap > 0},
		{KeyJSONRPCEVMTimeout, c.EVMTimeout > 0},
		{KeyJSONRPCBlockRangeCap, c.BlockRangeCap > 0},
		{KeyJSONRPCLogsCap, c.LogsCap > 0},
		{KeyJSONRPCFilterCap, c.FilterCap > 0},
		{KeyJSONRPCFilterTimeout, c.FilterTimeout > 0},
		{KeyJSONRPCBatchLimit, c.BatchRequestLimit > 0},
		{KeyJSONRPCBatchResponseMax, c.BatchResponseMaxSize > 0},
	} {
		if !v.ok {
			return fmt.Errorf("%s: must be positive", v.key)
		}
	}
	return nil
}
