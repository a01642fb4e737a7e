package ballot

import (
	"encoding/binary"
	"fmt"
	"time"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// GenesisState is the ballot section of the genesis app_state: empty for a
// new chain; an exported chain lists every ballot, with its tallies, and
// every voter. The next ballot id follows the highest listed.
type GenesisState struct {
	Ballots []GenesisBallot `json:"ballots"`
	Voters  []GenesisVoter  `json:"voters"`
}

// GenesisBallot is one ballot, with its tallies.
type GenesisBallot struct {
	ID            uint64            `json:"id,string"`
	Title         string            `json:"title"`
	Chairperson   string            `json:"chairperson"`
	Proposals     []GenesisProposal `json:"proposals"`
	VotingEnd     time.Time         `json:"voting_end"`
	StakeWeighted bool              `json:"stake_weighted"`
	CreatedHeight int64             `json:"created_height,string"`
}

// GenesisProposal is one proposal and the weight voted for it, a base-10
// integer ("0" or empty when none).
type GenesisProposal struct {
	Name      string `json:"name"`
	VoteCount string `json:"vote_count"`
}

// GenesisVoter is one account with the right to vote in a ballot.
type GenesisVoter struct {
	BallotID uint64 `json:"ballot_id,string"`
	Address  string `json:"address"`
	Weight   string `json:"weight"`
	Voted    bool   `json:"voted"`
	Delegate string `json:"delegate,omitempty"`
	Vote     uint32 `json:"vote"`
}

// DefaultGenesis is the ballot section of a new chain: no ballots.
func DefaultGenesis() GenesisState {
	return GenesisState{Ballots: []GenesisBallot{}, Voters: []GenesisVoter{}}
}

// Validate checks every ballot as CreateBallot would (but for its voting
// end, which may have passed), that ids ascend from 1 without repeats, and
// that every voter belongs to a listed ballot, once, with a positive
// weight, a vote in range, and a delegate that is itself a voter of the
// ballot, with no delegation loop.
func (g GenesisState) Validate() error {
	_, err := g.decode()
	return err
}

type genesisRecords struct {
	ballots []genesisBallot
	voters  []genesisVoter
}

type genesisBallot struct {
	ballot  Ballot
	tallies []math.Int
}

type genesisVoter struct {
	id    uint64
	addr  authtypes.Address
	voter Voter
}

func (g GenesisState) decode() (genesisRecords, error) {
	var out genesisRecords
	proposals := make(map[uint64]int, len(g.Ballots))
	for i, gb := range g.Ballots {
		if gb.ID == 0 {
			return out, fmt.Errorf("ballot %d: ids start at 1", i)
		}
		if i > 0 && gb.ID <= g.Ballots[i-1].ID {
			return out, fmt.Errorf("ballot %d: ids must ascend without repeats", gb.ID)
		}
		chair, err := authtypes.ParseAddress(gb.Chairperson)
		if err != nil {
			return out, fmt.Errorf("ballot %d chairperson: %w", gb.ID, err)
		}
		if gb.CreatedHeight < 0 {
			return out, fmt.Errorf("ballot %d: negative created height", gb.ID)
		}
		names := make([]string, len(gb.Proposals))
		tallies := make([]math.Int, len(gb.Proposals))
		for j, p := range gb.Proposals {
			names[j] = p.Name
			t, err := parseCount(p.VoteCount, true)
			if err != nil {
				return out, fmt.Errorf("ballot %d proposal %d vote count: %w", gb.ID, j, err)
			}
			tallies[j] = t
		}
		m := CreateBallot{Chairperson: chair, Title: gb.Title, Proposals: names, VotingEnd: gb.VotingEnd, StakeWeighted: gb.StakeWeighted}
		if err := m.validate(); err != nil {
			return out, fmt.Errorf("ballot %d: %w", gb.ID, err)
		}
		proposals[gb.ID] = len(names)
		out.ballots = append(out.ballots, genesisBallot{
			ballot: Ballot{ID: gb.ID, Title: gb.Title, Chairperson: chair, Proposals: names,
				VotingEnd: gb.VotingEnd.UTC(), StakeWeighted: gb.StakeWeighted, CreatedHeight: gb.CreatedHeight},
			tallies: tallies,
		})
	}

	// index: ballot id | address → position in out.voters.
	index := make(map[string]int, len(g.Voters))
	delegates := make([]string, len(g.Voters))
	for i, gv := range g.Voters {
		n, ok := proposals[gv.BallotID]
		if !ok {
			return out, fmt.Errorf("voter %d: no ballot %d", i, gv.BallotID)
		}
		addr, err := authtypes.ParseAddress(gv.Address)
		if err != nil {
			return out, fmt.Errorf("voter %d of ballot %d: %w", i, gv.BallotID, err)
		}
		key := string(voterKey(gv.BallotID, addr))
		if _, dup := index[key]; dup {
			return out, fmt.Errorf("voter %s of ballot %d is listed twice", gv.Address, gv.BallotID)
		}
		index[key] = i
		weight, err := parseCount(gv.Weight, false)
		if err != nil {
			return out, fmt.Errorf("voter %s of ballot %d weight: %w", gv.Address, gv.BallotID, err)
		}
		v := Voter{Weight: weight, Voted: gv.Voted, Vote: gv.Vote}
		switch {
		case gv.Delegate != "":
			if !gv.Voted {
				return out, fmt.Errorf("voter %s of ballot %d has a delegate but has not voted", gv.Address, gv.BallotID)
			}
			if gv.Vote != 0 {
				return out, fmt.Errorf("voter %s of ballot %d has both a delegate and a vote", gv.Address, gv.BallotID)
			}
			del, err := authtypes.ParseAddress(gv.Delegate)
			if err != nil {
				return out, fmt.Errorf("voter %s of ballot %d delegate: %w", gv.Address, gv.BallotID, err)
			}
			if del.Equal(addr) {
				return out, fmt.Errorf("voter %s of ballot %d delegates to itself", gv.Address, gv.BallotID)
			}
			v.Delegate = del
			delegates[i] = string(voterKey(gv.BallotID, del))
		case gv.Voted:
			if int(gv.Vote) >= n {
				return out, fmt.Errorf("voter %s of ballot %d voted for proposal %d of %d", gv.Address, gv.BallotID, gv.Vote, n)
			}
		case gv.Vote != 0:
			return out, fmt.Errorf("voter %s of ballot %d has a vote but has not voted", gv.Address, gv.BallotID)
		}
		out.voters = append(out.voters, genesisVoter{id: gv.BallotID, addr: addr, voter: v})
	}
	if err := checkDelegations(g.Voters, index, delegates); err != nil {
		return out, err
	}
	return out, nil
}

// checkDelegations checks that every delegate is a voter of the same
// ballot and that no chain of delegations comes back on itself. Each voter
// is walked through once: a walk stops at a voter already cleared.
func checkDelegations(voters []GenesisVoter, index map[string]int, delegates []string) error {
	const (
		onPath  = 1
		cleared = 2
	)
	state := make([]int, len(voters))
	for start := range voters {
		var path []int
		cur := start
		for steps := 0; steps <= len(voters); steps++ {
			if state[cur] == cleared {
				break
			}
			if state[cur] == onPath {
				return fmt.Errorf("voter %s of ballot %d: found loop in delegation", voters[cur].Address, voters[cur].BallotID)
			}
			state[cur] = onPath
			path = append(path, cur)
			if delegates[cur] == "" {
				break
			}
			next, ok := index[delegates[cur]]
			if !ok {
				return fmt.Errorf("voter %s of ballot %d delegates to %s, which has no right to vote there",
					voters[cur].Address, voters[cur].BallotID, voters[cur].Delegate)
			}
			cur = next
		}
		for _, p := range path {
			state[p] = cleared
		}
	}
	return nil
}

// parseCount reads a base-10 non-negative integer; empty is zero when
// zeroOK. Positive is required otherwise.
func parseCount(s string, zeroOK bool) (math.Int, error) {
	if s == "" && zeroOK {
		return math.ZeroInt(), nil
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return math.Int{}, fmt.Errorf("%q is not a base-10 integer", s)
		}
	}
	n, ok := math.NewIntFromString(s)
	if !ok {
		return math.Int{}, fmt.Errorf("%q is not a base-10 integer", s)
	}
	if !zeroOK && !n.IsPositive() {
		return math.Int{}, fmt.Errorf("must be positive")
	}
	return n, nil
}

// InitGenesis writes the ballots, their tallies and voters, and the next
// ballot id.
func (k Keeper) InitGenesis(w store.Writer, g GenesisState) error {
	recs, err := g.decode()
	if err != nil {
		return err
	}
	for _, gb := range recs.ballots {
		k.setBallot(w, gb.ballot)
		for i, t := range gb.tallies {
			k.addTally(w, gb.ballot.ID, uint32(i), t)
		}
		k.setNextID(w, gb.ballot.ID+1)
	}
	counts := make(map[uint64]uint64, len(recs.ballots))
	for _, v := range recs.voters {
		k.setVoter(w, v.id, v.addr, v.voter)
		counts[v.id]++
	}
	for _, gb := range recs.ballots {
		if n := counts[gb.ballot.ID]; n > 0 {
			w.Set(voterCountKey(gb.ballot.ID), binary.BigEndian.AppendUint64(nil, n))
		}
	}
	return nil
}

// ExportGenesis returns the ballot state as a genesis section, ballots in
// id order and voters by ballot, then address.
func (k Keeper) ExportGenesis(r store.Reader) GenesisState {
	g := DefaultGenesis()
	var ballots []Ballot
	k.Ballots(r, func(b Ballot) bool {
		ballots = append(ballots, b)
		return true
	})
	for _, b := range ballots {
		gb := GenesisBallot{ID: b.ID, Title: b.Title, Chairperson: b.Chairperson.String(), VotingEnd: b.VotingEnd,
			StakeWeighted: b.StakeWeighted, CreatedHeight: b.CreatedHeight, Proposals: make([]GenesisProposal, len(b.Proposals))}
		for i, t := range k.Tallies(r, b) {
			gb.Proposals[i] = GenesisProposal{Name: b.Proposals[i], VoteCount: t.String()}
		}
		g.Ballots = append(g.Ballots, gb)
		k.Voters(r, b.ID, func(addr authtypes.Address, v Voter) bool {
			gv := GenesisVoter{BallotID: b.ID, Address: addr.String(), Weight: v.Weight.String(), Voted: v.Voted, Vote: v.Vote}
			if len(v.Delegate) > 0 {
				gv.Delegate = v.Delegate.String()
			}
			g.Voters = append(g.Voters, gv)
			return true
		})
	}
	return g
}
