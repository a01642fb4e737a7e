package ballot

import (
	"strconv"
	"time"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// CreateBallot opens a ballot and returns its id, the next in sequence
// from 1. The chairperson gets the right to vote at once, as in the
// contract: weight 1, or in a stake-weighted ballot its bonded stake (no
// right if it has none; it may give itself the right later).
func (k Keeper) CreateBallot(w store.Writer, ev *core.Events, b core.Block, m CreateBallot) (uint64, error) {
	if err := m.validate(); err != nil {
		return 0, err
	}
	if !m.VotingEnd.After(b.Time) {
		return 0, ErrInvalidVotingEnd.Wrapf("voting end %s is not after the block time %s",
			m.VotingEnd.UTC().Format(time.RFC3339Nano), b.Time.UTC().Format(time.RFC3339Nano))
	}
	id := k.NextID(w)
	k.setNextID(w, id+1)
	bal := Ballot{
		ID:            id,
		Title:         m.Title,
		Chairperson:   m.Chairperson,
		Proposals:     append([]string(nil), m.Proposals...),
		VotingEnd:     m.VotingEnd.UTC(),
		StakeWeighted: m.StakeWeighted,
		CreatedHeight: b.Height,
	}
	k.setBallot(w, bal)
	weight := math.OneInt()
	if bal.StakeWeighted {
		weight, _ = k.StakeWeight(w, m.Chairperson)
	}
	if weight.IsPositive() {
		k.addVoter(w, id, m.Chairperson, weight)
	}
	ev.Emit(EventCreateBallot,
		core.IndexedAttr(AttrBallotID, strconv.FormatUint(id, 10)),
		core.IndexedAttr(AttrChairperson, m.Chairperson.String()),
		core.Attr(AttrTitle, m.Title),
		core.Attr(AttrProposals, strconv.Itoa(len(m.Proposals))),
		core.Attr(AttrVotingEnd, bal.VotingEnd.Format(time.RFC3339Nano)),
		core.Attr(AttrStakeWeighted, strconv.FormatBool(bal.StakeWeighted)))
	return id, nil
}

// openBallot returns ballot id if votes are still accepted at block b.
func (k Keeper) openBallot(r store.Reader, b core.Block, id uint64) (Ballot, error) {
	bal, ok := k.Ballot(r, id)
	if !ok {
		return Ballot{}, ErrBallotNotFound.Wrapf("ballot %d", id)
	}
	if bal.Ended(b.Time) {
		return Ballot{}, ErrVotingEnded.Wrapf("ballot %d closed at %s", id, bal.VotingEnd.Format(time.RFC3339Nano))
	}
	return bal, nil
}

// GiveRightToVote gives m.Voter the right to vote in a ballot: weight 1,
// or in a stake-weighted ballot its bonded stake now (see StakeWeight).
// Only the chairperson may; a voter gets the right once, and not after
// it has voted.
func (k Keeper) GiveRightToVote(w store.Writer, ev *core.Events, b core.Block, m GiveRightToVote) error {
	bal, err := k.openBallot(w, b, m.BallotID)
	if err != nil {
		return err
	}
	if !m.Chairperson.Equal(bal.Chairperson) {
		return ErrNotChairperson.Wrapf("ballot %d's chairperson is %s", bal.ID, bal.Chairperson)
	}
	if v, ok := k.Voter(w, bal.ID, m.Voter); ok {
		if v.Voted {
			return ErrAlreadyVoted.Wrapf("%s in ballot %d", m.Voter, bal.ID)
		}
		return ErrAlreadyHasRight.Wrapf("%s in ballot %d", m.Voter, bal.ID)
	}
	weight := math.OneInt()
	if bal.StakeWeighted {
		weight, _ = k.StakeWeight(w, m.Voter)
		if !weight.IsPositive() {
			return ErrNoStake.Wrapf("%s has no delegation to a bonded validator", m.Voter)
		}
	}
	k.addVoter(w, bal.ID, m.Voter, weight)
	ev.Emit(EventGiveRight,
		core.IndexedAttr(AttrBallotID, strconv.FormatUint(bal.ID, 10)),
		core.IndexedAttr(AttrVoter, m.Voter.String()),
		core.Attr(AttrWeight, weight.String()))
	return nil
}

// DelegateVote hands m.Voter's vote to m.To, following m.To's own
// delegations to the end of the chain: if that voter has voted, the weight
// goes to its proposal, otherwise to its weight. The delegator counts as
// having voted.
func (k Keeper) DelegateVote(w store.Writer, ev *core.Events, b core.Block, m DelegateVote) error {
	if err := m.validate(); err != nil {
		return err
	}
	bal, err := k.openBallot(w, b, m.BallotID)
	if err != nil {
		return err
	}
	sender, ok := k.Voter(w, bal.ID, m.Voter)
	if !ok {
		return ErrNoRightToVote.Wrapf("%s in ballot %d", m.Voter, bal.ID)
	}
	if sender.Voted {
		return ErrAlreadyVoted.Wrapf("%s in ballot %d", m.Voter, bal.ID)
	}
	to, _, err := k.followDelegation(w, bal.ID, m.Voter, m.To)
	if err != nil {
		return err
	}
	del, ok := k.Voter(w, bal.ID, to)
	if !ok {
		return ErrDelegateHasNoRight.Wrapf("%s in ballot %d", to, bal.ID)
	}
	sender.Voted = true
	sender.Delegate = to
	k.setVoter(w, bal.ID, m.Voter, sender)
	if del.Voted {
		k.addTally(w, bal.ID, del.Vote, sender.Weight)
	} else {
		del.Weight = del.Weight.Add(sender.Weight)
		k.setVoter(w, bal.ID, to, del)
	}
	ev.Emit(EventDelegateVote,
		core.IndexedAttr(AttrBallotID, strconv.FormatUint(bal.ID, 10)),
		core.IndexedAttr(AttrVoter, m.Voter.String()),
		core.IndexedAttr(AttrDelegate, to.String()),
		core.Attr(AttrWeight, sender.Weight.String()))
	return nil
}

// followDelegation walks from to along the delegations already made to the
// voter at the end of the chain, and returns it with the number of hops.
// A chain that comes back to sender is a loop. CONTRACT: every delegation
// was checked this way when it was made, so a chain visits each voter at
// most once and is shorter than the ballot's voter count; a longer one is
// reported as a loop rather than walked.
func (k Keeper) followDelegation(r store.Reader, id uint64, sender, to authtypes.Address) (authtypes.Address, uint64, error) {
	limit := k.VoterCount(r, id)
	for hops := uint64(0); hops <= limit; hops++ {
		v, ok := k.Voter(r, id, to)
		if !ok || len(v.Delegate) == 0 {
			return to, hops, nil
		}
		to = v.Delegate
		if to.Equal(sender) {
			return nil, hops + 1, ErrDelegationLoop.Wrapf("%s's delegation chain leads back to it", sender)
		}
	}
	return nil, limit, ErrDelegationLoop.Wrapf("the delegation chain is longer than ballot %d's %d voters", id, limit)
}

// CastVote votes for proposal m.Proposal with m.Voter's whole weight,
// including the weight delegated to it so far.
func (k Keeper) CastVote(w store.Writer, ev *core.Events, b core.Block, m CastVote) error {
	bal, err := k.openBallot(w, b, m.BallotID)
	if err != nil {
		return err
	}
	v, ok := k.Voter(w, bal.ID, m.Voter)
	if !ok {
		return ErrNoRightToVote.Wrapf("%s in ballot %d", m.Voter, bal.ID)
	}
	if v.Voted {
		return ErrAlreadyVoted.Wrapf("%s in ballot %d", m.Voter, bal.ID)
	}
	if int64(m.Proposal) >= int64(len(bal.Proposals)) {
		return ErrProposalOutOfRange.Wrapf("ballot %d has proposals 0 to %d, got %d", bal.ID, len(bal.Proposals)-1, m.Proposal)
	}
	v.Voted = true
	v.Vote = m.Proposal
	k.setVoter(w, bal.ID, m.Voter, v)
	k.addTally(w, bal.ID, m.Proposal, v.Weight)
	ev.Emit(EventCastVote,
		core.IndexedAttr(AttrBallotID, strconv.FormatUint(bal.ID, 10)),
		core.IndexedAttr(AttrVoter, m.Voter.String()),
		core.Attr(AttrProposal, strconv.FormatUint(uint64(m.Proposal), 10)),
		core.Attr(AttrWeight, v.Weight.String()))
	return nil
}
