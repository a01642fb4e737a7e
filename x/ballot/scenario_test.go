package ballot

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/core"
)

// scenarioAccounts hold 1,000 STAKE each in every scenario.
var scenarioAccounts = []string{"chair", "alice", "bob", "carol", "dave", "erin", "frank", "grace", "v1", "v2", "v3", "v4"}

// TestScenarios runs every testdata/*.txt file: ballots driven one command
// a line, with checks in between. Blank lines are skipped; # starts a
// comment (outside quotes); "double quotes" keep spaces in one argument.
// Commands act on the ballot created last, unless `use` says otherwise.
//
//	create CHAIR title=T proposals=a,b,c end=DUR [stake-weighted]
//	                                   a ballot ending DUR after the current block time
//	use ID                             act on ballot ID from now on
//	give CHAIR VOTER                   MsgGiveRightToVote signed by CHAIR
//	delegate VOTER TO                  MsgDelegateVote
//	vote VOTER INDEX                   MsgCastVote
//	advance DUR                        end the block, begin the next DUR later
//	validator NAME STAKE               a validator with STAKE STAKE of its own (bonded at the next advance)
//	stake DEL VAL STAKE                delegate STAKE STAKE (and unstake: undelegate)
//	expect-error COMMAND... "TEXT"     COMMAND must fail, its error saying TEXT
//	check id N                         the current ballot's id
//	check tally INDEX N                proposal INDEX's vote count
//	check tallies N,N,...              every proposal's vote count
//	check winner INDEX NAME
//	check weight VOTER N               0 for no right
//	check voted VOTER | check not-voted VOTER
//	check delegate VOTER TO
//	check voters N                     how many have the right
//	check event TYPE [key=value...]    an event of the last command; @NAME is NAME's address
func TestScenarios(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txt"), func(t *testing.T) {
			bz, err := os.ReadFile(f)
			require.NoError(t, err)
			s := &scenario{env: newEnv(t, scenarioAccounts...)}
			for i, line := range strings.Split(string(bz), "\n") {
				args, err := tokenize(line)
				if err == nil && len(args) > 0 {
					err = s.run(args)
				}
				if err != nil {
					t.Fatalf("%s:%d: %s\n\t%v", f, i+1, strings.TrimSpace(line), err)
				}
			}
		})
	}
}

// tokenize splits a line into arguments: spaces separate them, except
// inside double quotes (which are dropped); # outside quotes ends the line.
func tokenize(line string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inQuote, inArg := false, false
	for _, r := range line {
		switch {
		case r == '"':
			inQuote, inArg = !inQuote, true
		case inQuote:
			cur.WriteRune(r)
		case r == '#':
			return finish(out, &cur, inArg), nil
		case r == ' ' || r == '\t':
			out = finish(out, &cur, inArg)
			inArg = false
		default:
			cur.WriteRune(r)
			inArg = true
		}
	}
	if inQuote {
		return nil, fmt.Errorf("unterminated quote")
	}
	return finish(out, &cur, inArg), nil
}

func finish(out []string, cur *strings.Builder, inArg bool) []string {
	if inArg {
		out = append(out, cur.String())
	}
	cur.Reset()
	return out
}

type scenario struct {
	*env
	ballot uint64
}

// splitArgs separates positional arguments from key=value ones.
func splitArgs(args []string) ([]string, map[string]string) {
	var pos []string
	kv := map[string]string{}
	for _, a := range args {
		if k, v, ok := strings.Cut(a, "="); ok {
			kv[k] = v
		} else {
			pos = append(pos, a)
		}
	}
	return pos, kv
}

func want(pos []string, n int, usage string) error {
	if len(pos) != n {
		return fmt.Errorf("want: %s", usage)
	}
	return nil
}

func (s *scenario) run(args []string) error {
	cmd := args[0]
	switch cmd {
	case "check":
		return s.check(args[1:])
	case "expect-error":
		if len(args) < 3 {
			return fmt.Errorf(`want: expect-error COMMAND... "TEXT"`)
		}
		text := args[len(args)-1]
		err := s.run(args[1 : len(args)-1])
		if err == nil {
			return fmt.Errorf("%s succeeded, want an error saying %q", args[1], text)
		}
		if !strings.Contains(err.Error(), text) {
			return fmt.Errorf("%s failed with %q, want it to say %q", args[1], err, text)
		}
		return nil
	}
	s.ev = core.Events{} // a check sees the events of the last command
	pos, kv := splitArgs(args[1:])
	switch cmd {
	case "create":
		if len(pos) < 1 || len(pos) > 2 || (len(pos) == 2 && pos[1] != "stake-weighted") {
			return fmt.Errorf("want: create CHAIR title=T proposals=a,b end=DUR [stake-weighted]")
		}
		end, err := time.ParseDuration(kv["end"])
		if err != nil {
			return fmt.Errorf("end: %w", err)
		}
		var proposals []string
		if kv["proposals"] != "" {
			proposals = strings.Split(kv["proposals"], ",")
		}
		id, err := s.k.CreateBallot(s.w, &s.ev, s.block, CreateBallot{
			Chairperson: addr(pos[0]), Title: kv["title"], Proposals: proposals,
			VotingEnd: s.block.Time.Add(end), StakeWeighted: len(pos) == 2,
		})
		if err != nil {
			return err
		}
		s.ballot = id
		return nil
	case "use":
		if err := want(pos, 1, "use ID"); err != nil {
			return err
		}
		id, err := strconv.ParseUint(pos[0], 10, 64)
		s.ballot = id
		return err
	case "give":
		if err := want(pos, 2, "give CHAIR VOTER"); err != nil {
			return err
		}
		return s.give(s.ballot, pos[0], pos[1])
	case "delegate":
		if err := want(pos, 2, "delegate VOTER TO"); err != nil {
			return err
		}
		return s.delegate(s.ballot, pos[0], pos[1])
	case "vote":
		if err := want(pos, 2, "vote VOTER INDEX"); err != nil {
			return err
		}
		i, err := strconv.ParseUint(pos[1], 10, 32)
		if err != nil {
			return err
		}
		return s.vote(s.ballot, pos[0], uint32(i))
	case "advance":
		if err := want(pos, 1, "advance DUR"); err != nil {
			return err
		}
		dt, err := time.ParseDuration(pos[0])
		if err != nil {
			return err
		}
		s.advance(dt)
		return nil
	case "validator":
		if err := want(pos, 2, "validator NAME STAKE"); err != nil {
			return err
		}
		n, err := strconv.ParseInt(pos[1], 10, 64)
		if err != nil {
			return err
		}
		return s.createValidator(pos[0], n)
	case "stake", "unstake":
		if err := want(pos, 3, cmd+" DEL VAL STAKE"); err != nil {
			return err
		}
		n, err := strconv.ParseInt(pos[2], 10, 64)
		if err != nil {
			return err
		}
		if cmd == "stake" {
			_, err = s.sk.Delegate(s.w, &s.ev, addr(pos[0]), addr(pos[1]), stake(n))
		} else {
			_, _, err = s.sk.Undelegate(s.w, &s.ev, s.block, addr(pos[0]), addr(pos[1]), stake(n))
		}
		return err
	}
	return fmt.Errorf("unknown command %q", cmd)
}

func (s *scenario) check(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("want: check WHAT ...")
	}
	what, pos := args[0], args[1:]
	b, ok := s.k.Ballot(s.w, s.ballot)
	if !ok && what != "event" {
		return fmt.Errorf("no ballot %d", s.ballot)
	}
	tallies := s.k.Tallies(s.w, b)
	switch what {
	case "id":
		if err := want(pos, 1, "check id N"); err != nil {
			return err
		}
		return expect("ballot id", pos[0], strconv.FormatUint(b.ID, 10))
	case "tally":
		if err := want(pos, 2, "check tally INDEX N"); err != nil {
			return err
		}
		i, err := strconv.Atoi(pos[0])
		if err != nil || i < 0 || i >= len(tallies) {
			return fmt.Errorf("no proposal %q", pos[0])
		}
		return expect("tally of proposal "+pos[0], pos[1], tallies[i].String())
	case "tallies":
		if err := want(pos, 1, "check tallies N,N,..."); err != nil {
			return err
		}
		got := make([]string, len(tallies))
		for i, t := range tallies {
			got[i] = t.String()
		}
		return expect("tallies", pos[0], strings.Join(got, ","))
	case "winner":
		if err := want(pos, 2, "check winner INDEX NAME"); err != nil {
			return err
		}
		i, _ := WinningProposal(tallies)
		return expect("winner", pos[0]+" "+pos[1], fmt.Sprintf("%d %s", i, b.Proposals[i]))
	case "weight":
		if err := want(pos, 2, "check weight VOTER N"); err != nil {
			return err
		}
		got := "0"
		if v, ok := s.k.Voter(s.w, b.ID, addr(pos[0])); ok {
			got = v.Weight.String()
		}
		return expect("weight of "+pos[0], pos[1], got)
	case "voted", "not-voted":
		if err := want(pos, 1, "check "+what+" VOTER"); err != nil {
			return err
		}
		v, _ := s.k.Voter(s.w, b.ID, addr(pos[0]))
		if v.Voted != (what == "voted") {
			return fmt.Errorf("%s: voted is %v", pos[0], v.Voted)
		}
		return nil
	case "delegate":
		if err := want(pos, 2, "check delegate VOTER TO"); err != nil {
			return err
		}
		v, _ := s.k.Voter(s.w, b.ID, addr(pos[0]))
		return expect("delegate of "+pos[0], addr(pos[1]).String(), v.Delegate.String())
	case "voters":
		if err := want(pos, 1, "check voters N"); err != nil {
			return err
		}
		return expect("voters", pos[0], strconv.FormatUint(s.k.VoterCount(s.w, b.ID), 10))
	case "event":
		return s.checkEvent(pos)
	}
	return fmt.Errorf("unknown check %q", what)
}

func expect(what, want, got string) error {
	if want != got {
		return fmt.Errorf("%s is %s, want %s", what, got, want)
	}
	return nil
}

// checkEvent finds an event of the given type with every given attribute.
func (s *scenario) checkEvent(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("want: check event TYPE [key=value...]")
	}
	pos, kv := splitArgs(args[1:])
	if len(pos) > 0 {
		return fmt.Errorf("want: check event TYPE [key=value...]")
	}
	for k, v := range kv {
		if strings.HasPrefix(v, "@") {
			kv[k] = addr(v[1:]).String()
		}
	}
	for _, ev := range s.ev.List() {
		if ev.Type != args[0] {
			continue
		}
		n := 0
		for _, a := range ev.Attributes {
			if v, ok := kv[a.Key]; ok && v == a.Value {
				n++
			}
		}
		if n == len(kv) {
			return nil
		}
	}
	return fmt.Errorf("no %s event with %v among %v", args[0], kv, s.ev.List())
}
