package bank

import (
	"maps"
	"slices"
)

type Balances map[string]int64

func total(balances map[string]int64) int64 {
	var sum int64
	for _, amt := range balances { // want `map iteration order is random: collect the keys, sort them, and mark the loop //determinism:sorted`
		sum += amt
	}
	return sum
}

func named(b Balances) []string {
	var out []string
	for k := range b { // want `map iteration order is random`
		out = append(out, k)
	}
	return out
}

func generic[M ~map[K]V, K comparable, V any](m M) int {
	n := 0
	for range m { // want `map iteration order is random`
		n++
	}
	return n
}

func iterators(m map[string]int64) {
	for k := range maps.Keys(m) { // want `maps\.Keys yields entries in random map order`
		_ = k
	}
	for v := range maps.Values(m) { // want `maps\.Values yields entries in random map order`
		_ = v
	}
	for k, v := range maps.All(m) { // want `maps\.All yields entries in random map order`
		_, _ = k, v
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		_ = m[k]
	}
}

func sortedKeys(m map[string]int64) []string {
	keys := make([]string, 0, len(m))
	for k := range m { //determinism:sorted
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func allowedRange(m map[string]int64) bool {
	for range m { //determinism:allowed only tests for emptiness, the order cannot matter
		return true
	}
	return false
}

func notAMap(xs []int64) {
	for range xs { //determinism:sorted // want `//determinism:sorted marks no map range on this line`
	}
}
