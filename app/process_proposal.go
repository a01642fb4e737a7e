package app

import (
	"context"
	"fmt"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/stakechain/stakechain/x/auth"
)

// ProcessProposal accepts a proposed block only if every transaction decodes,
// passes the stateless checks, and carries valid signatures for the signers
// known to the last committed state, and the block is within its gas limit.
// It changes no state; a panic is a rejection.
func (a *App) ProcessProposal(_ context.Context, req *abci.RequestProcessProposal) (resp *abci.ResponseProcessProposal, err error) {
	reject := func(reason string, args ...any) (*abci.ResponseProcessProposal, error) {
		a.log.Info("rejecting proposal", "height", req.Height, "reason", fmt.Sprintf(reason, args...))
		return &abci.ResponseProcessProposal{Status: abci.ResponseProcessProposal_REJECT}, nil
	}
	defer func() {
		if r := recover(); r != nil {
			resp, err = reject("panic: %v", r)
		}
	}()
	latest := a.proposalBase()
	lim := a.limits(latest, false)
	txs, errs := a.decodeBlock(req.Txs, lim)
	var gas int64
	for i, tx := range txs {
		if errs[i] != nil {
			return reject("tx %d: %v", i, errs[i])
		}
		// Checked per tx, so that the sum cannot wrap around: each gas
		// limit is at most maxGasLimit, but a block may hold many.
		if a.maxBlockGas > 0 && int64(tx.GasLimit) > a.maxBlockGas-gas {
			return reject("block gas is above the limit %d at tx %d", a.maxBlockGas, i)
		}
		gas += int64(tx.GasLimit)
	}
	defer a.verifyFromTheEnd(latest, txs)()
	for i, tx := range txs {
		if tx.Eth != nil {
			continue // its sender was recovered from its signature when decoded
		}
		for j, signer := range tx.Signers {
			acc := a.auth.Account(latest, signer)
			if acc == nil {
				continue // created within the block; checked when executed
			}
			pk, err := auth.PubKey(acc)
			if err != nil {
				return reject("tx %d: %v", i, err)
			}
			if pk == nil {
				pk = tx.PubKeys[j]
			}
			if pk == nil {
				continue // an invalid tx, but one that fails when executed
			}
			if !a.verifySignature(tx, j, acc.AccountNumber, pk) {
				return reject("tx %d: invalid signature of signer %d", i, j)
			}
		}
	}
	return &abci.ResponseProcessProposal{Status: abci.ResponseProcessProposal_ACCEPT}, nil
}
