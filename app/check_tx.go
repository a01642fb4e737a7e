package app

import (
	"context"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/stakechain/stakechain/x/core"
)

// CheckTx admits a transaction to the mempool if it would succeed on the
// check-state: the committed state plus the transactions already admitted.
// An admitted tx's effects (fee paid, sequence, transfers) stay in the
// check-state, so one account can have many transactions in one block. A
// tx checked again (the recheck after a block) may replay its recorded
// effects instead of running (checkrecord.go).
func (a *App) CheckTx(_ context.Context, req *abci.RequestCheckTx) (*abci.ResponseCheckTx, error) {
	a.checkMu.Lock()
	defer a.checkMu.Unlock()
	st := a.checkState
	tx, err := a.decodeTx(req.Tx, a.limits(st, false))
	if err != nil {
		return checkTxError(err, 0, 0), nil
	}
	res := a.checkRun(st, tx)
	if res.err != nil {
		return checkTxError(res.err, res.gasWanted, res.gasUsed), nil
	}
	a.pending.admit(tx)
	return &abci.ResponseCheckTx{Code: abci.CodeTypeOK, GasWanted: int64(res.gasWanted), GasUsed: int64(res.gasUsed)}, nil
}

func checkTxError(err error, wanted, used uint64) *abci.ResponseCheckTx {
	space, code, log := core.ABCIInfo(err)
	return &abci.ResponseCheckTx{Code: code, Codespace: space, Log: log, GasWanted: int64(wanted), GasUsed: int64(used)}
}
