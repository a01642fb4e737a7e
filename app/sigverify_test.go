package app

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"
)

func TestACachedSignatureCountsOnlyForTheAccountNumberAndKeyItVerifiedFor(t *testing.T) {
	c := newTestChain(t)
	alice, bob := testKey("alice"), testKey("bob")
	s := c.send(alice, addrOf(bob), "1ustake")
	tx, err := c.app.decodeTx(c.sign(s), c.app.limits(c.app.tree.Latest(), false))
	require.NoError(t, err)
	pk := tx.PubKeys[0]

	require.True(t, c.app.verifySignature(tx, 0, s.accNum, pk))
	slot := sigSlot{tx: tx.Hash, signer: 0}
	require.True(t, c.app.sigs.known(slot))
	require.True(t, c.app.sigs.has(slot, s.accNum, pk.Bytes()))
	require.False(t, c.app.sigs.has(slot, s.accNum+1, pk.Bytes()), "another account number")
	require.False(t, c.app.sigs.has(slot, s.accNum, bob.PubKey().Bytes()), "another key")
	require.False(t, c.app.verifySignature(tx, 0, s.accNum+1, pk), "the cache does not vouch for another account number")
	require.False(t, c.app.verifySignature(tx, 0, s.accNum, bob.PubKey()), "nor for another key")
	require.True(t, c.app.verifySignature(tx, 0, s.accNum, pk), "and the fact it holds stays")
}

// A block whose signatures the cache does not hold gives the same results
// whether the block function checks them all itself (one core) or
// goroutines check them from the block's end meanwhile; ProcessProposal
// finds a bad signature at either end.
func TestSignaturesCheckedBesideTheBlockChangeNoResult(t *testing.T) {
	names := make([]string, 40)
	funds := map[string]string{}
	for i := range names {
		names[i] = fmt.Sprintf("acc%d", i)
		funds[names[i]] = "1000000ustake"
	}
	genesis := genesisWith(t, funds, names...)
	run := func(procs int) (*testChain, *abci.ResponseFinalizeBlock, [][]byte) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		c := newTestChainWithConfig(t, Config{}, genesis)
		c.block() // the accounts are in the committed state from here on
		var txs [][]byte
		for round := uint64(0); round < 5; round++ {
			for i, name := range names {
				s := c.send(testKey(name), addrOf(testKey(names[(i+1)%len(names)])), "1ustake").withSeq(round)
				if (round == 0 && i == 0) || (round == 2 && i == 7) || (round == 4 && i == len(names)-1) {
					s.chainID = "another-chain" // a signature of other bytes
				}
				txs = append(txs, c.sign(s))
			}
		}
		return c, c.finalize(txs), txs
	}
	one, resOne, txs := run(1)
	four, resFour, _ := run(4)
	require.Equal(t, resOne.AppHash, resFour.AppHash)
	failed := 0
	for i := range txs {
		require.Equal(t, resOne.TxResults[i].Code, resFour.TxResults[i].Code, "tx %d", i)
		require.Equal(t, resOne.TxResults[i].Log, resFour.TxResults[i].Log, "tx %d", i)
		if resFour.TxResults[i].Code != 0 {
			failed++
		}
	}
	// The three bad signatures fail, and so do their senders' later
	// transfers, whose sequences are then too high.
	require.Equal(t, 5+3+1, failed)
	require.Equal(t, one.stateDump(), four.stateDump())

	// ProcessProposal of the next height, with goroutines beside it.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	var next [][]byte
	for _, name := range names {
		next = append(next, four.sign(four.send(testKey(name), addrOf(testKey(names[0])), "1ustake")))
	}
	bad := four.send(testKey(names[3]), addrOf(testKey(names[0])), "1ustake").withSeq(9)
	bad.chainID = "another-chain"
	for _, block := range [][][]byte{append([][]byte{four.sign(bad)}, next...), append(next, four.sign(bad))} {
		req := &abci.RequestProcessProposal{Txs: block, Height: four.height + 1, Time: four.time.Add(time.Second)}
		res, err := four.app.ProcessProposal(context.Background(), req)
		require.NoError(t, err)
		require.Equal(t, abci.ResponseProcessProposal_REJECT, res.Status)
	}
}
