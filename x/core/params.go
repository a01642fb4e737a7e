package core

import (
	"encoding/json"
	"fmt"
)

// Params is a module's parameter set: stored as JSON under one key, and
// checked before it is written.
type Params interface {
	Validate() error
}

// LoadParams reads a module's parameters from key into p. Parameters are
// written at genesis, so their absence is a broken invariant and panics.
func LoadParams(r interface{ Get([]byte) []byte }, key []byte, p Params) {
	bz := r.Get(key)
	if bz == nil {
		panic(fmt.Sprintf("params missing from state at %q", key))
	}
	if err := json.Unmarshal(bz, p); err != nil {
		panic(fmt.Sprintf("corrupt params at %q: %v", key, err))
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
