//go:build unix

package store

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/stretchr/testify/require"
)

// crashChildEnv names the directory a child process of
// TestSurvivesSIGKILLDuringCommit commits into until it is killed.
const crashChildEnv = "STAKECHAIN_STORE_CRASH_CHILD_DIR"

// crashBackendEnv names the backend the child uses.
const crashBackendEnv = "STAKECHAIN_STORE_CRASH_CHILD_BACKEND"

const crashKeep = 4 // KeepRecent of the crash test, so that pruning is cut short too

// crashOptions are the options of the crash test's tree: with the memory
// backend, a snapshot every few versions, so that kills cut snapshots short
// too.
func crashOptions(b Backend) Options {
	return Options{Backend: b, KeepRecent: crashKeep, SnapshotLogBytes: 100_000}
}

// heavyBlock returns the changes of version v in the crash test: 600 keys
// drawn from a space of 12,000, about a tenth of them deletions.
func heavyBlock(v int64) []Change {
	cs := make([]Change, 0, 600)
	for i := 0; i < 600; i++ {
		h := sha256.Sum256(binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(nil, uint64(v)), uint64(i)))
		key := fmt.Sprintf("acct/%05d", binary.BigEndian.Uint32(h[:4])%12_000)
		if h[4] < 25 {
			cs = append(cs, Change{Key: []byte(key)})
		} else {
			cs = append(cs, Change{Key: []byte(key), Value: h[5:]})
		}
	}
	return inKeyOrder(cs)
}

// runCrashChild commits heavy blocks into dir forever, printing each
// committed version. Its parent kills it.
func runCrashChild(dir string, b Backend) {
	db, err := dbm.NewGoLevelDB("state", dir)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	tr, err := Open(db, crashOptions(b))
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	for {
		next := tr.Version() + 1
		tr.Apply(heavyBlock(next))
		fmt.Println("applied", next)
		_, v, err := tr.Commit()
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(2)
		}
		fmt.Println("committed", v)
	}
}

func TestSurvivesSIGKILLDuringCommit(t *testing.T) {
	if dir := os.Getenv(crashChildEnv); dir != "" {
		runCrashChild(dir, Backend(os.Getenv(crashBackendEnv)))
		return
	}
	if testing.Short() {
		t.Skip("starts and kills child processes")
	}
	forBackends(t, testSurvivesSIGKILLDuringCommit)
}

func testSurvivesSIGKILLDuringCommit(t *testing.T, b Backend) {
	// The reference: the same blocks in memory, never interrupted.
	ref := openTree(t, dbm.NewMemDB(), Options{Backend: BackendIAVL})
	refHashes := [][]byte{emptyHash}
	refHash := func(v int64) []byte {
		for int64(len(refHashes)) <= v {
			h, _ := commit(t, ref, heavyBlock(int64(len(refHashes)))...)
			refHashes = append(refHashes, h)
		}
		return refHashes[v]
	}

	dir := t.TempDir()
	deadline := time.Now().Add(15 * time.Second)
	killDelays := []time.Duration{0, 4 * time.Millisecond, 9 * time.Millisecond, 15 * time.Millisecond, 25 * time.Millisecond, 40 * time.Millisecond}
	const rounds = 6
	for round := 0; round < rounds && time.Now().Before(deadline); round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSurvivesSIGKILLDuringCommit$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+dir, crashBackendEnv+"="+string(b))
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		cmd.Stderr = os.Stderr
		require.NoError(t, cmd.Start())

		// Let the child commit round+2 versions, then kill it at a different
		// point of the next Commit each round: the delay runs from the end of
		// Apply, and a Commit takes some 20 to 60 ms here.
		var printed, lastApplied atomic.Int64
		applied := make(chan struct{}, 1000)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				line := sc.Text()
				word, arg, _ := strings.Cut(line, " ")
				switch word {
				case "applied", "committed":
					n, err := strconv.ParseInt(arg, 10, 64)
					if err != nil {
						t.Errorf("child: %q: %v", line, err)
					}
					if word == "committed" {
						printed.Store(n)
						continue
					}
					lastApplied.Store(n)
					applied <- struct{}{}
				case "error:":
					t.Errorf("child: %s", line)
				}
			}
			close(applied)
		}()
		for seen := 0; seen < round+3; seen++ {
			_, ok := <-applied
			require.True(t, ok, "the child stopped before it was killed")
		}
		time.Sleep(killDelays[round%len(killDelays)])
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		err = cmd.Wait()
		require.Error(t, err, "the child was killed")
		for range applied { // drain what it printed before it died
		}

		db, err := dbm.NewGoLevelDB("state", dir)
		require.NoError(t, err)
		tr, err := Open(db, crashOptions(b))
		require.NoError(t, err, "round %d: reopen after SIGKILL", round)
		version := tr.Version()
		require.GreaterOrEqual(t, version, printed.Load(), "a version reported committed survives")
		require.Equal(t, refHash(version), tr.Hash(), "round %d: version %d", round, version)
		first := max(version-crashKeep+1, 1)
		if mt, ok := tr.(*memTree); ok {
			// After a restart the memory backend has the versions from its
			// newest snapshot on.
			first = max(first, mt.versions[0].version)
		}
		for v := first; v <= version; v++ {
			r, err := tr.At(v)
			require.NoError(t, err, "round %d: version %d is stored", round, v)
			require.Equal(t, refHash(v), viewHash(r), "round %d: version %d", round, v)
		}
		r, err := tr.At(version)
		require.NoError(t, err)
		want, err := ref.At(version)
		require.NoError(t, err)
		require.Equal(t, dump(want, nil, nil), dump(r, nil, nil), "round %d: the state of version %d", round, version)
		t.Logf("round %d: killed %v after the Apply of version %d; reopened at version %d",
			round, killDelays[round%len(killDelays)], lastApplied.Load(), version)
		require.NoError(t, tr.Close())
		require.NoError(t, db.Close())
	}
}
