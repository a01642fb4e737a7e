package core

import "fmt"

// Params is a module's parameter set, or another record a module keeps
// once under one key (mint's minter): checked before it is written.
type Params interface {
	Validate() error
}

// wireMessage is a generated protobuf message, as a pointer to W.
type wireMessage[W any] interface {
	*W
	Marshal() ([]byte, error)
	Unmarshal([]byte) error
}

// ParamsStore keeps one Params record of type P under one key, encoded as
// the protobuf message W. The module supplies the conversions between P
// and its wire form; both are those its queries and MsgUpdateParams use.
type ParamsStore[P Params, W any, PW wireMessage[W]] struct {
	key       []byte
	toProto   func(P) PW
	fromProto func(PW) (P, error)
}

// NewParamsStore returns the store of the record at key: written as
// toProto(p), read back with fromProto.
//
// CONTRACT: fromProto(toProto(p)) equals p for every valid p.
func NewParamsStore[P Params, W any, PW wireMessage[W]](key []byte, toProto func(P) PW, fromProto func(PW) (P, error)) ParamsStore[P, W, PW] {
	return ParamsStore[P, W, PW]{key: key, toProto: toProto, fromProto: fromProto}
}

// Has reports whether the record is in state.
func (s ParamsStore[P, W, PW]) Has(r interface{ Get([]byte) []byte }) bool {
	return r.Get(s.key) != nil
}

// Load reads the record. It is written at genesis, so its absence, or
// bytes that do not decode, are a broken invariant and panic.
//
// NOTE: nothing is cached. The ante handler loads auth's parameters for
// every transaction; decoding their protobuf (eight varints) costs less
// than the lookup of a cached JSON decoding did before, so a cache would
// only add state to keep coherent.
func (s ParamsStore[P, W, PW]) Load(r interface{ Get([]byte) []byte }) P {
	bz := r.Get(s.key)
	if bz == nil {
		panic(fmt.Sprintf("params missing from state at %q", s.key))
	}
	w := PW(new(W))
	if err := w.Unmarshal(bz); err != nil {
		panic(fmt.Sprintf("corrupt params at %q: %v", s.key, err))
	}
	p, err := s.fromProto(w)
	if err != nil {
		panic(fmt.Sprintf("corrupt params at %q: %v", s.key, err))
	}
	return p
}

// Store validates p and writes it.
func (s ParamsStore[P, W, PW]) Store(w interface{ Set(k, v []byte) }, p P) error {
	if err := p.Validate(); err != nil {
		return err
	}
	w.Set(s.key, MarshalValue(s.toProto(p)))
	return nil
}
