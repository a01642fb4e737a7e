package faults

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	dbm "github.com/cometbft/cometbft-db"
	cmtcfg "github.com/cometbft/cometbft/config"
	"github.com/cometbft/cometbft/p2p"

	"github.com/stakechain/stakechain/app"
	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/config"
	"github.com/stakechain/stakechain/testnet"
)

// ProxyPortOffset is where, above a fault network's base port, the proxies
// between its nodes listen: the link from node i to node j on
// BasePort+ProxyPortOffset+PortStep*i+j.
const ProxyPortOffset = 100

// AppDBName is the name of a node's application database in its data
// directory (the node command opens it under this name).
const AppDBName = "application"

// RecoveryTimeout bounds how long the chain may take to commit again, on
// every node, once a fault is healed.
const RecoveryTimeout = 2 * time.Minute

// FaultNetOptions describe a network for fault injection.
type FaultNetOptions struct {
	// Dir receives the network; it must not hold one yet.
	Dir string
	// Binary is the stakechain executable the nodes run.
	Binary string
	// BasePort is node 0's P2P port; the nodes use BasePort..BasePort+34
	// and the proxies BasePort+100..BasePort+133.
	BasePort int
	// Log receives progress lines; nil discards them.
	Log io.Writer
}

// FaultNet is a 4-validator localnet whose nodes reach each other only
// through proxies the harness controls, so that links can be cut.
type FaultNet struct {
	Net    *testnet.Network
	Binary string
	// links[i][j] carries node i's connections to node j.
	links [][]*Proxy
	log   io.Writer
}

// NewFaultNet creates a 4-validator network in o.Dir, points every node's
// peers at proxies, and starts the proxies and the nodes.
//
// Two settings differ from a plain localnet, both so that one scenario
// does not change the next: the slashing window is so long that no
// validator is jailed for the downtime a fault causes (jailing would change
// the voting power the later scenarios count on), and peer exchange is off
// so that nodes dial only the proxies, never each other's real addresses.
func NewFaultNet(ctx context.Context, o FaultNetOptions) (*FaultNet, error) {
	logw := o.Log
	if logw == nil {
		logw = io.Discard
	}
	net, err := testnet.InitFiles(testnet.Options{
		Validators: testnet.DefaultValidators, OutputDir: o.Dir, BasePort: o.BasePort,
		EditGenesis: func(g *app.GenesisState) { g.Slashing.Params.SignedBlocksWindow = 1_000_000 },
	})
	if err != nil {
		return nil, err
	}
	f := &FaultNet{Net: net, Binary: o.Binary, log: logw}
	n := len(net.Nodes)
	f.links = make([][]*Proxy, n)
	for i := range net.Nodes {
		f.links[i] = make([]*Proxy, n)
		for j := range net.Nodes {
			if i == j {
				continue
			}
			listen := fmt.Sprintf("127.0.0.1:%d", o.BasePort+ProxyPortOffset+testnet.PortStep*i+j)
			p, err := NewProxy(listen, strings.TrimPrefix(net.Nodes[j].P2P, "tcp://"))
			if err != nil {
				return nil, errors.Join(fmt.Errorf("proxy %d→%d: %w", i, j, err), f.Close())
			}
			f.links[i][j] = p
		}
	}
	for i, node := range net.Nodes {
		c, err := config.LoadCometConfig(node.Home)
		if err != nil {
			return nil, errors.Join(err, f.Close())
		}
		var peers []string
		for j, other := range net.Nodes {
			if j != i {
				peers = append(peers, p2p.IDAddressString(p2p.ID(other.NodeID), f.links[i][j].Addr()))
			}
		}
		c.P2P.PersistentPeers = strings.Join(peers, ",")
		c.P2P.PexReactor = false
		cmtcfg.WriteConfigFile(config.CometConfigPath(node.Home), c)
	}
	if _, err := testnet.Start(ctx, testnet.StartOptions{Dir: o.Dir, Binary: o.Binary, Log: logw}); err != nil {
		return nil, errors.Join(err, f.Close())
	}
	return f, nil
}

// Close stops the nodes and the proxies.
func (f *FaultNet) Close() error {
	var errs []error
	if testnet.Exists(f.Net.Dir) {
		for _, n := range f.Net.Nodes {
			_, _ = testnet.Signal(n, syscall.SIGCONT) // a stopped process cannot end
		}
		if _, err := testnet.Stop(f.Net.Dir, 0); err != nil {
			errs = append(errs, err)
		}
	}
	for _, row := range f.links {
		for _, p := range row {
			if p != nil {
				errs = append(errs, p.Close())
			}
		}
	}
	return errors.Join(errs...)
}

// Partition cuts every link between nodes of different groups; nodes in
// no group are cut from all. Heal undoes it.
func (f *FaultNet) Partition(groups ...[]int) {
	group := make([]int, len(f.Net.Nodes))
	for i := range group {
		group[i] = -1 - i
	}
	for g, members := range groups {
		for _, i := range members {
			group[i] = g
		}
	}
	for i, row := range f.links {
		for j, p := range row {
			if p != nil && group[i] != group[j] {
				p.Cut()
			}
		}
	}
}

// Heal restores every link.
func (f *FaultNet) Heal() {
	for _, row := range f.links {
		for _, p := range row {
			if p != nil {
				p.Heal()
			}
		}
	}
}

// Kill ends node i with SIGKILL.
func (f *FaultNet) Kill(ctx context.Context, i int) error {
	return testnet.KillNode(ctx, f.Net.Dir, i)
}

// Restart launches every node that is not running and waits until all
// answer and the launched ones have caught up.
func (f *FaultNet) Restart(ctx context.Context) error {
	_, err := testnet.Start(ctx, testnet.StartOptions{Dir: f.Net.Dir, Binary: f.Binary, Log: f.log, Timeout: RecoveryTimeout})
	return err
}

// Tip returns the highest height any node reports, and how many answered.
func (f *FaultNet) Tip(ctx context.Context) (int64, int) {
	var tip int64
	answered := 0
	for _, n := range f.Net.Nodes {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		l, err := testnet.LatestBlock(ctx, n.RPCAddr())
		cancel()
		if err == nil {
			answered++
			tip = max(tip, l.Height)
		}
	}
	return tip, answered
}

// WaitAllAt waits until every node reports at least height, and returns
// how long that took.
func (f *FaultNet) WaitAllAt(ctx context.Context, height int64, timeout time.Duration) (time.Duration, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for _, n := range f.Net.Nodes {
		if _, err := testnet.WaitForHeight(ctx, n.RPCAddr(), height); err != nil {
			return time.Since(start), fmt.Errorf("node%d: %w", n.Index, err)
		}
	}
	return time.Since(start), nil
}

// WaitAllSign waits until every validator has signed a block after
// height from, as recorded in the canonical commits (each block's
// LastCommit): each is back to validating, not only following the chain.
func (f *FaultNet) WaitAllSign(ctx context.Context, from int64, timeout time.Duration) error {
	c, err := testnet.RPCClient(f.Net.Nodes[0].RPCAddr())
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	vals, err := c.Validators(ctx, nil, nil, nil)
	if err != nil {
		return err
	}
	signed := map[string]bool{}
	next := from + 1
	for ctx.Err() == nil {
		st, err := c.Status(ctx)
		// The commit of the latest block is the node's own view of it;
		// the one of every block below is the canonical one.
		for ; err == nil && next < st.SyncInfo.LatestBlockHeight; next++ {
			h := next
			res, cerr := c.Commit(ctx, &h)
			if cerr != nil {
				break
			}
			for _, sig := range res.Commit.Signatures {
				if len(sig.Signature) > 0 {
					signed[sig.ValidatorAddress.String()] = true
				}
			}
		}
		var missing []string
		for _, v := range vals.Validators {
			if !signed[v.Address.String()] {
				missing = append(missing, v.Address.String())
			}
		}
		if len(missing) == 0 {
			return nil
		}
		if ctx.Err() != nil || time.Until(deadlineOf(ctx)) < time.Second {
			var peers []string
			for i := range f.Net.Nodes {
				p, _ := f.PeersOf(context.Background(), i)
				peers = append(peers, fmt.Sprintf("node%d%v", i, p))
			}
			return fmt.Errorf("validators %s signed no block in %d..%d (peers: %s)", strings.Join(missing, ", "), from+1, next-1, strings.Join(peers, " "))
		}
		time.Sleep(300 * time.Millisecond)
	}
	return ctx.Err()
}

func deadlineOf(ctx context.Context) time.Time {
	d, _ := ctx.Deadline()
	return d
}

// PeersOf returns the node indexes node i is connected to, from its
// net_info.
func (f *FaultNet) PeersOf(ctx context.Context, i int) ([]int, error) {
	c, err := testnet.RPCClient(f.Net.Nodes[i].RPCAddr())
	if err != nil {
		return nil, err
	}
	info, err := c.NetInfo(ctx)
	if err != nil {
		return nil, err
	}
	var out []int
	for _, p := range info.Peers {
		for _, n := range f.Net.Nodes {
			if string(p.NodeInfo.ID()) == n.NodeID {
				out = append(out, n.Index)
			}
		}
	}
	sort.Ints(out)
	return out, nil
}

// WipeData deletes node i's data directory (blocks, state, application
// database) but keeps its priv_validator_state.json, so that the validator
// remembers what it signed and cannot sign twice at a height. The node must
// not be running.
func (f *FaultNet) WipeData(i int) error {
	home := f.Net.Nodes[i].Home
	data := filepath.Join(home, cmtcfg.DefaultDataDir)
	statePath := filepath.Join(data, "priv_validator_state.json")
	state, err := os.ReadFile(statePath)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(data); err != nil {
		return err
	}
	if err := os.MkdirAll(data, 0o700); err != nil {
		return err
	}
	return os.WriteFile(statePath, state, 0o600)
}

// LoseLastCommit removes the last committed version from node i's
// application database, as a crash whose last Commit never reached the
// disk leaves it, and returns the application's height now. The node must
// not be running.
func (f *FaultNet) LoseLastCommit(i int) (int64, error) {
	c, err := config.LoadCometConfig(f.Net.Nodes[i].Home)
	if err != nil {
		return 0, err
	}
	db, err := dbm.NewDB(AppDBName, dbm.BackendType(c.DBBackend), c.DBDir())
	if err != nil {
		return 0, err
	}
	h, err := store.DeleteLatestVersion(db)
	return h, errors.Join(err, db.Close())
}

// ChainCheck is what CheckChain found.
type ChainCheck struct {
	// Heights is how many heights were compared across all nodes.
	Heights int64
	// Height is the height at which balances were checked.
	Height int64
	// TxsChecked is how many transactions seen committed were found again
	// in their blocks on every node.
	TxsChecked int
}

// CheckChain checks what a correct chain promises, on every node:
//   - no fork: the same block hash and app hash at every height all nodes
//     store;
//   - nothing lost: every transaction the load saw committed with code 0 is
//     in its block with code 0 (those seen since the last check; earlier
//     ones are covered by the block hashes, which commit to the
//     transactions and, through the next header, to their results);
//   - the balances reflect them: each load recipient holds exactly one coin
//     per successful transfer to it in the blocks;
//   - the application's invariants (the supply) hold.
func (f *FaultNet) CheckChain(ctx context.Context, l *FaultLoad) (ChainCheck, error) {
	var res ChainCheck
	lo, hi := int64(1), int64(1<<62)
	for _, n := range f.Net.Nodes {
		c, err := testnet.RPCClient(n.RPCAddr())
		if err != nil {
			return res, err
		}
		st, err := c.Status(ctx)
		if err != nil {
			return res, fmt.Errorf("node%d: status: %w", n.Index, err)
		}
		lo = max(lo, st.SyncInfo.EarliestBlockHeight)
		hi = min(hi, st.SyncInfo.LatestBlockHeight)
	}
	if err := f.compareBlocks(ctx, lo, hi); err != nil {
		return res, err
	}
	res.Heights = hi - lo + 1

	if l != nil {
		if err := l.waitScanned(ctx, hi); err != nil {
			return res, err
		}
		seen := l.takeUnchecked(hi)
		for _, n := range f.Net.Nodes {
			if err := checkTxsInBlocks(ctx, n, seen); err != nil {
				l.returnUnchecked(seen)
				return res, err
			}
		}
		res.TxsChecked = len(seen)
		if err := l.checkBalances(ctx, f.Net, hi); err != nil {
			return res, err
		}
		res.Height = hi
	}
	for _, n := range f.Net.Nodes {
		if _, err := testnet.CheckInvariants(ctx, n.RPCAddr()); err != nil {
			return res, fmt.Errorf("node%d: invariants: %w", n.Index, err)
		}
	}
	return res, nil
}

// CheckAllSeen checks that every transaction the load saw committed with
// code 0, during its whole run, is in its block with code 0 on every node.
func (f *FaultNet) CheckAllSeen(ctx context.Context, l *FaultLoad) error {
	l.mu.Lock()
	seen := append([]seenTx(nil), l.seen...)
	l.mu.Unlock()
	var top int64
	for _, s := range seen {
		top = max(top, s.height)
	}
	if _, err := f.WaitAllAt(ctx, top, RecoveryTimeout); err != nil {
		return err
	}
	for _, n := range f.Net.Nodes {
		if err := checkTxsInBlocks(ctx, n, seen); err != nil {
			return err
		}
	}
	return nil
}

// compareBlocks compares block and app hashes of heights lo..hi across all
// nodes.
func (f *FaultNet) compareBlocks(ctx context.Context, lo, hi int64) error {
	for from := lo; from <= hi; from += 20 {
		to := min(from+19, hi)
		var want map[int64][2][]byte
		for _, n := range f.Net.Nodes {
			c, err := testnet.RPCClient(n.RPCAddr())
			if err != nil {
				return err
			}
			info, err := c.BlockchainInfo(ctx, from, to)
			if err != nil {
				return fmt.Errorf("node%d: blockchain %d..%d: %w", n.Index, from, to, err)
			}
			got := map[int64][2][]byte{}
			for _, m := range info.BlockMetas {
				got[m.Header.Height] = [2][]byte{m.BlockID.Hash, m.Header.AppHash}
			}
			if int64(len(got)) != to-from+1 {
				return fmt.Errorf("node%d: blockchain %d..%d returned %d blocks", n.Index, from, to, len(got))
			}
			if want == nil {
				want = got
				continue
			}
			for h := from; h <= to; h++ {
				if !bytes.Equal(want[h][0], got[h][0]) {
					return fmt.Errorf("FORK at height %d: node0 has block %X, node%d has %X", h, want[h][0], n.Index, got[h][0])
				}
				if !bytes.Equal(want[h][1], got[h][1]) {
					return fmt.Errorf("app hash differs at height %d: node0 %X, node%d %X", h, want[h][1], n.Index, got[h][1])
				}
			}
		}
	}
	return nil
}

// checkTxsInBlocks checks that every transaction of seen is in the block
// it was seen in, with code 0, on node n.
func checkTxsInBlocks(ctx context.Context, n testnet.Node, seen []seenTx) error {
	c, err := testnet.RPCClient(n.RPCAddr())
	if err != nil {
		return err
	}
	byHeight := map[int64][]seenTx{}
	for _, s := range seen {
		byHeight[s.height] = append(byHeight[s.height], s)
	}
	for height, txs := range byHeight {
		b, err := c.Block(ctx, &height)
		if err != nil {
			return fmt.Errorf("node%d: block %d: %w", n.Index, height, err)
		}
		r, err := c.BlockResults(ctx, &height)
		if err != nil {
			return fmt.Errorf("node%d: results of block %d: %w", n.Index, height, err)
		}
		codes := map[string]uint32{}
		for i, tx := range b.Block.Txs {
			codes[string(tx.Hash())] = r.TxsResults[i].Code
		}
		for _, s := range txs {
			code, ok := codes[s.hash]
			if !ok {
				return fmt.Errorf("LOST: node%d: tx %X seen committed at height %d is not in that block", n.Index, s.hash, height)
			}
			if code != 0 {
				return fmt.Errorf("node%d: tx %X at height %d has code %d, was seen with 0", n.Index, s.hash, height, code)
			}
		}
	}
	return nil
}

// ScenarioResult is one line of a fault run.
type ScenarioResult struct {
	Name string
	// Held is false if a promise was broken; Err says which.
	Held bool
	Err  error
	// BlocksDuringFault is how far the chain's tip moved while the fault
	// lasted.
	BlocksDuringFault int64
	// Recovery is the time from healing the fault until every node had a
	// block the chain committed after it.
	Recovery time.Duration
	// TxsChecked is how many transactions seen committed were checked.
	TxsChecked int
	// Note holds figures particular to the scenario.
	Note string
}

// String is the result as one line.
func (r ScenarioResult) String() string {
	verdict := "held"
	if !r.Held {
		verdict = "broken"
	}
	s := fmt.Sprintf("%-6s %-28s blocks during fault %3d, recovery %5.1f s, txs checked %4d", verdict, r.Name,
		r.BlocksDuringFault, r.Recovery.Seconds(), r.TxsChecked)
	if r.Note != "" {
		s += "; " + r.Note
	}
	if r.Err != nil {
		s += "; " + r.Err.Error()
	}
	return s
}

// Scenario is one fault, applied and healed by Fault.
type Scenario struct {
	Name string
	// Fault runs the fault and heals it. It fills BlocksDuringFault and Note
	// of the result, and returns the time it healed the fault at and the
	// tip height then.
	Fault func(ctx context.Context, f *FaultNet, r *ScenarioResult) (healed time.Time, tip int64, err error)
}

// Run applies s under load l, waits for the chain to recover, and checks
// it.
func (f *FaultNet) Run(ctx context.Context, s Scenario, l *FaultLoad) ScenarioResult {
	r := ScenarioResult{Name: s.Name}
	healed, tip, err := s.Fault(ctx, f, &r)
	if err != nil {
		r.Err = err
		return r
	}
	if _, err := f.WaitAllAt(ctx, tip+1, RecoveryTimeout); err != nil {
		r.Err = fmt.Errorf("no recovery within %s: %w", RecoveryTimeout, err)
		return r
	}
	r.Recovery = time.Since(healed)
	if err := f.waitIsolated(ctx, [][]int{allNodes(len(f.Net.Nodes))}, RecoveryTimeout, true); err != nil {
		r.Err = err
		return r
	}
	if err := f.WaitAllSign(ctx, tip, RecoveryTimeout); err != nil {
		r.Err = err
		return r
	}
	check, err := f.CheckChain(ctx, l)
	r.TxsChecked = check.TxsChecked
	if err != nil {
		r.Err = err
		return r
	}
	r.Held = true
	return r
}

// faultDuration is how long a fault lasts in the scenarios below.
const faultDuration = 10 * time.Second

// KillOne SIGKILLs validator i, waits, and restarts it.
func KillOne(i int) Scenario {
	return Scenario{Name: fmt.Sprintf("kill node%d, restart", i), Fault: func(ctx context.Context, f *FaultNet, r *ScenarioResult) (time.Time, int64, error) {
		before, _ := f.Tip(ctx)
		if err := f.Kill(ctx, i); err != nil {
			return time.Time{}, 0, err
		}
		time.Sleep(faultDuration)
		tip, _ := f.Tip(ctx)
		r.BlocksDuringFault = tip - before
		if r.BlocksDuringFault == 0 {
			return time.Time{}, 0, errors.New("the chain stopped with one validator of four down")
		}
		healed := time.Now()
		return healed, tip, f.Restart(ctx)
	}}
}

// StopCont suspends validator i with SIGSTOP (a hung node), waits, and
// resumes it with SIGCONT.
func StopCont(i int) Scenario {
	return Scenario{Name: fmt.Sprintf("SIGSTOP node%d, SIGCONT", i), Fault: func(ctx context.Context, f *FaultNet, r *ScenarioResult) (time.Time, int64, error) {
		before, _ := f.Tip(ctx)
		if ok, err := testnet.Signal(f.Net.Nodes[i], syscall.SIGSTOP); err != nil || !ok {
			return time.Time{}, 0, fmt.Errorf("SIGSTOP node%d: running %v, %v", i, ok, err)
		}
		time.Sleep(faultDuration)
		tip, _ := f.Tip(ctx)
		r.BlocksDuringFault = tip - before
		if _, err := testnet.Signal(f.Net.Nodes[i], syscall.SIGCONT); err != nil {
			return time.Time{}, 0, err
		}
		if r.BlocksDuringFault == 0 {
			return time.Time{}, 0, errors.New("the chain stopped with one validator of four hung")
		}
		return time.Now(), tip, nil
	}}
}

// haltedDuring watches the tip for d and fails if it moves by more than one
// block (a block whose precommits were already cast may still complete)
// or moves at all in the second half.
func haltedDuring(ctx context.Context, f *FaultNet, d time.Duration) (blocks int64, err error) {
	start, _ := f.Tip(ctx)
	time.Sleep(d / 2)
	mid, _ := f.Tip(ctx)
	time.Sleep(d / 2)
	end, _ := f.Tip(ctx)
	if end-start > 1 || end != mid {
		return end - start, fmt.Errorf("the chain went on from %d to %d (%d at half time) without a two-thirds majority", start, end, mid)
	}
	return end - start, nil
}

// KillTwo SIGKILLs validators i and j: half the power is down, so the chain
// must halt, not fork; then it restarts them.
func KillTwo(i, j int) Scenario {
	return Scenario{Name: fmt.Sprintf("kill node%d+node%d, restart", i, j), Fault: func(ctx context.Context, f *FaultNet, r *ScenarioResult) (time.Time, int64, error) {
		for _, k := range []int{i, j} {
			if err := f.Kill(ctx, k); err != nil {
				return time.Time{}, 0, err
			}
		}
		blocks, err := haltedDuring(ctx, f, faultDuration)
		r.BlocksDuringFault = blocks
		if err != nil {
			return time.Time{}, 0, err
		}
		tip, _ := f.Tip(ctx)
		healed := time.Now()
		return healed, tip, f.Restart(ctx)
	}}
}

// KillAll SIGKILLs all four validators at random moments, rounds times,
// restarting them each time and waiting for a new block in between.
func KillAll(rounds int, seed int64) Scenario {
	name := fmt.Sprintf("kill all 4 x%d, restart", rounds)
	return Scenario{Name: name, Fault: func(ctx context.Context, f *FaultNet, r *ScenarioResult) (time.Time, int64, error) {
		rng := rand.New(rand.NewSource(seed))
		var worst time.Duration
		var healed time.Time
		var tip int64
		for round := 0; round < rounds; round++ {
			time.Sleep(time.Duration(500+rng.Intn(3500)) * time.Millisecond)
			for _, k := range rng.Perm(len(f.Net.Nodes)) {
				if err := f.Kill(ctx, k); err != nil {
					return time.Time{}, 0, err
				}
				time.Sleep(time.Duration(rng.Intn(150)) * time.Millisecond)
			}
			healed = time.Now()
			if err := f.Restart(ctx); err != nil {
				return time.Time{}, 0, fmt.Errorf("round %d: %w", round+1, err)
			}
			tip, _ = f.Tip(ctx)
			if _, err := f.WaitAllAt(ctx, tip+1, RecoveryTimeout); err != nil {
				return time.Time{}, 0, fmt.Errorf("round %d: no new block: %w", round+1, err)
			}
			worst = max(worst, time.Since(healed))
		}
		r.Note = fmt.Sprintf("slowest of %d restarts %.1f s", rounds, worst.Seconds())
		return healed, tip, nil
	}}
}

// Partitioned cuts the network into groups for a while, then heals it.
// With no group holding more than two thirds of the power the chain must
// halt; otherwise the majority must go on.
func Partitioned(groups ...[]int) Scenario {
	var names []string
	largest := 0
	for _, g := range groups {
		var s []string
		for _, i := range g {
			s = append(s, strconv.Itoa(i))
		}
		names = append(names, strings.Join(s, ","))
		largest = max(largest, len(g))
	}
	name := fmt.Sprintf("partition %s, heal", strings.Join(names, " | "))
	return Scenario{Name: name, Fault: func(ctx context.Context, f *FaultNet, r *ScenarioResult) (time.Time, int64, error) {
		f.Partition(groups...)
		cutAt := time.Now()
		if err := f.waitIsolated(ctx, groups, 20*time.Second, false); err != nil {
			f.Heal()
			return time.Time{}, 0, err
		}
		before, _ := f.Tip(ctx)
		var err error
		if 3*largest > 2*len(f.Net.Nodes) {
			time.Sleep(faultDuration)
			tip, _ := f.Tip(ctx)
			r.BlocksDuringFault = tip - before
			if r.BlocksDuringFault == 0 {
				err = errors.New("the majority side did not go on")
			}
		} else {
			r.BlocksDuringFault, err = haltedDuring(ctx, f, faultDuration)
		}
		r.Note = fmt.Sprintf("links down %.1f s", time.Since(cutAt).Seconds())
		tip, _ := f.Tip(ctx)
		f.Heal()
		return time.Now(), tip, err
	}}
}

func allNodes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// waitIsolated waits until no node has a peer outside its group: proof
// that the cut links were the only ones. With connected, it also waits
// until every node has every other node of its group as a peer.
func (f *FaultNet) waitIsolated(ctx context.Context, groups [][]int, timeout time.Duration, connected bool) error {
	group := map[int]int{}
	for g, members := range groups {
		for _, i := range members {
			group[i] = g
		}
	}
	deadline := time.Now().Add(timeout)
	for {
		var bad []string
		for i := range f.Net.Nodes {
			peers, err := f.PeersOf(ctx, i)
			if err != nil {
				return err
			}
			has := map[int]bool{}
			for _, p := range peers {
				has[p] = true
				if group[p] != group[i] {
					bad = append(bad, fmt.Sprintf("node%d–node%d up", i, p))
				}
			}
			for j := range f.Net.Nodes {
				if connected && j != i && group[j] == group[i] && !has[j] {
					bad = append(bad, fmt.Sprintf("node%d–node%d down", i, j))
				}
			}
		}
		if len(bad) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("links not as they should be after %s: %s", timeout, strings.Join(bad, ", "))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// WipedData SIGKILLs validator i, deletes its data directory but for its
// signing state, and restarts it: it must sync every block from its peers
// and validate again.
func WipedData(i int) Scenario {
	return Scenario{Name: fmt.Sprintf("node%d data dir deleted", i), Fault: func(ctx context.Context, f *FaultNet, r *ScenarioResult) (time.Time, int64, error) {
		before, _ := f.Tip(ctx)
		if err := f.Kill(ctx, i); err != nil {
			return time.Time{}, 0, err
		}
		if err := f.WipeData(i); err != nil {
			return time.Time{}, 0, err
		}
		time.Sleep(faultDuration / 2)
		tip, _ := f.Tip(ctx)
		r.BlocksDuringFault = tip - before
		healed := time.Now()
		if err := f.Restart(ctx); err != nil {
			return time.Time{}, 0, err
		}
		r.Note = fmt.Sprintf("synced %d blocks", tip)
		return healed, tip, nil
	}}
}

// LostLastCommit SIGKILLs validator i, removes the last version from its
// application database (as if the process had died before its last Commit
// reached the disk) and restarts it: CometBFT's handshake must execute the
// block again and reach the same app hash.
func LostLastCommit(i int) Scenario {
	return Scenario{Name: fmt.Sprintf("node%d lost its last commit", i), Fault: func(ctx context.Context, f *FaultNet, r *ScenarioResult) (time.Time, int64, error) {
		before, _ := f.Tip(ctx)
		if err := f.Kill(ctx, i); err != nil {
			return time.Time{}, 0, err
		}
		appHeight, err := f.LoseLastCommit(i)
		if err != nil {
			return time.Time{}, 0, err
		}
		tip, _ := f.Tip(ctx)
		r.BlocksDuringFault = tip - before
		healed := time.Now()
		logSize := fileSize(f.Net.Nodes[i].LogFile())
		if err := f.Restart(ctx); err != nil {
			return time.Time{}, 0, err
		}
		replay, err := handshakeReplay(f.Net.Nodes[i].LogFile(), logSize)
		if err != nil {
			return time.Time{}, 0, err
		}
		r.Note = fmt.Sprintf("app rolled back to %d; %s", appHeight, replay)
		return healed, tip, nil
	}}
}

// LostLastCommitEverywhere SIGKILLs all four validators and removes the
// last version from every one's application database, as if the whole
// network had crashed inside Commit, then restarts them: each handshake must
// execute the last block again, all to the app hash the next block's header
// will carry.
func LostLastCommitEverywhere() Scenario {
	return Scenario{Name: "all lost their last commit", Fault: func(ctx context.Context, f *FaultNet, r *ScenarioResult) (time.Time, int64, error) {
		var heights, offsets []int64
		for i := range f.Net.Nodes {
			if err := f.Kill(ctx, i); err != nil {
				return time.Time{}, 0, err
			}
		}
		for i, n := range f.Net.Nodes {
			h, err := f.LoseLastCommit(i)
			if err != nil {
				return time.Time{}, 0, err
			}
			heights = append(heights, h)
			offsets = append(offsets, fileSize(n.LogFile()))
		}
		healed := time.Now()
		if err := f.Restart(ctx); err != nil {
			return time.Time{}, 0, err
		}
		var replays []string
		for i, n := range f.Net.Nodes {
			replay, err := handshakeReplay(n.LogFile(), offsets[i])
			if err != nil {
				return time.Time{}, 0, fmt.Errorf("node%d: %w", i, err)
			}
			replays = append(replays, strings.TrimPrefix(replay, "handshake replayed "))
		}
		tip, _ := f.Tip(ctx)
		r.Note = fmt.Sprintf("apps rolled back to %v; handshakes replayed %s", heights, strings.Join(replays, ", "))
		return healed, tip, nil
	}}
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

var replayLine = regexp.MustCompile(`ABCI Replay Blocks.*appHeight=(\d+).*storeHeight=(\d+).*stateHeight=(\d+)`)

// handshakeReplay finds, in the part of a node's log written after offset,
// CometBFT's handshake line, and checks that it replayed: the application
// was behind the block store.
func handshakeReplay(logFile string, offset int64) (string, error) {
	bz, err := os.ReadFile(logFile)
	if err != nil {
		return "", err
	}
	if offset > int64(len(bz)) {
		offset = 0
	}
	m := replayLine.FindSubmatch(bz[offset:])
	if m == nil {
		return "", fmt.Errorf("no handshake line in %s", logFile)
	}
	app, _ := strconv.ParseInt(string(m[1]), 10, 64)
	blocks, _ := strconv.ParseInt(string(m[2]), 10, 64)
	if app >= blocks {
		return "", fmt.Errorf("the handshake found the application at height %d and blocks at %d: nothing was replayed", app, blocks)
	}
	return fmt.Sprintf("handshake replayed app %d → store %d", app, blocks), nil
}
