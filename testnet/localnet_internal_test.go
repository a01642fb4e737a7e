package testnet

import (
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestAKilledProcessCountsAsReleasedOnceItIsAZombieOrGone(t *testing.T) {
	if !procMounted() {
		t.Skip("needs /proc")
	}
	cmd := exec.Command("sleep", "30")
	require.NoError(t, cmd.Start())
	pid := cmd.Process.Pid
	require.False(t, released(pid), "a running process holds its files")

	require.NoError(t, syscall.Kill(pid, syscall.SIGKILL))
	require.Eventually(t, func() bool { return released(pid) }, 5*time.Second, 10*time.Millisecond,
		"a killed process not yet reaped is a zombie that closed its files")
	_ = cmd.Wait()
	require.True(t, released(pid), "a reaped process is gone")
}

func TestAProcessJustStartedIsAlive(t *testing.T) {
	if !procMounted() {
		t.Skip("needs /proc")
	}
	// Right after Start the child may still be inside exec, with an empty
	// command line; it must not be taken for a dead node (which made Start
	// report "exited" for a node that ran on, unmanaged).
	for range 500 {
		cmd := exec.Command("sleep", "5")
		require.NoError(t, cmd.Start())
		alive := processAlive(cmd.Process.Pid, "5")
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		require.True(t, alive)
	}
}
