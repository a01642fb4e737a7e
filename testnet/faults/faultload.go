package faults

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/cmd/client/keyring"
	"github.com/stakechain/stakechain/testnet"
	"github.com/stakechain/stakechain/testnet/bench"
	"github.com/stakechain/stakechain/x/auth/keys"
	"github.com/stakechain/stakechain/x/auth/keys/secp256k1"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

// FaultLoadConfig shapes the steady load of a fault run.
type FaultLoadConfig struct {
	// Senders is how many accounts send (default 32); each has at most
	// one transaction pending, so this also bounds the rate.
	Senders int
	// Rate is transactions offered per second in all (default 20).
	Rate float64
	// Seed makes the senders' and recipients' keys (default: the time).
	Seed int64
}

// FaultLoad is a steady stream of signed transfers, each sender to a recipient
// of its own, over the RPC of whichever node answers, and a watcher that
// follows the chain and records every load transaction committed.
type FaultLoad struct {
	net       *testnet.Network
	chainID   string
	senders   []loadSender
	rate      float64
	submitted atomic.Int64

	mu         sync.Mutex
	signed     map[string]int // tx hash → sender index
	waiting    map[string]chan uint32
	scanned    int64           // the watcher has read every block up to here
	okByHeight map[int64][]int // height → senders of the successful load txs in it
	seen       []seenTx        // load txs seen committed with code 0, in order
	unchecked  []seenTx        // of seen, those no CheckChain checked yet

	cancel  context.CancelFunc
	wg      sync.WaitGroup
	stopped atomic.Bool // Stop ended the watcher: waitScanned reads blocks itself
	errMu   sync.Mutex
	err     error
}

type loadSender struct {
	key       keys.PrivKey
	recipient string
	accNum    uint64
	msg       *gogotypes.Any
}

type seenTx struct {
	hash   string
	height int64
}

// StartFaultLoad funds the senders from the faucet and starts submitting.
func StartFaultLoad(ctx context.Context, net *testnet.Network, o FaultLoadConfig) (*FaultLoad, error) {
	if o.Senders <= 0 {
		o.Senders = 32
	}
	if o.Rate <= 0 {
		o.Rate = 20
	}
	if o.Seed == 0 {
		o.Seed = time.Now().UnixNano()
	}
	kr, err := keyring.New(testnet.KeyringBackend, net.KeyringDir, nil)
	if err != nil {
		return nil, err
	}
	faucet, err := kr.Signer(testnet.FaucetKeyName)
	if err != nil {
		return nil, err
	}
	c, err := client.New(net.Nodes[0].RPCAddr())
	if err != nil {
		return nil, err
	}
	derive := func(what string, i int) (keys.PrivKey, error) {
		secret := sha256.Sum256([]byte(fmt.Sprintf("stakechain fault load %d %s %d", o.Seed, what, i)))
		sk, err := secp256k1.PrivKeyFromSecret(secret[:])
		if err != nil {
			return nil, err
		}
		return keys.WrapSecp256k1(sk), nil
	}
	l := &FaultLoad{net: net, chainID: net.ChainID, rate: o.Rate, signed: map[string]int{}, waiting: map[string]chan uint32{},
		okByHeight: map[int64][]int{}}
	keysOf := make([]keys.PrivKey, o.Senders)
	for i := range keysOf {
		if keysOf[i], err = derive("sender", i); err != nil {
			return nil, err
		}
		rk, err := derive("recipient", i)
		if err != nil {
			return nil, err
		}
		l.senders = append(l.senders, loadSender{key: keysOf[i], recipient: rk.PubKey().Address().String()})
	}
	if err := bench.Fund(ctx, c, net.ChainID, faucet, keysOf, 100_000); err != nil {
		return nil, fmt.Errorf("fund senders: %w", err)
	}
	for i := range l.senders {
		s := &l.senders[i]
		acc, err := c.Account(ctx, s.key.PubKey().Address().String())
		if err != nil || acc == nil {
			return nil, fmt.Errorf("sender %d has no account after funding: %v", i, err)
		}
		s.accNum = acc.AccountNumber
		if s.msg, err = client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: s.key.PubKey().Address().String(),
			ToAddress: s.recipient, Amount: []*authtypes.Coin{{Denom: testnet.BondDenom, Amount: "1"}}}); err != nil {
			return nil, err
		}
	}
	tip, err := testnet.LatestBlock(ctx, net.Nodes[0].RPCAddr())
	if err != nil {
		return nil, err
	}
	// The recipients are new: no block up to here paid them, so the
	// watcher starts after it.
	l.scanned = tip.Height

	ctx, l.cancel = context.WithCancel(context.Background())
	tokens := make(chan struct{})
	l.wg.Add(2 + len(l.senders))
	go l.tick(ctx, tokens)
	go l.watch(ctx)
	for i := range l.senders {
		go l.send(ctx, i, tokens)
	}
	return l, nil
}

// Stop ends the load and returns the first error of its senders, if any.
func (l *FaultLoad) Stop() error {
	l.cancel()
	l.wg.Wait()
	l.stopped.Store(true)
	l.errMu.Lock()
	defer l.errMu.Unlock()
	return l.err
}

// Seen returns how many load transactions were seen committed with code 0,
// and how many were submitted.
func (l *FaultLoad) Seen() (seen int, submitted int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.seen), l.submitted.Load()
}

func (l *FaultLoad) tick(ctx context.Context, tokens chan<- struct{}) {
	defer l.wg.Done()
	t := time.NewTicker(time.Duration(float64(time.Second) / l.rate))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			select {
			case tokens <- struct{}{}:
			default: // every sender is busy: the offered rate drops
			}
		}
	}
}

var expectedSeq = regexp.MustCompile(`expected (\d+), got (\d+)`)

// send is sender i's loop: sign the next transfer, offer it to a node, and
// wait until the watcher sees it in a block (or a timeout) before the next.
func (l *FaultLoad) send(ctx context.Context, i int, tokens <-chan struct{}) {
	defer l.wg.Done()
	s := l.senders[i]
	node := i % len(l.net.Nodes)
	var seq uint64
	known := false
	for ctx.Err() == nil {
		select {
		case <-ctx.Done():
			return
		case <-tokens:
		}
		if !known {
			acc, err := l.account(ctx, node, s.key.PubKey().Address().String())
			if err != nil {
				node = (node + 1) % len(l.net.Nodes)
				continue
			}
			seq, known = acc.Sequence, true
		}
		tx, err := client.Sign(client.TxSpec{Msgs: []*gogotypes.Any{s.msg}, Fee: core.Coins{}, GasLimit: 50_000,
			ChainID: l.chainID, AccountNumber: s.accNum, Sequence: seq}, s.key)
		if err != nil {
			l.fail(err)
			return
		}
		h := sha256.Sum256(tx)
		done := make(chan uint32, 1)
		l.mu.Lock()
		l.signed[string(h[:])] = i
		l.waiting[string(h[:])] = done
		l.mu.Unlock()
		c, err := testnet.RPCClient(l.net.Nodes[node].RPCAddr())
		if err != nil {
			l.fail(err)
			return
		}
		l.submitted.Add(1)
		res, err := c.BroadcastTxSync(ctx, tx)
		switch {
		case err != nil:
			// The node is down or hung: try the next one, and learn the
			// sequence again there.
			node = (node + 1) % len(l.net.Nodes)
			known = false
			l.forget(h[:])
			continue
		case res.Code != 0:
			l.forget(h[:])
			if m := expectedSeq.FindStringSubmatch(res.Log); m != nil {
				if want, err := strconv.ParseUint(m[1], 10, 64); err == nil {
					seq = want
					continue
				}
			}
			known = false
			continue
		}
		select {
		case <-ctx.Done():
			return
		case code := <-done:
			if code == 0 {
				seq++
			} else {
				known = false
			}
		case <-time.After(20 * time.Second):
			// Lost from the mempool (its node was killed) or stuck: start
			// again from the committed sequence.
			l.forget(h[:])
			known = false
		}
	}
}

func (l *FaultLoad) account(ctx context.Context, node int, addr string) (*authtypes.BaseAccount, error) {
	c, err := queryClient(l.net.Nodes[node])
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, testnet.RPCTimeout)
	defer cancel()
	acc, err := c.Account(ctx, addr)
	if err == nil && acc == nil {
		err = errors.New("no account")
	}
	return acc, err
}

// queryClient is a client for n's RPC that shares the package's
// connection pool for that address.
func queryClient(n testnet.Node) (*client.Client, error) {
	c, err := testnet.RPCClient(n.RPCAddr())
	if err != nil {
		return nil, err
	}
	return &client.Client{RPC: c}, nil
}

// forget stops waiting for a transaction; it stays in signed, so the
// watcher still counts it if it is committed after all.
func (l *FaultLoad) forget(h []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.waiting, string(h))
}

func (l *FaultLoad) fail(err error) {
	l.errMu.Lock()
	defer l.errMu.Unlock()
	if l.err == nil {
		l.err = err
	}
}

// watch reads every block from the load's first height on, from whichever
// node answers, and records the load's transactions in them.
func (l *FaultLoad) watch(ctx context.Context) {
	defer l.wg.Done()
	node := 0
	for ctx.Err() == nil {
		if err := l.scan(ctx, l.net.Nodes[node]); err != nil {
			node = (node + 1) % len(l.net.Nodes)
		}
		select {
		case <-ctx.Done():
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (l *FaultLoad) scan(ctx context.Context, n testnet.Node) error {
	c, err := testnet.RPCClient(n.RPCAddr())
	if err != nil {
		return err
	}
	st, err := c.Status(ctx)
	if err != nil {
		return err
	}
	l.mu.Lock()
	next := l.scanned + 1
	l.mu.Unlock()
	for h := next; h <= st.SyncInfo.LatestBlockHeight; h++ {
		height := h
		b, err := c.Block(ctx, &height)
		if err != nil {
			return err
		}
		r, err := c.BlockResults(ctx, &height)
		if err != nil {
			return err
		}
		if len(r.TxsResults) != len(b.Block.Txs) {
			return fmt.Errorf("block %d has %d txs and %d results", h, len(b.Block.Txs), len(r.TxsResults))
		}
		l.mu.Lock()
		for i, tx := range b.Block.Txs {
			hash := string(tx.Hash())
			sender, ours := l.signed[hash]
			if !ours {
				continue
			}
			code := r.TxsResults[i].Code
			if code == 0 {
				l.okByHeight[h] = append(l.okByHeight[h], sender)
				l.seen = append(l.seen, seenTx{hash: hash, height: h})
				l.unchecked = append(l.unchecked, seenTx{hash: hash, height: h})
			}
			if done, ok := l.waiting[hash]; ok {
				done <- code
				delete(l.waiting, hash)
			}
		}
		l.scanned = h
		l.mu.Unlock()
	}
	return nil
}

// waitScanned waits until the watcher has read every block up to height.
// Once the load is stopped the chain still makes blocks, so it reads the
// blocks up to height itself.
func (l *FaultLoad) waitScanned(ctx context.Context, height int64) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	node := 0
	for {
		if l.stopped.Load() {
			if err := l.scan(ctx, l.net.Nodes[node]); err != nil {
				node = (node + 1) % len(l.net.Nodes)
			}
		}
		l.mu.Lock()
		scanned := l.scanned
		l.mu.Unlock()
		if scanned >= height {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the load's watcher read up to height %d, not %d: %w", scanned, height, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// takeUnchecked returns the transactions seen at heights up to height that
// no check took yet; later ones wait for a check that every node has
// reached.
func (l *FaultLoad) takeUnchecked(height int64) []seenTx {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out, later []seenTx
	for _, s := range l.unchecked {
		if s.height <= height {
			out = append(out, s)
		} else {
			later = append(later, s)
		}
	}
	l.unchecked = later
	return out
}

func (l *FaultLoad) returnUnchecked(s []seenTx) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.unchecked = append(s, l.unchecked...)
}

// checkBalances checks on every node that each recipient's balance after
// block height is the number of successful transfers to it up to there.
func (l *FaultLoad) checkBalances(ctx context.Context, net *testnet.Network, height int64) error {
	want := make([]int64, len(l.senders))
	l.mu.Lock()
	for h, senders := range l.okByHeight {
		if h <= height {
			for _, s := range senders {
				want[s]++
			}
		}
	}
	l.mu.Unlock()
	for _, n := range net.Nodes {
		c, err := queryClient(n)
		if err != nil {
			return err
		}
		for i, s := range l.senders {
			var resp banktypes.QueryBalanceResponse
			if _, err := c.Query(ctx, "/cosmos.bank.v1beta1.Query/Balance",
				&banktypes.QueryBalanceRequest{Address: s.recipient, Denom: testnet.BondDenom}, &resp, height); err != nil {
				return fmt.Errorf("node%d: balance of recipient %d at height %d: %w", n.Index, i, height, err)
			}
			got := "0"
			if resp.Balance != nil {
				got = resp.Balance.Amount
			}
			if got != strconv.FormatInt(want[i], 10) {
				return fmt.Errorf("node%d: recipient %d holds %s at height %d, but the blocks hold %d successful transfers to it",
					n.Index, i, got, height, want[i])
			}
		}
	}
	return nil
}
