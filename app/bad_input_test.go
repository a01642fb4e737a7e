package app

import (
	"strings"
	"testing"

	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/cmd/client"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

// TestBadTransactionsAreRejectedAndChangeNothing covers each reason a
// transaction is refused: CheckTx answers with the registered code, and the
// same tx forced into a block fails with that code without moving coins.
func TestBadTransactionsAreRejectedAndChangeNothing(t *testing.T) {
	alice := testKey("alice")
	bob := addrOf(testKey("bob"))
	coin := func(denom, amount string) []*authtypes.Coin { return []*authtypes.Coin{{Denom: denom, Amount: amount}} }

	cases := []struct {
		name string
		tx   func(c *testChain) []byte
		err  *core.Error
		// feeAndSeqKept: the tx fails in its message, after the fee and
		// sequence were charged, when forced into a block.
		feeAndSeqKept bool
	}{
		{"undecodable bytes", func(c *testChain) []byte { return []byte("not a transaction") }, core.ErrTxDecode, false},
		{"an empty tx", func(c *testChain) []byte { return []byte{} }, core.ErrTxDecode, false},
		{"no signature", func(c *testChain) []byte {
			var raw authtypes.TxRaw
			require.NoError(t, raw.Unmarshal(c.sign(c.send(alice, bob, "1ustake"))))
			raw.Signatures = nil
			bz, err := raw.Marshal()
			require.NoError(t, err)
			return bz
		}, core.ErrNoSignatures, false},
		{"a wrong signature", func(c *testChain) []byte {
			var raw authtypes.TxRaw
			require.NoError(t, raw.Unmarshal(c.sign(c.send(alice, bob, "1ustake"))))
			raw.Signatures[0][5] ^= 0xff
			bz, err := raw.Marshal()
			require.NoError(t, err)
			return bz
		}, core.ErrUnauthorized, false},
		{"a signature by another key", func(c *testChain) []byte {
			s := c.send(alice, bob, "1ustake")
			good := c.sign(s)
			s.from = testKey("mallory")
			var raw, forged authtypes.TxRaw
			require.NoError(t, raw.Unmarshal(good))
			// mallory signs alice's body and auth info
			require.NoError(t, forged.Unmarshal(good))
			doc := authtypes.SignDoc{BodyBytes: raw.BodyBytes, AuthInfoBytes: raw.AuthInfoBytes, ChainId: testChainID, AccountNumber: s.accNum}
			sb, err := doc.Marshal()
			require.NoError(t, err)
			forged.Signatures[0], err = s.from.Sign(sb)
			require.NoError(t, err)
			bz, err := forged.Marshal()
			require.NoError(t, err)
			return bz
		}, core.ErrUnauthorized, false},
		{"a wrong chain id", func(c *testChain) []byte {
			s := c.send(alice, bob, "1ustake")
			s.chainID = "other-chain"
			return c.sign(s)
		}, core.ErrUnauthorized, false},
		{"a wrong account number", func(c *testChain) []byte {
			s := c.send(alice, bob, "1ustake")
			s.accNum += 7
			return c.sign(s)
		}, core.ErrUnauthorized, false},
		{"a sequence from the future", func(c *testChain) []byte {
			return c.sign(c.send(alice, bob, "1ustake").withSeq(5))
		}, core.ErrWrongSequence, false},
		{"a replayed sequence", func(c *testChain) []byte {
			old := c.sign(c.send(alice, bob, "1ustake"))
			res := c.block(old)
			require.Zero(t, res.TxResults[0].Code)
			return old
		}, core.ErrWrongSequence, false},
		{"too little balance for the amount", func(c *testChain) []byte {
			return c.sign(c.send(alice, bob, "2000000ustake"))
		}, core.ErrInsufficientFunds, true},
		{"a denom the sender does not hold", func(c *testChain) []byte {
			return c.sign(c.send(alice, bob, "1nothere"))
		}, core.ErrInsufficientFunds, true},
		{"too little balance for the fee", func(c *testChain) []byte {
			s := c.send(alice, bob, "1ustake")
			s.fee = "5000000ustake"
			return c.sign(s)
		}, core.ErrInsufficientFunds, false},
		{"an invalid denom", func(c *testChain) []byte {
			s := c.send(alice, bob, "1ustake")
			s.amount = coin("x!", "1")
			return c.sign(s)
		}, core.ErrInvalidCoins, false},
		{"a zero amount", func(c *testChain) []byte {
			s := c.send(alice, bob, "1ustake")
			s.amount = coin("ustake", "0")
			return c.sign(s)
		}, core.ErrInvalidCoins, false},
		{"a negative amount", func(c *testChain) []byte {
			s := c.send(alice, bob, "1ustake")
			s.amount = coin("ustake", "-5")
			return c.sign(s)
		}, core.ErrInvalidCoins, false},
		{"an amount that overflows", func(c *testChain) []byte {
			s := c.send(alice, bob, "1ustake")
			s.amount = coin("ustake", "1"+strings.Repeat("0", 80))
			return c.sign(s)
		}, core.ErrInvalidCoins, false},
		{"a non-numeric amount", func(c *testChain) []byte {
			s := c.send(alice, bob, "1ustake")
			s.amount = coin("ustake", "12abc")
			return c.sign(s)
		}, core.ErrInvalidCoins, false},
		{"no amount", func(c *testChain) []byte {
			s := c.send(alice, bob, "1ustake")
			s.amount = nil
			return c.sign(s)
		}, core.ErrInvalidCoins, false},
		{"an invalid recipient address", func(c *testChain) []byte {
			return c.sign(c.send(alice, "stake1notanaddress", "1ustake"))
		}, core.ErrInvalidAddress, false},
		{"a recipient address of another chain", func(c *testChain) []byte {
			other, err := authtypes.Bech32("cosmos", testKey("bob").PubKey().Address())
			require.NoError(t, err)
			return c.sign(c.send(alice, other, "1ustake"))
		}, core.ErrInvalidAddress, false},
		{"an oversized tx", func(c *testChain) []byte {
			s := c.send(alice, bob, "1ustake")
			s.msgs = 2000
			return c.sign(s)
		}, core.ErrTxTooLarge, false},
		{"too many messages", func(c *testChain) []byte {
			s := c.send(alice, bob, "1ustake")
			s.msgs = 33
			return c.sign(s)
		}, core.ErrTooManyMessages, false},
		{"a memo that is too long", func(c *testChain) []byte {
			s := c.send(alice, bob, "1ustake")
			s.memo = strings.Repeat("m", 257)
			return c.sign(s)
		}, core.ErrMemoTooLarge, false},
		{"a gas limit below what the tx needs", func(c *testChain) []byte {
			s := c.send(alice, bob, "1ustake")
			s.gas = 100
			return c.sign(s)
		}, core.ErrOutOfGas, false},
		{"a zero gas limit", func(c *testChain) []byte {
			s := c.send(alice, bob, "1ustake")
			s.gas = 0
			return c.sign(s)
		}, core.ErrInvalidGasLimit, false},
		{"an unknown message type", func(c *testChain) []byte {
			fee, _ := core.ParseCoins("")
			bz, err := client.Sign(client.TxSpec{
				Msgs: []*gogotypes.Any{{TypeUrl: "/cosmos.bank.v1beta1.MsgMultiSend", Value: []byte{}}},
				Fee:  fee, GasLimit: 200_000, ChainID: testChainID,
				AccountNumber: c.account(addrOf(alice)).AccountNumber,
			}, alice)
			require.NoError(t, err)
			return bz
		}, core.ErrUnknownRequest, false},
		{"a send to a module account", func(c *testChain) []byte {
			return c.sign(c.send(alice, authtypes.ModuleAddress("fee_collector").String(), "1ustake"))
		}, nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestChain(t)
			tx := tc.tx(c)
			beforeAlice, beforeBob := c.balance(addrOf(alice), "ustake"), c.balance(bob, "ustake")
			before := c.stateDump()
			seq := c.account(addrOf(alice)).Sequence

			check := c.checkTx(tx)
			require.NotZero(t, check.Code, "CheckTx accepted it")
			if tc.err != nil {
				require.Equal(t, tc.err.Codespace(), check.Codespace, check.Log)
				require.Equal(t, tc.err.Code(), check.Code, check.Log)
			}
			require.NotEmpty(t, check.Log)

			// CheckTx left the check-state as it was: a good tx with the
			// current sequence is still accepted.
			require.Zero(t, c.checkTx(c.sign(c.send(alice, bob, "1ustake"))).Code)

			res := c.finalize([][]byte{tx})
			require.Equal(t, check.Code, res.TxResults[0].Code, res.TxResults[0].Log)
			require.Equal(t, beforeAlice, c.balance(addrOf(alice), "ustake"))
			require.Equal(t, beforeBob, c.balance(bob, "ustake"))
			if tc.feeAndSeqKept {
				require.Equal(t, seq+1, c.account(addrOf(alice)).Sequence)
			} else {
				require.Equal(t, seq, c.account(addrOf(alice)).Sequence)
				require.Equal(t, before, c.stateDump(), "the state must not change")
			}
		})
	}
}

func TestTheNodesMinimumGasPriceIsEnforcedInCheckTx(t *testing.T) {
	c := newTestChainWithConfig(t, Config{MinGasPrices: "0.01ustake"}, genesisWith(t, map[string]string{"alice": "1000000ustake"}, "alice"))
	alice := testKey("alice")
	s := c.send(alice, addrOf(testKey("bob")), "1ustake")
	s.fee = "1999ustake" // 0.01 × 200000 = 2000
	check := c.checkTx(c.sign(s))
	require.Equal(t, core.ErrInsufficientFee.Code(), check.Code, check.Log)
	s.fee = "2000ustake"
	require.Zero(t, c.checkTx(c.sign(s)).Code)
}

func TestProcessProposalRejectsUnsignedAndUndecodableTransactions(t *testing.T) {
	c := newTestChain(t)
	alice := testKey("alice")
	var raw authtypes.TxRaw
	require.NoError(t, raw.Unmarshal(c.sign(c.send(alice, addrOf(testKey("bob")), "1ustake"))))
	raw.Signatures[0][3] ^= 1
	badSig, err := raw.Marshal()
	require.NoError(t, err)
	raw.Signatures = nil
	unsigned, err := raw.Marshal()
	require.NoError(t, err)
	for name, tx := range map[string][]byte{"bad signature": badSig, "unsigned": unsigned, "garbage": []byte{0xff, 0x01}} {
		res, err := c.app.ProcessProposal(t.Context(), processReq(tx))
		require.NoError(t, err)
		require.Equal(t, "REJECT", res.Status.String(), name)
	}
	_ = banktypes.TypeURLMsgSend
}
