// Package app is the StakeChain ABCI application: it decodes and
// authenticates transactions, routes messages to the modules in x/, runs the
// block lifecycle and commits state through app/store.
//
// Concurrency: CometBFT calls the application on separate connections
// (consensus, mempool, query) that may run at the same time. The consensus
// connection owns the block state (FinalizeBlock, Commit); the mempool
// connection owns the check-state under checkMu; queries read committed,
// immutable versions of the tree.
package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	dbm "github.com/cometbft/cometbft-db"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cometbft/cometbft/libs/log"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/ballot"
	"github.com/stakechain/stakechain/x/bank"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/distribution"
	"github.com/stakechain/stakechain/x/evm"
	"github.com/stakechain/stakechain/x/gov"
	"github.com/stakechain/stakechain/x/mint"
	"github.com/stakechain/stakechain/x/slashing"
	"github.com/stakechain/stakechain/x/staking"
	"github.com/stakechain/stakechain/x/token"
)

// Name is the application name reported by Info.
const Name = "stakechain"

// AppVersion is the application protocol version reported by Info.
const AppVersion = 1

// Config is what the node hands the application at start.
type Config struct {
	// DB holds the state tree. The application owns it after New.
	DB dbm.DB
	// Logger receives the application's log lines.
	Logger log.Logger
	// MinGasPrices is the node's minimum gas price for CheckTx, such as
	// "0ustake" or "0.025ustake"; empty means zero.
	MinGasPrices string
	// PruningKeepRecent is how many recent state versions are kept; 0 keeps
	// every version.
	PruningKeepRecent int64
	// PruningInterval is how often, in blocks, old versions are pruned.
	PruningInterval int64
	// MinRetainBlocks is how many recent blocks CometBFT is told to keep;
	// 0 keeps all.
	MinRetainBlocks int64
	// TreeCacheNodes and TreeReadCacheNodes are the sizes of the state
	// tree's node caches for writing and for reading, and LatestValues that
	// of its cache of latest values (-1 turns it off); 0 means the store's
	// default.
	TreeCacheNodes, TreeReadCacheNodes, LatestValues int
	// StoreBackend is how the state tree is kept (store.Backend); empty
	// means the memory backend.
	StoreBackend store.Backend
	// MempoolSize is how many transactions the node's mempool holds
	// (CometBFT's mempool.size); the caches of decoded transactions and of
	// verified signatures are sized from it. 0 means CometBFT's default.
	MempoolSize int
	// Version is the software version reported by Info.
	Version string
	// InvariantsQuery turns on the abci_query path InvariantsPath, which
	// reads the whole state; off, the path answers an error.
	InvariantsQuery bool
}

// App is the StakeChain application.
type App struct {
	abci.BaseApplication

	cfg          Config
	log          log.Logger
	tree         store.Tree
	minGasPrices []core.DecCoin

	auth         auth.Keeper
	bank         bank.Keeper
	staking      staking.Keeper
	slashing     slashing.Keeper
	mint         mint.Keeper
	distribution distribution.Keeper
	token        token.Keeper
	ballot       ballot.Keeper
	gov          gov.Keeper
	evm          evm.Keeper
	router       router
	feeCollector authtypes.Address
	// feeCollectorText is feeCollector.String(), which every fee's events show.
	feeCollectorText string

	sigs    *sigCache
	decoded *decodeCache
	checked *checkRecords // what each tx read and wrote in CheckTx
	// checkReplays counts the checks answered from a record; under checkMu.
	checkReplays uint64
	queries      map[string]queryHandler

	// chainID is set by InitChain or read from state at start; it does not
	// change afterwards.
	chainID string

	// Consensus connection state.
	block       *store.Cache // writes of the block being finalized
	blockHeight int64
	maxBlockGas int64

	// Mempool connection state.
	checkMu    sync.Mutex
	checkState *store.Cache // pending state of the mempool
	pending    pendingSequences
}

// The application's own keys: the chain id as text, the block gas limit
// and the block time (Unix nanoseconds) as 8 big-endian bytes, the evidence
// age as a tendermint.types.EvidenceParams.
var (
	chainIDKey     = []byte("app/chain_id")
	maxBlockGasKey = []byte("app/max_block_gas")
	evidenceAgeKey = []byte("app/evidence_age")
	blockTimeKey   = []byte("app/block_time")
)

// New opens the application's state in cfg.DB.
func New(cfg Config) (*App, error) {
	if cfg.DB == nil {
		return nil, errors.New("app: no database")
	}
	if cfg.Logger == nil {
		cfg.Logger = log.NewNopLogger()
	}
	prices, err := core.ParseDecCoins(cfg.MinGasPrices)
	if err != nil {
		return nil, fmt.Errorf("minimum gas prices: %w", err)
	}
	tree, err := store.Open(cfg.DB, store.Options{
		Backend:    cfg.StoreBackend,
		KeepRecent: cfg.PruningKeepRecent, PruneInterval: cfg.PruningInterval, Logger: cfg.Logger,
		CacheSize: cfg.TreeCacheNodes, ReadCacheSize: cfg.TreeReadCacheNodes, ValueCacheSize: cfg.LatestValues,
	})
	if err != nil {
		return nil, fmt.Errorf("open state: %w", err)
	}
	// Keepers in dependency order: each takes the ones below it.
	modules := []auth.ModuleAccountSpec{{Name: auth.FeeCollectorName}}
	modules = append(modules, staking.ModuleAccounts()...)
	modules = append(modules, mint.ModuleAccounts()...)
	modules = append(modules, distribution.ModuleAccounts()...)
	modules = append(modules, token.ModuleAccounts()...)
	modules = append(modules, gov.ModuleAccounts()...)
	modules = append(modules, evm.ModuleAccounts()...)
	ak := auth.NewKeeper(modules...)
	bk := bank.NewKeeper(ak)
	sk := staking.NewKeeper(ak, bk)
	mk := mint.NewKeeper(bk, sk)
	dk := distribution.NewKeeper(bk, sk)
	tk := token.NewKeeper(ak, bk)
	blk := ballot.NewKeeper(sk)
	gk := gov.NewKeeper(bk, sk)
	// The EVM counts balances in the bond denom; InitChain refuses a
	// genesis with another.
	ek := evm.NewKeeper(ak, bk, staking.DefaultParams().BondDenom)
	slk := slashing.NewKeeper(sk, func(w store.Writer, ev *core.Events, del, val authtypes.Address) {
		if _, err := dk.SettleDelegation(w, ev, del, val); err != nil {
			panic(fmt.Sprintf("settle rewards before a slash: %v", err))
		}
	})
	a := &App{
		cfg:          cfg,
		log:          cfg.Logger.With("module", "app"),
		tree:         tree,
		minGasPrices: prices,
		auth:         ak,
		bank:         bk,
		staking:      sk,
		slashing:     slk,
		mint:         mk,
		distribution: dk,
		token:        tk,
		ballot:       blk,
		gov:          gk,
		evm:          ek,
		router:       newRouter(keepers{auth: ak, bank: bk, staking: sk, slashing: slk, distribution: dk, token: tk, ballot: blk, gov: gk, mint: mk}),
		feeCollector: authtypes.ModuleAddress(auth.FeeCollectorName),
		sigs:         newSigCache(sigCacheSizeFor(mempoolSize(cfg))),
		decoded:      newDecodeCache(decodeCacheSize(mempoolSize(cfg))),
		checked:      newCheckRecords(decodeCacheSize(mempoolSize(cfg))),
	}
	a.feeCollectorText = a.feeCollector.String()
	a.queries = a.queryRoutes()
	latest := tree.Latest()
	if tree.Version() > 0 && !ek.HasParams(latest) {
		_ = tree.Close()
		return nil, fmt.Errorf("the state at height %d was written by a version of stakechain without the EVM, which this one cannot continue: start a new network (for a localnet: make localnet-stop, then remove its directory)", tree.Version())
	}
	a.chainID = string(latest.Get(chainIDKey))
	a.maxBlockGas = decodeInt64(latest.Get(maxBlockGasKey))
	a.checkState = store.NewCache(latest)
	a.log.Info("state loaded", "height", tree.Version(), "app_hash", fmt.Sprintf("%X", tree.Hash()), "chain_id", a.chainID)
	return a, nil
}

// Close releases the database.
func (a *App) Close() error {
	err := a.tree.Close()
	if dbErr := a.cfg.DB.Close(); err == nil {
		err = dbErr
	}
	return err
}

// Info tells CometBFT the last committed height and app hash, from which its
// handshake replays any blocks the application has not committed.
func (a *App) Info(_ context.Context, _ *abci.RequestInfo) (*abci.ResponseInfo, error) {
	v := a.tree.Version()
	res := &abci.ResponseInfo{
		Data:            Name,
		Version:         a.cfg.Version,
		AppVersion:      AppVersion,
		LastBlockHeight: v,
	}
	if v > 0 {
		res.LastBlockAppHash = a.tree.Hash()
	}
	return res, nil
}

// proposalBase is the state a proposal for the next height builds on: the
// last committed version, or before the first block the genesis state.
// Only the consensus connection calls it.
func (a *App) proposalBase() store.Reader {
	if a.block != nil {
		return a.block
	}
	return a.tree.Latest()
}

// checkBlock is the block facts CheckTx and simulation run with: the next
// height and, as its time is not known yet, the last block's time.
func (a *App) checkBlock() core.Block {
	latest := a.tree.Latest()
	var t time.Time
	if bz := latest.Get(blockTimeKey); bz != nil {
		t = time.Unix(0, decodeInt64(bz)).UTC()
	}
	return core.Block{ChainID: a.chainID, Height: a.checkHeight(), Time: t}
}

// checkHeight is the height of checkBlock: the next block's.
func (a *App) checkHeight() int64 { return a.tree.Version() + 1 }

func (a *App) limits(r store.Reader, simulate bool) txLimits {
	p := a.auth.Params(r)
	return txLimits{maxTxBytes: p.MaxTxBytes, maxMemo: p.MaxMemoCharacters, maxMsgs: p.MaxMsgsPerTx, maxSigs: p.TxSigLimit, simulate: simulate,
		evmChainID: a.evm.Params(r).ChainID}
}
