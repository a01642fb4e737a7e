package app

import (
	"context"
	"fmt"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// pendingAccount asks the node for addr's pending account over abci_query.
func (c *testChain) pendingAccount(addr string) (*authtypes.QueryPendingAccountResponse, *abci.ResponseQuery) {
	c.t.Helper()
	var resp authtypes.QueryPendingAccountResponse
	res := c.query(authtypes.QueryPathPendingAccount, &authtypes.QueryPendingAccountRequest{Address: addr}, &resp)
	return &resp, res
}

func (c *testChain) recheckTx(tx []byte) *abci.ResponseCheckTx {
	c.t.Helper()
	res, err := c.app.CheckTx(context.Background(), &abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_Recheck})
	require.NoError(c.t, err)
	return res
}

func TestThePendingSequenceCountsAdmittedTransactionsAndStaysRightAfterTheirBlock(t *testing.T) {
	c := newTestChain(t)
	alice, bob := testKey("alice"), addrOf(testKey("bob"))
	committed := c.account(addrOf(alice))

	p, res := c.pendingAccount(addrOf(alice))
	require.Zero(t, res.Code, res.Log)
	require.Equal(t, committed.AccountNumber, p.AccountNumber)
	require.Equal(t, committed.Sequence, p.Sequence, "nothing pending: the committed sequence")
	require.Equal(t, c.height, res.Height)

	first := c.sign(c.send(alice, bob, "10ustake"))
	require.Zero(t, c.checkTx(first).Code)
	p, _ = c.pendingAccount(addrOf(alice))
	require.Equal(t, committed.Sequence+1, p.Sequence, "one admitted tx")

	// A tx signed with the pending sequence is admitted behind the first.
	second := c.sign(c.send(alice, bob, "10ustake").withSeq(p.Sequence))
	require.Zero(t, c.checkTx(second).Code)
	p, _ = c.pendingAccount(addrOf(alice))
	require.Equal(t, committed.Sequence+2, p.Sequence)
	require.Equal(t, committed.Sequence, c.account(addrOf(alice)).Sequence, "the committed account is unchanged")

	// The block commits the first tx only; the second stays in the mempool.
	// Between Commit and the recheck, the check-state holds only the block:
	// the pending sequence must not fall back to it.
	c.block(first)
	p, _ = c.pendingAccount(addrOf(alice))
	require.Equal(t, committed.Sequence+2, p.Sequence, "after Commit, before the recheck")
	require.Zero(t, c.recheckTx(second).Code)
	p, _ = c.pendingAccount(addrOf(alice))
	require.Equal(t, committed.Sequence+2, p.Sequence, "after the recheck")

	c.block(second)
	p, res = c.pendingAccount(addrOf(alice))
	require.Zero(t, res.Code, res.Log)
	require.Equal(t, committed.Sequence+2, p.Sequence, "both committed")
	require.Equal(t, committed.Sequence+2, c.account(addrOf(alice)).Sequence)
	require.Equal(t, committed.AccountNumber, p.AccountNumber)

	// A block without either: the pending sequence is the committed one.
	c.block()
	p, _ = c.pendingAccount(addrOf(alice))
	require.Equal(t, committed.Sequence+2, p.Sequence)
}

func TestASequenceTheRecheckEvictedIsForgottenAfterOneMoreBlock(t *testing.T) {
	c := newTestChain(t)
	alice, bob := testKey("alice"), addrOf(testKey("bob"))
	tx := c.sign(c.send(alice, bob, "10ustake"))
	require.Zero(t, c.checkTx(tx).Code)

	// A block that does not include it, and a recheck that evicts it (here:
	// the mempool drops it, so nothing rechecks it).
	c.block()
	p, _ := c.pendingAccount(addrOf(alice))
	require.Equal(t, uint64(1), p.Sequence, "carried across the Commit")
	c.block()
	p, _ = c.pendingAccount(addrOf(alice))
	require.Equal(t, uint64(0), p.Sequence, "forgotten once a block passed without it")
}

func TestThePendingAccountQueryRefusesWhatItCannotAnswer(t *testing.T) {
	c := newTestChain(t)
	alice := testKey("alice")
	newcomer := addrOf(testKey("newcomer"))

	tests := []struct {
		name    string
		req     *abci.RequestQuery
		code    uint32
		logPart string
	}{
		{
			name:    "an account that does not exist is not found",
			req:     &abci.RequestQuery{Path: authtypes.QueryPathPendingAccount, Data: mustMarshal(t, &authtypes.QueryPendingAccountRequest{Address: newcomer})},
			code:    38,
			logPart: "code = NotFound desc = account " + newcomer + " not found",
		},
		{
			name:    "a height is refused: the pending state has none",
			req:     &abci.RequestQuery{Path: authtypes.QueryPathPendingAccount, Height: 1, Data: mustMarshal(t, &authtypes.QueryPendingAccountRequest{Address: addrOf(alice)})},
			code:    18,
			logPart: "has no height",
		},
		{
			name:    "a malformed address is refused",
			req:     &abci.RequestQuery{Path: authtypes.QueryPathPendingAccount, Data: mustMarshal(t, &authtypes.QueryPendingAccountRequest{Address: "stake1nope"})},
			code:    7,
			logPart: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.app.Query(context.Background(), tt.req)
			require.NoError(t, err)
			require.Equal(t, tt.code, res.Code, res.Log)
			require.Contains(t, res.Log, tt.logPart)
		})
	}

	// An account only a pending transfer creates has no number yet.
	require.Zero(t, c.checkTx(c.sign(c.send(alice, newcomer, "10ustake"))).Code)
	_, res := c.pendingAccount(newcomer)
	require.Equal(t, uint32(38), res.Code)
	require.Contains(t, res.Log, "is not in a block yet")
	acc, ok := c.app.PendingAccount(testKey("newcomer").PubKey().Address())
	require.True(t, ok)
	require.False(t, acc.Committed)
}

func TestThePendingAccountCanBeReadWhileCheckTxRuns(t *testing.T) {
	c := newTestChain(t)
	alice, bob := testKey("alice"), addrOf(testKey("bob"))
	const n = 20
	txs := make([][]byte, n)
	base := c.send(alice, bob, "1ustake")
	for i := range txs {
		txs[i] = c.sign(base.withSeq(uint64(i)))
	}
	done := make(chan error, 1)
	go func() {
		for i, tx := range txs {
			res, err := c.app.CheckTx(context.Background(), &abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_New})
			if err == nil && res.Code != 0 {
				err = fmt.Errorf("tx %d refused: %s", i, res.Log)
			}
			if err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	last := uint64(0)
	for finished := false; !finished; {
		select {
		case err := <-done:
			require.NoError(t, err)
			finished = true
		default:
		}
		acc, ok := c.app.PendingAccount(alice.PubKey().Address())
		require.True(t, ok)
		require.GreaterOrEqual(t, acc.Sequence, last, "the pending sequence never goes back")
		last = acc.Sequence
	}
	require.Equal(t, uint64(n), last)
}

func mustMarshal(t testing.TB, m interface{ Marshal() ([]byte, error) }) []byte {
	t.Helper()
	bz, err := m.Marshal()
	require.NoError(t, err)
	return bz
}
