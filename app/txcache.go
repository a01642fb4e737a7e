package app

import "sync"

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
// It is bounded: the oldest quarter goes when it is full.
type decodeCache struct {
	mu      sync.Mutex
	entries map[decodeKey]*Tx // guarded by mu
	order   []decodeKey       // insertion order; guarded by mu
	max     int
}

func newDecodeCache(max int) *decodeCache {
	return &decodeCache{entries: make(map[decodeKey]*Tx), max: max}
}

func (c *decodeCache) get(k decodeKey) *Tx {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.entries[k]
}

func (c *decodeCache) add(k decodeKey, tx *Tx) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[k]; ok {
		return
	}
	if len(c.order) >= c.max {
		drop := c.order[:c.max/4]
		for _, old := range drop {
			delete(c.entries, old)
		}
		c.order = append(c.order[:0], c.order[len(drop):]...)
	}
	c.entries[k] = tx
	c.order = append(c.order, k)
}
