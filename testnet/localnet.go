package testnet

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Files of a running node inside its home.
const (
	PIDFileName = "node.pid"
	LogFileName = "node.log"
)

// Defaults of Start and Stop.
const (
	DefaultStartTimeout = 90 * time.Second
	DefaultStopTimeout  = 20 * time.Second
	// DefaultMinHeight is the height Start waits for: block 2 proves that
	// the validators agreed on a block after the genesis one.
	DefaultMinHeight = 2
)

// PIDFile and LogFile are the paths of node i's process files.
func (n Node) PIDFile() string { return filepath.Join(n.Home, PIDFileName) }

// LogFile is where the node's standard output and error go.
func (n Node) LogFile() string { return filepath.Join(n.Home, LogFileName) }

// StartOptions control Start.
type StartOptions struct {
	// Dir is the network directory. If it holds no network yet, one is
	// created with Init.
	Dir string
	// Init describes the network to create; its OutputDir is Dir.
	Init Options
	// Binary is the stakechain executable to run as each node
	// ("BINARY start --home DIR/node<i>").
	Binary string
	// Command replaces "start" as the arguments before --home, to run
	// another node program of the binary (the benchmark's kvstore node).
	Command []string
	// MinHeight and Timeout: Start returns once every node's RPC answers
	// and reports at least MinHeight, or fails after Timeout.
	MinHeight int64
	Timeout   time.Duration
	// Log receives progress lines; nil discards them.
	Log io.Writer
}

// StartResult says what Start did.
type StartResult struct {
	Network *Network
	// Created is true if Start generated the network.
	Created bool
	// Started lists the nodes Start launched; the others were running.
	Started []int
}

// Start brings up the network in o.Dir: it generates the network if there
// is none, launches every node that is not running as a background process
// in its own session (output to node.log, PID in node.pid, both in the
// node's home), and waits until all nodes answer and reach o.MinHeight.
// Nodes keep running after the caller exits; Stop ends them.
func Start(ctx context.Context, o StartOptions) (StartResult, error) {
	if o.Binary == "" {
		return StartResult{}, errors.New("no stakechain binary to run")
	}
	if o.MinHeight == 0 {
		o.MinHeight = DefaultMinHeight
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultStartTimeout
	}
	logw := o.Log
	if logw == nil {
		logw = io.Discard
	}
	var res StartResult

	if !Exists(o.Dir) {
		init := o.Init
		init.OutputDir = o.Dir
		net, err := InitFiles(init)
		if err != nil {
			return res, err
		}
		res.Created = true
		fmt.Fprintf(logw, "Created a %d-validator network %s in %s\n", len(net.Nodes), net.ChainID, net.Dir)
	}
	net, err := Load(o.Dir)
	if err != nil {
		return res, err
	}
	res.Network = net

	pids := make(map[int]int)
	for _, n := range net.Nodes {
		if pid, ok := NodePID(n); ok {
			fmt.Fprintf(logw, "node%d is already running (pid %d)\n", n.Index, pid)
			continue
		}
		pid, err := launch(o.Binary, o.Command, n)
		if err != nil {
			return res, fmt.Errorf("start node%d: %w", n.Index, err)
		}
		pids[n.Index] = pid
		res.Started = append(res.Started, n.Index)
		fmt.Fprintf(logw, "Started node%d (pid %d), log %s\n", n.Index, pid, n.LogFile())
	}

	if err := waitReady(ctx, net, pids, o.MinHeight, o.Timeout); err != nil {
		return res, err
	}
	return res, nil
}

// launch runs "binary start --home HOME" (or command instead of start) for n
// in a new session, detached from the caller's terminal, and records its PID.
func launch(binary string, command []string, n Node) (int, error) {
	if len(command) == 0 {
		command = []string{"start"}
	}
	args := append(append([]string{}, command...), "--home", n.Home)
	logFile, err := os.OpenFile(n.LogFile(), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return 0, err
	}
	defer logFile.Close()
	fmt.Fprintf(logFile, "\n=== %s: %s %s\n", time.Now().UTC().Format(time.RFC3339), binary, strings.Join(args, " "))

	cmd := exec.Command(binary, args...)
	cmd.Stdin = nil
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	pid := cmd.Process.Pid
	// Reap the process if it ends while this process still runs (a test
	// that starts and kills nodes); otherwise it is left to init.
	go func() { _ = cmd.Wait() }()

	if err := os.WriteFile(n.PIDFile(), []byte(strconv.Itoa(pid)+"\n"), 0o644); err != nil {
		_ = cmd.Process.Kill()
		return 0, err
	}
	return pid, nil
}

// waitReady waits until every node answers with a height of at least
// minHeight, and the nodes launched by this call (pids) have caught up with
// the others. A launched node that exits is an error at once.
func waitReady(ctx context.Context, net *Network, pids map[int]int, minHeight int64, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	lastErr := make(map[int]string)
	for {
		ready := 0
		for _, n := range net.Nodes {
			if pid, ok := pids[n.Index]; ok && !processAlive(pid, n.Home) {
				_ = os.Remove(n.PIDFile())
				return fmt.Errorf("node%d (pid %d) exited; see %s:\n%s", n.Index, pid, n.LogFile(), logTail(n.LogFile(), 20))
			}
			l, err := LatestBlock(ctx, n.RPCAddr())
			switch {
			case err != nil:
				lastErr[n.Index] = err.Error()
			case l.NodeID != n.NodeID:
				// Another network's node holds the address: this one could
				// not bind it.
				return fmt.Errorf("node%d: %s is answered by node %s of another network, not by node%d (%s); stop the other network first",
					n.Index, n.RPCAddr(), l.NodeID, n.Index, n.NodeID)
			case l.Height < minHeight:
				lastErr[n.Index] = fmt.Sprintf("at height %d", l.Height)
			case l.CatchingUp && pids[n.Index] != 0:
				lastErr[n.Index] = fmt.Sprintf("catching up, at height %d", l.Height)
			default:
				delete(lastErr, n.Index)
				ready++
			}
		}
		if ready == len(net.Nodes) {
			return nil
		}
		select {
		case <-ctx.Done():
			var msgs []string
			for _, n := range net.Nodes {
				if msg, ok := lastErr[n.Index]; ok {
					msgs = append(msgs, fmt.Sprintf("  node%d (%s): %s; log %s", n.Index, n.RPCAddr(), msg, n.LogFile()))
				}
			}
			return fmt.Errorf("the network did not reach height %d within %s:\n%s", minHeight, timeout, strings.Join(msgs, "\n"))
		case <-tick.C:
		}
	}
}

// logTail returns the last lines of a log file.
func logTail(path string, lines int) string {
	bz, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	all := strings.Split(strings.TrimRight(string(bz), "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return strings.Join(all, "\n")
}

// NodePID returns the PID recorded for n and whether that process is
// running and is n's node.
func NodePID(n Node) (int, bool) {
	bz, err := os.ReadFile(n.PIDFile())
	if err != nil {
		return 0, false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(bz)))
	if err != nil || pid <= 0 {
		return 0, false
	}
	return pid, processAlive(pid, n.Home)
}

// processAlive reports whether pid is a live process (not a zombie) and,
// where /proc shows it, one whose command line names home, so a PID reused
// by another program after a crash is not mistaken for the node.
func processAlive(pid int, home string) bool {
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		// No /proc (not Linux): the signal check is all there is.
		return !errors.Is(err, os.ErrNotExist) || !procMounted()
	}
	// The state follows the parenthesized command name: "pid (comm) S ...".
	if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) && stat[i+2] == 'Z' {
		return false
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return true
	}
	// The command line reads empty while a new process finishes exec (the
	// parent's Start has returned by then) and while a process exits: it
	// cannot tell, so the process counts as alive.
	if len(bytes.Trim(cmdline, "\x00")) == 0 {
		return true
	}
	for _, arg := range bytes.Split(cmdline, []byte{0}) {
		if string(arg) == home {
			return true
		}
	}
	return false
}

func procMounted() bool {
	_, err := os.Stat("/proc/self/stat")
	return err == nil
}

// Signal sends sig to node n's process if it is running, and reports
// whether it was.
func Signal(n Node, sig syscall.Signal) (bool, error) {
	pid, ok := NodePID(n)
	if !ok {
		return false, nil
	}
	if err := syscall.Kill(pid, sig); err != nil {
		if errors.Is(err, syscall.ESRCH) {
			return false, nil
		}
		return false, fmt.Errorf("signal node%d (pid %d): %w", n.Index, pid, err)
	}
	return true, nil
}

// KillNode ends node i of the network in dir with SIGKILL, as a crash
// would, and waits until it is gone. Its PID file stays, as after a crash.
func KillNode(ctx context.Context, dir string, i int) error {
	net, err := Load(dir)
	if err != nil {
		return err
	}
	if i < 0 || i >= len(net.Nodes) {
		return fmt.Errorf("no node%d in %s", i, net.Dir)
	}
	n := net.Nodes[i]
	pid, _ := NodePID(n)
	running, err := Signal(n, syscall.SIGKILL)
	if err != nil || !running {
		return err
	}
	for processAlive(pid, n.Home) || !released(pid) {
		select {
		case <-ctx.Done():
			return fmt.Errorf("node%d (pid %d) still running after SIGKILL: %w", i, pid, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
	return nil
}

// released reports whether a process that is ending has closed its files:
// it is gone, or it is a zombie whose other threads are gone too. Before
// that it may still hold its databases' locks, and a node restarted on the
// same home would fail to open them ("resource temporarily unavailable"):
// the leader of a multi-threaded process turns zombie while its other
// threads still exit.
func released(pid int) bool {
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) || !procMounted() {
		return true
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return errors.Is(err, os.ErrNotExist)
	}
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 || i+2 >= len(stat) || stat[i+2] != 'Z' {
		return false
	}
	tasks, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	return err != nil || len(tasks) <= 1
}

// StopResult says what Stop did to one node.
type StopResult struct {
	Index int
	PID   int
	// Killed is true if the node ignored SIGTERM for the whole timeout
	// and got SIGKILL.
	Killed bool
}

// Stop ends every running node of the network in dir: SIGTERM, then
// SIGKILL for those still running after timeout (DefaultStopTimeout if 0).
// It removes the PID files, also stale ones.
func Stop(dir string, timeout time.Duration) ([]StopResult, error) {
	if timeout == 0 {
		timeout = DefaultStopTimeout
	}
	net, err := Load(dir)
	if err != nil {
		return nil, err
	}
	var stopped []StopResult
	var errs []error
	for _, n := range net.Nodes {
		pid, _ := NodePID(n)
		running, err := Signal(n, syscall.SIGTERM)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if running {
			stopped = append(stopped, StopResult{Index: n.Index, PID: pid})
		} else {
			_ = os.Remove(n.PIDFile())
		}
	}

	// A node is stopped once it has closed its files too (see released):
	// a node started again on its home at once would otherwise find its
	// databases still locked.
	deadline := time.Now().Add(timeout)
	for i := range stopped {
		n := net.Nodes[stopped[i].Index]
		for (processAlive(stopped[i].PID, n.Home) || !released(stopped[i].PID)) && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
		}
		if processAlive(stopped[i].PID, n.Home) {
			if err := syscall.Kill(stopped[i].PID, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
				errs = append(errs, fmt.Errorf("kill node%d (pid %d): %w", n.Index, stopped[i].PID, err))
				continue
			}
			stopped[i].Killed = true
		}
		for !released(stopped[i].PID) && time.Now().Before(deadline.Add(5*time.Second)) {
			time.Sleep(50 * time.Millisecond)
		}
		if !released(stopped[i].PID) {
			errs = append(errs, fmt.Errorf("node%d (pid %d) still holds its files after SIGKILL", n.Index, stopped[i].PID))
			continue
		}
		if err := os.Remove(n.PIDFile()); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return stopped, errors.Join(errs...)
}

// NodeStatus is one node's row of Status.
type NodeStatus struct {
	Index   int    `json:"index"`
	Moniker string `json:"moniker"`
	RPC     string `json:"rpc"`
	// PID is 0 when the node is not running.
	PID     int    `json:"pid"`
	Running bool   `json:"running"`
	Height  int64  `json:"height"`
	AppHash string `json:"app_hash"`
	// CatchingUp is true while the node is syncing blocks from its peers.
	CatchingUp bool `json:"catching_up"`
	// Error is why the RPC did not answer, if it did not.
	Error string `json:"error,omitempty"`
}

// Status reports each node of the network in dir: its process and, if its
// RPC answers, its latest height and app hash (upper-case hex).
func Status(ctx context.Context, dir string) (*Network, []NodeStatus, error) {
	net, err := Load(dir)
	if err != nil {
		return nil, nil, err
	}
	out := make([]NodeStatus, len(net.Nodes))
	for i, n := range net.Nodes {
		s := NodeStatus{Index: n.Index, Moniker: n.Moniker, RPC: n.RPCAddr()}
		if pid, ok := NodePID(n); ok {
			s.PID, s.Running = pid, true
		}
		if s.Running {
			l, err := LatestBlock(ctx, n.RPCAddr())
			if err != nil {
				s.Error = err.Error()
			} else {
				s.Height = l.Height
				s.AppHash = strings.ToUpper(hex.EncodeToString(l.AppHash))
				s.CatchingUp = l.CatchingUp
			}
		}
		out[i] = s
	}
	return net, out, nil
}
