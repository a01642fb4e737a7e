package core

import "time"

// Block is what a state transition may know of the block it runs in. Time is
// the header's time, agreed by consensus, never the local clock.
type Block struct {
	ChainID string
	Height  int64
	Time    time.Time
}
