package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	dbm "github.com/cometbft/cometbft-db"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtcfg "github.com/cometbft/cometbft/config"
	"github.com/cometbft/cometbft/crypto"
	cmtflags "github.com/cometbft/cometbft/libs/cli/flags"
	cmtjson "github.com/cometbft/cometbft/libs/json"
	"github.com/cometbft/cometbft/libs/log"
	nm "github.com/cometbft/cometbft/node"
	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/privval"
	"github.com/cometbft/cometbft/proxy"
	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	"github.com/cometbft/cometbft/rpc/client/local"
	"github.com/cometbft/cometbft/types"
	cmttime "github.com/cometbft/cometbft/types/time"
	"github.com/spf13/cobra"

	"github.com/stakechain/stakechain/app"
	"github.com/stakechain/stakechain/app/api/ethrpc"
	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/config"
	"github.com/stakechain/stakechain/x/auth/keys/secp256k1"
)

// version is the release of this binary, set at build time with
// -ldflags "-X main.version=v1.2.3".
var version = "dev"

// appDBName is the application database under HOME/data (application.db).
const appDBName = "application"

func initCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "init MONIKER",
		Short: "Create a node's configuration, keys and genesis in --home",
		Long: `Create a node's files in --home:
  config/config.toml             CometBFT's configuration (RPC on tcp://127.0.0.1:26657)
  config/app.toml                the application's configuration
  config/genesis.json            a new chain, with no accounts and no validators yet
  config/node_key.json           the node's P2P key
  config/priv_validator_key.json the node's consensus key
  data/priv_validator_state.json the consensus key's last signature

Existing keys are kept. An existing genesis.json is an error unless --overwrite
is given, which also rewrites config.toml and app.toml with defaults.

The validators of a new chain are made of stake: fund accounts with
"genesis add-account", have each validator's operator sign a genesis
transaction with "genesis gentx", gather them with "genesis collect-gentxs",
then "start".`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			chainID, _ := cmd.Flags().GetString("chain-id")
			overwrite, _ := cmd.Flags().GetBool("overwrite")
			if chainID == "" {
				return errors.New("--chain-id is required")
			}
			home := homeDir(cmd)
			cmtCfg := config.DefaultCometConfig(home, args[0])
			genFile := cmtCfg.GenesisFile()
			if _, err := os.Stat(genFile); err == nil && !overwrite {
				return fmt.Errorf("%s already exists; pass --overwrite to replace it", genFile)
			}

			keys, err := config.InitHome(cmtCfg, config.Default())
			if err != nil {
				return err
			}
			genDoc := types.GenesisDoc{
				ChainID:         chainID,
				GenesisTime:     cmttime.Now(),
				InitialHeight:   1,
				ConsensusParams: types.DefaultConsensusParams(),
				AppState:        app.DefaultGenesis(),
			}
			if err := genDoc.ValidateAndComplete(); err != nil {
				return fmt.Errorf("new genesis: %w", err)
			}
			if err := genDoc.SaveAs(genFile); err != nil {
				return err
			}

			res := initResult{
				Moniker: args[0],
				ChainID: chainID,
				NodeID:  string(keys.NodeID),
				Home:    home,
			}
			printResult(cmd, res, func(w io.Writer) {
				fmt.Fprintf(w, "Initialized node %q of chain %s in %s\n", res.Moniker, res.ChainID, res.Home)
				fmt.Fprintf(w, "node id: %s\n", res.NodeID)
			})
			return nil
		},
	}
	cmd.Flags().String("chain-id", "", "chain id of the new genesis (required)")
	cmd.Flags().Bool("overwrite", false, "replace an existing genesis.json, config.toml and app.toml")
	return cmd
}

type initResult struct {
	Moniker string `json:"moniker"`
	ChainID string `json:"chain_id"`
	NodeID  string `json:"node_id"`
	Home    string `json:"home"`
}

// CometBFT start flags that override config.toml.
const (
	flagRPCLaddr        = "rpc.laddr"
	flagP2PLaddr        = "p2p.laddr"
	flagPersistentPeers = "p2p.persistent_peers"
	flagSeeds           = "p2p.seeds"
)

func startCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "start",
		Short: "Run the node: CometBFT with the application in the same process",
		Long: `Run the node until SIGINT or SIGTERM.

CometBFT reads HOME/config/config.toml; the flags --rpc.laddr, --p2p.laddr,
--p2p.persistent_peers and --p2p.seeds override it, and --log-level overrides
its log_level when given. The application reads HOME/config/app.toml,
overridden by STAKECHAIN_<SECTION>_<KEY> environment variables and then by
the flags below.`,
		Args: cobra.NoArgs,
		RunE: runStart,
	}
	f := cmd.Flags()
	f.String(flagRPCLaddr, "", "RPC listen address, such as tcp://127.0.0.1:26657 (default from config.toml)")
	f.String(flagP2PLaddr, "", "P2P listen address, such as tcp://0.0.0.0:26656 (default from config.toml)")
	f.String(flagPersistentPeers, "", "comma-separated ID@host:port peers to stay connected to (default from config.toml)")
	f.String(flagSeeds, "", "comma-separated ID@host:port seed nodes (default from config.toml)")
	config.AddFlags(f)
	return cmd
}

func runStart(cmd *cobra.Command, _ []string) error {
	home := homeDir(cmd)
	cmtCfg, err := config.LoadCometConfig(home)
	if err != nil {
		return err
	}
	overrides := map[string]*string{
		flagRPCLaddr:        &cmtCfg.RPC.ListenAddress,
		flagP2PLaddr:        &cmtCfg.P2P.ListenAddress,
		flagPersistentPeers: &cmtCfg.P2P.PersistentPeers,
		flagSeeds:           &cmtCfg.P2P.Seeds,
	}
	for name, field := range overrides {
		if cmd.Flags().Changed(name) {
			*field, _ = cmd.Flags().GetString(name)
		}
	}
	if cmd.Flags().Changed(flagLogLevel) {
		cmtCfg.LogLevel, _ = cmd.Flags().GetString(flagLogLevel)
	}
	if err := cmtCfg.ValidateBasic(); err != nil {
		return err
	}
	appCfg, err := config.Load(home, cmd.Flags())
	if err != nil {
		return err
	}
	logger, err := newLogger(cmtCfg)
	if err != nil {
		return err
	}

	db, err := dbm.NewDB(appDBName, dbm.BackendType(cmtCfg.DBBackend), cmtCfg.DBDir())
	if err != nil {
		return fmt.Errorf("open application database: %w", err)
	}
	application, err := app.New(app.Config{
		DB:                db,
		Logger:            logger.With("module", "app"),
		MinGasPrices:      appCfg.MinimumGasPrices,
		PruningKeepRecent: appCfg.Pruning.KeepRecent,
		PruningInterval:   appCfg.Pruning.Interval,
		MinRetainBlocks:   appCfg.MinRetainBlocks,
		// Validate bounds the sizes far below the int range.
		TreeCacheNodes:     int(appCfg.Cache.TreeNodes),
		TreeReadCacheNodes: int(appCfg.Cache.TreeReadNodes),
		LatestValues:       latestValues(appCfg.Cache.LatestValues),
		StoreBackend:       store.Backend(appCfg.Store.Backend),
		MempoolSize:        cmtCfg.Mempool.Size,
		InvariantsQuery:    appCfg.Query.Invariants,
	})
	if err != nil {
		_ = db.Close()
		return fmt.Errorf("open application: %w", err)
	}
	defer func() {
		if err := application.Close(); err != nil {
			logger.Error("close application", "err", err)
		}
	}()

	return runNode(cmd.Context(), cmtCfg, application, logger, func(node *nm.Node) (func(), error) {
		return startServices(node, application, appCfg, logger)
	})
}

// startServices starts the services that face clients beside a running
// node, as app.toml turns them on, and returns what stops them.
func startServices(node *nm.Node, application *app.App, appCfg config.AppConfig, logger log.Logger) (func(), error) {
	if !appCfg.JSONRPC.Enable {
		return func() {}, nil
	}
	backend := ethrpc.NewNodeBackend(local.New(node), application)
	c := appCfg.JSONRPC
	rpcCfg := ethrpc.DefaultConfig()
	rpcCfg.Address, rpcCfg.Version = c.Address, version
	rpcCfg.GasCap, rpcCfg.CallTimeout = c.GasCap, c.EVMTimeout
	rpcCfg.LogsBlockRange, rpcCfg.LogsCap = c.BlockRangeCap, c.LogsCap
	rpcCfg.FilterCap, rpcCfg.FilterTimeout = c.FilterCap, c.FilterTimeout
	rpcCfg.BatchLimit, rpcCfg.BatchResponseLimit = c.BatchRequestLimit, c.BatchResponseMaxSize
	rpcCfg.CORSOrigins = nil
	for _, o := range strings.Split(c.CORSOrigins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			rpcCfg.CORSOrigins = append(rpcCfg.CORSOrigins, o)
		}
	}
	srv, err := ethrpc.New(rpcCfg, backend)
	if err != nil {
		return nil, err
	}
	if err := srv.Start(); err != nil {
		return nil, err
	}
	logger.Info("Ethereum JSON-RPC started", "address", srv.Addr())
	return func() {
		if err := srv.Close(); err != nil {
			logger.Error("stop Ethereum JSON-RPC", "err", err)
		}
	}, nil
}

// runNode runs a CometBFT node with the application in the same process
// until SIGINT or SIGTERM, with the services startServices starts, if
// any.
func runNode(ctx context.Context, cmtCfg *cmtcfg.Config, application abci.Application, logger log.Logger, startServices func(*nm.Node) (func(), error)) error {
	nodeKey, err := p2p.LoadNodeKey(cmtCfg.NodeKeyFile())
	if err != nil {
		return fmt.Errorf("node key: %w", err)
	}
	pv, err := config.LoadFilePV(cmtCfg)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	node, err := nm.NewNodeWithContext(ctx,
		cmtCfg,
		pv,
		nodeKey,
		// Separate locks per ABCI connection, so CheckTx and queries do not
		// wait for FinalizeBlock behind one mutex.
		proxy.NewConnSyncLocalClientCreator(application),
		nm.DefaultGenesisDocProviderFunc(cmtCfg),
		cmtcfg.DefaultDBProvider,
		nm.DefaultMetricsProvider(cmtCfg.Instrumentation),
		logger,
	)
	if err != nil {
		return fmt.Errorf("create node: %w", err)
	}
	if err := node.Start(); err != nil {
		return fmt.Errorf("start node: %w", err)
	}
	releaseGenesisMemory(node.GenesisDoc())
	logger.Info("node started", "node_id", nodeKey.ID(), "secp256k1_verifier", secp256k1.Verifier, "rpc", cmtCfg.RPC.ListenAddress, "p2p", cmtCfg.P2P.ListenAddress)
	stopServices := func() {}
	if startServices != nil {
		if stopServices, err = startServices(node); err != nil {
			_ = node.Stop()
			node.Wait()
			return fmt.Errorf("start services: %w", err)
		}
	}

	<-ctx.Done()
	logger.Info("stopping node")
	stopServices()
	if node.IsRunning() {
		if err := node.Stop(); err != nil {
			logger.Error("stop node", "err", err)
		}
	}
	node.Wait()
	waitForAddrBookSave(cmtCfg.P2P.AddrBookFile())
	return nil
}

// latestValues is the store's size of the cache of latest values for
// app.toml's: there 0 turns the cache off, in the store -1 does.
func latestValues(n uint64) int {
	if n == 0 {
		return -1
	}
	return int(n)
}

// genesisRPCChunk is the size of the pieces in which CometBFT's RPC serves a
// genesis document (rpc/core genesisChunkSize): a document larger than one
// piece is served only by genesis_chunked.
const genesisRPCChunk = 16 << 20

// releaseGenesisAppState drops the app_state of a started node's genesis
// document when the document is larger than one RPC chunk, and reports
// whether it did.
//
// CometBFT keeps the document for the node's life, and from its start also a
// base64 copy in chunks for genesis_chunked. Once the node has started the
// app_state in the document is read by nothing: the application received it
// in InitChain before, and the RPC's genesis method refuses a document of
// more than one chunk (it points to genesis_chunked). With a million
// accounts the app_state is about 200 MB of memory held for nothing.
func releaseGenesisAppState(doc *types.GenesisDoc) bool {
	if doc != nil && len(doc.AppState) > genesisRPCChunk {
		doc.AppState = nil
		return true
	}
	return false
}

// releaseGenesisMemory gives back the memory a large genesis took while the
// node started: its app_state, and the buffer CometBFT encoded the whole
// document into to cut its RPC chunks. encoding/json keeps that buffer (200
// MB for a million accounts) in its pool of encoders, where every RPC
// response then reuses it and so keeps it alive; two collections in a row,
// before RPC traffic picks it up again, empty the pool.
func releaseGenesisMemory(doc *types.GenesisDoc) {
	if releaseGenesisAppState(doc) {
		runtime.GC()
		debug.FreeOSMemory()
	}
}

// waitForAddrBookSave gives the address book, which CometBFT saves from a
// goroutine of its own when the node stops and does not wait for, a moment
// to finish writing, so exiting does not cut the write short and leave its
// temporary file behind. It waits at most a second.
func waitForAddrBookSave(addrBookFile string) {
	pattern := filepath.Join(filepath.Dir(addrBookFile), "write-file-atomic-*")
	time.Sleep(50 * time.Millisecond)
	for deadline := time.Now().Add(time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if matches, _ := filepath.Glob(pattern); len(matches) == 0 {
			return
		}
	}
}

// newLogger returns CometBFT's logger on standard output with the config's
// format and level.
func newLogger(c *cmtcfg.Config) (log.Logger, error) {
	logger := log.NewTMLogger(log.NewSyncWriter(os.Stdout))
	if c.LogFormat == cmtcfg.LogFormatJSON {
		logger = log.NewTMJSONLogger(log.NewSyncWriter(os.Stdout))
	}
	logger, err := cmtflags.ParseLogLevel(c.LogLevel, logger, cmtcfg.DefaultLogLevel)
	if err != nil {
		return nil, fmt.Errorf("log level %q: %w", c.LogLevel, err)
	}
	return logger, nil
}

func statusCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show a running node's identity and latest block",
		Long: `Show a running node's identity and latest block. With -o json the output
is CometBFT's status result (node_info, sync_info, validator_info), as
Cosmos nodes print it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			nodeAddr, _ := cmd.Flags().GetString("node")
			client, err := rpchttp.New(nodeAddr, "/websocket")
			if err != nil {
				return fmt.Errorf("node %s: %w", nodeAddr, err)
			}
			ctx, cancel := context.WithTimeout(cmd.Context(), 10*time.Second)
			defer cancel()
			st, err := client.Status(ctx)
			if err != nil {
				return fmt.Errorf("node %s: %w", nodeAddr, err)
			}
			bz, err := cmtjson.Marshal(st)
			if err != nil {
				return err
			}
			printResult(cmd, json.RawMessage(bz), func(w io.Writer) {
				fmt.Fprintf(w, "node id:         %s\n", st.NodeInfo.ID())
				fmt.Fprintf(w, "moniker:         %s\n", st.NodeInfo.Moniker)
				fmt.Fprintf(w, "network:         %s\n", st.NodeInfo.Network)
				fmt.Fprintf(w, "latest height:   %d\n", st.SyncInfo.LatestBlockHeight)
				fmt.Fprintf(w, "latest time:     %s\n", st.SyncInfo.LatestBlockTime.UTC().Format(time.RFC3339Nano))
				fmt.Fprintf(w, "latest app hash: %s\n", st.SyncInfo.LatestAppHash)
				fmt.Fprintf(w, "catching up:     %t\n", st.SyncInfo.CatchingUp)
				fmt.Fprintf(w, "voting power:    %d\n", st.ValidatorInfo.VotingPower)
			})
			return nil
		},
	}
	cmd.Flags().String(flagNode, defaultNode(), "RPC address of the node "+nodeFlagNote)
	return cmd
}

type versionResult struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	CometBFT  string `json:"cometbft"`
	GoVersion string `json:"go"`
	// Verifier is the secp256k1 code that checks signatures: libsecp256k1
	// in a build with cgo, Go's otherwise (same answers, slower).
	Verifier string `json:"secp256k1_verifier"`
}

func versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Show the version of this binary",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			res := versionResult{Version: version, GoVersion: runtime.Version(), Verifier: secp256k1.Verifier}
			if info, ok := debug.ReadBuildInfo(); ok {
				for _, s := range info.Settings {
					if s.Key == "vcs.revision" {
						res.Commit = s.Value
					}
				}
				for _, dep := range info.Deps {
					if dep.Path == "github.com/cometbft/cometbft" {
						res.CometBFT = dep.Version
					}
				}
			}
			printResult(cmd, res, func(w io.Writer) {
				fmt.Fprintln(w, res.Version)
			})
			return nil
		},
	}
}

// cometConfigOrDefault returns the CometBFT configuration of --home, for
// the paths of its files: config.toml if it can be read, else the defaults.
func cometConfigOrDefault(cmd *cobra.Command) *cmtcfg.Config {
	home := homeDir(cmd)
	if c, err := config.LoadCometConfig(home); err == nil {
		return c
	}
	return config.DefaultCometConfig(home, "")
}

func cometCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "comet",
		Short: "CometBFT subcommands: node keys and data",
	}
	cmd.AddCommand(showValidatorCommand(), showNodeIDCommand(), resetAllCommand())
	return cmd
}

// cosmosPubKeyTypes maps CometBFT key types to the type URLs Cosmos uses
// for consensus keys.
var cosmosPubKeyTypes = map[string]string{
	"ed25519":   "/cosmos.crypto.ed25519.PubKey",
	"secp256k1": "/cosmos.crypto.secp256k1.PubKey",
}

// cosmosPubKey is a public key in the JSON form Cosmos prints it.
type cosmosPubKey struct {
	Type string `json:"@type"`
	Key  string `json:"key"`
}

func toCosmosPubKey(pk crypto.PubKey) (cosmosPubKey, error) {
	typeURL, ok := cosmosPubKeyTypes[pk.Type()]
	if !ok {
		return cosmosPubKey{}, fmt.Errorf("consensus key type %q has no Cosmos form", pk.Type())
	}
	return cosmosPubKey{Type: typeURL, Key: base64.StdEncoding.EncodeToString(pk.Bytes())}, nil
}

func showValidatorCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "show-validator",
		Short: `Show the node's consensus public key as Cosmos prints it ({"@type":...,"key":...})`,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c := cometConfigOrDefault(cmd)
			pk, err := config.LoadValidatorPubKey(c.PrivValidatorKeyFile())
			if err != nil {
				return err
			}
			res, err := toCosmosPubKey(pk)
			if err != nil {
				return err
			}
			// The JSON is the output in both formats: it is what
			// create-validator's --pubkey takes.
			bz, err := json.Marshal(res)
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), string(bz))
			return nil
		},
	}
}

func showNodeIDCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "show-node-id",
		Short: "Show the node's P2P id",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c := cometConfigOrDefault(cmd)
			key, err := p2p.LoadNodeKey(c.NodeKeyFile())
			if err != nil {
				return fmt.Errorf("node key: %w", err)
			}
			id := string(key.ID())
			printResult(cmd, map[string]string{"node_id": id}, func(w io.Writer) {
				fmt.Fprintln(w, id)
			})
			return nil
		},
	}
}

func resetAllCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "unsafe-reset-all",
		Short: "Delete the node's blocks, state and application data; keep keys and genesis",
		Long: `Delete everything under the data directory (blocks, CometBFT state, the
consensus WAL, indexes and the application database) and reset the consensus
key's last-signed state, so the node starts again from genesis. Keys,
genesis.json, config.toml and app.toml are kept. The address book is deleted
unless --keep-addr-book is given.

Unsafe: a validator that signs the same heights again on a live chain can be
punished for double signing. Stop the node first.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			home := homeDir(cmd)
			c, err := config.LoadCometConfig(home)
			if err != nil {
				return err
			}
			keepAddrBook, _ := cmd.Flags().GetBool("keep-addr-book")
			if _, err := config.LoadValidatorPubKey(c.PrivValidatorKeyFile()); err != nil {
				return err
			}
			if !keepAddrBook {
				if err := os.Remove(c.P2P.AddrBookFile()); err != nil && !errors.Is(err, os.ErrNotExist) {
					return err
				}
			}
			if err := os.RemoveAll(c.DBDir()); err != nil {
				return fmt.Errorf("remove %s: %w", c.DBDir(), err)
			}
			if err := os.MkdirAll(c.DBDir(), cmtcfg.DefaultDirPerm); err != nil {
				return err
			}
			privval.LoadFilePVEmptyState(c.PrivValidatorKeyFile(), c.PrivValidatorStateFile()).Reset()
			fmt.Fprintf(cmd.OutOrStdout(), "Removed %s and reset %s\n", c.DBDir(), c.PrivValidatorStateFile())
			return nil
		},
	}
	cmd.Flags().Bool("keep-addr-book", false, "keep the address book")
	return cmd
}
