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

// decodeCacheSize is how many decoded transactions the cache holds: twice a
// mempool of 10,000.
const decodeCacheSize = 20_000

func newDecodeCache(max int) *decodeCache { return newBoundedMap[decodeKey, *Tx](max) }
