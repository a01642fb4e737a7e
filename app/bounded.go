package app

import "sync"

// boundedMap is a map of at most max entries, safe for concurrent use. The
// node's caches of facts (verified signatures, decoded transactions) use it;
// what it holds changes only how fast a result comes, never the result.
//
// It keeps two generations: new entries go into the recent one, and when
// that holds max/2 entries it becomes the older one and the previous older
// one is dropped. A hit in the older generation moves the entry back into
// the recent one, so an entry that is read at least once every max/2 puts
// stays for good, and one nobody reads goes after at most max puts. A tx
// waiting in the mempool is read at every recheck, so it keeps its decoding
// however long the queue, while a committed one ages out; dropping the
// oldest entries by first insertion instead lost the decodings of the
// transactions that had waited longest, just before their block needed
// them.
type boundedMap[K comparable, V any] struct {
	mu     sync.Mutex
	recent map[K]V // guarded by mu
	older  map[K]V // guarded by mu
	half   int
}

func newBoundedMap[K comparable, V any](size int) *boundedMap[K, V] {
	half := max(size/2, 1)
	return &boundedMap[K, V]{recent: make(map[K]V, half), older: map[K]V{}, half: half}
}

func (m *boundedMap[K, V]) get(k K) (V, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.recent[k]; ok {
		return v, true
	}
	v, ok := m.older[k]
	if ok {
		delete(m.older, k)
		m.insert(k, v)
	}
	return v, ok
}

// put sets k to v.
func (m *boundedMap[K, V]) put(k K, v V) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.recent[k]; ok {
		m.recent[k] = v
		return
	}
	delete(m.older, k)
	m.insert(k, v)
}

// insert adds k, which neither generation holds, to the recent one. Called
// with mu held.
func (m *boundedMap[K, V]) insert(k K, v V) {
	if len(m.recent) >= m.half {
		m.older, m.recent = m.recent, make(map[K]V, m.half)
	}
	m.recent[k] = v
}

// remove drops k, if present.
func (m *boundedMap[K, V]) remove(k K) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.recent, k)
	delete(m.older, k)
}

func (m *boundedMap[K, V]) len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.recent) + len(m.older)
}
