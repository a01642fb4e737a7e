// Command benchplot draws the JSON files of a `stakechain bench` sweep (one
// file per offered rate) as one PNG: committed tx/s and p50/p99
// submit-to-commit latency against the offered load, for StakeChain and,
// where the files have it, the kvstore baseline.
//
// Usage:
//
//	go run . -o ../../docs/benchmarks.png ../../build/bench-sweep/*.json
//
// or `make bench-plot` from the repository root. A file whose offered_rate is
// 0 (offered as fast as the nodes accept) has no offered rate to place it by;
// it is drawn as a separate X marker at x = its committed tx/s.
//
// This is a module of its own so that the node's go.mod carries no plotting
// dependencies.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "benchplot:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("benchplot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "benchmarks.png", "PNG file to write")
	opt := options{}
	fs.IntVar(&opt.width, "width", 1600, "image width in pixels")
	fs.IntVar(&opt.height, "height", 700, "image height in pixels")
	fs.BoolVar(&opt.logLatency, "log-latency", false, "log scale on the latency axis")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: benchplot [-o OUT.png] [-width PX] [-height PX] [-log-latency] FILE.json...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	sw, err := readSweep(fs.Args())
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	warnings, err := render(sw, opt, &buf)
	for _, w := range warnings {
		fmt.Fprintln(stderr, "benchplot: warning:", w)
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	summary(stdout, sw)
	fmt.Fprintf(stdout, "wrote %s (%dx%d)\n", *out, opt.width, opt.height)
	return nil
}

// summary prints the plotted numbers, so they can be checked or quoted.
func summary(w io.Writer, sw *sweep) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "offered tx/s\tapp\tcommitted tx/s\tp50 ms\tp99 ms\tfailed\tdropped\t")
	for _, r := range sw.runs {
		rate := fmt.Sprintf("%g", r.rate)
		if r.saturation() {
			rate = "0 (max)"
		}
		for _, a := range []string{appStakeChain, appKVStore} {
			res := r.app(a)
			if res == nil {
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%.1f\t%.1f\t%.1f\t%d\t%d\t\n",
				rate, a, res.CommittedTPS, res.P50Ms, res.P99Ms, res.Failed, res.Dropped)
		}
	}
	tw.Flush()
}
