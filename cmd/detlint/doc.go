// Command detlint is a go vet analyzer that keeps the state machine
// deterministic. Every node must compute the same app hash from the same
// blocks, so code under app/ and x/ may not depend on anything that differs
// between nodes or between runs.
//
// It reports, in the non-test, non-generated files of packages whose import
// path has an "app" or "x" element and no "cmd" element:
//
//   - references to time.Now, time.Since and time.Until (the wall clock);
//   - imports of math/rand, math/rand/v2 and crypto/rand;
//   - floating-point and complex types, values and literals;
//   - range over a map, or over maps.Keys, maps.Values or maps.All;
//   - go statements.
//
// Two line directives, written as a comment on the reported line, make
// exceptions:
//
//	for k := range balances { //determinism:sorted
//	go verify(sigs, results) //determinism:allowed results are joined before the block runs
//
// //determinism:sorted accepts a map range whose only job is to collect keys
// that are sorted afterwards. //determinism:allowed accepts any finding on its
// line and must be followed by the reason it is safe. A directive with no
// finding on its line, an unknown directive, and //determinism:allowed without
// a reason are reported too, so exceptions cannot go stale or go unexplained.
//
// Usage:
//
//	go build -o /tmp/detlint ./cmd/detlint
//	go vet -vettool=/tmp/detlint ./app/... ./x/...
package main
