package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// result is one application's entry of a synthetic bench file.
func result(app string, rate, tps, p50, p99 float64) string {
	return `{"app": "` + app + `", "committed_tps": ` + num(tps) +
		`, "p50_latency_ms": ` + num(p50) + `, "p99_latency_ms": ` + num(p99) +
		`, "failed": 0, "dropped": 0, "blocks": 40, "first_height": 3, "last_height": 42,` +
		` "peak_rss_mb": 180.5, "submitted": 30000, "committed": 29990, "blocks_per_s": 1.2,` +
		` "mean_txs_per_block": 750, "block_seconds": 0.83,` +
		` "nodes": [{"index": 0, "cpu_s": 12.5, "peak_rss_mb": 180.5}],` +
		` "settings": {"validators": 4, "accounts": 10000, "duration_s": 30, "offered_rate": ` + num(rate) +
		`, "conns_per_node": 4, "window": 64, "client": "grpc", "timeout_commit_ms": 800,` +
		` "mempool_size": 50000, "mempool_recheck": true, "tx_indexer": "null",` +
		` "block_max_bytes": 22020096, "tx_bytes": 250}}`
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func benchJSON(rate, stakeTPS, kvTPS float64) string {
	stake := result("stakechain", rate, stakeTPS, 900, 1800)
	kv := result("kvstore", rate, kvTPS, 500, 1100)
	return `{"stakechain": ` + stake + `, "kvstore": ` + kv + `, "ratio": 0.5, "ratios": [0.5],` +
		` "rounds": [{"stakechain": ` + stake + `, "kvstore": ` + kv + `, "ratio": 0.5}],` +
		` "date": "2025-06-01T12:00:00Z", "version": "v0.1.0-12-gabc1234"}`
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRendersPNGOfRequestedSize(t *testing.T) {
	dir := t.TempDir()
	fixed := writeFile(t, dir, "rate-1000.json", benchJSON(1000, 998.5, 1000))
	sat := writeFile(t, dir, "rate-0.json", benchJSON(0, 1450, 2900))
	out := filepath.Join(dir, "bench.png")

	var stdout, stderr bytes.Buffer
	if err := run([]string{"-o", out, "-width", "900", "-height", "420", fixed, sat}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\nstderr: %s", err, stderr.String())
	}
	if stderr.Len() != 0 {
		t.Errorf("unexpected warnings: %s", stderr.String())
	}

	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("output is not a PNG: %v", err)
	}
	if got := img.Bounds(); got.Dx() != 900 || got.Dy() != 420 {
		t.Fatalf("image is %dx%d, want 900x420", got.Dx(), got.Dy())
	}
	// Both applications' colours are drawn.
	for app, c := range appColor {
		if !hasColor(img, c) {
			t.Errorf("no %s-coloured pixel in the image", app)
		}
	}
	for _, want := range []string{"0 (max)", "998.5", "2900.0"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout.String())
		}
	}
}

func TestStakeChainOnlyFilesAndLogScale(t *testing.T) {
	dir := t.TempDir()
	body := `{"stakechain": ` + result("stakechain", 500, 499, 700, 1500) + `, "date": "2025-06-01T12:00:00Z", "version": "dev"}`
	p := writeFile(t, dir, "rate-500.json", body)
	out := filepath.Join(dir, "bench.png")
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-o", out, "-log-latency", p}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v", err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != 1600 || cfg.Height != 700 {
		t.Fatalf("default size %dx%d, want 1600x700", cfg.Width, cfg.Height)
	}
}

func TestRejectsBadInput(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.json", benchJSON(1000, 990, 1000))
	b := writeFile(t, dir, "b.json", benchJSON(1000, 980, 1000))
	noRate := writeFile(t, dir, "norate.json", `{"stakechain": {"app": "stakechain", "settings": {}}}`)
	notJSON := writeFile(t, dir, "bad.json", `{"stakechain": `)
	for name, args := range map[string][]string{
		"same rate twice": {a, b},
		"no offered_rate": {noRate},
		"not JSON":        {notJSON},
		"no files":        {},
		"missing file":    {filepath.Join(dir, "absent.json")},
	} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(dir, "x.png")
			var stdout, stderr bytes.Buffer
			if err := run(append([]string{"-o", out}, args...), &stdout, &stderr); err == nil {
				t.Fatal("want an error")
			}
			if _, err := os.Stat(out); err == nil {
				t.Fatal("wrote a PNG for bad input")
			}
		})
	}
}

func hasColor(img image.Image, want color.Color) bool {
	wr, wg, wb, _ := want.RGBA()
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r == wr && g == wg && bl == wb {
				return true
			}
		}
	}
	return false
}
