package slashing

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/staking"
)

// TestScenarios runs every testdata/*.txt file: a chain driven one command
// a line, with checks in between. Blank lines and lines starting with #
// are skipped; a # later on a line starts a comment.
//
//	params window=10 min_signed=0.5 jail=10m downtime=0.01 double_sign=0.05 max_age_blocks=N max_age=DUR
//	validator NAME STAKE               create a validator with STAKE STAKE self-delegated
//	delegate DEL VAL STAKE             (and undelegate) in the current block
//	block [signed=a,b] [missed=c] [dt=1s]
//	                                   end this block (staking EndBlock), begin the next
//	                                   dt later with those last-commit votes and the evidence given since
//	blocks N [signed=...] [missed=...] [dt=...]
//	evidence NAME height=H [power=P] [kind=light]
//	                                   evidence for the next block; power defaults to the power at H
//	unjail NAME [fails TEXT...]        MsgUnjail in the current block: it must succeed, or fail saying TEXT
//	check power NAME N                 power in CometBFT's set
//	check tokens NAME N                staking tokens in ustake
//	check status NAME bonded|unbonding|unbonded
//	check jailed|not-jailed|tombstoned|not-tombstoned NAME
//	check missed NAME N                missed blocks in the window
//	check jailed-until NAME forever|+DUR
//	                                   +DUR is from the current block's time
//	check update NAME N | check no-update NAME
//	                                   the validator-set change of the last EndBlock
//	check unbonding DEL VAL N,N...     balances of DEL's unbonding entries from VAL
//	check event TYPE [key=value...]    an event of the last command; @NAME is NAME's consensus address
//	check no-event TYPE [key=value...]
func TestScenarios(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txt"), func(t *testing.T) {
			bz, err := os.ReadFile(f)
			require.NoError(t, err)
			e := newEnv(t)
			for i, line := range strings.Split(string(bz), "\n") {
				if j := strings.Index(line, "#"); j >= 0 {
					line = line[:j]
				}
				fields := strings.Fields(line)
				if len(fields) == 0 {
					continue
				}
				if err := e.run(fields); err != nil {
					t.Fatalf("%s:%d: %s\n\t%v", f, i+1, strings.TrimSpace(line), err)
				}
			}
		})
	}
}

// run executes one command.
func (e *env) run(f []string) error {
	cmd, args := f[0], f[1:]
	pos, kv := splitArgs(args)
	if cmd != "check" {
		e.ev = core.Events{}
	}
	switch cmd {
	case "params":
		return e.setParams(kv)
	case "validator":
		if len(pos) != 2 {
			return fmt.Errorf("want: validator NAME STAKE")
		}
		n, err := strconv.ParseInt(pos[1], 10, 64)
		if err != nil {
			return err
		}
		return e.createValidator(pos[0], n)
	case "delegate", "undelegate":
		if len(pos) != 3 {
			return fmt.Errorf("want: %s DEL VAL STAKE", cmd)
		}
		n, err := strconv.ParseInt(pos[2], 10, 64)
		if err != nil {
			return err
		}
		if cmd == "delegate" {
			_, err = e.sk.Delegate(e.w, &e.ev, addr(pos[0]), addr(pos[1]), stake(n))
		} else {
			_, _, err = e.sk.Undelegate(e.w, &e.ev, e.block, addr(pos[0]), addr(pos[1]), stake(n))
		}
		return err
	case "block", "blocks":
		n := int64(1)
		if cmd == "blocks" {
			if len(pos) != 1 {
				return fmt.Errorf("want: blocks N ...")
			}
			var err error
			if n, err = strconv.ParseInt(pos[0], 10, 64); err != nil {
				return err
			}
		}
		dt := time.Second
		if s, ok := kv["dt"]; ok {
			var err error
			if dt, err = time.ParseDuration(s); err != nil {
				return err
			}
		}
		var votes []vote
		for _, name := range names(kv["signed"]) {
			votes = append(votes, vote{name, true})
		}
		for _, name := range names(kv["missed"]) {
			votes = append(votes, vote{name, false})
		}
		for i := int64(0); i < n; i++ {
			e.ev = core.Events{} // a check sees the events of the last block
			e.nextBlock(dt, votes)
		}
		return nil
	case "evidence":
		if len(pos) != 1 {
			return fmt.Errorf("want: evidence NAME height=H")
		}
		h, err := strconv.ParseInt(kv["height"], 10, 64)
		if err != nil {
			return fmt.Errorf("height: %w", err)
		}
		facts, ok := e.history[h]
		if !ok {
			return fmt.Errorf("height %d has not happened", h)
		}
		power := facts.power[pos[0]]
		if s, ok := kv["power"]; ok {
			if power, err = strconv.ParseInt(s, 10, 64); err != nil {
				return err
			}
		}
		kind := core.DuplicateVote
		if kv["kind"] == "light" {
			kind = core.LightClientAttack
		}
		e.pending = append(e.pending, core.Misbehavior{Kind: kind, ConsAddr: consAddr(pos[0]), Power: power, Height: h, Time: facts.time})
		return nil
	case "unjail":
		if len(pos) < 1 {
			return fmt.Errorf("want: unjail NAME [fails TEXT]")
		}
		err := e.k.Unjail(e.w, &e.ev, e.block, addr(pos[0]))
		if len(pos) > 1 {
			if pos[1] != "fails" {
				return fmt.Errorf("want: unjail NAME [fails TEXT]")
			}
			want := strings.Join(pos[2:], " ")
			if err == nil {
				return fmt.Errorf("unjail succeeded, want an error saying %q", want)
			}
			if !strings.Contains(err.Error(), want) {
				return fmt.Errorf("unjail failed with %q, want it to say %q", err, want)
			}
			return nil
		}
		return err
	case "check":
		return e.check(pos, kv)
	}
	return fmt.Errorf("unknown command %q", cmd)
}

func (e *env) setParams(kv map[string]string) error {
	p := e.k.Params(e.w)
	for _, v := range sortedKV(kv) {
		var err error
		switch v[0] {
		case "window":
			p.SignedBlocksWindow, err = strconv.ParseInt(v[1], 10, 64)
		case "min_signed":
			p.MinSignedPerWindow, err = math.LegacyNewDecFromStr(v[1])
		case "downtime":
			p.SlashFractionDowntime, err = math.LegacyNewDecFromStr(v[1])
		case "double_sign":
			p.SlashFractionDoubleSign, err = math.LegacyNewDecFromStr(v[1])
		case "jail":
			var d time.Duration
			d, err = time.ParseDuration(v[1])
			p.DowntimeJailDuration = core.Duration(d)
		case "max_age_blocks":
			e.age.MaxAgeNumBlocks, err = strconv.ParseInt(v[1], 10, 64)
		case "max_age":
			e.age.MaxAgeDuration, err = time.ParseDuration(v[1])
		default:
			return fmt.Errorf("unknown parameter %q", v[0])
		}
		if err != nil {
			return fmt.Errorf("%s: %w", v[0], err)
		}
	}
	return e.k.SetParams(e.w, p)
}

func (e *env) check(pos []string, kv map[string]string) error {
	if len(pos) < 2 {
		return fmt.Errorf("want: check WHAT NAME ...")
	}
	what, name := pos[0], pos[1]
	wantInt := func(i int) (int64, error) {
		if len(pos) <= i {
			return 0, fmt.Errorf("want a number after check %s %s", what, name)
		}
		return strconv.ParseInt(pos[i], 10, 64)
	}
	switch what {
	case "power":
		want, err := wantInt(2)
		if err != nil {
			return err
		}
		if got := e.sk.LastPower(e.w, addr(name)); got != want {
			return fmt.Errorf("power of %s is %d, want %d", name, got, want)
		}
	case "tokens":
		want, err := wantInt(2)
		if err != nil {
			return err
		}
		if got := e.validator(name).Tokens; !got.Equal(math.NewInt(want)) {
			return fmt.Errorf("tokens of %s are %s, want %d", name, got, want)
		}
	case "status":
		want := map[string]staking.BondStatus{"bonded": staking.Bonded, "unbonding": staking.Unbonding, "unbonded": staking.Unbonded}[pos[len(pos)-1]]
		if got := e.validator(name).Status; got != want {
			return fmt.Errorf("status of %s is %s, want %s", name, got, pos[len(pos)-1])
		}
	case "jailed", "not-jailed":
		if got := e.validator(name).Jailed; got != (what == "jailed") {
			return fmt.Errorf("%s: jailed is %v", name, got)
		}
	case "tombstoned", "not-tombstoned":
		info, _ := e.k.SigningInfo(e.w, consAddr(name))
		if info.Tombstoned != (what == "tombstoned") {
			return fmt.Errorf("%s: tombstoned is %v", name, info.Tombstoned)
		}
	case "missed":
		want, err := wantInt(2)
		if err != nil {
			return err
		}
		info := e.signingInfo(name)
		if info.MissedBlocksCounter != want {
			return fmt.Errorf("%s missed %d blocks of the window, want %d", name, info.MissedBlocksCounter, want)
		}
		if n := int64(len(e.k.missedIndexes(e.w, consAddr(name)))); n != want {
			return fmt.Errorf("%s's bitmap has %d missed blocks, its counter %d", name, n, want)
		}
	case "jailed-until":
		if len(pos) != 3 {
			return fmt.Errorf("want: check jailed-until NAME forever|+DUR")
		}
		want := DoubleSignJailEndTime
		if pos[2] != "forever" {
			d, err := time.ParseDuration(strings.TrimPrefix(pos[2], "+"))
			if err != nil {
				return err
			}
			want = e.block.Time.Add(d)
		}
		if got := e.signingInfo(name).JailedUntil; !got.Equal(want) {
			return fmt.Errorf("%s is jailed until %s, want %s", name, got, want)
		}
	case "update":
		want, err := wantInt(2)
		if err != nil {
			return err
		}
		got, ok := e.updates[name]
		if !ok || got != want {
			return fmt.Errorf("the last EndBlock's updates are %v, want %s → %d", e.updates, name, want)
		}
	case "no-update":
		if got, ok := e.updates[name]; ok {
			return fmt.Errorf("the last EndBlock changed %s's power to %d", name, got)
		}
	case "unbonding":
		if len(pos) != 4 {
			return fmt.Errorf("want: check unbonding DEL VAL N,N...")
		}
		var got []string
		for _, en := range e.sk.UnbondingDelegation(e.w, addr(name), addr(pos[2])).Entries {
			got = append(got, en.Balance.String())
		}
		if strings.Join(got, ",") != pos[3] {
			return fmt.Errorf("unbonding entries of %s from %s hold %v, want %s", name, pos[2], got, pos[3])
		}
	case "event", "no-event":
		found := false
		for _, ev := range e.ev.List() {
			if ev.Type == name && e.hasAttrs(ev, kv) {
				found = true
			}
		}
		if found != (what == "event") {
			return fmt.Errorf("event %s %v found: %v; the events were:\n%s", name, kv, found, e.dumpEvents())
		}
	default:
		return fmt.Errorf("unknown check %q", what)
	}
	return nil
}

func (e *env) hasAttrs(ev core.Event, want map[string]string) bool {
	for _, kv := range sortedKV(want) {
		v := kv[1]
		if strings.HasPrefix(v, "@") {
			v = consString(consAddr(v[1:]))
		}
		ok := false
		for _, a := range ev.Attributes {
			if a.Key == kv[0] && a.Value == v {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func (e *env) dumpEvents() string {
	var b strings.Builder
	for _, ev := range e.ev.List() {
		fmt.Fprintf(&b, "\t%s", ev.Type)
		for _, a := range ev.Attributes {
			fmt.Fprintf(&b, " %s=%s", a.Key, a.Value)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// splitArgs separates positional arguments from key=value ones.
func splitArgs(args []string) (pos []string, kv map[string]string) {
	kv = map[string]string{}
	for _, a := range args {
		if k, v, ok := strings.Cut(a, "="); ok {
			kv[k] = v
		} else {
			pos = append(pos, a)
		}
	}
	return pos, kv
}

// sortedKV returns the pairs of kv in key order.
func sortedKV(kv map[string]string) [][2]string {
	keys := make([]string, 0, len(kv))
	for k := range kv { //determinism:sorted
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([][2]string, len(keys))
	for i, k := range keys {
		out[i] = [2]string{k, kv[k]}
	}
	return out
}

func names(list string) []string {
	if list == "" {
		return nil
	}
	return strings.Split(list, ",")
}
