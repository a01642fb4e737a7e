package ballot

import (
	"cosmossdk.io/math"
	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/ballot/types"
	"github.com/stakechain/stakechain/x/core"
)

func (k Keeper) knownBallot(r store.Reader, id uint64) (Ballot, error) {
	b, ok := k.Ballot(r, id)
	if !ok {
		return Ballot{}, ErrBallotNotFound.Wrapf("ballot %d", id)
	}
	return b, nil
}

func proposalsToProto(b Ballot, tallies []math.Int) []*types.Proposal {
	out := make([]*types.Proposal, len(b.Proposals))
	for i, name := range b.Proposals {
		out[i] = &types.Proposal{Index: uint32(i), Name: name, VoteCount: tallies[i].String()}
	}
	return out
}

// BallotToProto is b with its tallies and voter count in wire form.
func (k Keeper) BallotToProto(r store.Reader, b Ballot) *types.Ballot {
	return &types.Ballot{
		Id:            b.ID,
		Title:         b.Title,
		Chairperson:   b.Chairperson.String(),
		Proposals:     proposalsToProto(b, k.Tallies(r, b)),
		VotingEnd:     &gogotypes.Timestamp{Seconds: b.VotingEnd.Unix(), Nanos: int32(b.VotingEnd.Nanosecond())},
		StakeWeighted: b.StakeWeighted,
		CreatedHeight: b.CreatedHeight,
		VoterCount:    k.VoterCount(r, b.ID),
	}
}

// VoterToProto is addr's record in ballot id in wire form.
func VoterToProto(id uint64, addr authtypes.Address, v Voter) *types.Voter {
	out := &types.Voter{BallotId: id, Address: addr.String(), Weight: "0", Voted: v.Voted, Vote: v.Vote}
	if !v.Weight.IsNil() {
		out.Weight = v.Weight.String()
	}
	if len(v.Delegate) > 0 {
		out.Delegate = v.Delegate.String()
	}
	return out
}

// QueryBallot answers /stakechain.ballot.v1.Query/Ballot.
func (k Keeper) QueryBallot(r store.Reader, req *types.QueryBallotRequest) (*types.QueryBallotResponse, error) {
	b, err := k.knownBallot(r, req.Id)
	if err != nil {
		return nil, err
	}
	return &types.QueryBallotResponse{Ballot: k.BallotToProto(r, b)}, nil
}

// QueryVoter answers /stakechain.ballot.v1.Query/Voter. Any account may be
// asked about, as the contract's voters mapping may: one without the right
// to vote has weight "0".
func (k Keeper) QueryVoter(r store.Reader, req *types.QueryVoterRequest) (*types.QueryVoterResponse, error) {
	b, err := k.knownBallot(r, req.Id)
	if err != nil {
		return nil, err
	}
	addr, err := authtypes.ParseAccountInput(req.Address)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrap(err.Error())
	}
	v, _ := k.Voter(r, b.ID, addr) // absent: the zero voter, no right
	return &types.QueryVoterResponse{Voter: VoterToProto(b.ID, addr, v)}, nil
}

// QueryTallies answers /stakechain.ballot.v1.Query/Tallies: every
// proposal's vote count and their total.
func (k Keeper) QueryTallies(r store.Reader, req *types.QueryTalliesRequest) (*types.QueryTalliesResponse, error) {
	b, err := k.knownBallot(r, req.Id)
	if err != nil {
		return nil, err
	}
	tallies := k.Tallies(r, b)
	total := math.ZeroInt()
	for _, t := range tallies {
		total = total.Add(t)
	}
	return &types.QueryTalliesResponse{Proposals: proposalsToProto(b, tallies), Total: total.String()}, nil
}

// QueryWinner answers /stakechain.ballot.v1.Query/Winner: the proposal
// with the most votes, the lowest index among equals.
func (k Keeper) QueryWinner(r store.Reader, req *types.QueryWinnerRequest) (*types.QueryWinnerResponse, error) {
	b, err := k.knownBallot(r, req.Id)
	if err != nil {
		return nil, err
	}
	i, count := WinningProposal(k.Tallies(r, b))
	return &types.QueryWinnerResponse{Index: i, Name: b.Proposals[i], VoteCount: count.String()}, nil
}
