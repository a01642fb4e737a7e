package app

import (
	"context"
	"fmt"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/ethereum/go-ethereum/common"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/staking"
)

// FinalizeBlock executes a decided block: the block function runs
// single-threaded and deterministically (begin-block steps, the transactions
// in order, end-block steps, and the app hash of the resulting state), while
// other cores check the signatures of the block's last transactions,
// warming the signature cache ahead of it.
func (a *App) FinalizeBlock(_ context.Context, req *abci.RequestFinalizeBlock) (*abci.ResponseFinalizeBlock, error) {
	if want := a.tree.Version() + 1; req.Height != want {
		return nil, fmt.Errorf("FinalizeBlock at height %d, expected %d", req.Height, want)
	}
	st := a.block
	if st == nil {
		st = store.NewCache(a.tree.Latest())
	}
	b := core.Block{ChainID: a.chainID, Height: req.Height, Time: req.Time}
	st.Set(blockTimeKey, encodeInt64(req.Time.UnixNano()))
	a.evm.RecordBlockHash(st, uint64(req.Height), common.BytesToHash(req.Hash))

	lim := a.limits(st, false)
	txs, decodeErrs := a.decodeBlock(req.Txs, lim)
	// The checks read the committed state, not st, which the block
	// function writes meanwhile; at height 1 that is empty, and the block
	// function checks the genesis accounts' signatures itself.
	stop := a.verifyFromTheEnd(a.tree.Latest(), txs)
	begin := beginBlockInfo{votes: req.DecidedLastCommit.Votes, misbehavior: req.Misbehavior}
	results, updates, events := a.executeBlock(st, b, begin, txs, decodeErrs)
	stop()
	a.forgetDecoded(txs, lim)

	a.block = st
	hash := a.tree.Apply(st.Changes())
	return &abci.ResponseFinalizeBlock{TxResults: results, ValidatorUpdates: validatorUpdates(updates), Events: events, AppHash: hash}, nil
}

// executeBlock is the deterministic block function: it applies the block's
// transactions to st in order and returns their results.
//
// CONTRACT: no I/O, goroutines, clock or randomness here; signature results
// come from the cache, which holds only facts.
func (a *App) executeBlock(st store.Writer, b core.Block, begin beginBlockInfo, txs []*Tx, decodeErrs []error) ([]*abci.ExecTxResult, []staking.ValidatorUpdate, []core.Event) {
	var ev core.Events
	a.beginBlock(st, &ev, b, begin)
	results := make([]*abci.ExecTxResult, len(txs))
	for i, tx := range txs {
		if decodeErrs[i] != nil {
			space, code, log := core.ABCIInfo(decodeErrs[i])
			results[i] = &abci.ExecTxResult{Code: code, Codespace: space, Log: log}
			continue
		}
		res := a.runTx(modeDeliver, st, b, tx)
		results[i] = execResult(res)
	}
	updates := a.endBlock(st, &ev, b)
	return results, updates, ev.List()
}

// beginBlockInfo is what CometBFT tells of the previous block.
type beginBlockInfo struct {
	votes       []abci.VoteInfo
	misbehavior []abci.Misbehavior
}

// beginBlock runs the begin-of-block steps in this order: slashing
// (double-sign evidence, then liveness of the last commit's signers), then
// minting into the fee collector, then the allocation of the fee
// collector's coins to the validators that signed the last block.
func (a *App) beginBlock(st store.Writer, ev *core.Events, b core.Block, info beginBlockInfo) {
	// A validator missed the block only if its vote is absent; a nil vote
	// still shows it online.
	live := make([]core.Vote, len(info.votes))
	for i, v := range info.votes {
		live[i] = core.Vote{ConsAddr: v.Validator.Address, Power: v.Validator.Power, Signed: v.BlockIdFlag != cmtproto.BlockIDFlagAbsent}
	}
	evidence := make([]core.Misbehavior, len(info.misbehavior))
	for i, m := range info.misbehavior {
		kind := core.DuplicateVote
		if m.Type == abci.MisbehaviorType_LIGHT_CLIENT_ATTACK {
			kind = core.LightClientAttack
		}
		evidence[i] = core.Misbehavior{Kind: kind, ConsAddr: m.Validator.Address, Power: m.Validator.Power, Height: m.Height, Time: m.Time}
	}
	a.slashing.BeginBlock(st, ev, b, live, evidence, decodeEvidenceAge(st.Get(evidenceAgeKey)))
	a.mint.BeginBlock(st, ev, b)
	// Rewards go to those whose signature is in the commit.
	signers := make([]core.Vote, len(info.votes))
	for i, v := range info.votes {
		signers[i] = core.Vote{ConsAddr: v.Validator.Address, Power: v.Validator.Power, Signed: v.BlockIdFlag == cmtproto.BlockIDFlagCommit}
	}
	a.distribution.BeginBlock(st, ev, b, signers)
}

// endBlock runs the end-of-block steps in this order: staking (validator
// set, then matured unbondings and redelegations), then governance (ended
// deposit and voting periods, tallies, and the execution of the proposals
// that passed; a parameter change of staking takes effect in the next
// block's set update).
func (a *App) endBlock(st store.Writer, ev *core.Events, b core.Block) []staking.ValidatorUpdate {
	updates := a.staking.EndBlock(st, ev, b)
	passed, err := a.gov.EndBlock(st, ev, b)
	if err != nil {
		panic(fmt.Sprintf("gov end block: %v", err))
	}
	a.executeProposals(st, ev, b, passed)
	return updates
}

func execResult(res txResult) *abci.ExecTxResult {
	out := &abci.ExecTxResult{
		GasWanted: int64(res.gasWanted),
		GasUsed:   int64(res.gasUsed),
		Events:    res.events,
		Data:      res.data,
	}
	if res.err != nil {
		out.Codespace, out.Code, out.Log = core.ABCIInfo(res.err)
	}
	return out
}

// validatorUpdates converts staking's validator set changes for CometBFT.
func validatorUpdates(ups []staking.ValidatorUpdate) []abci.ValidatorUpdate {
	out := make([]abci.ValidatorUpdate, len(ups))
	for i, u := range ups {
		out[i] = abci.Ed25519ValidatorUpdate(u.PubKey, u.Power)
	}
	return out
}
