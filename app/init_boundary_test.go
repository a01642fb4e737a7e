package app

import (
	"context"
	"testing"
	"time"

	dbm "github.com/cometbft/cometbft-db"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/core"
)

func TestInitChainKeepsTheEvidenceAgeOfTheConsensusParams(t *testing.T) {
	a, err := New(Config{DB: dbm.NewMemDB()})
	require.NoError(t, err)
	defer a.Close()
	_, err = a.InitChain(context.Background(), &abci.RequestInitChain{
		ChainId: testChainID, InitialHeight: 1, AppStateBytes: genesisWith(t, map[string]string{"alice": "1ustake"}, "alice"),
		ConsensusParams: &cmtproto.ConsensusParams{
			Block:    &cmtproto.BlockParams{MaxBytes: 4 << 20, MaxGas: -1},
			Evidence: &cmtproto.EvidenceParams{MaxAgeNumBlocks: 7, MaxAgeDuration: time.Hour},
		},
	})
	require.NoError(t, err)
	require.Equal(t, core.EvidenceAge{MaxAgeNumBlocks: 7, MaxAgeDuration: time.Hour}, decodeEvidenceAge(a.block.Get(evidenceAgeKey)))
}

func TestAChainStartedWithoutConsensusParamsHasNoBlockGasLimit(t *testing.T) {
	c := &testChain{t: t, time: testGenesisTime}
	a, err := New(Config{DB: dbm.NewMemDB()})
	require.NoError(t, err)
	c.app = a
	_, err = a.InitChain(context.Background(), &abci.RequestInitChain{ChainId: testChainID, InitialHeight: 1,
		AppStateBytes: genesisWith(t, map[string]string{"alice": "1000000ustake"}, "alice")})
	require.NoError(t, err)
	c.block()
	res := c.checkTx(c.sign(c.send(testKey("alice"), addrOf(testKey("bob")), "1ustake")))
	require.Zero(t, res.Code, res.Log)
}

func TestATxOfExactlyTheMessageLimitDecodesAndALimitOneLowerRefusesIt(t *testing.T) {
	c := newTestChain(t)
	s := c.send(testKey("alice"), addrOf(testKey("bob")), "1ustake")
	s.msgs = 3
	bz := c.sign(s)
	lim := c.app.limits(c.app.tree.Latest(), false)
	lim.maxMsgs = 3
	_, err := c.app.decodeTx(bz, lim)
	require.NoError(t, err)

	lim.maxMsgs--
	_, err = c.app.decodeTx(bz, lim)
	require.ErrorIs(t, err, core.ErrTooManyMessages)
}
