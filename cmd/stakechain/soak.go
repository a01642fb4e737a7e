package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stakechain/stakechain/testnet/bench"
)

// checkSoakCommand judges the JSON file of a sampled bench run (`make
// soak`): it prints the samples and the bounds, and fails on a violation.
func checkSoakCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "check-soak FILE",
		Short: "Check a sampled bench run's JSON file for failed txs and growth of RSS or goroutines (used by make soak)",
		Long: fmt.Sprintf(`Read the JSON file of a bench run made with --sample-every and fail unless:
no transaction failed or was dropped and the load lasted the whole window;
for every node, every sample was readable, the height advanced after the
first quarter of the window, RSS in the last quarter stayed at most
max(%.2f x RSS at the end of the first quarter, that RSS + %d MiB), and
goroutines at the end are at most those at the end of the first quarter + %d.`,
			bench.SoakRSSGrowth, bench.SoakRSSSlackMB, bench.SoakGoroutineSlack),
		Hidden: true,
		Args:   cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			bz, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			var rep benchReport
			if err := json.Unmarshal(bz, &rep); err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			check := bench.CheckSoak(rep.StakeChain)
			printSoakTable(cmd.OutOrStdout(), rep.StakeChain, check)
			if len(check.Violations) > 0 {
				return errors.New("soak failed")
			}
			return nil
		},
	}
}

// printSoakTable prints one row per sample, each node's RSS and goroutines
// side by side, then each node's bounds and the verdict.
func printSoakTable(w io.Writer, r bench.BenchResult, c bench.SoakCheck) {
	s := r.Settings
	fmt.Fprintf(w, "%d validators, %d accounts, %.0f s, %s: %d submitted, %d committed (%.0f tx/s), %d failed, %d dropped\n",
		s.Validators, s.Accounts, s.DurationSeconds, offered(s.OfferedRate), r.Submitted, r.Committed, r.CommittedTPS,
		r.Failed, r.Dropped)
	var nodes []int
	if len(r.Samples) > 0 {
		for _, n := range r.Samples[0].Nodes {
			nodes = append(nodes, n.Index)
		}
	}
	var head strings.Builder
	fmt.Fprintf(&head, "%7s %10s %11s", "T (S)", "COMMITTED", "HEIGHTS")
	for _, i := range nodes {
		fmt.Fprintf(&head, " %8s", fmt.Sprintf("RSS%d MB", i))
	}
	for _, i := range nodes {
		fmt.Fprintf(&head, " %6s", fmt.Sprintf("GR%d", i))
	}
	fmt.Fprintln(w, head.String())
	for _, smp := range r.Samples {
		lo, hi := int64(-1), int64(-1)
		for _, n := range smp.Nodes {
			if lo < 0 || n.Height < lo {
				lo = n.Height
			}
			hi = max(hi, n.Height)
		}
		fmt.Fprintf(w, "%7.0f %10d %11s", smp.ElapsedSeconds, smp.Committed, fmt.Sprintf("%d-%d", lo, hi))
		for _, n := range smp.Nodes {
			fmt.Fprintf(w, " %8.1f", n.RSSMB)
		}
		for _, n := range smp.Nodes {
			fmt.Fprintf(w, " %6d", n.Goroutines)
		}
		fmt.Fprintln(w)
	}
	if len(c.Nodes) > 0 {
		fmt.Fprintf(w, "baseline: the sample at %.0f s (end of the first quarter of %.0f s); last quarter from %.0f s\n",
			c.BaselineSeconds, c.WindowSeconds, c.WindowSeconds*3/4)
		fmt.Fprintf(w, "%4s %12s %13s %12s %8s %8s %8s\n", "NODE", "BASE RSS MB", "LATE MAX MB", "BOUND MB", "BASE GR", "END GR", "BOUND")
		for _, n := range c.Nodes {
			fmt.Fprintf(w, "%4d %12.1f %13.1f %12.1f %8d %8d %8d\n", n.Index, n.BaseRSSMB, n.LateRSSMB, n.RSSBoundMB,
				n.BaseGoroutines, n.EndGoroutines, n.GoroutineBound)
		}
	}
	if len(c.Violations) == 0 {
		fmt.Fprintln(w, "soak held")
		return
	}
	fmt.Fprintln(w, "soak FAILED:")
	for _, v := range c.Violations {
		fmt.Fprintln(w, "  "+v)
	}
	reasons := make([]string, 0, len(r.FailReasons))
	for reason := range r.FailReasons {
		reasons = append(reasons, reason)
	}
	sort.Strings(reasons)
	for _, reason := range reasons {
		fmt.Fprintf(w, "  %7d failed: %s\n", r.FailReasons[reason], reason)
	}
}
