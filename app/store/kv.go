package store

// Reader is read access to a key-value state. Keys sort bytewise.
//
// Errors of the underlying database are not returned: a node that cannot read
// its own committed state cannot take part in consensus, so implementations
// panic on I/O failure and the node stops.
type Reader interface {
	// Get returns the value at key, or nil if there is none. The value
	// may be the state's own memory: the caller must not modify it.
	Get(key []byte) []byte
	// Has reports whether key has a value.
	Has(key []byte) bool
	// Iterate calls fn for each key in [start, end) in ascending order until
	// fn returns false. A nil start means from the first key, a nil end means
	// to the last. fn must not keep key or value past its return, nor write
	// to the state it iterates.
	Iterate(start, end []byte, fn func(key, value []byte) bool)
}

// Writer is read and write access to a key-value state.
type Writer interface {
	Reader
	// Set stores value at key. Neither may be nil; key may not be empty.
	// The state may keep value itself: the caller must not modify it
	// afterwards.
	Set(key, value []byte)
	// Delete removes key.
	Delete(key []byte)
}

// PrefixEnd returns the smallest key greater than every key with the given
// prefix, for use as the end of an Iterate over a prefix. It returns nil
// (no bound) when the prefix is all 0xff bytes.
func PrefixEnd(prefix []byte) []byte {
	end := append([]byte(nil), prefix...)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

// Key joins the parts of a key into one new slice.
func Key(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]byte, 0, n)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// LengthPrefixed is b preceded by its length in one byte, so that a key made
// of several variable-length parts (addresses) splits unambiguously and
// sorts by its first part. b must be shorter than 256 bytes.
func LengthPrefixed(b []byte) []byte {
	if len(b) > 255 {
		panic("store: a length-prefixed key part must be shorter than 256 bytes")
	}
	return append([]byte{byte(len(b))}, b...)
}

// Empty is a state with nothing in it: the base of a new chain's state in
// tests and tools.
type Empty struct{}

// Get implements Reader.
func (Empty) Get([]byte) []byte { return nil }

// Has implements Reader.
func (Empty) Has([]byte) bool { return false }

// Iterate implements Reader.
func (Empty) Iterate(_, _ []byte, _ func(key, value []byte) bool) {}
