package core

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
)

// Params is a module's parameter set: stored as JSON under one key, and
// checked before it is written.
type Params interface {
	Validate() error
}

// LoadParams reads a module's parameters from key into p. Parameters are
// written at genesis, so their absence is a broken invariant and panics.
//
// Parameter sets made only of values (numbers, booleans, strings, and
// structs and arrays of them) are decoded once per distinct encoding and
// copied from then on: the ante handler reads them for every transaction,
// and decoding JSON each time cost more than the transfer it checked. Sets
// holding pointers, slices or maps (decimals, coins) are decoded every
// time, since a copy would share their memory.
func LoadParams(r interface{ Get([]byte) []byte }, key []byte, p Params) {
	bz := r.Get(key)
	if bz == nil {
		panic(fmt.Sprintf("params missing from state at %q", key))
	}
	dst := reflect.ValueOf(p)
	plain := dst.Kind() == reflect.Pointer && isPlain(dst.Type().Elem())
	if plain && decoded.load(key, bz, dst.Elem()) {
		return
	}
	if err := json.Unmarshal(bz, p); err != nil {
		panic(fmt.Sprintf("corrupt params at %q: %v", key, err))
	}
	if plain {
		decoded.store(key, bz, dst.Elem())
	}
}

// decoded remembers the last decoding of each parameter key.
var decoded paramsCache

type paramsCache struct {
	mu      sync.Mutex
	entries map[string]decodedParams // by key; guarded by mu
}

type decodedParams struct {
	encoding []byte
	value    reflect.Value // a copy, never handed out
}

// load sets dst to the cached decoding of encoding at key, if there is one
// of the same type.
func (c *paramsCache) load(key, encoding []byte, dst reflect.Value) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[string(key)]
	if !ok || e.value.Type() != dst.Type() || !bytes.Equal(e.encoding, encoding) {
		return false
	}
	dst.Set(e.value)
	return true
}

func (c *paramsCache) store(key, encoding []byte, v reflect.Value) {
	cp := reflect.New(v.Type()).Elem()
	cp.Set(v)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = make(map[string]decodedParams)
	}
	c.entries[string(key)] = decodedParams{encoding: bytes.Clone(encoding), value: cp}
}

// plainTypes caches plainType by type: LoadParams runs several times per
// transaction, and walking a struct's fields by reflection each time cost
// more than the cached load it guards.
var plainTypes sync.Map // reflect.Type -> bool

func isPlain(t reflect.Type) bool {
	if v, ok := plainTypes.Load(t); ok {
		return v.(bool)
	}
	plain := plainType(t)
	plainTypes.Store(t, plain)
	return plain
}

// plainType reports whether values of t can be copied without sharing
// memory.
func plainType(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.String:
		return true
	case reflect.Array:
		return plainType(t.Elem())
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if !plainType(t.Field(i).Type) {
				return false
			}
		}
		return true
	default:
		return false
	}
}

// StoreParams validates p and writes it at key.
func StoreParams(w interface{ Set(k, v []byte) }, key []byte, p Params) error {
	if err := p.Validate(); err != nil {
		return err
	}
	bz, err := json.Marshal(p)
	if err != nil {
		return err
	}
	w.Set(key, bz)
	return nil
}
