package gov

import (
	"fmt"
	"time"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/core"
)

// Params govern proposals. Every field of cosmos.gov.v1.Params is kept so
// that queries answer as Cosmos does; expedited proposals and cancellation
// are not served yet, so their fields are only validated.
type Params struct {
	// MinDeposit is what a proposal's deposits must reach for its voting
	// period to begin. Deposits in other denoms are refused.
	MinDeposit core.Coins `json:"min_deposit"`
	// MaxDepositPeriod is how long a proposal may wait for its deposit.
	MaxDepositPeriod core.Duration `json:"max_deposit_period"`
	VotingPeriod     core.Duration `json:"voting_period"`
	// Quorum is the share of the bonded tokens that must vote.
	Quorum math.LegacyDec `json:"quorum"`
	// Threshold is the share of the non-abstaining votes that must be Yes.
	Threshold math.LegacyDec `json:"threshold"`
	// VetoThreshold is the share of all votes that, if NoWithVeto, rejects.
	VetoThreshold          math.LegacyDec `json:"veto_threshold"`
	MinInitialDepositRatio math.LegacyDec `json:"min_initial_deposit_ratio"`
	ProposalCancelRatio    math.LegacyDec `json:"proposal_cancel_ratio"`
	ProposalCancelDest     string         `json:"proposal_cancel_dest"`
	ExpeditedVotingPeriod  core.Duration  `json:"expedited_voting_period"`
	ExpeditedThreshold     math.LegacyDec `json:"expedited_threshold"`
	ExpeditedMinDeposit    core.Coins     `json:"expedited_min_deposit"`
	// BurnVoteQuorum burns the deposits of a proposal that missed quorum.
	BurnVoteQuorum bool `json:"burn_vote_quorum"`
	// BurnProposalDepositPrevote burns the deposits of a proposal that never
	// reached its voting period.
	BurnProposalDepositPrevote bool `json:"burn_proposal_deposit_prevote"`
	// BurnVoteVeto burns the deposits of a vetoed proposal.
	BurnVoteVeto bool `json:"burn_vote_veto"`
	// MinDepositRatio is the least share of MinDeposit one deposit may add.
	MinDepositRatio math.LegacyDec `json:"min_deposit_ratio"`
}

// DefaultParams are Cosmos SDK v0.50's defaults, in the bond denom ustake:
// a minimum deposit of 10 STAKE, two days to deposit and two to vote,
// quorum 33.4%, threshold 50%, veto 33.4%, vetoed deposits burned.
func DefaultParams() Params {
	const period = core.Duration(48 * time.Hour)
	return Params{
		MinDeposit:                 core.Coins{core.NewCoin("ustake", 10_000_000)},
		MaxDepositPeriod:           period,
		VotingPeriod:               period,
		Quorum:                     math.LegacyNewDecWithPrec(334, 3),
		Threshold:                  math.LegacyNewDecWithPrec(5, 1),
		VetoThreshold:              math.LegacyNewDecWithPrec(334, 3),
		MinInitialDepositRatio:     math.LegacyZeroDec(),
		ProposalCancelRatio:        math.LegacyNewDecWithPrec(5, 1),
		ProposalCancelDest:         "",
		ExpeditedVotingPeriod:      core.Duration(24 * time.Hour),
		ExpeditedThreshold:         math.LegacyNewDecWithPrec(667, 3),
		ExpeditedMinDeposit:        core.Coins{core.NewCoin("ustake", 50_000_000)},
		BurnVoteQuorum:             false,
		BurnProposalDepositPrevote: false,
		BurnVoteVeto:               true,
		MinDepositRatio:            math.LegacyNewDecWithPrec(1, 2),
	}
}

// Validate checks the parameters.
func (p Params) Validate() error {
	if len(p.MinDeposit) == 0 {
		return ErrInvalidParams.Wrap("min_deposit must not be empty")
	}
	if err := p.MinDeposit.Validate(); err != nil {
		return ErrInvalidParams.Wrapf("min_deposit: %v", err)
	}
	if err := p.ExpeditedMinDeposit.Validate(); err != nil {
		return ErrInvalidParams.Wrapf("expedited_min_deposit: %v", err)
	}
	if p.MaxDepositPeriod <= 0 || p.VotingPeriod <= 0 || p.ExpeditedVotingPeriod <= 0 {
		return ErrInvalidParams.Wrap("periods must be positive")
	}
	if p.ExpeditedVotingPeriod >= p.VotingPeriod {
		return ErrInvalidParams.Wrap("expedited_voting_period must be shorter than voting_period")
	}
	for _, r := range []struct {
		name     string
		v        math.LegacyDec
		positive bool
	}{
		{"quorum", p.Quorum, false},
		{"threshold", p.Threshold, true},
		{"veto_threshold", p.VetoThreshold, true},
		{"min_initial_deposit_ratio", p.MinInitialDepositRatio, false},
		{"proposal_cancel_ratio", p.ProposalCancelRatio, false},
		{"expedited_threshold", p.ExpeditedThreshold, true},
		{"min_deposit_ratio", p.MinDepositRatio, false},
	} {
		if r.v.IsNil() || r.v.IsNegative() || r.v.GT(math.LegacyOneDec()) || (r.positive && r.v.IsZero()) {
			return ErrInvalidParams.Wrapf("%s must be between 0 and 1, got %v", r.name, r.v)
		}
	}
	if p.ExpeditedThreshold.LTE(p.Threshold) {
		return ErrInvalidParams.Wrap("expedited_threshold must be above threshold")
	}
	if p.ProposalCancelDest != "" {
		return ErrInvalidParams.Wrap(fmt.Sprintf("proposal_cancel_dest %q: only burning (empty) is served", p.ProposalCancelDest))
	}
	return nil
}

// storedParams keeps the parameters as a cosmos.gov.v1.Params.
var storedParams = core.NewParamsStore(paramsKey, ParamsToProto, ParamsFromProto)

// Params returns the current parameters.
func (k Keeper) Params(r store.Reader) Params { return storedParams.Load(r) }

// SetParams stores validated parameters.
func (k Keeper) SetParams(w store.Writer, p Params) error { return storedParams.Store(w, p) }
