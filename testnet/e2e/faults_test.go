package e2e_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/testnet"
	"github.com/stakechain/stakechain/testnet/faults"
)

// faultsEnv set to "full" runs every fault scenario (make test-faults);
// otherwise TestFaultInjectionUnderLoad runs a short selection, bounded to
// a few minutes, as part of the normal test run.
const faultsEnv = "STAKECHAIN_FAULTS"

// faultsOnlyEnv, a regular expression, keeps only the scenarios whose
// names match it, such as "partition" or "kill node1".
const faultsOnlyEnv = "STAKECHAIN_FAULTS_ONLY"

func TestFaultInjectionUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a 4-validator network and injects faults; skipped with -short")
	}
	full := os.Getenv(faultsEnv) == "full"
	seed := time.Now().UnixNano()
	scenarios := []faults.Scenario{
		faults.KillOne(1),
		faults.StopCont(3),
		faults.Partitioned([]int{0, 1}, []int{2, 3}),
		faults.LostLastCommit(2),
		faults.KillAll(2, seed),
	}
	timeout := 10 * time.Minute
	if full {
		scenarios = []faults.Scenario{
			faults.KillOne(1),
			faults.StopCont(2),
			faults.KillTwo(2, 3),
			faults.Partitioned([]int{0, 1}, []int{2, 3}),
			faults.Partitioned([]int{0}, []int{1, 2, 3}),
			faults.WipedData(3),
			faults.LostLastCommit(1),
			faults.LostLastCommitEverywhere(),
			faults.KillAll(10, seed),
		}
		timeout = 40 * time.Minute
	}
	if only := os.Getenv(faultsOnlyEnv); only != "" {
		re, err := regexp.Compile(only)
		require.NoError(t, err, faultsOnlyEnv)
		var picked []faults.Scenario
		for _, s := range scenarios {
			if re.MatchString(s.Name) {
				picked = append(picked, s)
			}
		}
		scenarios = picked
	}
	requirePortsFree(t, networkPorts(faultsBasePort, testnet.DefaultValidators, true)...)
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	defer cancel()
	started := time.Now()

	bin := buildStakechain(t)
	dir := networkDir(t)
	f, err := faults.NewFaultNet(ctx, faults.FaultNetOptions{Dir: filepath.Join(dir, "net"), Binary: bin, BasePort: faultsBasePort})
	require.NoError(t, err)
	t.Cleanup(func() {
		if err := f.Close(); err != nil {
			t.Errorf("stop the network: %v", err)
		}
	})
	load, err := faults.StartFaultLoad(ctx, f.Net, faults.FaultLoadConfig{Seed: seed})
	require.NoError(t, err)
	loadStopped := false
	defer func() {
		if !loadStopped {
			_ = load.Stop()
		}
	}()

	// A baseline: the load commits and every check passes before any fault.
	time.Sleep(5 * time.Second)
	base, err := f.CheckChain(ctx, load)
	require.NoError(t, err, "before any fault")
	require.Positive(t, base.TxsChecked, "the load committed nothing before the first fault")
	t.Logf("seed %d; baseline: %d heights agree, %d txs checked", seed, base.Heights, base.TxsChecked)

	var lines []string
	for _, s := range scenarios {
		// Some load between faults, so each fault meets transactions in
		// flight.
		time.Sleep(3 * time.Second)
		r := f.Run(ctx, s, load)
		lines = append(lines, r.String())
		t.Log(r.String())
		if !r.Held {
			t.Errorf("scenario %q broke a promise: %v (logs in %s)", s.Name, r.Err, f.Net.Dir)
			break
		}
	}

	// At the end, with the load stopped: every transaction seen committed
	// during the whole run is still in its block on every node, and the
	// chain still agrees everywhere.
	require.NoError(t, load.Stop())
	loadStopped = true
	final, err := f.CheckChain(ctx, load)
	require.NoError(t, err, "after all scenarios")
	seen, submitted := load.Seen()
	err = f.CheckAllSeen(ctx, load)
	require.NoError(t, err)
	t.Logf("fault run (%s) took %s; %d broadcasts, %d transfers seen committed with code 0 and all found again on every node; %d heights agree on all nodes\n%s",
		map[bool]string{true: "full", false: "short"}[full], time.Since(started).Round(time.Second), submitted, seen, final.Heights,
		strings.Join(lines, "\n"))
}
