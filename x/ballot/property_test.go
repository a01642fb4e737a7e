package ballot

import (
	"fmt"
	"math/rand"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

// model is the contract written as plainly as possible: maps and a while
// loop, for the keeper to be checked against.
type model struct {
	chair     string
	proposals int
	voters    map[string]*modelVoter
	tally     []int64
}

type modelVoter struct {
	weight   int64
	voted    bool
	delegate string
	vote     int
}

func (m *model) get(a string) *modelVoter {
	if m.voters[a] == nil {
		m.voters[a] = &modelVoter{}
	}
	return m.voters[a]
}

func (m *model) give(sender, voter string) bool {
	v := m.get(voter)
	if sender != m.chair || v.voted || v.weight != 0 {
		return false
	}
	v.weight = 1
	return true
}

func (m *model) delegateVote(sender, to string) bool {
	s := m.get(sender)
	if s.weight == 0 || s.voted || to == sender {
		return false
	}
	for m.get(to).delegate != "" {
		to = m.get(to).delegate
		if to == sender {
			return false
		}
	}
	d := m.get(to)
	if d.weight < 1 {
		return false
	}
	s.voted, s.delegate = true, to
	if d.voted {
		m.tally[d.vote] += s.weight
	} else {
		d.weight += s.weight
	}
	return true
}

func (m *model) castVote(sender string, p int) bool {
	s := m.get(sender)
	if s.weight == 0 || s.voted || p >= m.proposals {
		return false
	}
	s.voted, s.vote = true, p
	m.tally[p] += s.weight
	return true
}

// TestTheKeeperAgreesWithAPlainModelOfTheContract runs random sequences of
// rights, delegations and votes through the keeper and the model: each
// step succeeds in both or fails in both, and the tallies and weights
// agree. It also checks that weight is conserved: the tallies plus the
// weight of those who have not voted are the rights given.
func TestTheKeeperAgreesWithAPlainModelOfTheContract(t *testing.T) {
	names := []string{"chair", "a", "b", "c", "d", "e", "f", "g"}
	for seed := int64(1); seed <= 20; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewSource(seed))
			e := newEnv(t)
			id := e.create("chair", "p0", "p1", "p2")
			m := &model{chair: "chair", proposals: 3, voters: map[string]*modelVoter{}, tally: make([]int64, 3)}
			m.get("chair").weight = 1
			rights := int64(1)
			for step := 0; step < 300; step++ {
				x, y := names[rng.Intn(len(names))], names[rng.Intn(len(names))]
				var err error
				var ok bool
				what := ""
				switch rng.Intn(4) {
				case 0, 1:
					what = fmt.Sprintf("give %s %s", x, y)
					if rng.Intn(3) > 0 {
						x = "chair"
						what = fmt.Sprintf("give chair %s", y)
					}
					err, ok = e.give(id, x, y), m.give(x, y)
					if ok {
						rights++
					}
				case 2:
					what = fmt.Sprintf("delegate %s %s", x, y)
					err, ok = e.delegate(id, x, y), m.delegateVote(x, y)
				case 3:
					p := rng.Intn(4)
					what = fmt.Sprintf("vote %s %d", x, p)
					err, ok = e.vote(id, x, uint32(p)), m.castVote(x, p)
				}
				require.Equal(t, ok, err == nil, "step %d: %s: %v", step, what, err)

				sum := math.ZeroInt()
				for i, got := range e.k.Tallies(e.w, Ballot{ID: id, Proposals: []string{"p0", "p1", "p2"}}) {
					require.Equal(t, m.tally[i], got.Int64(), "step %d: %s: tally %d", step, what, i)
					sum = sum.Add(got)
				}
				for _, n := range names {
					v, stored := e.k.Voter(e.w, id, addr(n))
					mv := m.get(n)
					require.Equal(t, mv.weight > 0, stored, "step %d: %s: %s has the right", step, what, n)
					if !stored {
						continue
					}
					require.Equal(t, mv.weight, v.Weight.Int64(), "step %d: %s: weight of %s", step, what, n)
					require.Equal(t, mv.voted, v.Voted)
					if !v.Voted {
						sum = sum.Add(v.Weight)
					}
				}
				require.Equal(t, rights, sum.Int64(), "step %d: %s: weight is conserved", step, what)
			}
		})
	}
}
