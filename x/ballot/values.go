package ballot

import (
	"fmt"

	"cosmossdk.io/math"
	gogotypes "github.com/cosmos/gogoproto/types"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/ballot/types"
	"github.com/stakechain/stakechain/x/core"
)

// The stored values of ballot are stakechain.ballot.v1 messages: a
// ballot's fixed part as a BallotRecord and each voter as the Voter the
// queries return, with bech32 addresses. Each has one encode and one
// decode function here. A tally is a math.Int in decimal text, the next id
// and a voter count are 8 big-endian bytes (keys.go).

func encodeBallot(b Ballot) []byte {
	return core.MarshalValue(&types.BallotRecord{
		Id:            b.ID,
		Title:         b.Title,
		Chairperson:   b.Chairperson.String(),
		Proposals:     b.Proposals,
		VotingEnd:     &gogotypes.Timestamp{Seconds: b.VotingEnd.Unix(), Nanos: int32(b.VotingEnd.Nanosecond())},
		StakeWeighted: b.StakeWeighted,
		CreatedHeight: b.CreatedHeight,
	})
}

func decodeBallot(bz []byte) Ballot {
	var m types.BallotRecord
	if err := m.Unmarshal(bz); err != nil {
		panic(fmt.Sprintf("ballot: corrupt ballot: %v", err))
	}
	chair, err := authtypes.ParseAddress(m.Chairperson)
	if err != nil {
		panic(fmt.Sprintf("ballot: corrupt ballot %d: chairperson: %v", m.Id, err))
	}
	if m.VotingEnd == nil {
		panic(fmt.Sprintf("ballot: corrupt ballot %d: no voting end", m.Id))
	}
	end, err := gogotypes.TimestampFromProto(m.VotingEnd)
	if err != nil {
		panic(fmt.Sprintf("ballot: corrupt ballot %d: voting end: %v", m.Id, err))
	}
	return Ballot{
		ID: m.Id, Title: m.Title, Chairperson: chair, Proposals: m.Proposals, VotingEnd: end,
		StakeWeighted: m.StakeWeighted, CreatedHeight: m.CreatedHeight,
	}
}

func encodeVoter(id uint64, addr authtypes.Address, v Voter) []byte {
	return core.MarshalValue(VoterToProto(id, addr, v))
}

func decodeVoter(id uint64, bz []byte) Voter {
	var m types.Voter
	if err := m.Unmarshal(bz); err != nil {
		panic(fmt.Sprintf("ballot: corrupt voter of ballot %d: %v", id, err))
	}
	weight, ok := math.NewIntFromString(m.Weight)
	if !ok || !weight.IsPositive() {
		panic(fmt.Sprintf("ballot: voter of ballot %d stored without weight", id))
	}
	v := Voter{Weight: weight, Voted: m.Voted, Vote: m.Vote}
	if m.Delegate != "" {
		d, err := authtypes.ParseAddress(m.Delegate)
		if err != nil {
			panic(fmt.Sprintf("ballot: corrupt voter of ballot %d: delegate: %v", id, err))
		}
		v.Delegate = d
	}
	return v
}
