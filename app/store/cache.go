package store

import (
	"bytes"
	"sort"
)

// Cache is a write buffer over a Reader. Reads see the buffered writes first;
// Write applies them to a parent Writer in ascending key order, so that the
// result does not depend on the order in which a block made its writes.
//
// A transaction runs in a Cache over the block's Cache and is written through
// only if it succeeds; a block's Cache is handed to the tree at its end.
// A Cache is not safe for concurrent use.
type Cache struct {
	parent Reader
	writes map[string]*entry
}

type entry struct {
	value   []byte // nil means deleted
	deleted bool
}

// NewCache returns an empty write buffer over parent.
func NewCache(parent Reader) *Cache {
	return &Cache{parent: parent, writes: make(map[string]*entry)}
}

// Get implements Reader.
func (c *Cache) Get(key []byte) []byte {
	if e, ok := c.writes[string(key)]; ok {
		if e.deleted {
			return nil
		}
		return e.value
	}
	return c.parent.Get(key)
}

// Has implements Reader.
func (c *Cache) Has(key []byte) bool {
	if e, ok := c.writes[string(key)]; ok {
		return !e.deleted
	}
	return c.parent.Has(key)
}

// Set implements Writer.
func (c *Cache) Set(key, value []byte) {
	if len(key) == 0 {
		panic("store: empty key")
	}
	if value == nil {
		panic("store: nil value")
	}
	c.writes[string(key)] = &entry{value: value}
}

// Delete implements Writer.
func (c *Cache) Delete(key []byte) {
	c.writes[string(key)] = &entry{deleted: true}
}

// Iterate implements Reader, merging the buffered writes with the parent.
func (c *Cache) Iterate(start, end []byte, fn func(key, value []byte) bool) {
	own := c.sortedKeys(start, end)
	if len(own) == 0 {
		c.parent.Iterate(start, end, fn)
		return
	}
	// Collect the parent's range first: fn may not run while the parent is
	// being iterated if it writes to this cache.
	type kv struct{ k, v []byte }
	var base []kv
	c.parent.Iterate(start, end, func(k, v []byte) bool {
		base = append(base, kv{append([]byte(nil), k...), append([]byte(nil), v...)})
		return true
	})
	i, j := 0, 0
	for i < len(base) || j < len(own) {
		var k, v []byte
		switch {
		case j >= len(own) || (i < len(base) && bytes.Compare(base[i].k, []byte(own[j])) < 0):
			k, v = base[i].k, base[i].v
			i++
		default:
			if i < len(base) && bytes.Equal(base[i].k, []byte(own[j])) {
				i++ // shadowed by the buffered write
			}
			e := c.writes[own[j]]
			k, v = []byte(own[j]), e.value
			j++
			if e.deleted {
				continue
			}
		}
		if !fn(k, v) {
			return
		}
	}
}

// sortedKeys returns the buffered keys in [start, end), ascending.
func (c *Cache) sortedKeys(start, end []byte) []string {
	keys := make([]string, 0, len(c.writes))
	for k := range c.writes { //determinism:sorted (collected, then sorted)
		if start != nil && k < string(start) {
			continue
		}
		if end != nil && k >= string(end) {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Len returns the number of buffered writes.
func (c *Cache) Len() int { return len(c.writes) }

// Write applies the buffered writes to w in ascending key order and empties
// the cache.
func (c *Cache) Write(w Writer) {
	for _, k := range c.sortedKeys(nil, nil) {
		e := c.writes[k]
		if e.deleted {
			w.Delete([]byte(k))
		} else {
			w.Set([]byte(k), e.value)
		}
	}
	c.writes = make(map[string]*entry)
}

// Changes returns the buffered writes in ascending key order; a nil Value
// is a deletion.
func (c *Cache) Changes() []Change {
	keys := c.sortedKeys(nil, nil)
	out := make([]Change, len(keys))
	for i, k := range keys {
		out[i] = Change{Key: []byte(k), Value: c.writes[k].value}
	}
	return out
}

// Change is one write of a block: a nil Value deletes Key.
type Change struct {
	Key   []byte
	Value []byte
}

// Discard drops the buffered writes.
func (c *Cache) Discard() { c.writes = make(map[string]*entry) }
