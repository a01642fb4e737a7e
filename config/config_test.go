package config_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/config"
)

func writeAppToml(t *testing.T, home, text string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Join(home, "config"), 0o700))
	require.NoError(t, os.WriteFile(config.Path(home), []byte(text), 0o600))
}

func flagSet(t *testing.T, args ...string) *pflag.FlagSet {
	t.Helper()
	fs := pflag.NewFlagSet("start", pflag.ContinueOnError)
	config.AddFlags(fs)
	require.NoError(t, fs.Parse(args))
	return fs
}

func TestLoadWithoutFileGivesDefaults(t *testing.T) {
	cfg, err := config.Load(t.TempDir(), nil)
	require.NoError(t, err)
	require.Equal(t, config.Default(), cfg)
}

func TestWrittenFileLoadsBackUnchanged(t *testing.T) {
	home := t.TempDir()
	want := config.Default()
	want.MinimumGasPrices = "0.025ustake,0.1foo"
	want.MinRetainBlocks = 1000
	want.Pruning = config.PruningConfig{KeepRecent: 7, Interval: 3}
	want.StateSync = config.StateSyncConfig{SnapshotInterval: 500, SnapshotKeepRecent: 4}
	want.Cache = config.CacheConfig{TreeNodes: 1000, TreeReadNodes: 2000, LatestValues: 0}
	want.Store = config.StoreConfig{Backend: config.BackendIAVL}
	want.Query = config.QueryConfig{Invariants: true}
	require.NoError(t, config.Write(home, want))

	got, err := config.Load(home, flagSet(t))
	require.NoError(t, err)
	require.Equal(t, want, got)
}

func TestPrecedenceIsFileThenEnvironmentThenFlag(t *testing.T) {
	const file = `
minimum-gas-prices = "0.1ustake"
min-retain-blocks = 11
[pruning]
keep-recent = 200
interval = 20
[state-sync]
snapshot-interval = 300
`
	tests := []struct {
		name  string
		env   map[string]string
		flags []string
		check func(t *testing.T, c config.AppConfig)
	}{
		{
			name: "the file overrides the defaults",
			check: func(t *testing.T, c config.AppConfig) {
				require.Equal(t, "0.1ustake", c.MinimumGasPrices)
				require.Equal(t, int64(11), c.MinRetainBlocks)
				require.Equal(t, config.PruningConfig{KeepRecent: 200, Interval: 20}, c.Pruning)
				require.Equal(t, uint64(300), c.StateSync.SnapshotInterval)
				require.Equal(t, config.Default().StateSync.SnapshotKeepRecent, c.StateSync.SnapshotKeepRecent)
			},
		},
		{
			name: "the environment overrides the file",
			env: map[string]string{
				"STAKECHAIN_MINIMUM_GAS_PRICES":              "0.2ustake",
				"STAKECHAIN_MIN_RETAIN_BLOCKS":               "12",
				"STAKECHAIN_PRUNING_KEEP_RECENT":             "300",
				"STAKECHAIN_PRUNING_INTERVAL":                "30",
				"STAKECHAIN_STATE_SYNC_SNAPSHOT_INTERVAL":    "600",
				"STAKECHAIN_STATE_SYNC_SNAPSHOT_KEEP_RECENT": "5",
				"STAKECHAIN_STORE_BACKEND":                   "iavl",
			},
			check: func(t *testing.T, c config.AppConfig) {
				require.Equal(t, config.BackendIAVL, c.Store.Backend)
				require.Equal(t, "0.2ustake", c.MinimumGasPrices)
				require.Equal(t, int64(12), c.MinRetainBlocks)
				require.Equal(t, config.PruningConfig{KeepRecent: 300, Interval: 30}, c.Pruning)
				require.Equal(t, config.StateSyncConfig{SnapshotInterval: 600, SnapshotKeepRecent: 5}, c.StateSync)
			},
		},
		{
			name: "a flag overrides the environment",
			env: map[string]string{
				"STAKECHAIN_MINIMUM_GAS_PRICES":  "0.2ustake",
				"STAKECHAIN_PRUNING_KEEP_RECENT": "300",
				"STAKECHAIN_STORE_BACKEND":       "iavl",
			},
			flags: []string{"--minimum-gas-prices=0.3ustake", "--pruning.keep-recent=400", "--state-sync.snapshot-keep-recent=9", "--store.backend=memory"},
			check: func(t *testing.T, c config.AppConfig) {
				require.Equal(t, config.BackendMemory, c.Store.Backend)
				require.Equal(t, "0.3ustake", c.MinimumGasPrices)
				require.Equal(t, int64(400), c.Pruning.KeepRecent)
				require.Equal(t, int64(20), c.Pruning.Interval, "from the file")
				require.Equal(t, uint32(9), c.StateSync.SnapshotKeepRecent)
			},
		},
		{
			name: "a flag left unset does not hide the file or the environment",
			env:  map[string]string{"STAKECHAIN_PRUNING_INTERVAL": "40"},
			check: func(t *testing.T, c config.AppConfig) {
				require.Equal(t, "0.1ustake", c.MinimumGasPrices)
				require.Equal(t, int64(40), c.Pruning.Interval)
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			writeAppToml(t, home, file)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			cfg, err := config.Load(home, flagSet(t, tc.flags...))
			require.NoError(t, err)
			tc.check(t, cfg)
		})
	}
}

func TestLoadRejectsBadInput(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		env     map[string]string
		flags   []string
		wantErr string
	}{
		{name: "a malformed gas price in the file", file: `minimum-gas-prices = "ustake0.025"`, wantErr: "minimum-gas-prices"},
		{name: "a negative keep-recent from the environment", env: map[string]string{"STAKECHAIN_PRUNING_KEEP_RECENT": "-1"}, wantErr: "pruning.keep-recent: must not be negative"},
		{name: "a negative snapshot interval from the environment", env: map[string]string{"STAKECHAIN_STATE_SYNC_SNAPSHOT_INTERVAL": "-5"}, wantErr: "must not be negative"},
		{name: "a negative snapshot interval in the file", file: "[state-sync]\nsnapshot-interval = -5", wantErr: "must not be negative"},
		{name: "a number that is not a number", env: map[string]string{"STAKECHAIN_MIN_RETAIN_BLOCKS": "many"}, wantErr: "min-retain-blocks"},
		{name: "an unknown key in the file", file: `minimum-gas-price = "1ustake"`, wantErr: "minimum-gas-price"},
		{name: "a file that is not TOML", file: `minimum-gas-prices = `, wantErr: "app.toml"},
		{name: "a malformed gas price from a flag", flags: []string{"--minimum-gas-prices=0.025"}, wantErr: "no denom"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			if tc.file != "" {
				writeAppToml(t, home, tc.file)
			}
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			_, err := config.Load(home, flagSet(t, tc.flags...))
			require.ErrorContains(t, err, tc.wantErr)
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(c *config.AppConfig)
		wantErr string
	}{
		{name: "the defaults are valid", edit: func(*config.AppConfig) {}},
		{name: "no gas price is valid", edit: func(c *config.AppConfig) { c.MinimumGasPrices = "" }},
		{name: "several gas prices are valid", edit: func(c *config.AppConfig) { c.MinimumGasPrices = "0.025ustake, 1token/stake1abc/FOO" }},
		{name: "keeping every version on disk is valid", edit: func(c *config.AppConfig) {
			c.Pruning = config.PruningConfig{}
			c.Store.Backend = config.BackendIAVL
		}},
		{name: "keeping every version in memory is invalid", edit: func(c *config.AppConfig) { c.Pruning = config.PruningConfig{} }, wantErr: `the "memory" backend keeps state versions in memory`},
		{name: "an unknown store backend is invalid", edit: func(c *config.AppConfig) { c.Store.Backend = "rocksdb" }, wantErr: `store.backend: "rocksdb" is not a backend`},
		{name: "a gas price without a denom is invalid", edit: func(c *config.AppConfig) { c.MinimumGasPrices = "0.025" }, wantErr: "no denom"},
		{name: "a gas price without an amount is invalid", edit: func(c *config.AppConfig) { c.MinimumGasPrices = "ustake" }, wantErr: "no amount"},
		{name: "a negative gas price is invalid", edit: func(c *config.AppConfig) { c.MinimumGasPrices = "-1ustake" }, wantErr: "negative amount"},
		{name: "a gas price with a bad denom is invalid", edit: func(c *config.AppConfig) { c.MinimumGasPrices = "1u$" }, wantErr: `invalid denom "u$"`},
		{name: "a denom given twice is invalid", edit: func(c *config.AppConfig) { c.MinimumGasPrices = "1ustake,2ustake" }, wantErr: "appears twice"},
		{name: "an empty entry is invalid", edit: func(c *config.AppConfig) { c.MinimumGasPrices = "1ustake," }, wantErr: "empty entry"},
		{name: "negative min-retain-blocks is invalid", edit: func(c *config.AppConfig) { c.MinRetainBlocks = -1 }, wantErr: "min-retain-blocks"},
		{name: "a negative pruning interval is invalid", edit: func(c *config.AppConfig) { c.Pruning.Interval = -1 }, wantErr: "pruning.interval"},
		{name: "pruning with a zero interval is invalid", edit: func(c *config.AppConfig) { c.Pruning.Interval = 0 }, wantErr: "must be positive"},
		{name: "no tree nodes in memory is invalid", edit: func(c *config.AppConfig) { c.Cache.TreeNodes = 0 }, wantErr: "cache.tree-nodes and cache.tree-read-nodes: must be positive"},
		{name: "no tree nodes for reads is invalid", edit: func(c *config.AppConfig) { c.Cache.TreeReadNodes = 0 }, wantErr: "must be positive"},
		{name: "a cache of more than 2^30 entries is invalid", edit: func(c *config.AppConfig) { c.Cache.LatestValues = 1<<30 + 1 }, wantErr: "cache.latest-values: at most 1073741824"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := config.Default()
			tc.edit(&cfg)
			err := cfg.Validate()
			if tc.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tc.wantErr)
		})
	}
}

func TestParseGasPricesSplitsAmountAndDenom(t *testing.T) {
	got, err := config.ParseGasPrices("0.025ustake,10foo")
	require.NoError(t, err)
	require.Equal(t, []config.GasPrice{{Amount: "0.025", Denom: "ustake"}, {Amount: "10", Denom: "foo"}}, got)
}

func TestNodeServesRPCAndMetricsOnThisHostOnly(t *testing.T) {
	c := config.DefaultCometConfig(t.TempDir(), "node")
	require.Equal(t, "tcp://127.0.0.1:26657", c.RPC.ListenAddress)
	require.Equal(t, "127.0.0.1:26660", c.Instrumentation.PrometheusListenAddr)
	require.Empty(t, c.RPC.PprofListenAddress, "no profiling endpoint unless asked for")
}

func TestCacheDefaultsAreTheStoresAndCanBeSetFromTheEnvironment(t *testing.T) {
	d := config.Default().Cache
	require.Equal(t, uint64(store.DefaultCacheSize), d.TreeNodes)
	require.Equal(t, uint64(store.DefaultReadCacheSize), d.TreeReadNodes)
	require.Equal(t, uint64(store.DefaultValueCacheSize), d.LatestValues)

	home := t.TempDir()
	writeAppToml(t, home, "[cache]\ntree-nodes = 300000\n")
	t.Setenv("STAKECHAIN_CACHE_TREE_READ_NODES", "50000")
	cfg, err := config.Load(home, flagSet(t, "--cache.latest-values", "0"))
	require.NoError(t, err)
	require.Equal(t, config.CacheConfig{TreeNodes: 300_000, TreeReadNodes: 50_000, LatestValues: 0}, cfg.Cache)
}

func TestTheInvariantsQueryIsOffUnlessTurnedOn(t *testing.T) {
	require.False(t, config.Default().Query.Invariants)
	rendered, err := config.Render(config.Default())
	require.NoError(t, err)
	require.Contains(t, string(rendered), "[query]")
	require.Contains(t, string(rendered), "invariants = false")

	tests := []struct {
		name  string
		file  string
		env   string
		flags []string
		want  bool
	}{
		{name: "no file: off", want: false},
		{name: "the file turns it on", file: "[query]\ninvariants = true\n", want: true},
		{name: "the environment turns it on", env: "true", want: true},
		{name: "the environment turns off what the file turned on", file: "[query]\ninvariants = true\n", env: "false", want: false},
		{name: "a flag turns off what the environment turned on", env: "true", flags: []string{"--query.invariants=false"}, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := t.TempDir()
			if tt.file != "" {
				writeAppToml(t, home, tt.file)
			}
			if tt.env != "" {
				t.Setenv("STAKECHAIN_QUERY_INVARIANTS", tt.env)
			}
			cfg, err := config.Load(home, flagSet(t, tt.flags...))
			require.NoError(t, err)
			require.Equal(t, tt.want, cfg.Query.Invariants)
		})
	}
}

func TestTheJSONRPCIsOffByDefaultAndItsCapsComeFromFileEnvironmentAndFlags(t *testing.T) {
	d := config.Default().JSONRPC
	require.False(t, d.Enable)
	require.Equal(t, "127.0.0.1:8545", d.Address)
	rendered, err := config.Render(config.Default())
	require.NoError(t, err)
	require.Contains(t, string(rendered), "[json-rpc]")
	require.Contains(t, string(rendered), `evm-timeout = "5s"`)

	home := t.TempDir()
	writeAppToml(t, home, "[json-rpc]\nenable = true\naddress = \"127.0.0.1:8555\"\nevm-timeout = \"2s\"\nlogs-cap = 50\n")
	t.Setenv("STAKECHAIN_JSON_RPC_BLOCK_RANGE_CAP", "7")
	cfg, err := config.Load(home, flagSet(t, "--json-rpc.filter-timeout", "90s"))
	require.NoError(t, err)
	got := cfg.JSONRPC
	require.True(t, got.Enable)
	require.Equal(t, "127.0.0.1:8555", got.Address)
	require.Equal(t, 2*time.Second, got.EVMTimeout)
	require.Equal(t, 50, got.LogsCap)
	require.Equal(t, int64(7), got.BlockRangeCap)
	require.Equal(t, 90*time.Second, got.FilterTimeout)

	// What Render writes, Load reads back.
	home = t.TempDir()
	require.NoError(t, config.Write(home, cfg))
	back, err := config.Load(home, nil)
	require.NoError(t, err)
	require.Equal(t, cfg.JSONRPC, back.JSONRPC)
}

func TestJSONRPCSettingsThatCannotWorkAreRefusedWithTheirKey(t *testing.T) {
	for _, tt := range []struct{ file, key string }{
		{"[json-rpc]\nenable = true\naddress = \"8545\"\n", "json-rpc.address"},
		{"[json-rpc]\ngas-cap = 0\n", "json-rpc.gas-cap"},
		{"[json-rpc]\nlogs-cap = 0\n", "json-rpc.logs-cap"},
		{"[json-rpc]\nevm-timeout = \"0s\"\n", "json-rpc.evm-timeout"},
		{"[json-rpc]\nbatch-request-limit = -1\n", "json-rpc.batch-request-limit"},
	} {
		home := t.TempDir()
		writeAppToml(t, home, tt.file)
		_, err := config.Load(home, nil)
		require.ErrorContains(t, err, tt.key, tt.file)
	}
}
