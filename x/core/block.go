package core

import "time"

// Block is what a state transition may know of the block it runs in. Time is
// the header's time, agreed by consensus, never the local clock.
type Block struct {
	ChainID string
	Height  int64
	Time    time.Time
}

// Vote is one validator's part in the last commit: its consensus address,
// its voting power then, and whether its signature is in the commit.
type Vote struct {
	ConsAddr []byte
	Power    int64
	Signed   bool
}

// MisbehaviorKind tells what a validator did wrong.
type MisbehaviorKind int

// Kinds of misbehaviour CometBFT reports.
const (
	DuplicateVote MisbehaviorKind = iota + 1
	LightClientAttack
)

// Misbehavior is evidence, committed by CometBFT, that a validator signed
// two conflicting blocks (or attacked a light client) at Height.
type Misbehavior struct {
	Kind     MisbehaviorKind
	ConsAddr []byte
	// Power is the validator's voting power at Height.
	Power  int64
	Height int64
	Time   time.Time
}

// EvidenceAge is the consensus rule for how old evidence may be: older
// than both MaxAgeNumBlocks and MaxAgeDuration, it is ignored.
type EvidenceAge struct {
	MaxAgeNumBlocks int64
	MaxAgeDuration  time.Duration
}
