package app

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sync"
	"testing"
	"time"

	"cosmossdk.io/math"
	dbm "github.com/cometbft/cometbft-db"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/x/auth"
	"github.com/stakechain/stakechain/x/auth/keys"
	"github.com/stakechain/stakechain/x/auth/keys/secp256k1"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

// The benchmarks of this file run the application as a node does: on
// goleveldb, over a state of benchAccounts accounts funded by genesis, with
// blocks of benchBlockTxs signed MsgSend transfers, each from a different
// sender, paying a fee.
//
// The genesis state is built once per test binary into a template database
// (benchSetup, logged, outside every timer); each benchmark copies it into its
// own b.TempDir() and runs one untimed block first, so that the timed blocks
// find the node caches as a running node has them.

const (
	benchAccounts = 100_000
	benchBlockTxs = 5_000
	benchGas      = 200_000
	benchDBName   = "application"
)

var (
	benchFee    = core.Coins{{Denom: "ustake", Amount: math.NewInt(2_000)}}
	benchAmount = []*authtypes.Coin{{Denom: "ustake", Amount: "1"}}
)

// benchKey is a secp256k1 key whose public key is computed once: signing the
// benchmark transactions is setup, and should not cost a point multiplication
// more per tx.
type benchKey struct {
	keys.PrivKey
	pub keys.PubKey
}

func (k benchKey) PubKey() keys.PubKey { return k.pub }

// benchFixture is what every benchmark shares: the accounts' keys and the
// template database holding the genesis state committed at height 1.
type benchFixture struct {
	keys    []benchKey
	addrs   []authtypes.Address
	bech32  []string
	accNums []uint64
	dir     string // template database directory
	err     error
}

var (
	benchOnce sync.Once
	bench     benchFixture
)

// TestMain removes the benchmarks' template database after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if bench.dir != "" {
		if err := os.RemoveAll(bench.dir); err != nil {
			fmt.Fprintln(os.Stderr, "remove benchmark template:", err)
		}
	}
	os.Exit(code)
}

// benchSetup builds the fixture on first use and logs what that took.
func benchSetup(b *testing.B) *benchFixture {
	b.Helper()
	benchOnce.Do(func() {
		keysTook, genesisTook, err := bench.build()
		bench.err = err
		if err == nil {
			b.Logf("setup (once per run, not timed): %d keys in %s, genesis InitChain+block 1+Commit on goleveldb in %s",
				benchAccounts, keysTook.Round(time.Millisecond), genesisTook.Round(time.Millisecond))
		}
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return &bench
}

// benchBackend chooses the store backend of the benchmarks' state:
// go test -bench . ./app/ -args -store.backend=iavl.
var benchBackend = flag.String("store.backend", string(store.BackendMemory), "store backend of the benchmarks' state")

func benchConfig(db dbm.DB) Config {
	// A new node's defaults (config.Default).
	return Config{DB: db, MinGasPrices: "0ustake", PruningKeepRecent: 100, PruningInterval: 10,
		StoreBackend: store.Backend(*benchBackend)}
}

func (f *benchFixture) build() (keysTook, genesisTook time.Duration, err error) {
	start := time.Now()
	f.keys = make([]benchKey, benchAccounts)
	f.addrs = make([]authtypes.Address, benchAccounts)
	f.bech32 = make([]string, benchAccounts)
	err = parallel(benchAccounts, func(i int) error {
		secret := sha256.Sum256(binary.BigEndian.AppendUint64([]byte("bench account "), uint64(i)))
		sk, err := secp256k1.PrivKeyFromSecret(secret[:])
		if err != nil {
			return err
		}
		k := keys.WrapSecp256k1(sk)
		f.keys[i] = benchKey{PrivKey: k, pub: k.PubKey()}
		f.addrs[i] = f.keys[i].pub.Address()
		f.bech32[i] = f.addrs[i].String()
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	keysTook = time.Since(start)

	start = time.Now()
	g, err := ParseGenesis(DefaultGenesis())
	if err != nil {
		return 0, 0, err
	}
	g.Auth.Accounts = make([]auth.GenesisAccount, benchAccounts)
	g.Bank.Balances = make([]bank.Balance, benchAccounts)
	for i, addr := range f.bech32 {
		g.Auth.Accounts[i] = auth.GenesisAccount{Address: addr}
		g.Bank.Balances[i] = bank.Balance{Address: addr, Coins: "1000000000000ustake"}
	}
	appState, err := json.Marshal(g)
	if err != nil {
		return 0, 0, err
	}
	if f.dir, err = os.MkdirTemp("", "stakechain-bench-"); err != nil {
		return 0, 0, err
	}
	db, err := dbm.NewGoLevelDB(benchDBName, f.dir)
	if err != nil {
		return 0, 0, err
	}
	a, err := New(benchConfig(db))
	if err != nil {
		return 0, 0, err
	}
	ctx := context.Background()
	if _, err := a.InitChain(ctx, &abci.RequestInitChain{
		ChainId:         testChainID,
		InitialHeight:   1,
		Time:            testGenesisTime,
		AppStateBytes:   appState,
		ConsensusParams: &cmtproto.ConsensusParams{Block: &cmtproto.BlockParams{MaxBytes: 4 << 20, MaxGas: -1}},
	}); err != nil {
		return 0, 0, err
	}
	if _, err := a.FinalizeBlock(ctx, &abci.RequestFinalizeBlock{Height: 1, Time: testGenesisTime.Add(time.Second)}); err != nil {
		return 0, 0, err
	}
	if _, err := a.Commit(ctx, &abci.RequestCommit{}); err != nil {
		return 0, 0, err
	}
	genesisTook = time.Since(start)

	f.accNums = make([]uint64, benchAccounts)
	latest := a.tree.Latest()
	for i, addr := range f.addrs {
		acc := a.auth.Account(latest, addr)
		if acc == nil {
			return 0, 0, fmt.Errorf("account %d is not in the genesis state", i)
		}
		f.accNums[i] = acc.AccountNumber
	}
	return keysTook, genesisTook, a.Close()
}

// benchChain is an App opened on a copy of the template, and the sequence of
// every account as the transactions signed so far leave it.
type benchChain struct {
	b      *testing.B
	f      *benchFixture
	app    *App
	height int64
	seq    []uint64
	next   int // the next sender
}

// open copies the template into a temporary directory, opens an App on it
// and, if warm, runs one block of transfers.
func (f *benchFixture) open(b *testing.B, warm bool) *benchChain {
	b.Helper()
	start := time.Now()
	dir := b.TempDir()
	if err := copyDir(filepath.Join(f.dir, benchDBName+".db"), filepath.Join(dir, benchDBName+".db")); err != nil {
		b.Fatal(err)
	}
	db, err := dbm.NewGoLevelDB(benchDBName, dir)
	if err != nil {
		b.Fatal(err)
	}
	a, err := New(benchConfig(db))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := a.Close(); err != nil {
			b.Error(err)
		}
	})
	c := &benchChain{b: b, f: f, app: a, height: a.tree.Version(), seq: make([]uint64, benchAccounts)}
	opened := time.Since(start)
	if warm {
		start = time.Now()
		c.finalize(c.signTxs(benchBlockTxs))
		b.Logf("open (not timed): copy and open %s, warm-up block of %d txs (signing included) %s",
			opened.Round(time.Millisecond), benchBlockTxs, time.Since(start).Round(time.Millisecond))
	}
	return c
}

// signTxs returns n transfers of 1ustake, from the next n senders in turn,
// each to the account half the state away from it.
func (c *benchChain) signTxs(n int) [][]byte {
	c.b.Helper()
	type spec struct {
		from, to int
		seq      uint64
	}
	specs := make([]spec, n)
	for i := range specs {
		from := c.next
		c.next = (c.next + 1) % benchAccounts
		specs[i] = spec{from: from, to: (from + benchAccounts/2) % benchAccounts, seq: c.seq[from]}
		c.seq[from]++
	}
	txs := make([][]byte, n)
	err := parallel(n, func(i int) error {
		s := specs[i]
		var err error
		txs[i], err = c.f.signSend(s.from, s.to, s.seq)
		return err
	})
	if err != nil {
		c.b.Fatal(err)
	}
	return txs
}

func (f *benchFixture) signSend(from, to int, seq uint64) ([]byte, error) {
	msg, err := client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: f.bech32[from], ToAddress: f.bech32[to], Amount: benchAmount})
	if err != nil {
		return nil, err
	}
	return client.Sign(client.TxSpec{Msgs: []*gogotypes.Any{msg}, Fee: benchFee, GasLimit: benchGas,
		ChainID: testChainID, AccountNumber: f.accNums[from], Sequence: seq}, f.keys[from])
}

// dropUnconfirmed forgets the transactions checked since the sequences were
// committed: the check-state goes back to the committed state and the
// senders' sequences to committed, so that later txs are signed with the
// sequences the state expects (a benchmark run more than once would
// otherwise sign past them).
func (c *benchChain) dropUnconfirmed(committed []uint64) {
	c.app.resetCheckState()
	copy(c.seq, committed)
}

// finalize runs FinalizeBlock and Commit of txs at the next height; every
// tx must succeed.
func (c *benchChain) finalize(txs [][]byte) {
	ctx := context.Background()
	c.height++
	res, err := c.app.FinalizeBlock(ctx, &abci.RequestFinalizeBlock{Txs: txs, Height: c.height, Time: testGenesisTime.Add(time.Duration(c.height) * time.Second)})
	if err != nil {
		c.b.Fatal(err)
	}
	for i, r := range res.TxResults {
		if r.Code != abci.CodeTypeOK {
			c.b.Fatalf("block %d, tx %d: code %d: %s", c.height, i, r.Code, r.Log)
		}
	}
	if _, err := c.app.Commit(ctx, &abci.RequestCommit{}); err != nil {
		c.b.Fatal(err)
	}
}

// checkTx runs CheckTx of a new tx, which must be admitted.
func (c *benchChain) checkTx(tx []byte, typ abci.CheckTxType) {
	res, err := c.app.CheckTx(context.Background(), &abci.RequestCheckTx{Tx: tx, Type: typ})
	if err != nil {
		c.b.Fatal(err)
	}
	if res.Code != abci.CodeTypeOK {
		c.b.Fatalf("CheckTx: code %d: %s", res.Code, res.Log)
	}
}

// BenchmarkFinalizeBlock measures FinalizeBlock plus Commit of blocks of
// 5,000 transfers over 100,000 accounts; one op is one block, tx/s the
// throughput. In "verified" the node has run CheckTx on the block's
// transactions first (untimed), as when they entered its mempool, so their
// signatures are in the cache; in "unverified" it has not, and FinalizeBlock
// verifies them, in parallel over GOMAXPROCS (run with -cpu 1,2).
func BenchmarkFinalizeBlock(b *testing.B) {
	f := benchSetup(b)
	c := f.open(b, true)
	for _, mode := range []struct {
		name    string
		checked bool
	}{{"verified", true}, {"unverified", false}} {
		b.Run(mode.name, func(b *testing.B) {
			c.b = b
			blocks := make([][][]byte, b.N)
			for i := range blocks {
				blocks[i] = c.signTxs(benchBlockTxs)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for _, txs := range blocks {
				if mode.checked {
					b.StopTimer()
					for _, tx := range txs {
						c.checkTx(tx, abci.CheckTxType_New)
					}
					b.StartTimer()
				}
				timed(b, func() { c.finalize(txs) })
			}
			b.ReportMetric(float64(b.N*benchBlockTxs)/b.Elapsed().Seconds(), "tx/s")
		})
	}
}

// BenchmarkCheckTx measures CheckTx of new transactions (signatures not in
// the cache), one op per tx, on the state of BenchmarkFinalizeBlock.
func BenchmarkCheckTx(b *testing.B) {
	f := benchSetup(b)
	c := f.open(b, true)
	b.Run("new", func(b *testing.B) {
		c.b = b
		committed := slices.Clone(c.seq)
		txs := c.signTxs(b.N)
		b.ReportAllocs()
		b.ResetTimer()
		timed(b, func() {
			for _, tx := range txs {
				c.checkTx(tx, abci.CheckTxType_New)
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tx/s")
		b.StopTimer()
		c.dropUnconfirmed(committed)
	})
	// A recheck: the transactions are in the mempool already (decoded,
	// signatures verified) and run again, in order, on a check-state
	// reset onto the committed state, as after every block. A mempool
	// holds at most mempoolSize transactions, so they are rechecked in
	// rounds of that many: a larger round would measure the full run of
	// txs whose records a real mempool could never have kept.
	b.Run("recheck", func(b *testing.B) {
		c.b = b
		round := mempoolSize(c.app.cfg)
		b.ReportAllocs()
		b.ResetTimer()
		for done := 0; done < b.N; done += round {
			b.StopTimer()
			committed := slices.Clone(c.seq)
			txs := c.signTxs(min(round, b.N-done))
			for _, tx := range txs {
				c.checkTx(tx, abci.CheckTxType_New)
			}
			c.app.resetCheckState()
			b.StartTimer()
			timed(b, func() {
				for _, tx := range txs {
					c.checkTx(tx, abci.CheckTxType_Recheck)
				}
			})
			b.StopTimer()
			c.dropUnconfirmed(committed)
			b.StartTimer()
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tx/s")
	})
}

// BenchmarkVerifySignature measures the application's signature check of a
// transfer (App.verifySignature: the cache look-up, the sign bytes, the
// secp256k1 verification and the cache insert), for signatures not yet in
// the cache and for ones that are.
func BenchmarkVerifySignature(b *testing.B) {
	a := newTestChain(b).app
	from, to := testKey("alice"), addrOf(testKey("bob"))
	const accNum = 7 // any number: the signature is made and checked for it
	msg, err := client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: addrOf(from), ToAddress: to, Amount: benchAmount})
	if err != nil {
		b.Fatal(err)
	}
	decode := func(b *testing.B, n int) []*Tx {
		txs := make([]*Tx, n)
		err := parallel(n, func(i int) error {
			bz, err := client.Sign(client.TxSpec{Msgs: []*gogotypes.Any{msg}, Fee: benchFee, GasLimit: benchGas,
				ChainID: testChainID, AccountNumber: accNum, Sequence: uint64(i)}, from)
			if err != nil {
				return err
			}
			txs[i], err = a.decodeTx(bz, a.limits(a.tree.Latest(), false))
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		return txs
	}
	b.Run("uncached", func(b *testing.B) {
		// A pool of different txs, the cache emptied (untimed) before
		// each pass over it, so that no verification finds its entry.
		txs := decode(b, 1024)
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			if i%len(txs) == 0 && i > 0 {
				b.StopTimer()
				a.sigs = newSigCache(200_000)
				b.StartTimer()
			}
			tx := txs[i%len(txs)]
			if !a.verifySignature(tx, 0, accNum, tx.PubKeys[0]) {
				b.Fatal("signature does not verify")
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		tx := decode(b, 1)[0]
		if !a.verifySignature(tx, 0, accNum, tx.PubKeys[0]) {
			b.Fatal("signature does not verify")
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if !a.verifySignature(tx, 0, accNum, tx.PubKeys[0]) {
				b.Fatal("signature does not verify")
			}
		}
	})
}

// BenchmarkQueryBalance measures abci_query of /cosmos.bank.v1beta1.Query/
// Balance (App.Query, request encoded beforehand, response left encoded)
// over the 100,000 accounts in a scattered order, one op per query: from
// one goroutine ("serial") and from GOMAXPROCS goroutines ("parallel").
func BenchmarkQueryBalance(b *testing.B) {
	const path = "/cosmos.bank.v1beta1.Query/Balance"
	f := benchSetup(b)
	c := f.open(b, true)
	reqs := make([][]byte, benchAccounts)
	for i, addr := range f.bech32 {
		bz, err := (&banktypes.QueryBalanceRequest{Address: addr, Denom: "ustake"}).Marshal()
		if err != nil {
			b.Fatal(err)
		}
		reqs[i] = bz
	}
	query := func(b *testing.B, i int) {
		res, err := c.app.Query(context.Background(), &abci.RequestQuery{Path: path, Data: reqs[(i*7919)%benchAccounts]})
		if err != nil {
			b.Fatal(err)
		}
		if res.Code != abci.CodeTypeOK || len(res.Value) == 0 {
			b.Fatalf("query: code %d: %s", res.Code, res.Log)
		}
	}
	// One pass over every account first, as a node serving queries has its
	// read cache filled.
	start := time.Now()
	for i := range benchAccounts {
		query(b, i)
	}
	b.Logf("query warm-up (not timed): %d queries in %s", benchAccounts, time.Since(start).Round(time.Millisecond))

	b.Run("serial", func(b *testing.B) {
		b.ReportAllocs()
		for i := range b.N {
			query(b, i)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
	})
	b.Run("parallel", func(b *testing.B) {
		var next sync.Mutex
		n := 0
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				next.Lock()
				i := n
				n++
				next.Unlock()
				query(b, i)
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
	})
}

// timed runs fn with the profiler label bench=<benchmark name>, which the
// goroutines it starts inherit: go tool pprof -tagfocus bench=<name> then
// shows the timed work alone, without the setup of the fixture and of the
// transactions.
func timed(b *testing.B, fn func()) {
	pprof.Do(context.Background(), pprof.Labels("bench", b.Name()), func(context.Context) { fn() })
}

// parallel runs fn(0) to fn(n-1) on GOMAXPROCS goroutines and returns the
// first error.
func parallel(n int, fn func(i int) error) error {
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				if err := fn(i); err != nil {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// copyDir copies the regular files of directory src into a new directory dst.
func copyDir(src, dst string) error {
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		if err := copyFile(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
