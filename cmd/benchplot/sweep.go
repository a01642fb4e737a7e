package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
)

// The JSON written by `stakechain bench --json`. Only the fields the plot
// needs are decoded; this module does not import the node's packages, so the
// node's go.mod stays free of plotting dependencies.

type benchFile struct {
	StakeChain *appResult      `json:"stakechain"`
	KVStore    *appResult      `json:"kvstore"`
	Rounds     json.RawMessage `json:"rounds"`
	Date       string          `json:"date"`
	Version    string          `json:"version"`
}

type appResult struct {
	App          string    `json:"app"`
	CommittedTPS float64   `json:"committed_tps"`
	P50Ms        float64   `json:"p50_latency_ms"`
	P99Ms        float64   `json:"p99_latency_ms"`
	Failed       int64     `json:"failed"`
	Dropped      int64     `json:"dropped"`
	Submitted    int64     `json:"submitted"`
	Committed    int64     `json:"committed"`
	Settings     *settings `json:"settings"`
}

type settings struct {
	Validators      int      `json:"validators"`
	Accounts        int      `json:"accounts"`
	DurationS       float64  `json:"duration_s"`
	OfferedRate     *float64 `json:"offered_rate"`
	ConnsPerNode    int      `json:"conns_per_node"`
	Window          int      `json:"window"`
	Client          string   `json:"client"`
	TimeoutCommitMs float64  `json:"timeout_commit_ms"`
	MempoolSize     int      `json:"mempool_size"`
	MempoolRecheck  bool     `json:"mempool_recheck"`
	TxIndexer       string   `json:"tx_indexer"`
	BlockMaxBytes   int64    `json:"block_max_bytes"`
	TxBytes         int64    `json:"tx_bytes"`
}

// rateRun is one file of the sweep: one offered rate, with the median round of
// each application.
type rateRun struct {
	path    string
	rate    float64 // offered tx/s; 0 = as fast as the nodes accept
	stake   *appResult
	kv      *appResult // nil when the file has no kvstore comparison
	rounds  int        // 0 when the file does not say
	date    string
	version string
}

func (r rateRun) saturation() bool { return r.rate == 0 }

func (r rateRun) app(name string) *appResult {
	if name == appKVStore {
		return r.kv
	}
	return r.stake
}

const (
	appStakeChain = "stakechain"
	appKVStore    = "kvstore"
)

// sweep is the runs of all the files, fixed-rate ones sorted by rate, then
// the saturation runs.
type sweep struct {
	runs []rateRun
}

func readRun(path string) (rateRun, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return rateRun{}, err
	}
	var f benchFile
	if err := json.Unmarshal(data, &f); err != nil {
		return rateRun{}, fmt.Errorf("%s: %w", path, err)
	}
	if f.StakeChain == nil {
		return rateRun{}, fmt.Errorf("%s: no \"stakechain\" result", path)
	}
	s := f.StakeChain.Settings
	if s == nil || s.OfferedRate == nil {
		return rateRun{}, fmt.Errorf("%s: no stakechain.settings.offered_rate", path)
	}
	if *s.OfferedRate < 0 {
		return rateRun{}, fmt.Errorf("%s: negative offered_rate %v", path, *s.OfferedRate)
	}
	if f.KVStore != nil && f.KVStore.Settings != nil && f.KVStore.Settings.OfferedRate != nil &&
		*f.KVStore.Settings.OfferedRate != *s.OfferedRate {
		return rateRun{}, fmt.Errorf("%s: stakechain offered_rate %v but kvstore offered_rate %v",
			path, *s.OfferedRate, *f.KVStore.Settings.OfferedRate)
	}
	r := rateRun{
		path:    path,
		rate:    *s.OfferedRate,
		stake:   f.StakeChain,
		kv:      f.KVStore,
		date:    f.Date,
		version: f.Version,
	}
	var rounds []json.RawMessage
	if len(f.Rounds) > 0 && json.Unmarshal(f.Rounds, &rounds) == nil {
		r.rounds = len(rounds)
	}
	return r, nil
}

func readSweep(paths []string) (*sweep, error) {
	if len(paths) == 0 {
		return nil, errors.New("no JSON files given")
	}
	sw := &sweep{}
	byRate := map[float64]string{}
	for _, p := range paths {
		r, err := readRun(p)
		if err != nil {
			return nil, err
		}
		if prev, ok := byRate[r.rate]; ok {
			return nil, fmt.Errorf("%s and %s are both at offered rate %v; give one file per rate", prev, p, r.rate)
		}
		byRate[r.rate] = p
		sw.runs = append(sw.runs, r)
	}
	sort.SliceStable(sw.runs, func(i, j int) bool {
		a, b := sw.runs[i], sw.runs[j]
		if a.saturation() != b.saturation() {
			return !a.saturation()
		}
		return a.rate < b.rate
	})
	return sw, nil
}

// fixed returns the runs at a fixed offered rate, by rate.
func (sw *sweep) fixed() []rateRun {
	var out []rateRun
	for _, r := range sw.runs {
		if !r.saturation() {
			out = append(out, r)
		}
	}
	return out
}

// saturated returns the run offered as fast as accepted, if any.
func (sw *sweep) saturated() (rateRun, bool) {
	for _, r := range sw.runs {
		if r.saturation() {
			return r, true
		}
	}
	return rateRun{}, false
}

func (sw *sweep) hasKVStore() bool {
	for _, r := range sw.runs {
		if r.kv != nil {
			return true
		}
	}
	return false
}

// title is the figure's heading: what was run, at which version and when.
func (sw *sweep) title() string {
	return fmt.Sprintf("StakeChain bench sweep: throughput and latency against offered load  (version %s, %s)",
		sw.versions(), sw.dates())
}

func (sw *sweep) versions() string {
	seen := map[string]bool{}
	var vs []string
	for _, r := range sw.runs {
		v := r.version
		if v == "" {
			v = "unknown"
		}
		if !seen[v] {
			seen[v] = true
			vs = append(vs, v)
		}
	}
	sort.Strings(vs)
	if len(vs) > 3 {
		return fmt.Sprintf("%s and %d others", strings.Join(vs[:3], ", "), len(vs)-3)
	}
	return strings.Join(vs, ", ")
}

func (sw *sweep) dates() string {
	type stamp struct {
		t    time.Time
		text string
	}
	var ds []stamp
	for _, r := range sw.runs {
		if r.date == "" {
			continue
		}
		d := stamp{text: r.date}
		if t, err := time.Parse(time.RFC3339Nano, r.date); err == nil {
			d.t = t.UTC()
			d.text = d.t.Format("2006-01-02 15:04 UTC")
		}
		ds = append(ds, d)
	}
	if len(ds) == 0 {
		return "date unknown"
	}
	sort.SliceStable(ds, func(i, j int) bool {
		if !ds[i].t.IsZero() && !ds[j].t.IsZero() {
			return ds[i].t.Before(ds[j].t)
		}
		return ds[i].text < ds[j].text
	})
	first, last := ds[0].text, ds[len(ds)-1].text
	if first == last {
		return first
	}
	return first + " to " + last
}

// setup describes the settings the runs share, and says so when they do not.
func (sw *sweep) setup() (string, []string) {
	base := *sw.runs[0].stake.Settings
	base.OfferedRate = nil
	var warnings []string
	for _, r := range sw.runs[1:] {
		s := *r.stake.Settings
		s.OfferedRate = nil
		if s != base {
			warnings = append(warnings, fmt.Sprintf("%s: settings other than offered_rate differ from %s", r.path, sw.runs[0].path))
		}
	}
	parts := []string{
		fmt.Sprintf("%d validators", base.Validators),
		fmt.Sprintf("%g s per round", base.DurationS),
	}
	switch n := sw.runs[0].rounds; {
	case n == 1:
		parts = append(parts, "1 round")
	case n > 1:
		parts = append(parts, fmt.Sprintf("median of %d rounds", n))
	}
	parts = append(parts,
		fmt.Sprintf("%d accounts", base.Accounts),
		fmt.Sprintf("timeout_commit %g ms", base.TimeoutCommitMs),
		fmt.Sprintf("tx indexer %s", orUnknown(base.TxIndexer)),
		fmt.Sprintf("client %s", orUnknown(base.Client)),
	)
	line := strings.Join(parts, ", ")
	if len(warnings) > 0 {
		line += "  (settings differ between files; these are the first file's)"
	}
	return line, warnings
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
