package app

import (
	"context"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/cmd/client"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

// timeoutSend is a transfer of 1ustake from alice to bob valid up to the
// given height.
func (c *testChain) timeoutSend(timeout uint64) []byte {
	c.t.Helper()
	alice, bob := testKey("alice"), testKey("bob")
	send, err := client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: addrOf(alice), ToAddress: addrOf(bob),
		Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "1"}}})
	require.NoError(c.t, err)
	return c.signedTx(alice, []*gogotypes.Any{send}, func(s *client.TxSpec) { s.TimeoutHeight = timeout })
}

func TestATxIsIncludedUpToAndAtItsTimeoutHeightAndRefusedAfterIt(t *testing.T) {
	c := newTestChain(t)
	next := uint64(c.height + 1)
	res := c.block(c.timeoutSend(next))
	require.Zero(t, res.TxResults[0].Code, "a timeout height equal to the block's: %s", res.TxResults[0].Log)

	next = uint64(c.height + 1)
	res = c.block(c.timeoutSend(next + 5))
	require.Zero(t, res.TxResults[0].Code, "a timeout height ahead of the block's: %s", res.TxResults[0].Log)

	next = uint64(c.height + 1)
	res = c.finalize([][]byte{c.timeoutSend(next - 1)})
	require.Equal(t, core.ErrTxTimeoutHeight.Code(), res.TxResults[0].Code, res.TxResults[0].Log)
	require.Equal(t, core.ErrTxTimeoutHeight.Codespace(), res.TxResults[0].Codespace)
}

// TestACheckedTxIsReplayedOnRecheckWhileItsTimeoutHeightHasNotPassed checks
// a tx whose timeout height is the next block's: recorded when first
// checked, replayed when rechecked after a block, while its timeout height is
// the height checks run at; run in full and refused once that has passed.
func TestACheckedTxIsReplayedOnRecheckWhileItsTimeoutHeightHasNotPassed(t *testing.T) {
	c := newTestChain(t)
	tx := c.timeoutSend(uint64(c.height + 2))
	require.Zero(t, c.checkTx(tx).Code)

	recheck := func() *abci.ResponseCheckTx {
		res, err := c.app.CheckTx(context.Background(), &abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_Recheck})
		require.NoError(t, err)
		return res
	}
	c.block()
	before := c.app.checkReplays
	require.Zero(t, recheck().Code)
	require.Equal(t, before+1, c.app.checkReplays, "replayed at its timeout height")

	c.block()
	before = c.app.checkReplays
	res := recheck()
	require.Equal(t, core.ErrTxTimeoutHeight.Code(), res.Code, res.Log)
	require.Equal(t, before, c.app.checkReplays, "past its timeout height it is run, not replayed")
}
