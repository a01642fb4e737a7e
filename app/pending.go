package app

import (
	abci "github.com/cometbft/cometbft/abci/types"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// PendingAccount is an account as the mempool's check-state sees it: the
// committed state plus the transactions the mempool has admitted. A client
// signs its next transaction with it, so that it can send several before a
// block includes the first.
type PendingAccount struct {
	AccountNumber uint64
	// Sequence is the sequence the account's next transaction must carry.
	Sequence uint64
	// Committed reports whether the account exists in the last committed
	// state. One that only the check-state holds was created by an
	// admitted transfer, and its number is provisional until a block
	// creates it: the block may create other accounts first.
	Committed bool
}

// pendingSequences remembers, for each signer of a transaction admitted
// since the last Commit, the sequence that follows it (under checkMu).
//
// Commit restarts the check-state from the committed state, and CometBFT
// then rechecks the transactions left in the mempool, which puts their
// sequences back; until it has, the check-state alone would answer a
// sequence the mempool has already used. So Commit keeps the sequences
// admitted before it (carried), and the pending sequence is the larger of
// the check-state's and the carried one. The carried ones are replaced at
// the next Commit: a transaction the recheck evicted can make one answer too
// high for at most one block.
type pendingSequences struct {
	admitted map[string]uint64
	carried  map[string]uint64
}

// admit records the sequences that follow tx's signers. CONTRACT: under
// checkMu, for a tx the check-state has just admitted.
func (p *pendingSequences) admit(tx *Tx) {
	if p.admitted == nil {
		p.admitted = make(map[string]uint64)
	}
	for i, s := range tx.Signers {
		next := tx.sequence(i) + 1
		if k := string(s); next > p.admitted[k] {
			p.admitted[k] = next
		}
	}
}

// roll starts a new block interval: what was admitted is carried.
// CONTRACT: under checkMu.
func (p *pendingSequences) roll() {
	p.carried, p.admitted = p.admitted, nil
}

// PendingAccount returns the account at addr as the mempool's check-state
// sees it, and false if neither that state nor the committed one holds it.
// It is safe to call at any time: it takes the check-state's lock.
func (a *App) PendingAccount(addr authtypes.Address) (PendingAccount, bool) {
	committed := a.auth.HasAccount(a.tree.Latest(), addr)
	a.checkMu.Lock()
	defer a.checkMu.Unlock()
	acc := a.auth.Account(a.checkState, addr)
	if acc == nil {
		return PendingAccount{}, false
	}
	seq := acc.Sequence
	if carried := a.pending.carried[string(addr)]; carried > seq {
		seq = carried
	}
	return PendingAccount{AccountNumber: acc.AccountNumber, Sequence: seq, Committed: committed}, true
}

// queryPendingAccount answers authtypes.QueryPathPendingAccount. The
// pending state has no height: the query takes none, and answers with the
// last committed height under the pending transactions.
func (a *App) queryPendingAccount(req *abci.RequestQuery, height int64) *abci.ResponseQuery {
	if req.Height != 0 {
		return queryError(core.ErrInvalidRequest.Wrapf("%s reads the pending state, which has no height: ask without one", req.Path), height)
	}
	var q authtypes.QueryPendingAccountRequest
	if err := q.Unmarshal(req.Data); err != nil {
		return queryError(core.ErrTxDecode.Wrapf("query request: %v", err), height)
	}
	addr, err := authtypes.ParseAccountInput(q.Address)
	if err != nil {
		return queryError(core.ErrInvalidAddress.Wrap(err.Error()), height)
	}
	acc, ok := a.PendingAccount(addr)
	switch {
	case !ok:
		// Cosmos clients recognise a missing account by this text.
		return queryError(core.ErrNotFound.Wrapf("rpc error: code = NotFound desc = account %s not found", q.Address), height)
	case !acc.Committed:
		return queryError(core.ErrNotFound.Wrapf("rpc error: code = NotFound desc = account %s is not in a block yet: the transfer that creates it is still pending, and its account number is known once it is", q.Address), height)
	}
	bz, err := (&authtypes.QueryPendingAccountResponse{AccountNumber: acc.AccountNumber, Sequence: acc.Sequence}).Marshal()
	if err != nil {
		return queryError(core.ErrInternal.Wrap(err.Error()), height)
	}
	return &abci.ResponseQuery{Code: abci.CodeTypeOK, Value: bz, Height: height}
}
