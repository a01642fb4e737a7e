package store

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/stretchr/testify/require"
)

// modelDump returns model's pairs in [start, end) as dump prints a Reader's.
func modelDump(model map[string]string, start, end string) string {
	var keys []string
	for k := range model { //determinism:sorted (test model, sorted below)
		if (start == "" || k >= start) && (end == "" || k < end) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + model[k]
	}
	return strings.Join(parts, " ")
}

func bound(s string) []byte {
	if s == "" {
		return nil
	}
	return []byte(s)
}

// TestCacheAndOverlayReadLikeTheStateTheyStandFor writes the same blocks of
// sets and deletes into a Cache over a committed tree and into an Overlay of
// the same changes, and reads both back against a model.
func TestCacheAndOverlayReadLikeTheStateTheyStandFor(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		tr := openTree(t, dbm.NewMemDB(), Options{Backend: b})
		model := map[string]string{}
		for n := 1; n <= 3; n++ {
			for _, c := range block(n) {
				if c.Value == nil {
					delete(model, string(c.Key))
				} else {
					model[string(c.Key)] = string(c.Value)
				}
			}
			commit(t, tr, block(n)...)
		}
		cache := NewCache(tr.Latest())
		for n := 4; n <= 8; n++ {
			for _, c := range block(n) {
				if c.Value == nil {
					cache.Delete(c.Key)
					delete(model, string(c.Key))
				} else {
					cache.Set(c.Key, c.Value)
					model[string(c.Key)] = string(c.Value)
				}
			}
		}
		overlay := NewOverlay(tr.Latest(), cache.Changes())

		for name, r := range map[string]Reader{"cache": cache, "overlay": overlay} { //determinism:allowed subtests, each independent
			t.Run(name, func(t *testing.T) {
				for i := 0; i < 200; i++ {
					k := fmt.Sprintf("k%03d", i)
					want, ok := model[k]
					require.Equal(t, ok, r.Has([]byte(k)), k)
					if ok {
						require.Equal(t, want, string(r.Get([]byte(k))), k)
					} else {
						require.Nil(t, r.Get([]byte(k)), k)
					}
				}
				for _, b := range [][2]string{{"", ""}, {"k050", ""}, {"", "k120"}, {"k033", "k077"}, {"k100", "k100"}, {"k2", "k3"}, {"a", "b"}} {
					require.Equal(t, modelDump(model, b[0], b[1]), dump(r, bound(b[0]), bound(b[1])), "range %q", b)
				}
				// Iterate stops when fn returns false.
				seen := 0
				r.Iterate(nil, nil, func(_, _ []byte) bool { seen++; return seen < 3 })
				require.Equal(t, 3, seen)
			})
		}
	})
}
