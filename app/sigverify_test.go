package app

import (
	"testing"

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
