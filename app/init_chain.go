package app

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/core"
)

// InitChain writes the genesis state. It becomes part of the first block's
// version: the block state starts from it, and the app hash returned here
// commits to it.
func (a *App) InitChain(_ context.Context, req *abci.RequestInitChain) (*abci.ResponseInitChain, error) {
	if a.tree.Version() != 0 {
		return nil, fmt.Errorf("InitChain on a chain at height %d", a.tree.Version())
	}
	if req.InitialHeight > 1 {
		return nil, fmt.Errorf("initial height %d is not supported; genesis must start at height 1", req.InitialHeight)
	}
	if req.ChainId == "" {
		return nil, fmt.Errorf("empty chain id")
	}
	g, err := readCheckedGenesis(req.AppStateBytes)
	if err != nil {
		return nil, err
	}
	w := store.NewBulkCache(a.tree.Latest())
	w.Set(chainIDKey, []byte(req.ChainId))
	maxGas := int64(-1)
	if req.ConsensusParams != nil && req.ConsensusParams.Block != nil {
		maxGas = req.ConsensusParams.Block.MaxGas
	}
	w.Set(maxBlockGasKey, encodeInt64(maxGas))
	if err := a.initModules(w, &g); err != nil {
		return nil, err
	}
	age := core.EvidenceAge{MaxAgeNumBlocks: 100_000, MaxAgeDuration: 48 * time.Hour}
	if cp := req.ConsensusParams; cp != nil && cp.Evidence != nil {
		age = core.EvidenceAge{MaxAgeNumBlocks: cp.Evidence.MaxAgeNumBlocks, MaxAgeDuration: cp.Evidence.MaxAgeDuration}
	}
	w.Set(evidenceAgeKey, encodeEvidenceAge(age))
	a.chainID = req.ChainId
	b := core.Block{ChainID: req.ChainId, Height: 0, Time: req.Time}
	for i, s := range g.Genutil.GenTxs {
		bz, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, fmt.Errorf("gentx %d: %w", i, err)
		}
		tx, err := a.decodeTx(bz, a.limits(w, false))
		if err != nil {
			return nil, fmt.Errorf("gentx %d: %w", i, err)
		}
		if res := a.runTx(modeGenesis, w, b, tx); res.err != nil {
			return nil, fmt.Errorf("gentx %d: %w", i, res.err)
		}
	}
	var ev core.Events
	updates := a.staking.EndBlock(w, &ev, b)
	// The genesis state is held once, as a sorted list that the first
	// block's state and the mempool's each read through a cache of their
	// own (the block state is written by the consensus connection while
	// CheckTx reads), and which the tree keeps, until block 1's writes are
	// applied, to build its first version from.
	changes := w.TakeChanges()
	genesis := store.NewOverlay(a.tree.Latest(), changes)
	a.maxBlockGas = maxGas
	a.block = store.NewCache(genesis)
	hash := a.tree.Apply(changes)
	a.checkMu.Lock()
	a.checkState = store.NewCache(genesis)
	a.checkMu.Unlock()
	a.log.Info("genesis loaded", "chain_id", req.ChainId, "app_hash", fmt.Sprintf("%X", hash))
	return &abci.ResponseInitChain{AppHash: hash, Validators: validatorUpdates(updates)}, nil
}

// initModules writes each module's genesis, in dependency order: accounts,
// balances, then the modules that hold balances or read stake.
func (a *App) initModules(w store.Writer, g *genesisDoc) error {
	steps := []struct {
		module string
		init   func() error
	}{
		{"auth", func() error { return a.auth.WriteGenesis(w, g.Auth.Params, g.accounts()) }},
		{"bank", func() error { return a.bank.WriteGenesis(w, g.Bank.Params, g.balances()) }},
		{"staking", func() error { return a.staking.InitGenesis(w, g.Staking) }},
		{"slashing", func() error { return a.slashing.InitGenesis(w, g.Slashing) }},
		{"mint", func() error { return a.mint.InitGenesis(w, g.Mint) }},
		{"distribution", func() error { return a.distribution.InitGenesis(w, g.Distribution) }},
		{"token", func() error { return a.token.InitGenesis(w, g.Token) }},
		{"ballot", func() error { return a.ballot.InitGenesis(w, g.Ballot) }},
		{"gov", func() error { return a.gov.InitGenesis(w, g.Gov) }},
		{"evm", func() error {
			if denom := a.evm.Ledger().Denom; g.Staking.Params.BondDenom != denom {
				return fmt.Errorf("the EVM counts balances in %s, so the staking bond denom must be %s, not %s", denom, denom, g.Staking.Params.BondDenom)
			}
			return a.evm.InitGenesis(w, g.EVM)
		}},
	}
	for _, s := range steps {
		if err := s.init(); err != nil {
			return fmt.Errorf("%s genesis: %w", s.module, err)
		}
	}
	return nil
}

// encodeEvidenceAge stores the consensus evidence limits, which InitChain
// gets and FinalizeBlock does not, as the tendermint.types.EvidenceParams
// CometBFT itself keeps them in (max_bytes, which the application does not
// use, is zero).
func encodeEvidenceAge(a core.EvidenceAge) []byte {
	bz, err := (&cmtproto.EvidenceParams{MaxAgeNumBlocks: a.MaxAgeNumBlocks, MaxAgeDuration: a.MaxAgeDuration}).Marshal()
	if err != nil {
		panic(fmt.Sprintf("app: encode evidence age: %v", err))
	}
	return bz
}

func decodeEvidenceAge(bz []byte) core.EvidenceAge {
	if bz == nil {
		panic("app: evidence age missing from state")
	}
	var m cmtproto.EvidenceParams
	if err := m.Unmarshal(bz); err != nil {
		panic(fmt.Sprintf("app: corrupt evidence age: %v", err))
	}
	return core.EvidenceAge{MaxAgeNumBlocks: m.MaxAgeNumBlocks, MaxAgeDuration: m.MaxAgeDuration}
}

func encodeInt64(v int64) []byte { return binary.BigEndian.AppendUint64(nil, uint64(v)) }

func decodeInt64(bz []byte) int64 {
	if len(bz) != 8 {
		return -1
	}
	return int64(binary.BigEndian.Uint64(bz))
}
