package gov

import (
	"fmt"
	"time"

	"cosmossdk.io/math"
	gogotypes "github.com/cosmos/gogoproto/types"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/gov/types"
)

// The stored values of gov are the cosmos.gov.v1 messages that Cosmos
// stores and the queries return: Proposal, Vote and Deposit, with bech32
// addresses and times as Timestamps. Each has one encode and one decode
// function here; the queries use the same conversions (query.go). The next
// id is 8 big-endian bytes and queue entries are empty (keys.go).

func encodeProposal(p Proposal) []byte { return core.MarshalValue(ProposalToProto(p)) }

func decodeProposal(bz []byte) Proposal {
	var m types.Proposal
	if err := m.Unmarshal(bz); err != nil {
		panic(fmt.Sprintf("gov: corrupt proposal: %v", err))
	}
	p, err := proposalFromProto(&m)
	if err != nil {
		panic(fmt.Sprintf("gov: corrupt proposal %d: %v", m.Id, err))
	}
	return p
}

// proposalFromProto is the inverse of ProposalToProto.
func proposalFromProto(m *types.Proposal) (Proposal, error) {
	p := Proposal{
		ID: m.Id, Status: m.Status, Metadata: m.Metadata, Title: m.Title, Summary: m.Summary, FailedReason: m.FailedReason,
		Messages: make([]Msg, len(m.Messages)),
	}
	for i, a := range m.Messages {
		if a == nil {
			return Proposal{}, fmt.Errorf("message %d is empty", i)
		}
		p.Messages[i] = Msg{TypeURL: a.TypeUrl, Value: append([]byte{}, a.Value...)}
	}
	var err error
	if p.FinalTally, err = tallyFromProto(m.FinalTallyResult); err != nil {
		return Proposal{}, err
	}
	for _, f := range []struct {
		name string
		ts   *gogotypes.Timestamp
		dst  *time.Time
	}{
		{"submit time", m.SubmitTime, &p.SubmitTime},
		{"deposit end time", m.DepositEndTime, &p.DepositEndTime},
		{"voting start time", m.VotingStartTime, &p.VotingStartTime},
		{"voting end time", m.VotingEndTime, &p.VotingEndTime},
	} {
		if *f.dst, err = timeFromProto(f.ts); err != nil {
			return Proposal{}, fmt.Errorf("%s: %w", f.name, err)
		}
	}
	if p.TotalDeposit, err = authtypes.CoinsFromProto(m.TotalDeposit); err != nil {
		return Proposal{}, fmt.Errorf("total deposit: %w", err)
	}
	if p.Proposer, err = authtypes.ParseAddress(m.Proposer); err != nil {
		return Proposal{}, fmt.Errorf("proposer: %w", err)
	}
	return p, nil
}

func tallyFromProto(m *types.TallyResult) (TallyResult, error) {
	if m == nil {
		return ZeroTally(), nil
	}
	var t TallyResult
	for _, f := range []struct {
		s   string
		dst *math.Int
	}{{m.YesCount, &t.Yes}, {m.AbstainCount, &t.Abstain}, {m.NoCount, &t.No}, {m.NoWithVetoCount, &t.NoWithVeto}} {
		n, ok := math.NewIntFromString(f.s)
		if !ok {
			return TallyResult{}, fmt.Errorf("tally count %q", f.s)
		}
		*f.dst = n
	}
	return t, nil
}

func encodeVote(v Vote) []byte { return core.MarshalValue(VoteToProto(v)) }

func decodeVote(bz []byte) Vote {
	var m types.Vote
	if err := m.Unmarshal(bz); err != nil {
		panic(fmt.Sprintf("gov: corrupt vote: %v", err))
	}
	voter, err := authtypes.ParseAddress(m.Voter)
	if err != nil {
		panic(fmt.Sprintf("gov: corrupt vote on proposal %d: voter: %v", m.ProposalId, err))
	}
	v := Vote{ProposalID: m.ProposalId, Voter: voter, Options: make([]WeightedOption, len(m.Options)), Metadata: m.Metadata}
	for i, o := range m.Options {
		w, err := math.LegacyNewDecFromStr(o.Weight)
		if err != nil {
			panic(fmt.Sprintf("gov: corrupt vote on proposal %d: weight %q", m.ProposalId, o.Weight))
		}
		v.Options[i] = WeightedOption{Option: o.Option, Weight: w}
	}
	return v
}

func encodeDeposit(d Deposit) []byte { return core.MarshalValue(DepositToProto(d)) }

func decodeDeposit(bz []byte) Deposit {
	var m types.Deposit
	if err := m.Unmarshal(bz); err != nil {
		panic(fmt.Sprintf("gov: corrupt deposit: %v", err))
	}
	depositor, err := authtypes.ParseAddress(m.Depositor)
	if err != nil {
		panic(fmt.Sprintf("gov: corrupt deposit on proposal %d: depositor: %v", m.ProposalId, err))
	}
	amount, err := authtypes.CoinsFromProto(m.Amount)
	if err != nil {
		panic(fmt.Sprintf("gov: corrupt deposit on proposal %d: %v", m.ProposalId, err))
	}
	return Deposit{ProposalID: m.ProposalId, Depositor: depositor, Amount: amount}
}

// timestamp is t as a Timestamp, to the nanosecond.
func timestamp(t time.Time) *gogotypes.Timestamp {
	return &gogotypes.Timestamp{Seconds: t.Unix(), Nanos: int32(t.Nanosecond())}
}

// timeFromProto reads a Timestamp in UTC; an absent one is the zero time
// (the voting times of a proposal still in its deposit period).
func timeFromProto(ts *gogotypes.Timestamp) (time.Time, error) {
	if ts == nil {
		return time.Time{}, nil
	}
	return gogotypes.TimestampFromProto(ts)
}
