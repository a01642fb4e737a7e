package bench

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSampleParsesTheGoroutineProfileTotal(t *testing.T) {
	n, err := parseGoroutineTotal(strings.NewReader("goroutine profile: total 1234\n5 @ 0x43e4ee 0x40a7e5\n#\t0x43e4ed\truntime.gopark+0xcd\n"))
	require.NoError(t, err)
	require.Equal(t, 1234, n)

	n, err = parseGoroutineTotal(strings.NewReader("goroutine profile: total 7"))
	require.NoError(t, err, "a profile of one line without its newline")
	require.Equal(t, 7, n)

	for _, bad := range []string{"", "\n", "heap profile: 1: 2 [3: 4] @ heapprofile\n", "goroutine profile: total\n",
		"goroutine profile: total -3\n", "goroutine profile: total 12x\n"} {
		_, err := parseGoroutineTotal(strings.NewReader(bad))
		require.Error(t, err, "%q", bad)
	}
}

func TestSampleParsesVmRSSFromTheProcessStatus(t *testing.T) {
	status := "Name:\tstakechain\nVmPeak:\t 2345678 kB\nVmHWM:\t  300000 kB\nVmRSS:\t  262144 kB\nRssAnon:\t  200000 kB\nThreads:\t12\n"
	mb, err := parseVmRSS(strings.NewReader(status))
	require.NoError(t, err)
	require.Equal(t, 256.0, mb)

	for _, bad := range []string{"Name:\tstakechain\nVmHWM:\t 1 kB\n", "VmRSS:\t 12 MB\n", "VmRSS:\t many kB\n", "VmRSS:\n"} {
		_, err := parseVmRSS(strings.NewReader(bad))
		require.Error(t, err, "%q", bad)
	}
}

// soakRun is a synthetic sampled run of 4 minutes, a sample a minute, two
// nodes: memory and goroutines rise while the load fills the mempools,
// then stay flat. edit changes it before it is checked.
func soakRun(edit func(r *BenchResult)) BenchResult {
	r := BenchResult{Submitted: 96_000, Committed: 96_000}
	rss := []float64{60, 200, 210, 205, 212}
	grs := []int{100, 180, 185, 182, 190}
	for i := range rss {
		s := BenchSample{ElapsedSeconds: float64(i * 60), Committed: int64(i * 24_000)}
		for n := 0; n < 2; n++ {
			s.Nodes = append(s.Nodes, NodeSample{Index: n, RSSMB: rss[i] + float64(n), Goroutines: grs[i] + n, Height: int64(10 + 60*i)})
		}
		r.Samples = append(r.Samples, s)
	}
	if edit != nil {
		edit(&r)
	}
	return r
}

func TestCheckSoakHoldsForFlatMemoryAndGoroutines(t *testing.T) {
	c := CheckSoak(soakRun(nil))
	require.Empty(t, c.Violations)
	require.Equal(t, 240.0, c.WindowSeconds)
	require.Equal(t, 60.0, c.BaselineSeconds, "the baseline is the end of the first quarter, not the start")
	require.Len(t, c.Nodes, 2)
	require.Equal(t, SoakNodeCheck{Index: 1, BaseRSSMB: 201, BaseGoroutines: 181, LateRSSMB: 213, RSSBoundMB: 265,
		EndGoroutines: 191, GoroutineBound: 231}, c.Nodes[1], "201 MiB + 64 beats 201 × 1.25")
}

func TestCheckSoakBoundsRSSByTheLargerOfTheFactorAndTheSlack(t *testing.T) {
	tests := []struct {
		name      string
		base, end float64
		holds     bool
	}{
		{"small node: the slack of 64 MiB is the bound", 100, 164, true},
		{"small node: just over the slack", 100, 164.5, false},
		{"large node: 1.25 times is the bound", 400, 500, true},
		{"large node: just over 1.25 times", 400, 500.5, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CheckSoak(soakRun(func(r *BenchResult) {
				r.Samples[1].Nodes[0].RSSMB = tt.base
				r.Samples[4].Nodes[0].RSSMB = tt.end
				r.Samples[3].Nodes[0].RSSMB = tt.base
			}))
			if tt.holds {
				require.Empty(t, c.Violations)
			} else {
				require.Len(t, c.Violations, 1)
				require.Contains(t, c.Violations[0], "node 0: RSS reached")
			}
		})
	}
}

func TestCheckSoakFailsEachRule(t *testing.T) {
	tests := []struct {
		name string
		edit func(r *BenchResult)
		want string
	}{
		{"a failed transaction", func(r *BenchResult) { r.Failed, r.FailReasons = 1, map[string]int{"code 5": 1} }, "1 transactions failed"},
		{"a dropped transaction", func(r *BenchResult) { r.Dropped = 2 }, "2 transactions were accepted but never committed"},
		{"load that ran out", func(r *BenchResult) { r.RanOut = true }, "ran out"},
		{"RSS growing in the third quarter", func(r *BenchResult) { r.Samples[3].Nodes[1].RSSMB = 300 }, "node 1: RSS reached 300.0 MiB"},
		{"RSS growing at the end", func(r *BenchResult) { r.Samples[4].Nodes[0].RSSMB = 265 }, "node 0: RSS reached 265.0 MiB"},
		{"goroutines growing", func(r *BenchResult) { r.Samples[4].Nodes[1].Goroutines = 232 }, "node 1: 232 goroutines at the end, above its bound of 231"},
		{"a stalled node", func(r *BenchResult) { r.Samples[4].Nodes[0].Height = r.Samples[1].Nodes[0].Height }, "node 0: height 70 at the end"},
		{"an unreadable sample", func(r *BenchResult) { r.Samples[2].Nodes[1].Error = "node process not running" }, "node 1 at 120 s: node process not running"},
		{"too few samples", func(r *BenchResult) { r.Samples = r.Samples[:2] }, "2 samples: need at least 3"},
		{"no sample in the first quarter but the start", func(r *BenchResult) { r.Samples = append(r.Samples[:1], r.Samples[2:]...) }, "no sample in the first quarter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CheckSoak(soakRun(tt.edit))
			require.Len(t, c.Violations, 1, "%v", c.Violations)
			require.Contains(t, c.Violations[0], tt.want)
		})
	}
}

func TestCheckSoakLetsGoroutinesReachTheBound(t *testing.T) {
	c := CheckSoak(soakRun(func(r *BenchResult) { r.Samples[4].Nodes[1].Goroutines = 231 }))
	require.Empty(t, c.Violations)
}

func TestCheckSoakCountsSamplesALittleLateAsOnTheQuarter(t *testing.T) {
	c := CheckSoak(soakRun(func(r *BenchResult) {
		for i := range r.Samples {
			r.Samples[i].ElapsedSeconds += 0.004 * float64(i) // the ticks of a real run, each a few ms late
		}
		r.Samples[3].Nodes[0].RSSMB = 400
	}))
	require.Equal(t, 60.004, c.BaselineSeconds, "the tick at 60 s is the baseline though a quarter is 60.004 s")
	require.Len(t, c.Violations, 1, "the tick at 180 s is in the last quarter though it begins at 180.012 s")
	require.Contains(t, c.Violations[0], "node 0: RSS reached 400.0 MiB")
}
