package gov

import (
	"fmt"
	"math/rand"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/gov/types"
	"github.com/stakechain/stakechain/x/staking"
)

// bruteForceTally counts every delegation to a bonded validator for its
// delegator's vote if it voted, else for its validator's if that voted,
// weighted by the delegation's tokens.
func bruteForceTally(st *fakeStaking, delegators []string, votes map[string]types.VoteOption) (res [5]math.LegacyDec, total math.LegacyDec) {
	for i := range res {
		res[i] = math.LegacyZeroDec()
	}
	total = math.LegacyZeroDec()
	bonded := map[string]staking.Validator{}
	for _, v := range st.bonded {
		bonded[string(v.Operator)] = v
	}
	byAddr := map[string]string{}
	for _, n := range delegators {
		byAddr[string(addr(n))] = n
	}
	for _, n := range delegators {
		for _, d := range st.dels[string(addr(n))] {
			v, ok := bonded[string(d.Validator)]
			if !ok {
				continue
			}
			o, voted := votes[n]
			if !voted {
				o, voted = votes[byAddr[string(v.Operator)]]
			}
			if !voted {
				continue
			}
			tokens := v.TokensFromShares(d.Shares)
			res[o] = res[o].Add(tokens)
			total = total.Add(tokens)
		}
	}
	return res, total
}

func TestTheTallyAgreesWithABruteForceCount(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	options := []types.VoteOption{types.VoteOption_VOTE_OPTION_YES, types.VoteOption_VOTE_OPTION_ABSTAIN, types.VoteOption_VOTE_OPTION_NO, types.VoteOption_VOTE_OPTION_NO_WITH_VETO}
	for c := 0; c < 300; c++ {
		t.Run(fmt.Sprintf("case %d", c), func(t *testing.T) {
			e := newEnv(t, "proposer")
			unitRate := c%2 == 0
			nVals := 1 + rng.Intn(6)
			var names []string
			for i := 0; i < nVals; i++ {
				n := fmt.Sprintf("val%d", i)
				e.validator(n, 1+rng.Int63n(1000))
				names = append(names, n)
			}
			// A validator outside the bonded set, delegated to but never counted.
			outside := addr("outside")
			nDels := rng.Intn(12)
			for i := 0; i < nDels; i++ {
				names = append(names, fmt.Sprintf("del%d", i))
			}
			for _, n := range names[nVals:] {
				for j := rng.Intn(4); j >= 0; j-- {
					if rng.Intn(8) == 0 {
						e.st.dels[string(addr(n))] = append(e.st.dels[string(addr(n))], staking.Delegation{Delegator: addr(n), Validator: outside, Shares: math.LegacyNewDec(1 + rng.Int63n(500))})
						continue
					}
					e.delegate(n, rng.Intn(nVals), 1+rng.Int63n(1000))
				}
			}
			if !unitRate {
				// Slash some validators: tokens fall, shares stay.
				for i := range e.st.bonded {
					v := &e.st.bonded[i]
					if rng.Intn(2) == 0 && v.Tokens.Int64() > 1 {
						v.Tokens = v.Tokens.SubRaw(rng.Int63n(v.Tokens.Int64() / 2))
					}
				}
			}
			id := e.submit("proposer", stake(10))
			votes := map[string]types.VoteOption{}
			for _, n := range names {
				if rng.Intn(3) > 0 {
					o := options[rng.Intn(len(options))]
					require.NoError(t, e.vote(n, id, o))
					votes[n] = o
				}
			}

			want, wantTotal := bruteForceTally(e.st, names, votes)
			out, err := e.k.Tally(e.w, id)
			require.NoError(t, err)
			got := map[types.VoteOption]math.Int{
				types.VoteOption_VOTE_OPTION_YES:          out.Result.Yes,
				types.VoteOption_VOTE_OPTION_ABSTAIN:      out.Result.Abstain,
				types.VoteOption_VOTE_OPTION_NO:           out.Result.No,
				types.VoteOption_VOTE_OPTION_NO_WITH_VETO: out.Result.NoWithVeto,
			}
			for _, o := range options {
				diff := got[o].Sub(want[o].TruncateInt()).Abs()
				if unitRate {
					require.True(t, diff.IsZero(), "%s: got %s, want %s", o, got[o], want[o])
				} else {
					require.True(t, diff.LTE(math.OneInt()), "%s: got %s, want %s (rounding of at most 1)", o, got[o], want[o])
				}
			}
			if unitRate {
				require.Equal(t, bruteForceOutcome(e.k.Params(e.w), e.st, want, wantTotal), out.Passes)
			}
		})
	}
}

// bruteForceOutcome decides as the spec says, from a brute-force count.
func bruteForceOutcome(p Params, st *fakeStaking, res [5]math.LegacyDec, total math.LegacyDec) bool {
	bonded := math.ZeroInt()
	for _, v := range st.bonded {
		bonded = bonded.Add(v.Tokens)
	}
	if bonded.IsZero() || total.Quo(math.LegacyNewDecFromInt(bonded)).LT(p.Quorum) {
		return false
	}
	nonAbstain := total.Sub(res[types.VoteOption_VOTE_OPTION_ABSTAIN])
	if nonAbstain.IsZero() || res[types.VoteOption_VOTE_OPTION_NO_WITH_VETO].Quo(total).GT(p.VetoThreshold) {
		return false
	}
	return res[types.VoteOption_VOTE_OPTION_YES].Quo(nonAbstain).GT(p.Threshold)
}
