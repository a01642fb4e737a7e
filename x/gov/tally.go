package gov

import (
	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/gov/types"
	"github.com/stakechain/stakechain/x/staking"
)

// TallyResult is the bonded stake behind each option, truncated to whole
// tokens.
type TallyResult struct {
	Yes        math.Int `json:"yes"`
	Abstain    math.Int `json:"abstain"`
	No         math.Int `json:"no"`
	NoWithVeto math.Int `json:"no_with_veto"`
}

// ZeroTally is a tally with nothing counted.
func ZeroTally() TallyResult {
	return TallyResult{Yes: math.ZeroInt(), Abstain: math.ZeroInt(), No: math.ZeroInt(), NoWithVeto: math.ZeroInt()}
}

// TallyOutcome is what a tally decides.
type TallyOutcome struct {
	Passes       bool
	BurnDeposits bool
	Result       TallyResult
}

// Tally counts the votes on proposal id as they stand, with the current
// parameters and bonded set.
func (k Keeper) Tally(r store.Reader, id uint64) (TallyOutcome, error) {
	prop, ok := k.Proposal(r, id)
	if !ok {
		return TallyOutcome{}, ErrUnknownProposal.Wrapf("proposal %d", id)
	}
	return k.tally(r, k.Params(r), prop), nil
}

// valTally is a bonded validator during a tally: the shares its voting
// delegators take away from it, and its own vote.
type valTally struct {
	val        staking.Validator
	deductions math.LegacyDec
	vote       []WeightedOption
}

// tally counts by bonded stake. Each voter's delegations to bonded
// validators count for the voter's options and are deducted from those
// validators; each bonded validator that voted then counts the rest of its
// delegators' stake. Quorum is over all bonded tokens, the veto threshold
// over all votes, the threshold over the votes that did not abstain.
//
// NOTE: the cost is the bonded validators plus, for each vote, the voter's
// delegations; no other delegator is read.
func (k Keeper) tally(r store.Reader, p Params, prop Proposal) TallyOutcome {
	vals := k.staking.BondedValidators(r)
	byOp := make(map[string]int, len(vals))
	tallies := make([]valTally, len(vals))
	totalBonded := math.ZeroInt()
	for i, v := range vals {
		byOp[string(v.Operator)] = i
		tallies[i] = valTally{val: v, deductions: math.LegacyZeroDec()}
		totalBonded = totalBonded.Add(v.Tokens)
	}

	var results [5]math.LegacyDec
	for i := range results {
		results[i] = math.LegacyZeroDec()
	}
	total := math.LegacyZeroDec()
	count := func(power math.LegacyDec, opts []WeightedOption) {
		for _, o := range opts {
			results[o.Option] = results[o.Option].Add(power.Mul(o.Weight))
		}
		total = total.Add(power)
	}

	for _, vote := range k.Votes(r, prop.ID) {
		if i, ok := byOp[string(vote.Voter)]; ok {
			tallies[i].vote = vote.Options
		}
		for _, d := range k.staking.DelegatorDelegations(r, vote.Voter) {
			i, ok := byOp[string(d.Validator)]
			if !ok {
				continue // only delegations to bonded validators count
			}
			t := &tallies[i]
			t.deductions = t.deductions.Add(d.Shares)
			if t.val.DelegatorShares.IsPositive() {
				count(t.val.TokensFromShares(d.Shares), vote.Options)
			}
		}
	}
	for _, t := range tallies {
		if t.vote == nil || !t.val.DelegatorShares.IsPositive() {
			continue
		}
		count(t.val.TokensFromShares(t.val.DelegatorShares.Sub(t.deductions)), t.vote)
	}

	res := TallyResult{
		Yes:        results[types.VoteOption_VOTE_OPTION_YES].TruncateInt(),
		Abstain:    results[types.VoteOption_VOTE_OPTION_ABSTAIN].TruncateInt(),
		No:         results[types.VoteOption_VOTE_OPTION_NO].TruncateInt(),
		NoWithVeto: results[types.VoteOption_VOTE_OPTION_NO_WITH_VETO].TruncateInt(),
	}
	out := TallyOutcome{Result: res}
	if totalBonded.IsZero() {
		return out
	}
	if total.Quo(math.LegacyNewDecFromInt(totalBonded)).LT(p.Quorum) {
		out.BurnDeposits = p.BurnVoteQuorum
		return out
	}
	nonAbstain := total.Sub(results[types.VoteOption_VOTE_OPTION_ABSTAIN])
	if nonAbstain.IsZero() {
		return out
	}
	if results[types.VoteOption_VOTE_OPTION_NO_WITH_VETO].Quo(total).GT(p.VetoThreshold) {
		out.BurnDeposits = p.BurnVoteVeto
		return out
	}
	out.Passes = results[types.VoteOption_VOTE_OPTION_YES].Quo(nonAbstain).GT(p.Threshold)
	return out
}
