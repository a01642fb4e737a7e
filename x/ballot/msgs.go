package ballot

import (
	"errors"
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"

	gogotypes "github.com/cosmos/gogoproto/types"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/ballot/types"
	"github.com/stakechain/stakechain/x/core"
)

// Limits of a ballot, checked without state.
const (
	MaxProposals          = 32
	MaxTitleLength        = 140 // characters (Unicode code points)
	MaxProposalNameLength = 64  // characters (Unicode code points)
)

// The stateless checks of the ballot messages: each Parse function reads a
// wire message into the keeper's terms, with its signer decoded, or says
// what is wrong with it.

// CreateBallot is a MsgCreateBallot: its signer is Chairperson.
type CreateBallot struct {
	Chairperson   authtypes.Address
	Title         string
	Proposals     []string
	VotingEnd     time.Time
	StakeWeighted bool
}

// GiveRightToVote is a MsgGiveRightToVote: its signer is Chairperson.
type GiveRightToVote struct {
	Chairperson authtypes.Address
	BallotID    uint64
	Voter       authtypes.Address
}

// DelegateVote is a MsgDelegateVote: its signer is Voter.
type DelegateVote struct {
	Voter    authtypes.Address
	BallotID uint64
	To       authtypes.Address
}

// CastVote is a MsgCastVote: its signer is Voter.
type CastVote struct {
	Voter    authtypes.Address
	BallotID uint64
	Proposal uint32
}

// ParseCreateBallot reads a MsgCreateBallot. voting_end must be present;
// whether it is in the future is a rule of the block it runs in.
func ParseCreateBallot(m *types.MsgCreateBallot) (CreateBallot, error) {
	chair, err := authtypes.ParseAddress(m.Chairperson)
	if err != nil {
		return CreateBallot{}, core.ErrInvalidAddress.Wrapf("chairperson: %v", err)
	}
	if m.VotingEnd == nil {
		return CreateBallot{}, ErrInvalidVotingEnd.Wrap("voting_end is missing")
	}
	end, err := gogotypes.TimestampFromProto(m.VotingEnd)
	if err != nil {
		return CreateBallot{}, ErrInvalidVotingEnd.Wrap(err.Error())
	}
	out := CreateBallot{
		Chairperson:   chair,
		Title:         m.Title,
		Proposals:     append([]string(nil), m.ProposalNames...),
		VotingEnd:     end.UTC(),
		StakeWeighted: m.StakeWeighted,
	}
	if err := out.validate(); err != nil {
		return CreateBallot{}, err
	}
	return out, nil
}

// ParseGiveRightToVote reads a MsgGiveRightToVote.
func ParseGiveRightToVote(m *types.MsgGiveRightToVote) (GiveRightToVote, error) {
	chair, err := authtypes.ParseAddress(m.Chairperson)
	if err != nil {
		return GiveRightToVote{}, core.ErrInvalidAddress.Wrapf("chairperson: %v", err)
	}
	voter, err := authtypes.ParseAddress(m.Voter)
	if err != nil {
		return GiveRightToVote{}, core.ErrInvalidAddress.Wrapf("voter: %v", err)
	}
	if err := validateID(m.BallotId); err != nil {
		return GiveRightToVote{}, err
	}
	return GiveRightToVote{Chairperson: chair, BallotID: m.BallotId, Voter: voter}, nil
}

// ParseDelegateVote reads a MsgDelegateVote. Delegating to oneself is
// rejected here already.
func ParseDelegateVote(m *types.MsgDelegateVote) (DelegateVote, error) {
	voter, err := authtypes.ParseAddress(m.Voter)
	if err != nil {
		return DelegateVote{}, core.ErrInvalidAddress.Wrapf("voter: %v", err)
	}
	to, err := authtypes.ParseAddress(m.To)
	if err != nil {
		return DelegateVote{}, core.ErrInvalidAddress.Wrapf("to: %v", err)
	}
	out := DelegateVote{Voter: voter, BallotID: m.BallotId, To: to}
	if err := out.validate(); err != nil {
		return DelegateVote{}, err
	}
	return out, nil
}

// ParseCastVote reads a MsgCastVote. Whether the index is in range depends
// on the ballot.
func ParseCastVote(m *types.MsgCastVote) (CastVote, error) {
	voter, err := authtypes.ParseAddress(m.Voter)
	if err != nil {
		return CastVote{}, core.ErrInvalidAddress.Wrapf("voter: %v", err)
	}
	if err := validateID(m.BallotId); err != nil {
		return CastVote{}, err
	}
	return CastVote{Voter: voter, BallotID: m.BallotId, Proposal: m.ProposalIndex}, nil
}

// validate checks the title, the number of proposals and their names.
func (m CreateBallot) validate() error {
	if err := validateText(m.Title, MaxTitleLength); err != nil {
		return ErrInvalidTitle.Wrap(err.Error())
	}
	if len(m.Proposals) == 0 || len(m.Proposals) > MaxProposals {
		return ErrInvalidProposals.Wrapf("got %d", len(m.Proposals))
	}
	for i, name := range m.Proposals {
		if err := validateText(name, MaxProposalNameLength); err != nil {
			return ErrInvalidProposalName.Wrapf("proposal %d: %v", i, err)
		}
	}
	if m.VotingEnd.IsZero() {
		return ErrInvalidVotingEnd.Wrap("voting end is missing")
	}
	return nil
}

func (m DelegateVote) validate() error {
	if err := validateID(m.BallotID); err != nil {
		return err
	}
	if m.Voter.Equal(m.To) {
		return ErrSelfDelegation
	}
	return nil
}

// validateID rejects id 0: ballot ids start at 1.
func validateID(id uint64) error {
	if id == 0 {
		return ErrBallotNotFound.Wrap("ballot ids start at 1")
	}
	return nil
}

// validateText accepts valid UTF-8 of 1 to max characters with no control
// characters (a name is printed on one line).
func validateText(s string, max int) error {
	if !utf8.ValidString(s) {
		return errors.New("not valid UTF-8")
	}
	n := utf8.RuneCountInString(s)
	if n == 0 || n > max {
		return fmt.Errorf("has %d characters", n)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return errors.New("contains a control character")
		}
	}
	return nil
}
