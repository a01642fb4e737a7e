package app

import (
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/require"
)

// A block's transactions leave the cache of decodings when the block runs;
// one still waiting in the mempool keeps its decoding.
func TestABlocksTransactionsLeaveTheDecodeCache(t *testing.T) {
	c := newTestChain(t)
	alice, bob := testKey("alice"), testKey("bob")
	c.block()
	var txs [][]byte
	for seq := uint64(0); seq < 3; seq++ {
		tx := c.sign(c.send(alice, addrOf(bob), "1ustake").withSeq(seq))
		require.Zero(t, c.checkTx(tx).Code)
		txs = append(txs, tx)
	}
	lim := c.app.limits(c.app.tree.Latest(), false)
	cached := func(tx []byte) bool {
		_, ok := c.app.decoded.get(decodeKey{hash: sha256.Sum256(tx), lim: lim})
		return ok
	}
	for i, tx := range txs {
		require.True(t, cached(tx), "tx %d after CheckTx", i)
	}
	c.block(txs[:2]...)
	require.False(t, cached(txs[0]), "tx 0 after its block")
	require.False(t, cached(txs[1]), "tx 1 after its block")
	require.True(t, cached(txs[2]), "tx 2, still waiting")
}
