package e2e_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/testnet"
	"github.com/stakechain/stakechain/testnet/faults"
)

// Node 0's P2P port in each end-to-end test's network; node i adds
// testnet.PortStep*i. Every test has a range of its own, so that it meets
// neither another test's nodes nor a running `make localnet` (26656+10i),
// and every range lies below Linux's ephemeral ports (32768-60999 by
// default): the nodes' outgoing connections take their local ports from
// that range and keep them for the network's life, so a listening port
// inside it can be taken at random by a peer connection.
const (
	faultsBasePort      = 30000 // 4 nodes, and their proxies at 30100-30133
	byzantineBasePort   = 30200
	localnetBasePort    = 30300
	stakingBasePort     = 30400 // 4 validators, a full node and its twin
	govBasePort         = 30500
	tokenBallotBasePort = 30600
	crashBasePort       = 30700
	benchBasePort       = 30800
	cosmjsBasePort      = 30900
	readmeBasePort      = 31000
	evmBasePort         = 31100
	evmCLIBasePort      = 31200
	ethersBasePort      = 31300
)

// requirePortsFree fails early when something holds a port the test
// listens on. A connection closed just before may hold one for a moment:
// it retries for a few seconds.
func requirePortsFree(t *testing.T, ports ...int) {
	t.Helper()
	for _, port := range ports {
		var err error
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(100 * time.Millisecond) {
			var l net.Listener
			if l, err = net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err == nil {
				require.NoError(t, l.Close())
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("port %d is in use (is another test's network still running?): %v", port, err)
			}
		}
	}
}

// networkPorts lists the ports a network of nodes at base listens on (P2P,
// RPC and the Ethereum JSON-RPC; the application runs in the node's process
// and Prometheus is off), with the fault network's proxies if proxies is
// true.
func networkPorts(base, nodes int, proxies bool) []int {
	var ports []int
	for i := range nodes {
		p := base + testnet.PortStep*i
		ports = append(ports, p, p+1, p+testnet.JSONRPCPort-testnet.P2PPort)
		if proxies {
			for j := range nodes {
				if j != i {
					ports = append(ports, base+faults.ProxyPortOffset+testnet.PortStep*i+j)
				}
			}
		}
	}
	return ports
}

// TestLogsDir is where, below the repository's root, a failed end-to-end
// test leaves its network: build/test-logs/<TestName>/ (.ci/run prints the
// tails of the nodes' logs found there).
const TestLogsDir = "build/test-logs"

var repoRoot = sync.OnceValues(func() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside the module (go env GOMOD is %q)", gomod)
	}
	return filepath.Dir(gomod), nil
})

// networkDir returns an empty directory for the test's networks,
// build/test-logs/<TestName>/ in the repository. It is removed when the
// test passes and kept, with every node's home and node.log, when it fails
// (also when the test binary panics or times out, as no cleanup runs
// then). Call it before starting a network, so that the network is
// stopped before the directory is removed.
func networkDir(t *testing.T) string {
	t.Helper()
	root, err := repoRoot()
	require.NoError(t, err)
	dir := filepath.Join(root, TestLogsDir, strings.ReplaceAll(t.Name(), "/", "_"))
	require.NoError(t, os.RemoveAll(dir))
	require.NoError(t, os.MkdirAll(dir, 0o755))
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the network and its nodes' logs are kept in %s:\n%s", dir, strings.Join(nodeLogs(dir), "\n"))
			return
		}
		if err := os.RemoveAll(dir); err != nil {
			t.Errorf("remove the network: %v", err)
		}
	})
	return dir
}

// nodeLogs lists the node.log files below dir.
func nodeLogs(dir string) []string {
	var logs []string
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == testnet.LogFileName {
			logs = append(logs, path)
		}
		return nil
	})
	return logs
}

func testnetRPC(addr string) (*rpchttp.HTTP, error) {
	return rpchttp.New(addr, "/websocket")
}

// consAddressOf is CometBFT's address of an ed25519 key.
func consAddressOf(pub []byte) []byte {
	h := sha256.Sum256(pub)
	return h[:20]
}

// commitHasSigner reports whether the commit of the block at height holds a
// signature by the validator with the given address.
func commitHasSigner(t *testing.T, ctx context.Context, rpc string, height int64, addr []byte) bool {
	t.Helper()
	c, err := testnetRPC(rpc)
	require.NoError(t, err)
	res, err := c.Commit(ctx, &height)
	if err != nil {
		return false
	}
	for _, s := range res.Commit.Signatures {
		if bytes.Equal(s.ValidatorAddress, addr) && len(s.Signature) > 0 {
			return true
		}
	}
	return false
}

func addInts(t *testing.T, a, b string) string {
	t.Helper()
	x, ok := new(big.Int).SetString(a, 10)
	require.True(t, ok, a)
	y, ok := new(big.Int).SetString(b, 10)
	require.True(t, ok, b)
	return new(big.Int).Add(x, y).String()
}

// percent is p% of a, truncated.
func percent(t *testing.T, a string, p int64) string {
	t.Helper()
	x, ok := new(big.Int).SetString(a, 10)
	require.True(t, ok, a)
	x.Mul(x, big.NewInt(p))
	return x.Quo(x, big.NewInt(100)).String()
}
