// Package e2e holds the end-to-end tests: each builds the stakechain
// binary and runs real networks of it, with the packages testnet,
// testnet/bench and testnet/faults.
//
// The tests run with `go test ./...` and are skipped with -short. Every
// test runs its network on ports of its own (helpers_test.go lists them),
// away from a running `make localnet` and from the other tests' networks.
// A test's network lives in
// build/test-logs/<TestName>/ of the repository: removed when the test
// passes, kept with every node's node.log when it fails.
//
// STAKECHAIN_FAULTS=full runs every fault scenario (make test-faults)
// instead of the short selection, and STAKECHAIN_COSMJS=1 runs the CosmJS
// check against testnet/cosmjs (make test-cosmjs).
package e2e
