// Package core is the vocabulary every module shares: coin amounts,
// registered error codes, events, and the facts of the block being executed.
// It holds no state of its own.
package core
