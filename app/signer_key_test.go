package app

import (
	"testing"

	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// TestAFirstTxWithoutItsPublicKeyIsRefusedForTheMissingKey: an account that
// never signed has no public key in state, so its first tx must carry one.
// Without it the tx is refused for that reason, before any signature is
// checked, and changes nothing.
func TestAFirstTxWithoutItsPublicKeyIsRefusedForTheMissingKey(t *testing.T) {
	c := newTestChain(t)
	alice := testKey("alice")
	require.Nil(t, c.account(addrOf(alice)).PubKey, "alice has never signed")
	tx := c.signedTx(alice, []*gogotypes.Any{sendAny(t, addrOf(alice), addrOf(testKey("bob")), "1")}, nil)
	bare := withAuthInfo(t, tx, func(info *authtypes.AuthInfo) { info.SignerInfos[0].PublicKey = nil })

	res := c.checkTx(bare)
	require.Equal(t, core.ErrInvalidPubKey.Code(), res.Code, res.Log)
	require.Contains(t, res.Log, "its first tx must carry it")

	before := c.balance(addrOf(alice), "ustake")
	fin := c.finalize([][]byte{bare})
	require.Equal(t, core.ErrInvalidPubKey.Code(), fin.TxResults[0].Code, fin.TxResults[0].Log)
	require.Equal(t, before, c.balance(addrOf(alice), "ustake"))
}
