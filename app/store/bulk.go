package store

import (
	"bytes"
	"hash/maphash"
	"slices"
)

// BulkCache is a write buffer for loading millions of keys at once: a new
// chain's genesis. It reads and writes as a Cache does, and costs about half
// the memory: its writes are one list of changes, each key once, found
// through an index of list positions, where a Cache keeps a map and then a
// sorted copy of it. TakeChanges sorts the list in place and hands it over.
//
// The index's hash is seeded per BulkCache, so a key's slot differs between
// nodes; which value a key holds does not, and nothing reads the list in
// index order. A BulkCache is not safe for concurrent use.
type BulkCache struct {
	parent Reader
	// list holds each written key once, a nil Value being a deletion.
	// list[:sorted] is in ascending key order; the rest in write order.
	list   []Change
	sorted int
	// slots is an open-addressing hash table of list positions plus one
	// (0 is an empty slot), at most half full.
	slots []int32
	seed  maphash.Seed
	// keys is where new keys are copied to, in blocks, so that a million
	// keys cost under a thousand allocations.
	keys []byte
}

// NewBulkCache returns an empty bulk write buffer over parent.
func NewBulkCache(parent Reader) *BulkCache {
	return &BulkCache{parent: parent, seed: maphash.MakeSeed()}
}

// keyBlock is the size of the blocks that keys are copied into.
const keyBlock = 64 << 10

// mergeAt is how many unsorted writes an Iterate sorts by themselves; past
// it (or past a sixteenth of the list) it sorts them into the list.
const mergeAt = 4096

// slot returns the slot of key in the index: the one holding it, or the
// empty one where it belongs.
func (c *BulkCache) slot(key []byte) int {
	mask := uint64(len(c.slots) - 1)
	i := maphash.Bytes(c.seed, key) & mask
	for {
		p := c.slots[i]
		if p == 0 || bytes.Equal(c.list[p-1].Key, key) {
			return int(i)
		}
		i = (i + 1) & mask
	}
}

// find returns the position of key in the list, or -1.
func (c *BulkCache) find(key []byte) int {
	if len(c.slots) == 0 {
		return -1
	}
	return int(c.slots[c.slot(key)]) - 1
}

// reindex rebuilds the index over the list, with room for the list to
// double.
func (c *BulkCache) reindex() {
	n := 16
	for n < 4*len(c.list) {
		n *= 2
	}
	if len(c.slots) != n {
		c.slots = make([]int32, n)
	} else {
		clear(c.slots)
	}
	for i := range c.list {
		c.slots[c.slot(c.list[i].Key)] = int32(i + 1)
	}
}

// put records value (nil: a deletion) at key.
func (c *BulkCache) put(key, value []byte) {
	if i := c.find(key); i >= 0 {
		c.list[i].Value = value
		return
	}
	if len(c.list) >= 1<<31-2 {
		panic("store: too many writes for one bulk cache")
	}
	if len(key) > cap(c.keys)-len(c.keys) {
		c.keys = make([]byte, 0, max(keyBlock, len(key)))
	}
	n := len(c.keys)
	c.keys = append(c.keys, key...)
	c.list = append(c.list, Change{Key: c.keys[n:len(c.keys):len(c.keys)], Value: value})
	if 2*len(c.list) > len(c.slots) {
		c.reindex()
		return
	}
	c.slots[c.slot(key)] = int32(len(c.list))
}

// Get implements Reader.
func (c *BulkCache) Get(key []byte) []byte {
	if i := c.find(key); i >= 0 {
		return c.list[i].Value
	}
	return c.parent.Get(key)
}

// Has implements Reader.
func (c *BulkCache) Has(key []byte) bool {
	if i := c.find(key); i >= 0 {
		return c.list[i].Value != nil
	}
	return c.parent.Has(key)
}

// Set implements Writer.
func (c *BulkCache) Set(key, value []byte) {
	if len(key) == 0 {
		panic("store: empty key")
	}
	if value == nil {
		panic("store: nil value")
	}
	c.put(key, value)
}

// Delete implements Writer.
func (c *BulkCache) Delete(key []byte) { c.put(key, nil) }

// Len returns the number of buffered writes.
func (c *BulkCache) Len() int { return len(c.list) }

// Iterate implements Reader, merging the buffered writes with the parent.
func (c *BulkCache) Iterate(start, end []byte, fn func(key, value []byte) bool) {
	if tail := len(c.list) - c.sorted; tail > mergeAt || tail > len(c.list)/16 {
		c.sortAll()
	}
	own := inRange(c.list[:c.sorted], start, end)
	if c.sorted < len(c.list) {
		// Few writes since the list was last sorted: sort those in range
		// and merge them with the sorted part's. No key is in both.
		var tail []Change
		for _, ch := range c.list[c.sorted:] {
			if (start == nil || bytes.Compare(ch.Key, start) >= 0) && (end == nil || bytes.Compare(ch.Key, end) < 0) {
				tail = append(tail, ch)
			}
		}
		if len(tail) > 0 {
			slices.SortFunc(tail, compareChanges)
			merged := make([]Change, 0, len(own)+len(tail))
			i, j := 0, 0
			for i < len(own) || j < len(tail) {
				if j >= len(tail) || (i < len(own) && bytes.Compare(own[i].Key, tail[j].Key) < 0) {
					merged = append(merged, own[i])
					i++
				} else {
					merged = append(merged, tail[j])
					j++
				}
			}
			own = merged
		}
	}
	mergeIterate(c.parent, start, end, own, fn)
}

// inRange returns the changes of sorted (ascending) with keys in [start, end).
func inRange(sorted []Change, start, end []byte) []Change {
	lo, hi := 0, len(sorted)
	if start != nil {
		lo, _ = slices.BinarySearchFunc(sorted, start, func(c Change, k []byte) int { return bytes.Compare(c.Key, k) })
	}
	if end != nil {
		hi, _ = slices.BinarySearchFunc(sorted, end, func(c Change, k []byte) int { return bytes.Compare(c.Key, k) })
	}
	return sorted[lo:max(lo, hi)]
}

func compareChanges(a, b Change) int { return bytes.Compare(a.Key, b.Key) }

// sortAll sorts the unsorted writes into the list and reindexes it.
func (c *BulkCache) sortAll() {
	if c.sorted == len(c.list) {
		return
	}
	c.merge()
	c.reindex()
}

// merge sorts the unsorted writes into the list, leaving the index stale.
func (c *BulkCache) merge() {
	tail := c.list[c.sorted:]
	slices.SortFunc(tail, compareChanges)
	if c.sorted > 0 && len(tail) > 0 {
		mergeFromBack(c.list, c.sorted, slices.Clone(tail))
	}
	c.sorted = len(c.list)
}

// TakeChanges returns the buffered writes in ascending key order, a nil
// Value being a deletion, and empties the cache. The list returned is the
// cache's own: no copy of it is made.
func (c *BulkCache) TakeChanges() []Change {
	c.slots = nil // not needed any more; let it go before the merge
	c.merge()
	out := c.list
	c.list, c.sorted, c.keys = nil, 0, nil
	return out
}
