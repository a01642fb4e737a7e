package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stakechain/stakechain/testnet"
)

// BenchSample is what one tick of a run's periodic sampling saw: the
// cumulative count of benchmark transactions in blocks so far and each
// node's memory, goroutines and height.
type BenchSample struct {
	// ElapsedSeconds is the time since the submission window began.
	ElapsedSeconds float64 `json:"elapsed_s"`
	// Committed is the number of benchmark transactions in blocks so far,
	// as node 0 serves them.
	Committed int64        `json:"committed"`
	Nodes     []NodeSample `json:"nodes"`
}

// NodeSample is one node's state at a sample. Error says what could not be
// read; the fields it concerns are zero.
type NodeSample struct {
	Index int `json:"index"`
	// RSSMB is the resident memory (VmRSS) in MiB.
	RSSMB      float64 `json:"rss_mb"`
	Goroutines int     `json:"goroutines"`
	Height     int64   `json:"height"`
	Error      string  `json:"error,omitempty"`
}

// sampler samples the nodes of a network every interval of a submission
// window: once when it begins, at every tick and once when it ends.
type sampler struct {
	net       *testnet.Network
	committed *atomic.Int64
	began     time.Time
	http      *http.Client

	done    chan struct{}
	mu      sync.Mutex
	samples []BenchSample // guarded by mu
}

// startSampler samples net every interval until window ends; with interval
// 0 it samples nothing. committed is the running count of benchmark
// transactions in blocks. The sampler's requests use ctx, which outlives
// window, so that the last sample is taken after the window ends.
func startSampler(ctx, window context.Context, net *testnet.Network, interval time.Duration, committed *atomic.Int64) *sampler {
	s := &sampler{net: net, committed: committed, began: time.Now(), http: &http.Client{Timeout: testnet.RPCTimeout},
		done: make(chan struct{})}
	if interval <= 0 {
		close(s.done)
		return s
	}
	go func() {
		defer close(s.done)
		end, hasEnd := window.Deadline()
		s.take(ctx)
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-window.Done():
				s.take(ctx)
				return
			case <-tick.C:
				// A tick just before the end would nearly repeat the last
				// sample.
				if !hasEnd || time.Until(end) > interval/2 {
					s.take(ctx)
				}
			}
		}
	}()
	return s
}

// wait returns the samples once the last one is taken.
func (s *sampler) wait() []BenchSample {
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.samples
}

func (s *sampler) take(ctx context.Context) {
	if ctx.Err() != nil {
		return
	}
	smp := BenchSample{ElapsedSeconds: time.Since(s.began).Seconds(), Committed: s.committed.Load()}
	smp.Nodes = make([]NodeSample, len(s.net.Nodes))
	var wg sync.WaitGroup
	for i, n := range s.net.Nodes {
		wg.Add(1)
		go func(i int, n testnet.Node) {
			defer wg.Done()
			smp.Nodes[i] = s.node(ctx, n)
		}(i, n)
	}
	wg.Wait()
	s.mu.Lock()
	s.samples = append(s.samples, smp)
	s.mu.Unlock()
}

func (s *sampler) node(ctx context.Context, n testnet.Node) NodeSample {
	out := NodeSample{Index: n.Index}
	var errs []error
	if pid, ok := testnet.NodePID(n); !ok {
		errs = append(errs, errors.New("node process not running"))
	} else if f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid)); err != nil {
		errs = append(errs, err)
	} else {
		out.RSSMB, err = parseVmRSS(f)
		f.Close()
		errs = append(errs, err)
	}
	var err error
	out.Goroutines, err = s.goroutines(ctx, pprofAddr(s.net, n.Index))
	errs = append(errs, err)
	latest, err := testnet.LatestBlock(ctx, n.RPCAddr())
	out.Height = latest.Height
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		out.Error = strings.ReplaceAll(err.Error(), "\n", "; ")
	}
	return out
}

// goroutines reads the goroutine count of the node whose pprof endpoint is
// at addr (host:port).
func (s *sampler) goroutines(ctx context.Context, addr string) (int, error) {
	url := fmt.Sprintf("http://%s/debug/pprof/goroutine?debug=1", addr)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := s.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s: %s", url, resp.Status)
	}
	n, err := parseGoroutineTotal(resp.Body)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", url, err)
	}
	return n, nil
}

// parseGoroutineTotal reads the count from the first line of a goroutine
// profile in its debug=1 text form: "goroutine profile: total N".
func parseGoroutineTotal(r io.Reader) (int, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && line == "" {
		return 0, fmt.Errorf("empty goroutine profile: %w", err)
	}
	const prefix = "goroutine profile: total "
	line = strings.TrimSpace(line)
	if !strings.HasPrefix(line, prefix) {
		return 0, fmt.Errorf("goroutine profile starts with %q, want %q", line, prefix+"N")
	}
	n, err := strconv.Atoi(strings.TrimPrefix(line, prefix))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("goroutine profile: bad total in %q", line)
	}
	return n, nil
}

// parseVmRSS reads the resident memory in MiB from the text of
// /proc/<pid>/status: the line "VmRSS:  123456 kB".
func parseVmRSS(r io.Reader) (float64, error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || f[1] != "kB" {
			return 0, fmt.Errorf("unexpected VmRSS line %q", sc.Text())
		}
		kb, err := strconv.ParseUint(f[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("unexpected VmRSS line %q", sc.Text())
		}
		return float64(kb) / 1024, nil
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, errors.New("no VmRSS line in the process status")
}

// Bounds of a soak run, checked by CheckSoak.
const (
	// SoakRSSGrowth and SoakRSSSlackMB bound every node's resident memory
	// in the last quarter of the window by the larger of SoakRSSGrowth
	// times its value at the end of the first quarter and that value plus
	// SoakRSSSlackMB.
	SoakRSSGrowth  = 1.25
	SoakRSSSlackMB = 64
	// SoakGoroutineSlack bounds every node's goroutines at the end of the
	// window by their count at the end of the first quarter plus this.
	SoakGoroutineSlack = 50
	// soakJitter is the share of the window by which a sample may miss a
	// quarter's bound and still count as on it.
	soakJitter = 0.01
)

// SoakNodeCheck is what CheckSoak found for one node.
type SoakNodeCheck struct {
	Index int `json:"index"`
	// BaseRSSMB and BaseGoroutines are the node's at the baseline sample,
	// the last one at or before the end of the first quarter.
	BaseRSSMB      float64 `json:"base_rss_mb"`
	BaseGoroutines int     `json:"base_goroutines"`
	// LateRSSMB is the highest RSS of the samples in the last quarter.
	LateRSSMB  float64 `json:"late_rss_mb"`
	RSSBoundMB float64 `json:"rss_bound_mb"`
	// EndGoroutines are the node's at the last sample.
	EndGoroutines  int `json:"end_goroutines"`
	GoroutineBound int `json:"goroutine_bound"`
}

// SoakCheck is the verdict on a soak run: it held if Violations is empty.
type SoakCheck struct {
	// WindowSeconds is the elapsed time of the last sample; the quarters
	// are of it.
	WindowSeconds   float64         `json:"window_s"`
	BaselineSeconds float64         `json:"baseline_s"`
	Nodes           []SoakNodeCheck `json:"nodes"`
	Violations      []string        `json:"violations"`
}

// CheckSoak judges a run sampled at least once a quarter of its window:
// no failed or dropped transactions and load offered to the end; for every
// node, every sample readable, the height advancing after the first
// quarter, RSS in the last quarter within the bound of SoakRSSGrowth and
// SoakRSSSlackMB of the baseline, and goroutines at the end within
// SoakGoroutineSlack of the baseline. The baseline is the last sample at
// or before the end of the first quarter, once the load has filled the
// mempools and caches; the sample at the start, before any load, is never
// the baseline. The quarters' bounds allow soakJitter of the window, as a
// tick lands a little after its whole interval.
func CheckSoak(r BenchResult) SoakCheck {
	var c SoakCheck
	fail := func(format string, args ...any) { c.Violations = append(c.Violations, fmt.Sprintf(format, args...)) }
	if r.Failed > 0 {
		fail("%d transactions failed (reasons in fail_reasons)", r.Failed)
	}
	if r.Dropped > 0 {
		fail("%d transactions were accepted but never committed", r.Dropped)
	}
	if r.RanOut {
		fail("the pre-signed transactions ran out before the window ended")
	}
	ss := r.Samples
	if len(ss) < 3 {
		fail("%d samples: need at least 3 (the start, the first quarter and the end)", len(ss))
		return c
	}
	c.WindowSeconds = ss[len(ss)-1].ElapsedSeconds
	jitter := soakJitter * c.WindowSeconds
	base := -1
	for i := 1; i < len(ss) && ss[i].ElapsedSeconds <= c.WindowSeconds/4+jitter; i++ {
		base = i
	}
	if base < 0 {
		fail("no sample in the first quarter (%.0f s) after the start: sample more often", c.WindowSeconds/4)
		return c
	}
	c.BaselineSeconds = ss[base].ElapsedSeconds
	for _, s := range ss {
		if len(s.Nodes) != len(ss[0].Nodes) {
			fail("the sample at %.0f s has %d nodes, the first %d", s.ElapsedSeconds, len(s.Nodes), len(ss[0].Nodes))
			return c
		}
		for _, n := range s.Nodes {
			if n.Error != "" {
				fail("node %d at %.0f s: %s", n.Index, s.ElapsedSeconds, n.Error)
			}
		}
	}
	last := ss[len(ss)-1]
	for i := range ss[0].Nodes {
		b, e := ss[base].Nodes[i], last.Nodes[i]
		nc := SoakNodeCheck{Index: b.Index, BaseRSSMB: b.RSSMB, BaseGoroutines: b.Goroutines,
			RSSBoundMB:    max(SoakRSSGrowth*b.RSSMB, b.RSSMB+SoakRSSSlackMB),
			EndGoroutines: e.Goroutines, GoroutineBound: b.Goroutines + SoakGoroutineSlack}
		for _, s := range ss {
			if s.ElapsedSeconds >= c.WindowSeconds*3/4-jitter {
				nc.LateRSSMB = max(nc.LateRSSMB, s.Nodes[i].RSSMB)
			}
		}
		if nc.LateRSSMB > nc.RSSBoundMB {
			fail("node %d: RSS reached %.1f MiB in the last quarter, above its bound of %.1f MiB (%.1f MiB at %.0f s)",
				nc.Index, nc.LateRSSMB, nc.RSSBoundMB, nc.BaseRSSMB, c.BaselineSeconds)
		}
		if nc.EndGoroutines > nc.GoroutineBound {
			fail("node %d: %d goroutines at the end, above its bound of %d (%d at %.0f s)",
				nc.Index, nc.EndGoroutines, nc.GoroutineBound, nc.BaseGoroutines, c.BaselineSeconds)
		}
		if e.Height <= b.Height {
			fail("node %d: height %d at the end, no higher than %d at %.0f s", nc.Index, e.Height, b.Height, c.BaselineSeconds)
		}
		c.Nodes = append(c.Nodes, nc)
	}
	return c
}
