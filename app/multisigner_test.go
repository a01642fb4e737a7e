package app

import (
	"testing"

	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/x/auth/keys"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
	distributiontypes "github.com/stakechain/stakechain/x/distribution/types"
)

// signedBySeveral encodes a tx of one MsgSend of amount to `to` from each
// key, in order, with fee, and has every key sign it in SIGN_MODE_DIRECT
// with the account number and sequence of its committed account. The
// signers of the tx are the keys in that order.
func (c *testChain) signedBySeveral(to, amount, fee string, from ...keys.PrivKey) *authtypes.TxRaw {
	c.t.Helper()
	amt, err := core.ParseCoins(amount)
	require.NoError(c.t, err)
	feeCoins, err := core.ParseCoins(fee)
	require.NoError(c.t, err)
	body := authtypes.TxBody{}
	info := authtypes.AuthInfo{Fee: &authtypes.Fee{Amount: authtypes.CoinsToProto(feeCoins), GasLimit: 400_000}}
	accNums := make([]uint64, len(from))
	for i, k := range from {
		msg, err := client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: addrOf(k), ToAddress: to, Amount: authtypes.CoinsToProto(amt)})
		require.NoError(c.t, err)
		body.Messages = append(body.Messages, msg)
		acc := c.account(addrOf(k))
		require.NotNil(c.t, acc, "signer %d has no account", i)
		accNums[i] = acc.AccountNumber
		info.SignerInfos = append(info.SignerInfos, &authtypes.SignerInfo{
			PublicKey: keys.PubKeyToAny(k.PubKey()),
			ModeInfo: &authtypes.ModeInfo{Sum: &authtypes.ModeInfo_Single_{
				Single: &authtypes.ModeInfo_Single{Mode: authtypes.SignMode_SIGN_MODE_DIRECT},
			}},
			Sequence: acc.Sequence,
		})
	}
	raw := &authtypes.TxRaw{}
	raw.BodyBytes, err = body.Marshal()
	require.NoError(c.t, err)
	raw.AuthInfoBytes, err = info.Marshal()
	require.NoError(c.t, err)
	for i, k := range from {
		doc := authtypes.SignDoc{BodyBytes: raw.BodyBytes, AuthInfoBytes: raw.AuthInfoBytes, ChainId: testChainID, AccountNumber: accNums[i]}
		signBytes, err := doc.Marshal()
		require.NoError(c.t, err)
		sig, err := k.Sign(signBytes)
		require.NoError(c.t, err)
		raw.Signatures = append(raw.Signatures, sig)
	}
	return raw
}

// attrOf returns the value of the first attribute key of an event of type
// typ, or "" if there is none.
func attrOf(events []abci.Event, typ, key string) string {
	for _, e := range events {
		if e.Type != typ {
			continue
		}
		for _, a := range e.Attributes {
			if a.Key == key {
				return a.Value
			}
		}
	}
	return ""
}

func TestTheFirstOfTwoSignersPaysTheFeeAndBothSequencesAdvance(t *testing.T) {
	c := newTestChain(t) // alice: 1000000ustake, bob: 1000ustake
	alice, bob := testKey("alice"), testKey("bob")
	carol := addrOf(testKey("carol"))
	tx := mustMarshal(t, c.signedBySeveral(carol, "10ustake", "500ustake", alice, bob))

	check := c.checkTx(tx)
	require.Zero(t, check.Code, check.Log)
	// The check-state took the fee from alice alone: bob can still spend
	// everything but the 10 he sends in the tx.
	spendAll := c.send(bob, carol, "990ustake").withSeq(1)
	require.Zero(t, c.checkTx(c.sign(spendAll)).Code, "bob did not pay the fee in the check-state")

	res := c.block(tx)
	r := res.TxResults[0]
	require.Zero(t, r.Code, r.Log)
	require.Equal(t, "999490", c.balance(addrOf(alice), "ustake"), "alice sent 10 and paid the 500 fee")
	require.Equal(t, "990", c.balance(addrOf(bob), "ustake"), "bob sent 10 and paid nothing")
	require.Equal(t, "20", c.balance(carol, "ustake"))
	require.Equal(t, addrOf(alice), attrOf(r.Events, "tx", "fee_payer"))
	require.Equal(t, "500ustake", attrOf(r.Events, "tx", "fee"))
	for _, k := range []keys.PrivKey{alice, bob} {
		acc := c.account(addrOf(k))
		require.Equal(t, uint64(1), acc.Sequence, "%s's sequence", addrOf(k))
		require.NotNil(t, acc.PubKey, "the tx records every signer's public key")
	}

	// The fee reached the fee collector, which the next block pays out to
	// the community pool (nobody signed the last commit here).
	require.True(t, c.communityPool().IsZero())
	c.block()
	require.Equal(t, math.LegacyNewDec(500).String(), c.communityPool().String())
}

func TestATwoSignerTxWithABadSecondSignatureIsRefusedAndChangesNothing(t *testing.T) {
	c := newTestChain(t)
	alice, bob := testKey("alice"), testKey("bob")
	carol := addrOf(testKey("carol"))
	// A first tx records both public keys, so that every later check knows them.
	first := mustMarshal(t, c.signedBySeveral(carol, "1ustake", "", alice, bob))
	require.Zero(t, c.block(first).TxResults[0].Code)

	for _, tc := range []struct {
		name string
		bad  int // the index of the signature made bad
	}{
		{"a bad second signature is refused", 1},
		{"a bad first signature is refused", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw := c.signedBySeveral(carol, "10ustake", "500ustake", alice, bob)
			raw.Signatures[tc.bad][5] ^= 1
			tx := mustMarshal(t, raw)
			before := c.stateDump()

			check := c.checkTx(tx)
			require.Equal(t, core.ErrUnauthorized.Codespace(), check.Codespace, check.Log)
			require.Equal(t, core.ErrUnauthorized.Code(), check.Code, check.Log)
			// CheckTx left both accounts as they were: their next txs
			// still take sequence 1.
			require.Zero(t, c.checkTx(c.sign(c.send(alice, carol, "1ustake"))).Code)
			require.Zero(t, c.checkTx(c.sign(c.send(bob, carol, "1ustake"))).Code)

			proc, err := c.app.ProcessProposal(t.Context(), &abci.RequestProcessProposal{Txs: [][]byte{tx}, Height: c.height + 1, Time: c.time})
			require.NoError(t, err)
			require.Equal(t, abci.ResponseProcessProposal_REJECT, proc.Status)

			// A block that holds it anyway (decided by others) runs it and
			// charges no one.
			res := c.finalize([][]byte{tx})
			require.Equal(t, core.ErrUnauthorized.Code(), res.TxResults[0].Code, res.TxResults[0].Log)
			require.Equal(t, before, c.stateDump(), "the state must not change")
			require.Equal(t, uint64(1), c.account(addrOf(alice)).Sequence)
			require.Equal(t, uint64(1), c.account(addrOf(bob)).Sequence)
		})
	}
}

// communityPool reads the community pool's ustake through its query.
func (c *testChain) communityPool() math.LegacyDec {
	c.t.Helper()
	var resp distributiontypes.QueryCommunityPoolResponse
	res := c.query("/cosmos.distribution.v1beta1.Query/CommunityPool", &distributiontypes.QueryCommunityPoolRequest{}, &resp)
	require.Zero(c.t, res.Code, res.Log)
	for _, dc := range resp.Pool {
		if dc.Denom == "ustake" {
			d, err := core.DecFromProto(dc.Amount)
			require.NoError(c.t, err)
			return d
		}
	}
	return math.LegacyZeroDec()
}
