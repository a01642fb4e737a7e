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
	writes map[string][]byte // a nil value is a deletion
}

// NewCache returns an empty write buffer over parent.
func NewCache(parent Reader) *Cache {
	return &Cache{parent: parent, writes: make(map[string][]byte)}
}

// Get implements Reader.
func (c *Cache) Get(key []byte) []byte {
	if v, ok := c.writes[string(key)]; ok {
		return v
	}
	return c.parent.Get(key)
}

// Has implements Reader.
func (c *Cache) Has(key []byte) bool {
	if v, ok := c.writes[string(key)]; ok {
		return v != nil
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
	c.writes[string(key)] = value
}

// Delete implements Writer.
func (c *Cache) Delete(key []byte) {
	c.writes[string(key)] = nil
}

// Iterate implements Reader, merging the buffered writes with the parent.
func (c *Cache) Iterate(start, end []byte, fn func(key, value []byte) bool) {
	mergeIterate(c.parent, start, end, c.changes(start, end), fn)
}

// mergeIterate calls fn, in ascending key order, for the keys of parent in
// [start, end) and the changes own (the same range, in ascending order,
// a nil Value deleting its key), a change shadowing the parent's key.
func mergeIterate(parent Reader, start, end []byte, own []Change, fn func(key, value []byte) bool) {
	if len(own) == 0 {
		parent.Iterate(start, end, fn)
		return
	}
	// Collect the parent's range first: fn may not run while the parent is
	// being iterated if it writes to a cache over it.
	var base []Change
	parent.Iterate(start, end, func(k, v []byte) bool {
		base = append(base, Change{Key: bytes.Clone(k), Value: bytes.Clone(v)})
		return true
	})
	i, j := 0, 0
	for i < len(base) || j < len(own) {
		var c Change
		switch {
		case j >= len(own) || (i < len(base) && bytes.Compare(base[i].Key, own[j].Key) < 0):
			c = base[i]
			i++
		default:
			if i < len(base) && bytes.Equal(base[i].Key, own[j].Key) {
				i++ // shadowed by the change
			}
			c = own[j]
			j++
			if c.Value == nil {
				continue
			}
		}
		if !fn(c.Key, c.Value) {
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
// the cache. Into another Cache the writes move as they are: the order of a
// map's inserts does not matter, and its keys are already strings.
func (c *Cache) Write(w Writer) {
	if parent, ok := w.(*Cache); ok {
		for k, v := range c.writes { //determinism:allowed each write lands in a map; the order cannot show
			parent.writes[k] = v
		}
		c.writes = make(map[string][]byte)
		return
	}
	for _, k := range c.sortedKeys(nil, nil) {
		if v := c.writes[k]; v == nil {
			w.Delete([]byte(k))
		} else {
			w.Set([]byte(k), v)
		}
	}
	c.writes = make(map[string][]byte)
}

// Changes returns the buffered writes in ascending key order; a nil Value
// is a deletion.
func (c *Cache) Changes() []Change { return c.changes(nil, nil) }

// changes returns the buffered writes in [start, end), ascending.
func (c *Cache) changes(start, end []byte) []Change {
	keys := c.sortedKeys(start, end)
	out := make([]Change, len(keys))
	for i, k := range keys {
		out[i] = Change{Key: []byte(k), Value: c.writes[k]}
	}
	return out
}

// Change is one write of a block: a nil Value deletes Key.
type Change struct {
	Key   []byte
	Value []byte
}

// Discard drops the buffered writes.
func (c *Cache) Discard() { c.writes = make(map[string][]byte) }

// Overlay is a read-only state: changes, in strictly ascending key order, on
// top of a parent. It shares the changes' slices, which must not change.
// Unlike a Cache it may be read from several goroutines at once, if its
// parent may, and it costs no more than the slice of changes.
type Overlay struct {
	parent  Reader
	changes []Change
}

// NewOverlay returns changes on top of parent. changes must be in strictly
// ascending key order, as Cache.Changes returns them.
func NewOverlay(parent Reader, changes []Change) *Overlay {
	return &Overlay{parent: parent, changes: changes}
}

// find returns the index of the first change at or after key.
func (o *Overlay) find(key []byte) int {
	return sort.Search(len(o.changes), func(i int) bool { return bytes.Compare(o.changes[i].Key, key) >= 0 })
}

// Get implements Reader.
func (o *Overlay) Get(key []byte) []byte {
	if i := o.find(key); i < len(o.changes) && bytes.Equal(o.changes[i].Key, key) {
		return o.changes[i].Value
	}
	return o.parent.Get(key)
}

// Has implements Reader.
func (o *Overlay) Has(key []byte) bool {
	if i := o.find(key); i < len(o.changes) && bytes.Equal(o.changes[i].Key, key) {
		return o.changes[i].Value != nil
	}
	return o.parent.Has(key)
}

// Iterate implements Reader.
func (o *Overlay) Iterate(start, end []byte, fn func(key, value []byte) bool) {
	lo, hi := 0, len(o.changes)
	if start != nil {
		lo = o.find(start)
	}
	if end != nil {
		hi = o.find(end)
	}
	mergeIterate(o.parent, start, end, o.changes[lo:max(lo, hi)], fn)
}
