package store

import (
	"bytes"
	"fmt"

	"github.com/cosmos/iavl"
)

// view is a read-only Reader of one committed version. It is immutable and
// safe for concurrent use.
type view struct {
	tree    *iavl.ImmutableTree // nil for the empty state before the first Commit
	version int64
	hash    []byte
	values  *valueCache // latest values of recent keys; nil when off
}

var _ Reader = (*view)(nil)

// empty reports whether the view holds no keys.
func (v *view) empty() bool { return v.tree == nil || v.tree.Size() == 0 }

// fail panics: a node that cannot read its committed state must stop.
func (v *view) fail(op string, err error) {
	panic(fmt.Sprintf("store: %s at version %d: %v", op, v.version, err))
}

// Get implements Reader. The value returned is the caller's.
func (v *view) Get(key []byte) []byte {
	return bytes.Clone(v.get(key))
}

// get returns the value of key, shared with the cache.
func (v *view) get(key []byte) []byte {
	if v.empty() {
		return nil
	}
	return v.values.read(key, v.version, func() []byte {
		value, err := v.tree.Get(key)
		if err != nil {
			v.fail(fmt.Sprintf("get %X", key), err)
		}
		return value
	})
}

// Has implements Reader.
func (v *view) Has(key []byte) bool {
	if v.empty() {
		return false
	}
	if v.values != nil {
		if value, ok := v.values.get(key, v.version); ok {
			return value != nil
		}
	}
	ok, err := v.tree.Has(key)
	if err != nil {
		v.fail(fmt.Sprintf("has %X", key), err)
	}
	return ok
}

// Iterate implements Reader.
//
// NOTE: IAVL's iterator ends quietly when it cannot read a node. So that a
// damaged or pruned version panics instead of looking shorter, an iteration
// that was not stopped by fn is checked against the number of keys the tree
// says the range holds.
func (v *view) Iterate(start, end []byte, fn func(key, value []byte) bool) {
	if v.empty() || (start != nil && end != nil && bytes.Compare(start, end) >= 0) {
		return
	}
	it, err := v.tree.Iterator(start, end, true)
	if err != nil {
		v.fail("iterate", err)
	}
	defer func() {
		if err := it.Close(); err != nil {
			v.fail("close iterator", err)
		}
	}()
	var n int64
	for ; it.Valid(); it.Next() {
		if !fn(it.Key(), it.Value()) {
			return
		}
		n++
	}
	if err := it.Error(); err != nil {
		v.fail("iterate", err)
	}
	if want := v.count(start, end); n != want {
		v.fail(fmt.Sprintf("iterate [%X, %X)", start, end),
			fmt.Errorf("iteration ended after %d of %d keys: a node could not be read", n, want))
	}
}

// count returns the number of keys in [start, end).
func (v *view) count(start, end []byte) int64 {
	lo, hi := int64(0), v.tree.Size()
	if start != nil {
		lo = v.index(start)
	}
	if end != nil {
		hi = v.index(end)
	}
	return hi - lo
}

// index returns the number of keys below key.
func (v *view) index(key []byte) int64 {
	i, _, err := v.tree.GetWithIndex(key)
	if err != nil {
		v.fail(fmt.Sprintf("index of %X", key), err)
	}
	return i
}
