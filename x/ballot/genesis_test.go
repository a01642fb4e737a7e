package ballot

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
)

func TestGenesisExportThenImportGivesTheSameState(t *testing.T) {
	e := newEnv(t)
	id := e.create("chair", "a", "b", "c")
	for _, n := range []string{"alice", "bob", "carol", "dave"} {
		require.NoError(t, e.give(id, "chair", n))
	}
	require.NoError(t, e.vote(id, "bob", 2))
	require.NoError(t, e.delegate(id, "alice", "bob"))
	require.NoError(t, e.delegate(id, "carol", "dave"))
	e.create("other", "x")

	g := e.k.ExportGenesis(e.w)
	require.NoError(t, g.Validate())
	bz, err := json.Marshal(g)
	require.NoError(t, err)
	var back GenesisState
	require.NoError(t, json.Unmarshal(bz, &back))

	w := store.NewCache(store.Empty{})
	require.NoError(t, e.k.InitGenesis(w, back))
	require.NotEmpty(t, ballotChanges(w))
	require.Equal(t, ballotChanges(e.w), ballotChanges(w), "every ballot key, byte for byte")
	require.Equal(t, uint64(3), e.k.NextID(w))
	require.Equal(t, g, e.k.ExportGenesis(w))
}

func TestTheDefaultGenesisIsEmptyAndValid(t *testing.T) {
	g := DefaultGenesis()
	require.NoError(t, g.Validate())
	w := store.NewCache(store.Empty{})
	k := Keeper{}
	require.NoError(t, k.InitGenesis(w, g))
	require.Equal(t, uint64(1), k.NextID(w))
	require.Zero(t, w.Len())
}

func TestGenesisValidateRejectsInconsistentBallotsAndVoters(t *testing.T) {
	chair, alice, bob := addr("chair").String(), addr("alice").String(), addr("bob").String()
	end := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ballot := func(id uint64) GenesisBallot {
		return GenesisBallot{ID: id, Title: "t", Chairperson: chair, Proposals: []GenesisProposal{{Name: "a"}, {Name: "b", VoteCount: "3"}}, VotingEnd: end}
	}
	voter := func(a string) GenesisVoter { return GenesisVoter{BallotID: 1, Address: a, Weight: "1"} }
	tests := []struct {
		name string
		edit func(*GenesisState)
	}{
		{"a ballot id of 0", func(g *GenesisState) { g.Ballots[0].ID = 0 }},
		{"ids that repeat", func(g *GenesisState) { g.Ballots = append(g.Ballots, ballot(1)) }},
		{"ids out of order", func(g *GenesisState) { g.Ballots = []GenesisBallot{ballot(2), ballot(1)} }},
		{"a bad chairperson", func(g *GenesisState) { g.Ballots[0].Chairperson = "x" }},
		{"an empty title", func(g *GenesisState) { g.Ballots[0].Title = "" }},
		{"no proposals", func(g *GenesisState) { g.Ballots[0].Proposals = nil }},
		{"a negative vote count", func(g *GenesisState) { g.Ballots[0].Proposals[0].VoteCount = "-1" }},
		{"a vote count that is not a number", func(g *GenesisState) { g.Ballots[0].Proposals[0].VoteCount = "0x10" }},
		{"a voter of no ballot", func(g *GenesisState) { g.Voters[0].BallotID = 9 }},
		{"a voter listed twice", func(g *GenesisState) { g.Voters = append(g.Voters, voter(chair)) }},
		{"a voter without weight", func(g *GenesisState) { g.Voters[0].Weight = "0" }},
		{"a vote out of range", func(g *GenesisState) { g.Voters[0].Voted, g.Voters[0].Vote = true, 2 }},
		{"a vote without voting", func(g *GenesisState) { g.Voters[0].Vote = 1 }},
		{"a delegate without voting", func(g *GenesisState) { g.Voters[1].Delegate = chair }},
		{"a delegate that is not a voter", func(g *GenesisState) { g.Voters[1].Voted, g.Voters[1].Delegate = true, bob }},
		{"a delegation to oneself", func(g *GenesisState) { g.Voters[1].Voted, g.Voters[1].Delegate = true, alice }},
		{"a delegation loop", func(g *GenesisState) {
			g.Voters[0].Voted, g.Voters[0].Delegate = true, alice
			g.Voters[1].Voted, g.Voters[1].Delegate = true, chair
		}},
	}
	valid := func() GenesisState {
		return GenesisState{Ballots: []GenesisBallot{ballot(1)}, Voters: []GenesisVoter{voter(chair), voter(alice)}}
	}
	g := valid()
	require.NoError(t, g.Validate())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := valid()
			tt.edit(&g)
			require.Error(t, g.Validate())
			require.Error(t, Keeper{}.InitGenesis(store.NewCache(store.Empty{}), g))
		})
	}
}

// ballotChanges are the writes of w under the module's prefix.
func ballotChanges(w *store.Cache) []store.Change {
	var out []store.Change
	for _, c := range w.Changes() {
		if strings.HasPrefix(string(c.Key), ModuleName+"/") {
			out = append(out, c)
		}
	}
	return out
}
