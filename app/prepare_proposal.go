package app

import (
	"context"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/stakechain/stakechain/app/store"
)

// maxOrderingPasses bounds how often PrepareProposal goes back over the
// transactions it set aside for coming before their predecessor.
const maxOrderingPasses = 4

// PrepareProposal takes mempool transactions while they fit the block's
// byte and gas limits, dropping any that no longer decode. It also keeps
// each signer's transactions in sequence order: the mempools of different
// nodes can receive one account's transactions out of order (through
// different peers, or around a recheck), and a tx placed before its
// predecessor would only fail in the block. Such a tx is set aside and
// placed once its predecessor is in; what cannot be placed waits in the
// mempool for a later block.
func (a *App) PrepareProposal(_ context.Context, req *abci.RequestPrepareProposal) (*abci.ResponsePrepareProposal, error) {
	base := a.proposalBase()
	lim := a.limits(base, false)
	p := proposal{app: a, base: base, next: map[string]uint64{}, maxBytes: req.MaxTxBytes}

	pending := make([]*Tx, 0, len(req.Txs))
	for _, bz := range req.Txs {
		tx, err := a.decodeTx(bz, lim)
		if err != nil {
			continue
		}
		pending = append(pending, tx)
	}
	for pass := 0; pass < maxOrderingPasses && len(pending) > 0 && !p.full; pass++ {
		var aside []*Tx
		for _, tx := range pending {
			if p.full {
				break
			}
			if !p.inOrder(tx) {
				aside = append(aside, tx)
				continue
			}
			p.add(tx)
		}
		if len(aside) == len(pending) {
			break // nothing moved: the rest waits for a later block
		}
		pending = aside
	}
	return &abci.ResponsePrepareProposal{Txs: p.txs}, nil
}

// proposal is a block being assembled by PrepareProposal.
type proposal struct {
	app       *App
	base      store.Reader
	next      map[string]uint64 // next sequence of each signer seen so far
	txs       [][]byte
	size, gas int64
	maxBytes  int64
	full      bool
}

// sequence is the next sequence of signer: as counted in this proposal, or
// from the state; ok is false for an account the state does not know yet.
func (p *proposal) sequence(signer []byte) (uint64, bool) {
	if s, ok := p.next[string(signer)]; ok {
		return s, true
	}
	acc := p.app.auth.Account(p.base, signer)
	if acc == nil {
		return 0, false
	}
	return acc.Sequence, true
}

// inOrder reports whether every signer of tx is at the sequence tx carries.
func (p *proposal) inOrder(tx *Tx) bool {
	for i, signer := range tx.Signers {
		want, known := p.sequence(signer)
		if known && tx.sequence(i) != want {
			return false
		}
	}
	return true
}

// add places tx if it fits the byte and gas limits.
func (p *proposal) add(tx *Tx) {
	n := protoTxSize(len(tx.raw))
	if p.size+n > p.maxBytes {
		p.full = true
		return
	}
	if p.app.maxBlockGas > 0 && int64(tx.GasLimit) > p.app.maxBlockGas-p.gas {
		return
	}
	p.size += n
	p.gas += int64(tx.GasLimit)
	p.txs = append(p.txs, tx.raw)
	for i, signer := range tx.Signers {
		p.next[string(signer)] = tx.sequence(i) + 1
	}
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
