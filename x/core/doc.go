// Package core is the vocabulary every module shares: coin amounts,
// registered error codes, events, and the facts of the block being executed;
// the protobuf wire forms of decimals, integers and durations (wire.go); how
// a module stores its parameters (params.go) and changes them by
// MsgUpdateParams (update_params.go). It holds no state of its own.
package core
