package app

import "sync"

// boundedMap is a map of at most max entries, safe for concurrent use: when
// it is full, the oldest quarter of its keys (by first insertion) goes. The
// node's caches of facts (verified signatures, decoded transactions) use it;
// what it holds changes only how fast a result comes, never the result.
type boundedMap[K comparable, V any] struct {
	mu      sync.Mutex
	entries map[K]V // guarded by mu
	order   []K     // keys in insertion order; guarded by mu
	max     int
}

func newBoundedMap[K comparable, V any](max int) *boundedMap[K, V] {
	return &boundedMap[K, V]{entries: make(map[K]V), max: max}
}

func (m *boundedMap[K, V]) get(k K) (V, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.entries[k]
	return v, ok
}

// put sets k to v. A key already present keeps its place in the order.
func (m *boundedMap[K, V]) put(k K, v V) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.entries[k]; ok {
		m.entries[k] = v
		return
	}
	if len(m.order) >= m.max {
		drop := m.order[:m.max/4]
		for _, old := range drop {
			delete(m.entries, old)
		}
		m.order = append(m.order[:0], m.order[len(drop):]...)
	}
	m.entries[k] = v
	m.order = append(m.order, k)
}

func (m *boundedMap[K, V]) len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.entries)
}
