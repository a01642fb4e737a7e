package app

// decodeKey names a decoding: the tx bytes' hash and the limits it was
// decoded under (governance can change them).
type decodeKey struct {
	hash [32]byte
	lim  txLimits
}

// decodeCache keeps recently decoded transactions. A node decodes each tx
// in CheckTx, in every recheck while it waits in the mempool, in the
// proposal and in the block; decoding (protobuf, message routing, public
// key checks) was a tenth of a validator's CPU under load. Decoding is a
// pure function of the bytes and limits, so the cache changes no outcome.
type decodeCache = boundedMap[decodeKey, *Tx]

// decodeCacheSize is how many decoded transactions the cache holds for a
// mempool of the given size: two generations (boundedMap) of twice the
// mempool each. Every tx in the mempool is read at each recheck, and between
// two rechecks at most a mempool's worth of new ones arrive, so none of them
// ages out of the older generation before it is read again. With generations
// no larger than the mempool, a recheck of a full mempool pushed its own
// first entries out before the next one: under saturation a validator
// decoded 82,000 transactions in 25 seconds where 46,000 were new to it.
// The decodings of a block's transactions are dropped when it is executed
// (forgetDecoded), so the cache holds little more than the mempool.
func decodeCacheSize(mempool int) int { return 4 * mempool }

// defaultMempoolSize is CometBFT's default mempool.size.
const defaultMempoolSize = 5_000

func mempoolSize(cfg Config) int {
	if cfg.MempoolSize > 0 {
		return cfg.MempoolSize
	}
	return defaultMempoolSize
}

func newDecodeCache(max int) *decodeCache { return newBoundedMap[decodeKey, *Tx](max) }

// forgetDecoded drops the decodings of a block's transactions, decoded under
// lim, and their CheckTx records: once executed they are not decoded or
// checked again, unless sent again, when they fail on their sequence.
func (a *App) forgetDecoded(txs []*Tx, lim txLimits) {
	for _, tx := range txs {
		if tx != nil {
			a.decoded.remove(decodeKey{hash: tx.Hash, lim: lim})
			if a.checked != nil {
				a.checked.remove(tx.Hash)
			}
		}
	}
}
