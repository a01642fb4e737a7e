package ballot

import (
	"encoding/binary"
	"fmt"
	"time"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/staking"
)

// Keeper reads and writes ballot state. It holds no state; every method
// takes the state view it works on.
type Keeper struct {
	staking staking.Keeper
}

// NewKeeper returns a ballot keeper. Staking is read, never written: it
// gives the weights of stake-weighted ballots.
func NewKeeper(sk staking.Keeper) Keeper { return Keeper{staking: sk} }

// Ballot is a ballot's fixed part; its tallies and voters are stored
// apart, so that a vote rewrites only what it changes.
type Ballot struct {
	ID            uint64            `json:"id"`
	Title         string            `json:"title"`
	Chairperson   authtypes.Address `json:"chairperson"`
	Proposals     []string          `json:"proposals"`
	VotingEnd     time.Time         `json:"voting_end"`
	StakeWeighted bool              `json:"stake_weighted"`
	CreatedHeight int64             `json:"created_height"`
}

// Ended reports whether voting is over at block time now: from VotingEnd
// on, no votes, delegations or rights are accepted.
func (b Ballot) Ended(now time.Time) bool { return !now.Before(b.VotingEnd) }

// Voter is one account's standing in a ballot, as in the contract: a
// stored voter has the right to vote (Weight > 0); Voted is set by voting
// or by delegating; Delegate is the account the vote went to (the end of
// the delegation chain when it was delegated); Vote is the proposal voted
// for directly.
type Voter struct {
	Weight   math.Int          `json:"weight"`
	Voted    bool              `json:"voted"`
	Delegate authtypes.Address `json:"delegate,omitempty"`
	Vote     uint32            `json:"vote"`
}

// Ballot returns ballot id.
func (k Keeper) Ballot(r store.Reader, id uint64) (Ballot, bool) {
	bz := r.Get(ballotKey(id))
	if bz == nil {
		return Ballot{}, false
	}
	return decodeBallot(bz), true
}

func (k Keeper) setBallot(w store.Writer, b Ballot) {
	w.Set(ballotKey(b.ID), encodeBallot(b))
}

// Ballots calls fn for each ballot in id order until fn returns false.
func (k Keeper) Ballots(r store.Reader, fn func(Ballot) bool) {
	r.Iterate(ballotPrefix, store.PrefixEnd(ballotPrefix), func(_, bz []byte) bool {
		return fn(decodeBallot(bz))
	})
}

// NextID is the id the next ballot gets; ids start at 1.
func (k Keeper) NextID(r store.Reader) uint64 {
	bz := r.Get(nextIDKey)
	if bz == nil {
		return 1
	}
	return binary.BigEndian.Uint64(bz)
}

func (k Keeper) setNextID(w store.Writer, id uint64) { w.Set(nextIDKey, idKey(id)) }

// Voter returns addr's record in ballot id; false if addr has no right to
// vote there.
func (k Keeper) Voter(r store.Reader, id uint64, addr authtypes.Address) (Voter, bool) {
	bz := r.Get(voterKey(id, addr))
	if bz == nil {
		return Voter{}, false
	}
	return decodeVoter(id, bz), true
}

// setVoter writes v. CONTRACT: a voter is stored only with a positive
// weight, and weights never decrease, so "stored" means "has the right".
func (k Keeper) setVoter(w store.Writer, id uint64, addr authtypes.Address, v Voter) {
	if v.Weight.IsNil() || !v.Weight.IsPositive() {
		panic(fmt.Sprintf("ballot: storing a voter of ballot %d without weight", id))
	}
	w.Set(voterKey(id, addr), encodeVoter(id, addr, v))
}

// addVoter stores a new voter and counts it.
func (k Keeper) addVoter(w store.Writer, id uint64, addr authtypes.Address, weight math.Int) {
	k.setVoter(w, id, addr, Voter{Weight: weight})
	w.Set(voterCountKey(id), binary.BigEndian.AppendUint64(nil, k.VoterCount(w, id)+1))
}

// Voters calls fn for each voter of ballot id in address order until fn
// returns false.
func (k Keeper) Voters(r store.Reader, id uint64, fn func(authtypes.Address, Voter) bool) {
	prefix := votersOf(id)
	r.Iterate(prefix, store.PrefixEnd(prefix), func(key, bz []byte) bool {
		return fn(append(authtypes.Address(nil), key[len(prefix):]...), decodeVoter(id, bz))
	})
}

// VoterCount is how many accounts have the right to vote in ballot id.
func (k Keeper) VoterCount(r store.Reader, id uint64) uint64 {
	bz := r.Get(voterCountKey(id))
	if bz == nil {
		return 0
	}
	return binary.BigEndian.Uint64(bz)
}

// Tally is the weight voted for proposal index of ballot id.
func (k Keeper) Tally(r store.Reader, id uint64, index uint32) math.Int {
	bz := r.Get(tallyKey(id, index))
	if bz == nil {
		return math.ZeroInt()
	}
	n, ok := math.NewIntFromString(string(bz))
	if !ok {
		panic(fmt.Sprintf("ballot: corrupt tally of ballot %d proposal %d", id, index))
	}
	return n
}

// Tallies returns the vote count of every proposal of b, by index.
func (k Keeper) Tallies(r store.Reader, b Ballot) []math.Int {
	out := make([]math.Int, len(b.Proposals))
	for i := range b.Proposals {
		out[i] = k.Tally(r, b.ID, uint32(i))
	}
	return out
}

// addTally adds weight to proposal index of ballot id. Zero tallies are
// not stored.
func (k Keeper) addTally(w store.Writer, id uint64, index uint32, weight math.Int) {
	n := k.Tally(w, id, index).Add(weight)
	if n.IsZero() {
		return
	}
	w.Set(tallyKey(id, index), []byte(n.String()))
}

// WinningProposal is the proposal with the most votes and its count. Ties go
// to the lowest index, so proposal 0 wins while nothing has been voted, as
// the contract's winningProposal does.
func WinningProposal(tallies []math.Int) (uint32, math.Int) {
	best, count := uint32(0), math.ZeroInt()
	for i, t := range tallies {
		if t.GT(count) {
			best, count = uint32(i), t
		}
	}
	return best, count
}

// StakeWeight is addr's bonded stake: the tokens its delegations to
// bonded validators are worth now (shares × tokens / total shares, summed
// exactly and truncated once). It also returns how many delegations it
// read, which the gas charges for.
func (k Keeper) StakeWeight(r store.Reader, addr authtypes.Address) (math.Int, int) {
	dels := k.staking.DelegatorDelegations(r, addr)
	sum := math.LegacyZeroDec()
	for _, d := range dels {
		v, ok := k.staking.Validator(r, d.Validator)
		if !ok || v.Status != staking.Bonded || !v.DelegatorShares.IsPositive() {
			continue // not bonded stake: it has no say
		}
		sum = sum.Add(v.TokensFromShares(d.Shares))
	}
	return sum.TruncateInt(), len(dels)
}
