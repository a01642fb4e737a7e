package config

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"text/template"
)

// appTemplate renders app.toml. Every key can also be set with the flag of
// the same name (--pruning.keep-recent) or the environment variable
// STAKECHAIN_<SECTION>_<KEY> (STAKECHAIN_PRUNING_KEEP_RECENT).
const appTemplate = `# StakeChain application configuration.
#
# Each key can be overridden by an environment variable, and both by a flag
# of the start command (file < environment < flag):
#   minimum-gas-prices                  STAKECHAIN_MINIMUM_GAS_PRICES                  --minimum-gas-prices
#   min-retain-blocks                   STAKECHAIN_MIN_RETAIN_BLOCKS                   --min-retain-blocks
#   [pruning] keep-recent               STAKECHAIN_PRUNING_KEEP_RECENT                 --pruning.keep-recent
#   [pruning] interval                  STAKECHAIN_PRUNING_INTERVAL                    --pruning.interval
#   [state-sync] snapshot-interval      STAKECHAIN_STATE_SYNC_SNAPSHOT_INTERVAL        --state-sync.snapshot-interval
#   [state-sync] snapshot-keep-recent   STAKECHAIN_STATE_SYNC_SNAPSHOT_KEEP_RECENT     --state-sync.snapshot-keep-recent
#   [cache] tree-nodes                  STAKECHAIN_CACHE_TREE_NODES                    --cache.tree-nodes
#   [cache] tree-read-nodes             STAKECHAIN_CACHE_TREE_READ_NODES               --cache.tree-read-nodes
#   [cache] latest-values               STAKECHAIN_CACHE_LATEST_VALUES                 --cache.latest-values
#   [store] backend                     STAKECHAIN_STORE_BACKEND                       --store.backend
#   [query] invariants                  STAKECHAIN_QUERY_INVARIANTS                    --query.invariants
#   [json-rpc] enable                   STAKECHAIN_JSON_RPC_ENABLE                     --json-rpc.enable
#   [json-rpc] address                  STAKECHAIN_JSON_RPC_ADDRESS                    --json-rpc.address
#   (and so on for every [json-rpc] key)

###############################################################################
###                           Base Configuration                            ###
###############################################################################

# The minimum gas prices a transaction must pay to enter this node's
# mempool: comma-separated decimal coins, e.g. "0.025ustake,0.1foo".
# "0ustake" accepts transactions without fees.
minimum-gas-prices = {{ quote .MinimumGasPrices }}

# How many recent blocks CometBFT keeps; older blocks are deleted once the
# application allows it. 0 keeps every block.
min-retain-blocks = {{ .MinRetainBlocks }}

###############################################################################
###                         Pruning Configuration                           ###
###############################################################################

[pruning]

# How many recent state versions to keep; 0 keeps every version (archive,
# iavl backend only). The memory backend keeps them in memory; after a
# restart it has those since its last snapshot of the state.
keep-recent = {{ .Pruning.KeepRecent }}

# How often, in blocks, versions older than keep-recent are deleted.
interval = {{ .Pruning.Interval }}

###############################################################################
###                        State Sync Configuration                         ###
###############################################################################

[state-sync]

# The height interval at which state-sync snapshots are taken; 0 disables
# snapshots.
snapshot-interval = {{ .StateSync.SnapshotInterval }}

# How many recent snapshots to keep; 0 keeps all.
snapshot-keep-recent = {{ .StateSync.SnapshotKeepRecent }}

###############################################################################
###                          Cache Configuration                            ###
###############################################################################

[cache]

# The caches of the iavl backend ([store] backend = "iavl").

# How many state tree nodes to keep in memory for writing blocks. Every node
# a block writes goes into this cache, so under load it is full within
# minutes: at 300 to 400 bytes a node, 500000 nodes are 150 to 200 MB.
tree-nodes = {{ .Cache.TreeNodes }}

# How many state tree nodes to keep in memory for reads (queries, CheckTx,
# proofs) of keys not written lately.
tree-read-nodes = {{ .Cache.TreeReadNodes }}

# How many recently written keys have their latest value kept in memory, in
# each of two generations; 0 turns the cache off.
latest-values = {{ .Cache.LatestValues }}

###############################################################################
###                          Store Configuration                            ###
###############################################################################

[store]

# How the state tree is kept. "memory": the whole tree in memory, with a log
# of each block's changes and, from time to time, a snapshot of the state on
# disk; fast, and memory grows with the state (about 900 bytes per funded account). "iavl":
# the tree on disk, nodes cached in memory (the [cache] section); several
# times slower, memory bounded by the caches. A node's data directory holds
# the state of one backend: to change it, sync the node again.
backend = {{ quote .Store.Backend }}

###############################################################################
###                          Query Configuration                            ###
###############################################################################

[query]

# Serve the abci_query path /app/invariants, which checks the accounting
# invariants (supply, staking pools, rewards) by reading the whole state.
# Anyone who can reach this node's RPC could make it do so at will, so it is
# off unless turned on here; localnets and tests turn it on.
invariants = {{ .Query.Invariants }}

###############################################################################
###                     Ethereum JSON-RPC Configuration                     ###
###############################################################################

[json-rpc]

# Serve the Ethereum JSON-RPC (eth_, net_, web3_, debug_), over HTTP and
# WebSocket on the same address, for ethers, MetaMask, cast and the like.
enable = {{ .JSONRPC.Enable }}

# The host:port it listens on.
address = {{ quote .JSONRPC.Address }}

# The most gas one eth_call, eth_estimateGas or debug_traceCall may use.
gas-cap = {{ .JSONRPC.GasCap }}

# The most time one call, estimate, trace or eth_getLogs may take.
evm-timeout = {{ quote .JSONRPC.EVMTimeout.String }}

# The most blocks one eth_getLogs scans, and the most logs it returns.
block-range-cap = {{ .JSONRPC.BlockRangeCap }}
logs-cap = {{ .JSONRPC.LogsCap }}

# The most filters (eth_newFilter, eth_newBlockFilter) kept at once; one
# not polled for filter-timeout is removed.
filter-cap = {{ .JSONRPC.FilterCap }}
filter-timeout = {{ quote .JSONRPC.FilterTimeout.String }}

# The most requests in one batch, and the most bytes of its responses.
batch-request-limit = {{ .JSONRPC.BatchRequestLimit }}
batch-response-max-size = {{ .JSONRPC.BatchResponseMaxSize }}

# The origins web pages may call from, comma-separated; "*" is any. Reading
# is public and every transaction is signed, so "*" exposes nothing.
cors-origins = {{ quote .JSONRPC.CORSOrigins }}
`

var tmpl = template.Must(template.New("app.toml").
	Funcs(template.FuncMap{"quote": strconv.Quote}).
	Parse(appTemplate))

// Render returns cfg as the text of app.toml.
func Render(cfg AppConfig) ([]byte, error) {
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, cfg); err != nil {
		return nil, fmt.Errorf("render %s: %w", FileName, err)
	}
	return buf.Bytes(), nil
}

// Write writes cfg to HOME/config/app.toml, creating the directory.
func Write(home string, cfg AppConfig) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	bz, err := Render(cfg)
	if err != nil {
		return err
	}
	path := Path(home)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return os.WriteFile(path, bz, 0o600)
}
