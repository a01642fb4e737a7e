package bench

import (
	"context"
	"crypto/sha256"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	cmtjson "github.com/cometbft/cometbft/libs/json"
	ctypes "github.com/cometbft/cometbft/rpc/core/types"
	rpcclient "github.com/cometbft/cometbft/rpc/jsonrpc/client"
	rpctypes "github.com/cometbft/cometbft/rpc/jsonrpc/types"

	"github.com/stakechain/stakechain/testnet"
)

// Submission states of a benchmark transaction.
const (
	txNotSent uint8 = iota
	txSent
	txAccepted
	txRejected
)

// drive submits txs for o.Duration and measures what the network commits.
// Transaction k goes to connection (k mod accounts) mod conns, so that all
// of one sender's transfers go in order over one connection to one node;
// connection c talks to node c mod nodes.
func drive(ctx context.Context, net *testnet.Network, o BenchOptions, txs [][]byte) (BenchResult, error) {
	say := o.Progress
	index := make(map[[32]byte]int, len(txs))
	for k, tx := range txs {
		index[sha256.Sum256(tx)] = k
	}
	nConns := len(net.Nodes) * o.ConnsPerNode
	lists := make([][]int, nConns)
	for k := range txs {
		c := (k % o.Accounts) % nConns
		lists[c] = append(lists[c], k)
	}

	startH, err := testnet.LatestBlock(ctx, net.Nodes[0].RPCAddr())
	if err != nil {
		return BenchResult{}, err
	}
	w := &watcher{addr: net.Nodes[0].RPCAddr(), index: index, next: startH.Height + 1}
	watchCtx, stopWatch := context.WithCancel(ctx)
	watchDone := make(chan error, 1)
	go func() { watchDone <- w.run(watchCtx) }()
	defer stopWatch()

	s := &submitter{txs: txs, sentAt: make([]time.Time, len(txs)), state: make([]uint8, len(txs)), reasons: map[string]int{}}
	window, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()
	var perConn float64
	if o.Rate > 0 {
		perConn = float64(o.Rate) / float64(nConns)
	}
	say(fmt.Sprintf("%s: submitting for %s over %d connections from height %d", o.App, o.Duration, nConns, startH.Height))
	// A node whose mempool is nearly full is given nothing new until it
	// drains: CometBFT drops a transaction that finds the mempool full
	// after CheckTx accepted it, and the sender's later transfers then fail
	// on their sequence. Offered load beyond that is only queued anyway.
	high := make([]atomic.Bool, len(net.Nodes))
	for i, n := range net.Nodes {
		go watchMempool(window, n.RPCAddr(), o.MempoolSize*8/10, &high[i])
	}
	var metrics *metricsReader
	var startCounters []nodeCounters
	if o.Metrics {
		if metrics, err = newMetricsReader(net); err != nil {
			return BenchResult{}, err
		}
		if startCounters, err = metrics.scrape(ctx); err != nil {
			return BenchResult{}, err
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, nConns)
	began := time.Now()
	samples := startSampler(ctx, window, net, o.SampleEvery, &w.seen)
	for c := 0; c < nConns; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			node := c % len(net.Nodes)
			errs[c] = s.run(window, net.Nodes[node].RPCAddr(), lists[c], perConn, o.Window, &high[node])
		}(c)
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
progress:
	for {
		select {
		case <-done:
			break progress
		case <-tick.C:
			el := time.Since(began).Seconds()
			sub, com, h := s.sent.Load(), w.seen.Load(), w.height.Load()
			say(fmt.Sprintf("%s: %3.0fs  submitted %8d (%6.0f/s)  in blocks %8d (%6.0f/s)  height %d  rejected %d",
				o.App, el, sub, float64(sub)/el, com, float64(com)/el, h, s.rejected.Load()))
		}
	}
	for _, err := range errs {
		if err != nil {
			return BenchResult{}, err
		}
	}
	var times *BlockTimes
	if metrics != nil {
		endCounters, err := metrics.scrape(ctx)
		if err != nil {
			return BenchResult{}, err
		}
		times = blockTimes(startCounters, endCounters)
	}

	// Let the mempools drain: wait until every accepted transaction is in a
	// block, or nothing new is committed for three block intervals.
	accepted := s.accepted.Load()
	lastSeen, lastChange := w.seen.Load(), time.Now()
	for w.seen.Load() < accepted && time.Since(lastChange) < 3*o.TimeoutCommit+5*time.Second {
		time.Sleep(100 * time.Millisecond)
		if n := w.seen.Load(); n != lastSeen {
			lastSeen, lastChange = n, time.Now()
		}
	}
	stopWatch()
	if err := <-watchDone; err != nil && ctx.Err() == nil && err != context.Canceled {
		return BenchResult{}, err
	}
	res, err := w.result(ctx, s)
	res.Samples = samples.wait()
	res.BlockTimes = times
	return res, err
}

// submitter sends transactions over websocket connections and records when
// each was sent and what CheckTx said.
type submitter struct {
	txs    [][]byte
	sentAt []time.Time // written by the sending goroutine of the tx
	state  []uint8     // written by the receiving goroutine of the tx

	sent, accepted, rejected atomic.Int64
	ranOut                   atomic.Bool // a connection sent all its transactions before the window ended

	mu      sync.Mutex
	reasons map[string]int // guarded by mu
}

// run sends the transactions of list in order over one connection to addr,
// at perSecond (0: as fast as responses allow) with at most window
// requests in flight. A transaction refused because the mempool is full is
// sent again. It returns when ctx ends and the last responses are in.
func (s *submitter) run(ctx context.Context, addr string, list []int, perSecond float64, window int, hold *atomic.Bool) error {
	ws, err := rpcclient.NewWS(addr, "/websocket")
	if err != nil {
		return err
	}
	if err := ws.Start(); err != nil {
		return fmt.Errorf("websocket to %s: %w", addr, err)
	}
	defer func() { _ = ws.Stop() }()

	slots := make(chan struct{}, window)
	// Transactions to send again; the reader must never block on it, or
	// it would stop draining the connection's responses.
	var retryMu sync.Mutex
	var retry []int
	// refused holds the transactions the mempool refused and has not taken
	// since: while it has any, the connection sends nothing new, so that no
	// sender's later transfer overtakes an earlier one.
	refused := map[int]bool{}
	readerDone := make(chan struct{})
	go func() {
		defer close(readerDone)
		for resp := range ws.ResponsesCh {
			id, ok := resp.ID.(rpctypes.JSONRPCIntID)
			if !ok {
				continue
			}
			k := int(id)
			<-slots
			retryMu.Lock()
			delete(refused, k) // refused again below, or taken
			retryMu.Unlock()
			if resp.Error != nil {
				if strings.Contains(resp.Error.Data, "mempool is full") || strings.Contains(resp.Error.Message, "mempool is full") {
					retryMu.Lock()
					retry = append(retry, k)
					refused[k] = true
					retryMu.Unlock()
					continue
				}
				s.reject(k, resp.Error.Error())
				continue
			}
			var r ctypes.ResultBroadcastTx
			if err := cmtjson.Unmarshal(resp.Result, &r); err != nil {
				s.reject(k, "undecodable response: "+err.Error())
				continue
			}
			if r.Code != 0 {
				s.reject(k, fmt.Sprintf("code %d: %s", r.Code, r.Log))
				continue
			}
			s.state[k] = txAccepted
			s.accepted.Add(1)
		}
	}()

	began := time.Now()
	sentHere := 0
	send := func(k int) bool {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return false
		}
		req, err := rpctypes.MapToRequest(rpctypes.JSONRPCIntID(k), "broadcast_tx_sync", map[string]any{"tx": s.txs[k]})
		if err != nil {
			<-slots
			return false
		}
		if s.sentAt[k].IsZero() {
			s.sentAt[k] = time.Now()
			s.sent.Add(1)
		}
		if err := ws.Send(ctx, req); err != nil {
			<-slots
			return false
		}
		return true
	}
	for i := 0; i < len(list) && ctx.Err() == nil; {
		retryMu.Lock()
		again := retry
		retry = nil
		waiting := len(refused) > 0
		retryMu.Unlock()
		if len(again) > 0 {
			// The mempool was full: give it a moment to empty into a block,
			// then offer the refused transactions again, in order.
			time.Sleep(20 * time.Millisecond)
			sort.Ints(again)
			for _, k := range again {
				send(k)
			}
			continue
		}
		if waiting || hold.Load() {
			time.Sleep(time.Millisecond)
			continue
		}
		if perSecond > 0 {
			due := began.Add(time.Duration(float64(sentHere) / perSecond * float64(time.Second)))
			if d := time.Until(due); d > 0 {
				select {
				case <-time.After(d):
				case <-ctx.Done():
				}
				continue
			}
		}
		if send(list[i]) {
			i++
			sentHere++
		}
	}
	if ctx.Err() == nil {
		s.ranOut.Store(true)
	}
	// Wait for the responses still due, briefly.
	for deadline := time.Now().Add(10 * time.Second); len(slots) > 0 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	_ = ws.Stop()
	<-readerDone
	return nil
}

// watchMempool sets high while the node at addr holds more than limit
// unconfirmed transactions, polling every 50 ms until ctx ends.
func watchMempool(ctx context.Context, addr string, limit int, high *atomic.Bool) {
	c, err := testnet.RPCClient(addr)
	if err != nil {
		return
	}
	for ctx.Err() == nil {
		if n, err := c.NumUnconfirmedTxs(ctx); err == nil {
			high.Store(n.Total > limit)
		}
		time.Sleep(50 * time.Millisecond)
	}
	high.Store(false)
}

func (s *submitter) reject(k int, reason string) {
	s.state[k] = txRejected
	s.rejected.Add(1)
	if i := strings.IndexByte(reason, '\n'); i >= 0 {
		reason = reason[:i]
	}
	s.mu.Lock()
	if len(s.reasons) < 10 || s.reasons[reason] > 0 {
		s.reasons[reason]++
	}
	s.mu.Unlock()
}

// watcher follows the blocks of one node as they are committed and notes
// when each benchmark transaction was first seen in a block.
type watcher struct {
	addr  string
	index map[[32]byte]int
	next  int64

	seen, height atomic.Int64

	mu     sync.Mutex
	blocks []watchedBlock // guarded by mu
}

type watchedBlock struct {
	height  int64
	time    time.Time // block time
	arrived time.Time // when the watcher read it
	txs     []int     // benchmark transactions in it, in block order (-1: other)
}

func (w *watcher) run(ctx context.Context) error {
	c, err := testnet.RPCClient(w.addr)
	if err != nil {
		return err
	}
	for ctx.Err() == nil {
		h := w.next
		b, err := c.Block(ctx, &h)
		if err != nil || b.Block == nil {
			time.Sleep(10 * time.Millisecond)
			continue
		}
		wb := watchedBlock{height: h, time: b.Block.Time, arrived: time.Now()}
		for _, tx := range b.Block.Txs {
			k, ok := w.index[sha256.Sum256(tx)]
			if !ok {
				k = -1
			} else {
				w.seen.Add(1)
			}
			wb.txs = append(wb.txs, k)
		}
		w.mu.Lock()
		w.blocks = append(w.blocks, wb)
		w.mu.Unlock()
		w.height.Store(h)
		w.next++
	}
	return ctx.Err()
}

// result reads the results of the blocks that held benchmark transactions
// and puts the run's figures together.
func (w *watcher) result(ctx context.Context, s *submitter) (BenchResult, error) {
	c, err := testnet.RPCClient(w.addr)
	if err != nil {
		return BenchResult{}, err
	}
	var res BenchResult
	res.Submitted = int(s.sent.Load())
	res.Failed = int(s.rejected.Load())
	res.FailReasons = s.reasons
	res.RanOut = s.ranOut.Load()
	committed := make([]bool, len(s.txs))
	var latencies []float64
	var first, last *watchedBlock
	var prevTime time.Time
	for i := range w.blocks {
		b := &w.blocks[i]
		has := false
		for _, k := range b.txs {
			if k >= 0 {
				has = true
			}
		}
		if !has {
			if first == nil {
				prevTime = b.time
			}
			continue
		}
		h := b.height
		r, err := c.BlockResults(ctx, &h)
		if err != nil {
			return res, fmt.Errorf("results of block %d: %w", h, err)
		}
		if len(r.TxsResults) != len(b.txs) {
			return res, fmt.Errorf("block %d has %d txs but %d results", h, len(b.txs), len(r.TxsResults))
		}
		for j, k := range b.txs {
			if k < 0 {
				continue
			}
			if code := r.TxsResults[j].Code; code != 0 {
				res.Failed++
				s.reasons[fmt.Sprintf("committed with code %d: %s", code, r.TxsResults[j].Log)]++
				continue
			}
			committed[k] = true
			res.Committed++
			if !s.sentAt[k].IsZero() {
				latencies = append(latencies, float64(b.arrived.Sub(s.sentAt[k]).Microseconds())/1000)
			}
		}
		if first == nil {
			first = b
			if prevTime.IsZero() {
				prevTime = b.time
			}
		}
		last = b
		res.Blocks++
	}
	for k, st := range s.state {
		if st == txAccepted && !committed[k] {
			res.Dropped++
		}
	}
	if first != nil {
		res.FirstHeight, res.LastHeight = first.height, last.height
		res.BlockSeconds = last.time.Sub(prevTime).Seconds()
		if res.BlockSeconds > 0 {
			res.CommittedTPS = float64(res.Committed) / res.BlockSeconds
			res.BlocksPerSecond = float64(res.Blocks) / res.BlockSeconds
		}
		res.MeanTxsPerBlock = float64(res.Committed) / float64(res.Blocks)
	}
	sort.Float64s(latencies)
	res.P50LatencyMS = percentile(latencies, 50)
	res.P99LatencyMS = percentile(latencies, 99)
	return res, nil
}
