package app

import (
	"context"

	abci "github.com/cometbft/cometbft/abci/types"
)

// PrepareProposal takes mempool transactions in order while they fit the
// block's byte limit and gas limit, dropping any that no longer decode.
func (a *App) PrepareProposal(_ context.Context, req *abci.RequestPrepareProposal) (*abci.ResponsePrepareProposal, error) {
	lim := a.limits(a.proposalBase(), false)
	out := make([][]byte, 0, len(req.Txs))
	var size, gas int64
	for _, bz := range req.Txs {
		n := protoTxSize(len(bz))
		if size+n > req.MaxTxBytes {
			break
		}
		tx, err := a.decodeTx(bz, lim)
		if err != nil {
			continue
		}
		if a.maxBlockGas > 0 && gas+int64(tx.GasLimit) > a.maxBlockGas {
			continue
		}
		size += n
		gas += int64(tx.GasLimit)
		out = append(out, bz)
	}
	return &abci.ResponsePrepareProposal{Txs: out}, nil
}

// protoTxSize is the size a tx of n bytes takes in a block's data: the
// bytes, a field tag and a varint length, as CometBFT counts it.
func protoTxSize(n int) int64 {
	size := int64(n) + 1
	for v := uint64(n); ; v >>= 7 {
		size++
		if v < 0x80 {
			break
		}
	}
	return size
}
