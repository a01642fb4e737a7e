package bench

import (
	"bytes"
	"context"
	"testing"

	"github.com/cometbft/cometbft/abci/example/kvstore"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"
)

// TestSignedKVTxs: a signed kvstore transaction is a valid kvstore
// transaction of the size asked for, and any change to it breaks its
// signature.
func TestSignedKVTxs(t *testing.T) {
	senders := benchSenders(2)
	tx, err := SignKVTx(senders[0], "bench-7", 297)
	require.NoError(t, err)
	require.Len(t, tx, 297)
	require.Equal(t, 1, bytes.Count(tx, []byte("=")))
	require.Zero(t, bytes.Count(tx, []byte(":")))
	require.True(t, VerifyKVTx(tx))

	eq := bytes.IndexByte(tx, '=')
	for name, at := range map[string]int{"key": 2, "public key": eq + 5, "signature": eq + 1 + signedKVPubHex + 3, "padding": len(tx) - 1} { //determinism:allowed independent cases
		bad := bytes.Clone(tx)
		bad[at] ^= 1
		require.False(t, VerifyKVTx(bad), name)
	}
	other, err := SignKVTx(senders[1], "bench-7", 297)
	require.NoError(t, err)
	swapped := append(bytes.Clone(tx[:eq+1]), other[eq+1:eq+1+signedKVPubHex]...)
	swapped = append(swapped, tx[eq+1+signedKVPubHex:]...)
	require.False(t, VerifyKVTx(swapped), "another key")
	for _, junk := range []string{"", "=", "a=b", "key=" + string(bytes.Repeat([]byte("z"), 200))} {
		require.False(t, VerifyKVTx([]byte(junk)), junk)
	}

	txs, err := signedKVTxs(senders, 3, 297)
	require.NoError(t, err)
	require.Len(t, txs, 6)
	for _, tx := range txs {
		require.True(t, VerifyKVTx(tx))
	}
}

// TestSignedKVStoreRefusesBadSignatures: CheckTx refuses a new transaction
// whose signature does not verify and ProcessProposal a block holding one;
// good ones pass through to the kvstore.
func TestSignedKVStoreRefusesBadSignatures(t *testing.T) {
	ctx := context.Background()
	app := NewSignedKVStore(kvstore.NewInMemoryApplication())
	good, err := SignKVTx(benchSenders(1)[0], "k1", 297)
	require.NoError(t, err)
	bad := bytes.Clone(good)
	bad[len(bad)-1] ^= 1

	res, err := app.CheckTx(ctx, &abci.RequestCheckTx{Tx: good, Type: abci.CheckTxType_New})
	require.NoError(t, err)
	require.Equal(t, kvstore.CodeTypeOK, res.Code)
	res, err = app.CheckTx(ctx, &abci.RequestCheckTx{Tx: bad, Type: abci.CheckTxType_New})
	require.NoError(t, err)
	require.Equal(t, uint32(CodeBadSignature), res.Code)

	pp, err := app.ProcessProposal(ctx, &abci.RequestProcessProposal{Txs: [][]byte{good}})
	require.NoError(t, err)
	require.Equal(t, abci.ResponseProcessProposal_ACCEPT, pp.Status)
	pp, err = app.ProcessProposal(ctx, &abci.RequestProcessProposal{Txs: [][]byte{good, bad}})
	require.NoError(t, err)
	require.Equal(t, abci.ResponseProcessProposal_REJECT, pp.Status)

	fb, err := app.FinalizeBlock(ctx, &abci.RequestFinalizeBlock{Height: 1, Txs: [][]byte{good}})
	require.NoError(t, err)
	require.Len(t, fb.TxResults, 1)
	require.Equal(t, kvstore.CodeTypeOK, fb.TxResults[0].Code)
	require.Len(t, app.verified, 1, "the good tx was verified once and remembered")

	// A decided block with a bad signature (no correct majority decides
	// one) fails that transaction alone.
	other, err := SignKVTx(benchSenders(1)[0], "k2", 297)
	require.NoError(t, err)
	fb, err = app.FinalizeBlock(ctx, &abci.RequestFinalizeBlock{Height: 2, Txs: [][]byte{bad, other}})
	require.NoError(t, err)
	require.Len(t, fb.TxResults, 2)
	require.Equal(t, uint32(CodeBadSignature), fb.TxResults[0].Code)
	require.Equal(t, kvstore.CodeTypeOK, fb.TxResults[1].Code)
}
