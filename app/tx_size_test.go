package app

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/core"
)

func TestATxOfExactlyMaxTxBytesDecodesAndALimitOneByteLowerRefusesIt(t *testing.T) {
	c := newTestChain(t)
	bz := c.sign(c.send(testKey("alice"), addrOf(testKey("bob")), "1ustake"))
	lim := c.app.limits(c.app.tree.Latest(), false)
	lim.maxTxBytes = uint64(len(bz))
	tx, err := c.app.decodeTx(bz, lim)
	require.NoError(t, err)
	require.NotNil(t, tx)

	lim.maxTxBytes--
	_, err = c.app.decodeTx(bz, lim)
	require.ErrorIs(t, err, core.ErrTxTooLarge)
}

func TestAMemoOfExactlyTheMemoLimitDecodesAndALimitOneLowerRefusesIt(t *testing.T) {
	c := newTestChain(t)
	s := c.send(testKey("alice"), addrOf(testKey("bob")), "1ustake")
	s.memo = "twelve bytes"
	bz := c.sign(s)
	lim := c.app.limits(c.app.tree.Latest(), false)
	lim.maxMemo = uint64(len(s.memo))
	_, err := c.app.decodeTx(bz, lim)
	require.NoError(t, err)

	lim.maxMemo--
	_, err = c.app.decodeTx(bz, lim)
	require.ErrorIs(t, err, core.ErrMemoTooLarge)
}
