package store

import (
	"cmp"
	"sync"
)

// DefaultValueCacheSize is how many keys each of the value cache's two
// generations holds when Options.ValueCacheSize is 0: with the values of
// accounts and balances, some tens of megabytes.
const DefaultValueCacheSize = 200_000

// valueCache keeps the latest committed value (or absence) of recently read
// or written keys, so that a read of a recent version does not walk the
// tree: a walk is about 18 node lookups, and reading state that way was 40%
// of executing a block of transfers.
//
// An entry says: from version since up to the cache's version, the key held
// value. Commit updates the entry of every key it wrote before a view of the
// new version exists, so an entry is right for any view whose version is at
// least since. Reads through older views, and keys not in the cache, go to
// the tree.
//
// The cache holds two generations: when the current one is full it becomes
// the old one and the previous old one is dropped, so recently used keys
// stay and memory stays bounded. It is safe for concurrent use.
type valueCache struct {
	mu       sync.Mutex
	version  int64                  // latest committed version; guarded by mu
	cur, old map[string]cachedValue // guarded by mu
	size     int                    // entries per generation
}

type cachedValue struct {
	value []byte // nil: no such key
	since int64
}

func newValueCache(size int, version int64) *valueCache {
	return &valueCache{version: version, cur: make(map[string]cachedValue), size: size}
}

// valueCacheFor returns the cache of latest values that opts ask for, at
// version; nil when opts turn it off.
func valueCacheFor(opts Options, version int64) *valueCache {
	if opts.ValueCacheSize < 0 {
		return nil
	}
	return newValueCache(cmp.Or(opts.ValueCacheSize, DefaultValueCacheSize), version)
}

// read returns the value of key in the view of version: the cache's, or
// load's, which it then records. With c nil it is load's. Both backends'
// views read through it.
func (c *valueCache) read(key []byte, version int64, load func() []byte) []byte {
	if c == nil {
		return load()
	}
	if value, ok := c.get(key, version); ok {
		return value
	}
	value := load()
	c.fill(key, value, version)
	return value
}

// get returns the value of key in the view of version, and whether the
// cache knows it. The value must not be modified.
func (c *valueCache) get(key []byte, version int64) (value []byte, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.cur[string(key)]
	if !ok {
		if e, ok = c.old[string(key)]; ok {
			c.insert(string(key), e) // still in use: keep it
		}
	}
	if !ok || version < e.since || version > c.version {
		return nil, false
	}
	return e.value, true
}

// fill records value (nil for absent), as read from the tree at version, if
// version is still the latest and no entry exists. The cache keeps a copy
// of key, not key itself.
func (c *valueCache) fill(key, value []byte, version int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		return
	}
	if _, ok := c.cur[string(key)]; ok {
		return
	}
	c.insert(string(key), cachedValue{value: value, since: version})
}

// commit records the writes of a new version, before any view of it exists.
func (c *valueCache) commit(version int64, changes []Change) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, ch := range changes {
		c.insert(string(ch.Key), cachedValue{value: ch.Value, since: version})
	}
	c.version = version
}

// reset empties the cache for a state that did not come from Commit.
func (c *valueCache) reset(version int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cur, c.old, c.version = make(map[string]cachedValue), nil, version
}

func (c *valueCache) insert(key string, e cachedValue) {
	if _, ok := c.cur[key]; !ok && len(c.cur) >= c.size {
		c.old, c.cur = c.cur, make(map[string]cachedValue, c.size/4)
	}
	c.cur[key] = e
}
