package app

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	dbm "github.com/cometbft/cometbft-db"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"

	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
)

// BenchmarkGenesis loads a genesis of many funded accounts as a new node
// does: InitChain, the first block and its Commit, on goleveldb. It reports
// the time per load and the largest Go heap in use while it ran (sampled
// every 50 ms), then the heap still in use once it is done and collected.
// The accounts' addresses are hashes: no keys are needed to fund them.
func BenchmarkGenesis(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			appState := genesisOfAccounts(b, n)
			b.ResetTimer()
			for range b.N {
				peak, after := loadGenesis(b, appState)
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
				b.ReportMetric(float64(after)/(1<<20), "heap-after-MB")
			}
		})
	}
}

// genesisOfAccounts returns an app_state with n funded accounts.
func genesisOfAccounts(b *testing.B, n int) []byte {
	b.Helper()
	g, err := ParseGenesis(DefaultGenesis())
	if err != nil {
		b.Fatal(err)
	}
	g.Auth.Accounts = make([]auth.GenesisAccount, n)
	g.Bank.Balances = make([]bank.Balance, n)
	for i := range n {
		h := sha256.Sum256(binary.BigEndian.AppendUint64([]byte("genesis account "), uint64(i)))
		addr := authtypes.Address(h[:20]).String()
		g.Auth.Accounts[i] = auth.GenesisAccount{Address: addr}
		g.Bank.Balances[i] = bank.Balance{Address: addr, Coins: "1000000000000ustake"}
	}
	bz, err := json.Marshal(g)
	if err != nil {
		b.Fatal(err)
	}
	return bz
}

// loadGenesis runs InitChain, block 1 and Commit on a new database and
// returns the peak heap in use meanwhile and the heap in use after.
func loadGenesis(b *testing.B, appState []byte) (peak, after uint64) {
	b.Helper()
	b.StopTimer()
	db, err := dbm.NewGoLevelDB(benchDBName, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	a, err := New(benchConfig(db))
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	var top atomic.Uint64
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > top.Load() {
				top.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	b.StartTimer()

	ctx := context.Background()
	if _, err := a.InitChain(ctx, &abci.RequestInitChain{
		ChainId: testChainID, InitialHeight: 1, Time: testGenesisTime, AppStateBytes: appState,
		ConsensusParams: &cmtproto.ConsensusParams{Block: &cmtproto.BlockParams{MaxBytes: 4 << 20, MaxGas: -1}},
	}); err != nil {
		b.Fatal(err)
	}
	if _, err := a.FinalizeBlock(ctx, &abci.RequestFinalizeBlock{Height: 1, Time: testGenesisTime.Add(time.Second)}); err != nil {
		b.Fatal(err)
	}
	if _, err := a.Commit(ctx, &abci.RequestCommit{}); err != nil {
		b.Fatal(err)
	}

	b.StopTimer()
	close(done)
	<-sampled
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if err := a.Close(); err != nil {
		b.Fatal(err)
	}
	b.StartTimer()
	return top.Load(), ms.HeapInuse
}
