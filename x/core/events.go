package core

import abci "github.com/cometbft/cometbft/abci/types"

// Attribute is one key/value of an event. Index marks it for the node's tx
// indexer (searchable with tx_search).
//
// Attribute and Event are ABCI's own types, so that a block's events go to
// CometBFT as the modules emitted them, without a copy per attribute.
type Attribute = abci.EventAttribute

// Event is something a transaction or block did, in the shape Cosmos clients
// read: a type and string attributes.
type Event = abci.Event

// Events collects the events of one transaction or block step.
type Events struct {
	list []Event
}

// Emit appends an event with the given attributes, none indexed.
func (e *Events) Emit(typ string, attrs ...Attribute) {
	e.list = append(e.list, Event{Type: typ, Attributes: attrs})
}

// List returns the events in the order they were emitted.
func (e *Events) List() []Event { return e.list }

// Append adds the events of another collector.
func (e *Events) Append(other *Events) { e.list = append(e.list, other.list...) }

// Attr is shorthand for an unindexed attribute.
func Attr(k, v string) Attribute { return Attribute{Key: k, Value: v} }

// IndexedAttr is shorthand for an indexed attribute.
func IndexedAttr(k, v string) Attribute { return Attribute{Key: k, Value: v, Index: true} }
