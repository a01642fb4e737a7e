package ballot

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/ballot/types"
)

func TestStoredBallotValuesDecodeToWhatWasStored(t *testing.T) {
	b := Ballot{ID: 3, Title: "lunch", Chairperson: addr("chair"), Proposals: []string{"pizza", "soup"},
		VotingEnd: time.Date(2026, 5, 6, 7, 8, 9, 10, time.UTC), StakeWeighted: true, CreatedHeight: 12}
	delegated := Voter{Weight: math.NewInt(1_000_000), Voted: true, Delegate: addr("friend")}
	voted := Voter{Weight: math.OneInt(), Voted: true, Vote: 1}

	tests := []struct {
		name string
		got  func() any
		want any
	}{
		{"a ballot keeps its fixed part", func() any { return decodeBallot(encodeBallot(b)) }, b},
		{"a voter who delegated keeps the delegate", func() any { return decodeVoter(3, encodeVoter(3, addr("v"), delegated)) }, delegated},
		{"a voter who voted keeps the vote", func() any { return decodeVoter(3, encodeVoter(3, addr("v"), voted)) }, voted},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, tc.got())
		})
	}
}

func TestStoredBallotRecordsAreStakechainMessages(t *testing.T) {
	b := Ballot{ID: 3, Title: "lunch", Chairperson: addr("chair"), Proposals: []string{"pizza", "soup"},
		VotingEnd: time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC), CreatedHeight: 12}
	var rec types.BallotRecord
	require.NoError(t, rec.Unmarshal(encodeBallot(b)))
	require.Equal(t, addr("chair").String(), rec.Chairperson)
	require.Equal(t, []string{"pizza", "soup"}, rec.Proposals)
	require.Equal(t, b.VotingEnd.Unix(), rec.VotingEnd.Seconds)

	var v types.Voter
	require.NoError(t, v.Unmarshal(encodeVoter(3, addr("v"), Voter{Weight: math.NewInt(5)})))
	require.Equal(t, types.Voter{BallotId: 3, Address: addr("v").String(), Weight: "5"}, v)
}
