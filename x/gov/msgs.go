package gov

import (
	"math/big"
	"strings"
	"unicode/utf8"

	"cosmossdk.io/math"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/gov/types"
)

// The stateless checks of the gov messages: each Parse function reads a
// wire message into the keeper's terms or says what is wrong with it. The
// keeper repeats the checks that guard its state.

// Gas of the gov messages: each touches a bounded number of keys.
const (
	GasSubmitProposal = 100_000
	GasDeposit        = 40_000
	GasVote           = 20_000
)

// Limits of a proposal's text, as Cosmos's default config.
const (
	MaxMetadataLen = 255
	MaxTitleLen    = 255
	MaxSummaryLen  = 10_200
	MaxMessages    = 16
)

// SubmitProposalMsg is a MsgSubmitProposal: Proposer signs.
type SubmitProposalMsg struct {
	Proposer       authtypes.Address
	Messages       []Msg
	InitialDeposit core.Coins
	Metadata       string
	Title          string
	Summary        string
}

// Signer is the account that must sign.
func (m SubmitProposalMsg) Signer() authtypes.Address { return m.Proposer }

// DepositMsg is a MsgDeposit: Depositor signs.
type DepositMsg struct {
	ProposalID uint64
	Depositor  authtypes.Address
	Amount     core.Coins
}

// Signer is the account that must sign.
func (m DepositMsg) Signer() authtypes.Address { return m.Depositor }

// VoteMsg is a MsgVote or a MsgVoteWeighted: Voter signs.
type VoteMsg struct {
	ProposalID uint64
	Voter      authtypes.Address
	Options    []WeightedOption
	Metadata   string
}

// Signer is the account that must sign.
func (m VoteMsg) Signer() authtypes.Address { return m.Voter }

// ParseSubmitProposal reads a MsgSubmitProposal. Expedited proposals are
// refused.
func ParseSubmitProposal(m *types.MsgSubmitProposal) (SubmitProposalMsg, error) {
	proposer, err := parseAddress("proposer", m.Proposer)
	if err != nil {
		return SubmitProposalMsg{}, err
	}
	if m.Expedited {
		return SubmitProposalMsg{}, ErrExpeditedNotSupported
	}
	msgs := make([]Msg, 0, len(m.Messages))
	for i, a := range m.Messages {
		if a == nil || a.TypeUrl == "" {
			return SubmitProposalMsg{}, ErrInvalidProposal.Wrapf("message %d has no type URL", i)
		}
		msgs = append(msgs, Msg{TypeURL: a.TypeUrl, Value: append([]byte{}, a.Value...)})
	}
	deposit, err := parseCoins(m.InitialDeposit)
	if err != nil {
		return SubmitProposalMsg{}, err
	}
	out := SubmitProposalMsg{Proposer: proposer, Messages: msgs, InitialDeposit: deposit, Metadata: m.Metadata, Title: m.Title, Summary: m.Summary}
	if err := out.validate(); err != nil {
		return SubmitProposalMsg{}, err
	}
	return out, nil
}

// ParseDeposit reads a MsgDeposit.
func ParseDeposit(m *types.MsgDeposit) (DepositMsg, error) {
	depositor, err := parseAddress("depositor", m.Depositor)
	if err != nil {
		return DepositMsg{}, err
	}
	amt, err := parseCoins(m.Amount)
	if err != nil {
		return DepositMsg{}, err
	}
	if amt.IsZero() {
		return DepositMsg{}, ErrInvalidDeposit.Wrap("amount is empty")
	}
	return DepositMsg{ProposalID: m.ProposalId, Depositor: depositor, Amount: amt}, nil
}

// ParseVote reads a MsgVote: one option with weight 1.
func ParseVote(m *types.MsgVote) (VoteMsg, error) {
	voter, err := parseAddress("voter", m.Voter)
	if err != nil {
		return VoteMsg{}, err
	}
	out := VoteMsg{ProposalID: m.ProposalId, Voter: voter, Options: []WeightedOption{{Option: m.Option, Weight: math.LegacyOneDec()}}, Metadata: m.Metadata}
	if err := out.validate(); err != nil {
		return VoteMsg{}, err
	}
	return out, nil
}

// ParseVoteWeighted reads a MsgVoteWeighted. Weights are decimal strings
// ("0.5" or "0.500000000000000000").
func ParseVoteWeighted(m *types.MsgVoteWeighted) (VoteMsg, error) {
	voter, err := parseAddress("voter", m.Voter)
	if err != nil {
		return VoteMsg{}, err
	}
	opts := make([]WeightedOption, 0, len(m.Options))
	for _, o := range m.Options {
		if o == nil {
			return VoteMsg{}, ErrInvalidVote.Wrap("empty option")
		}
		w, err := math.LegacyNewDecFromStr(o.Weight)
		if err != nil {
			return VoteMsg{}, ErrInvalidVote.Wrapf("weight %q", o.Weight)
		}
		opts = append(opts, WeightedOption{Option: o.Option, Weight: w})
	}
	out := VoteMsg{ProposalID: m.ProposalId, Voter: voter, Options: opts, Metadata: m.Metadata}
	if err := out.validate(); err != nil {
		return VoteMsg{}, err
	}
	return out, nil
}

func (m SubmitProposalMsg) validate() error {
	if err := authtypes.ValidateAddressBytes(m.Proposer); err != nil {
		return core.ErrInvalidAddress.Wrapf("proposer: %v", err)
	}
	if len(m.Messages) > MaxMessages {
		return ErrInvalidProposal.Wrapf("%d messages, at most %d", len(m.Messages), MaxMessages)
	}
	for i, msg := range m.Messages {
		if msg.TypeURL == "" {
			return ErrInvalidProposal.Wrapf("message %d has no type URL", i)
		}
	}
	if strings.TrimSpace(m.Title) == "" {
		return ErrInvalidProposal.Wrap("title must not be empty")
	}
	if strings.TrimSpace(m.Summary) == "" {
		return ErrInvalidProposal.Wrap("summary must not be empty")
	}
	if !utf8.ValidString(m.Title) || !utf8.ValidString(m.Summary) || !utf8.ValidString(m.Metadata) {
		return ErrInvalidProposal.Wrap("title, summary and metadata must be valid UTF-8")
	}
	if len(m.Title) > MaxTitleLen || len(m.Summary) > MaxSummaryLen || len(m.Metadata) > MaxMetadataLen {
		return ErrInvalidMetadata.Wrapf("title %d, summary %d, metadata %d bytes", len(m.Title), len(m.Summary), len(m.Metadata))
	}
	if err := m.InitialDeposit.Validate(); err != nil {
		return ErrInvalidDeposit.Wrap(err.Error())
	}
	return nil
}

func (m VoteMsg) validate() error {
	if err := authtypes.ValidateAddressBytes(m.Voter); err != nil {
		return core.ErrInvalidAddress.Wrapf("voter: %v", err)
	}
	if len(m.Metadata) > MaxMetadataLen {
		return ErrInvalidMetadata.Wrapf("metadata has %d bytes", len(m.Metadata))
	}
	return validateOptions(m.Options)
}

// validateOptions checks a vote: known options, each at most once, each
// weight in (0, 1], weights summing to exactly 1.
func validateOptions(opts []WeightedOption) error {
	if len(opts) == 0 || len(opts) > 4 {
		return ErrInvalidVote.Wrapf("a vote has 1 to 4 options, got %d", len(opts))
	}
	var seen [5]bool
	sum := math.LegacyZeroDec()
	for _, o := range opts {
		if o.Option < types.VoteOption_VOTE_OPTION_YES || o.Option > types.VoteOption_VOTE_OPTION_NO_WITH_VETO {
			return ErrInvalidVote.Wrapf("option %d", o.Option)
		}
		if seen[o.Option] {
			return ErrInvalidVote.Wrapf("option %s given twice", o.Option)
		}
		seen[o.Option] = true
		if o.Weight.IsNil() || !o.Weight.IsPositive() || o.Weight.GT(math.LegacyOneDec()) {
			return ErrInvalidVote.Wrapf("weight %v of %s must be in (0, 1]", o.Weight, o.Option)
		}
		sum = sum.Add(o.Weight)
	}
	if !sum.Equal(math.LegacyOneDec()) {
		return ErrInvalidVote.Wrapf("weights sum to %s, not 1", sum)
	}
	return nil
}

func optionsString(opts []WeightedOption) string {
	parts := make([]string, len(opts))
	for i, o := range opts {
		parts[i] = "option:" + o.Option.String() + " weight:" + o.Weight.String()
	}
	return strings.Join(parts, "\n")
}

func parseAddress(field, s string) (authtypes.Address, error) {
	a, err := authtypes.ParseAddress(s)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrapf("%s: %v", field, err)
	}
	return a, nil
}

// parseCoins reads wire coins into canonical coins; amounts are base-10
// integers of at most core.MaxAmountBits bits.
func parseCoins(cs []*authtypes.Coin) (core.Coins, error) {
	out := make([]core.Coin, 0, len(cs))
	for _, c := range cs {
		if c == nil {
			return nil, ErrInvalidDeposit.Wrap("empty coin")
		}
		bi, ok := new(big.Int).SetString(c.Amount, 10)
		if !ok || bi.Sign() < 0 || bi.BitLen() > core.MaxAmountBits || strings.ContainsAny(c.Amount, "+-_ ") {
			return nil, ErrInvalidDeposit.Wrapf("amount %q of %s", c.Amount, c.Denom)
		}
		out = append(out, core.Coin{Denom: c.Denom, Amount: math.NewIntFromBigInt(bi)})
	}
	coins, err := core.NewCoins(out...)
	if err != nil {
		return nil, ErrInvalidDeposit.Wrap(err.Error())
	}
	return coins, nil
}
