package app

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/auth/keys"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// withoutPubKey re-signs key's tx with its signer info's public key left
// out, as a wallet may send it once the account's key is in state.
func (c *testChain) withoutPubKey(key keys.PrivKey, tx []byte) []byte {
	c.t.Helper()
	bare := withAuthInfo(c.t.(*testing.T), tx, func(info *authtypes.AuthInfo) { info.SignerInfos[0].PublicKey = nil })
	lim := c.app.limits(c.app.tree.Latest(), false)
	decoded, err := c.app.decodeTx(bare, lim)
	require.NoError(c.t, err)
	acc := c.account(addrOf(key))
	require.NotNil(c.t, acc)
	sig, err := key.Sign(decoded.signBytes(testChainID, acc.AccountNumber))
	require.NoError(c.t, err)
	return withRaw(c.t.(*testing.T), bare, func(raw *authtypes.TxRaw) { raw.Signatures[0] = sig })
}

// TestWarmingSignaturesSkipsSignersWithNoAccountAndUsesTheAccountsKeyWhenTheTxCarriesNone
// calls what the checks beside a block do for each tx: a signer with no
// account is left to the block function, and a tx that carries no public
// key (the account holds one) is checked with the account's key.
func TestWarmingSignaturesSkipsSignersWithNoAccountAndUsesTheAccountsKeyWhenTheTxCarriesNone(t *testing.T) {
	c := newTestChain(t)
	alice, bob, carol := testKey("alice"), testKey("bob"), testKey("carol")
	require.Zero(t, c.block(c.sign(c.send(alice, addrOf(bob), "1ustake"))).TxResults[0].Code, "alice's key is now in state")
	lim := c.app.limits(c.app.tree.Latest(), false)

	one, err := core.ParseCoins("1ustake")
	require.NoError(t, err)
	stranger, err := c.app.decodeTx(c.sign(sendSpec{from: carol, to: addrOf(bob), amount: authtypes.CoinsToProto(one), gas: 200_000,
		chainID: testChainID, msgs: 1}), lim)
	require.NoError(t, err)
	c.app.warmSignatures(c.app.tree.Latest(), stranger)
	require.False(t, c.app.sigs.known(sigSlot{tx: stranger.Hash, signer: 0}), "carol has no account to check against")

	bareBytes := c.withoutPubKey(alice, c.sign(c.send(alice, addrOf(bob), "2ustake")))
	bare, err := c.app.decodeTx(bareBytes, lim)
	require.NoError(t, err)
	require.Nil(t, bare.PubKeys[0])
	c.app.warmSignatures(c.app.tree.Latest(), bare)
	require.True(t, c.app.sigs.known(sigSlot{tx: bare.Hash, signer: 0}), "checked with the key in alice's account")

	res := c.block(bareBytes)
	require.Zero(t, res.TxResults[0].Code, res.TxResults[0].Log)
	require.Equal(t, "1003", c.balance(addrOf(bob), "ustake"))
}
