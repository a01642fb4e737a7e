package app

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	dbm "github.com/cometbft/cometbft-db"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"
)

func TestCommitAsksCometBFTToKeepEveryBlockUnlessToldToPrune(t *testing.T) {
	c := newTestChain(t)
	for i := 0; i < 3; i++ {
		c.block()
	}
	res, err := c.app.Commit(context.Background(), &abci.RequestCommit{})
	require.NoError(t, err)
	require.Zero(t, res.RetainHeight, "MinRetainBlocks 0 keeps every block")
}

func TestCommitRetainsTheLastMinRetainBlocksOnceThereAreMoreThanThat(t *testing.T) {
	c := newTestChainWithConfig(t, Config{MinRetainBlocks: 3}, genesisWith(t, map[string]string{"alice": "1000ustake"}, "alice"))
	ctx := context.Background()
	retain := func() int64 {
		c.height++
		c.time = c.time.Add(time.Second)
		_, err := c.app.FinalizeBlock(ctx, &abci.RequestFinalizeBlock{Height: c.height, Time: c.time})
		require.NoError(t, err)
		res, err := c.app.Commit(ctx, &abci.RequestCommit{})
		require.NoError(t, err)
		return res.RetainHeight
	}
	require.Equal(t, int64(1), c.height)
	require.Zero(t, retain(), "height 2 of at least 3")
	require.Zero(t, retain(), "height 3, exactly 3")
	require.Equal(t, int64(1), retain(), "height 4 keeps 2, 3 and 4")
	require.Equal(t, int64(2), retain())
}

func TestChecksRunAtTheNextHeightWithTheLastBlockTime(t *testing.T) {
	c := newTestChain(t)
	c.block()
	b := c.app.checkBlock()
	require.Equal(t, c.height+1, b.Height)
	require.Equal(t, c.time, b.Time)
}

func TestInfoOfAFreshApplicationReportsNoHeightAndNoAppHash(t *testing.T) {
	a, err := New(Config{DB: dbm.NewMemDB()})
	require.NoError(t, err)
	defer a.Close()
	res, err := a.Info(context.Background(), &abci.RequestInfo{})
	require.NoError(t, err)
	require.Zero(t, res.LastBlockHeight)
	require.Empty(t, res.LastBlockAppHash)
}

// closeFailDB is a database whose Close fails.
type closeFailDB struct{ dbm.DB }

var errCloseFailed = errors.New("the disk went away")

func (closeFailDB) Close() error { return errCloseFailed }

func TestCloseReportsTheDatabasesError(t *testing.T) {
	a, err := New(Config{DB: closeFailDB{dbm.NewMemDB()}})
	require.NoError(t, err)
	require.ErrorIs(t, a.Close(), errCloseFailed)
}

func TestAGenesisBalanceThatDoesNotDecodeIsNamedByItsIndex(t *testing.T) {
	g := genesisWith(t, map[string]string{"alice": "1ustake", "bob": "2ustake"}, "alice", "bob")
	var doc map[string]any
	require.NoError(t, json.Unmarshal(g, &doc))
	balances := doc["bank"].(map[string]any)["balances"].([]any)
	require.Len(t, balances, 2)
	balances[1] = 5
	bz, err := json.Marshal(doc)
	require.NoError(t, err)
	require.ErrorContains(t, ValidateGenesis(bz), "bank.balances[1]")
}

func TestABoundedMapUnderItsBoundCountsEveryEntry(t *testing.T) {
	m := newBoundedMap[int, int](10)
	for i := 0; i < 10; i++ {
		m.put(i, i)
		require.Equal(t, i+1, m.len())
	}
}
