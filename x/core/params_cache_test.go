package core

import (
	"reflect"
	"testing"

	"cosmossdk.io/math"
)

type plainParams struct {
	Gas     uint64 `json:"gas,string"`
	Enabled bool   `json:"enabled"`
	Denom   string `json:"denom"`
}

func (plainParams) Validate() error { return nil }

type decParams struct {
	Rate math.LegacyDec `json:"rate"`
}

func (decParams) Validate() error { return nil }

type mapReader map[string][]byte

func (m mapReader) Get(k []byte) []byte { return m[string(k)] }

func TestLoadParamsFollowsTheStoredEncoding(t *testing.T) {
	key := []byte("test/plain-params")
	r := mapReader{string(key): []byte(`{"gas":"7","enabled":true,"denom":"a"}`)}
	var p plainParams
	LoadParams(r, key, &p)
	if p != (plainParams{Gas: 7, Enabled: true, Denom: "a"}) {
		t.Fatalf("first load: %+v", p)
	}
	// A caller changing its copy does not change what the next load sees.
	p.Gas = 99
	var again plainParams
	LoadParams(r, key, &again)
	if again.Gas != 7 {
		t.Fatalf("cached params were changed through a loaded copy: %+v", again)
	}
	// New bytes at the key are decoded, not served from the cache.
	r[string(key)] = []byte(`{"gas":"8","enabled":false,"denom":"b"}`)
	LoadParams(r, key, &again)
	if again != (plainParams{Gas: 8, Denom: "b"}) {
		t.Fatalf("after an update: %+v", again)
	}
}

func TestLoadParamsDecodesSharedMemoryEveryTime(t *testing.T) {
	if plainType(reflectTypeOf[decParams]()) {
		t.Fatal("a decimal shares memory and must not be cached")
	}
	if !plainType(reflectTypeOf[plainParams]()) {
		t.Fatal("numbers, booleans and strings are plain")
	}
	key := []byte("test/dec-params")
	r := mapReader{string(key): []byte(`{"rate":"0.500000000000000000"}`)}
	var a, b decParams
	LoadParams(r, key, &a)
	LoadParams(r, key, &b)
	if !a.Rate.Equal(math.LegacyNewDecWithPrec(5, 1)) || !b.Rate.Equal(a.Rate) {
		t.Fatalf("loaded %s and %s", a.Rate, b.Rate)
	}
	if a.Rate.BigInt() == b.Rate.BigInt() {
		t.Fatal("two loads share one big.Int")
	}
}

func reflectTypeOf[T any]() reflect.Type { return reflect.TypeOf((*T)(nil)).Elem() }
