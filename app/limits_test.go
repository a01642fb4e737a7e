package app

import (
	"context"
	"math"
	"strings"
	"testing"

	dbm "github.com/cometbft/cometbft-db"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/x/auth/keys"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
	govtypes "github.com/stakechain/stakechain/x/gov/types"
	stakingtypes "github.com/stakechain/stakechain/x/staking/types"
	tokentypes "github.com/stakechain/stakechain/x/token/types"
)

// maxUint256 is 2^256 - 1, the largest amount a coin holds.
var maxUint256 = "115792089237316195423570985008687907853269984665640564039457584007913129639935"

// signedTx signs a tx of msgs from key with the account's current number
// and sequence; edit changes the spec first.
func (c *testChain) signedTx(key keys.PrivKey, msgs []*gogotypes.Any, edit func(*client.TxSpec)) []byte {
	c.t.Helper()
	acc := c.account(addrOf(key))
	require.NotNil(c.t, acc)
	spec := client.TxSpec{Msgs: msgs, Fee: core.Coins{}, GasLimit: 200_000, ChainID: testChainID,
		AccountNumber: acc.AccountNumber, Sequence: acc.Sequence}
	if edit != nil {
		edit(&spec)
	}
	bz, err := client.Sign(spec, key)
	require.NoError(c.t, err)
	return bz
}

// withRaw re-encodes tx after edit changed its TxRaw (which invalidates the
// signature: for inputs the decoder must refuse first).
func withRaw(t *testing.T, tx []byte, edit func(raw *authtypes.TxRaw)) []byte {
	var raw authtypes.TxRaw
	require.NoError(t, raw.Unmarshal(tx))
	edit(&raw)
	bz, err := raw.Marshal()
	require.NoError(t, err)
	return bz
}

// withAuthInfo re-encodes tx after edit changed its AuthInfo.
func withAuthInfo(t *testing.T, tx []byte, edit func(info *authtypes.AuthInfo)) []byte {
	return withRaw(t, tx, func(raw *authtypes.TxRaw) {
		var info authtypes.AuthInfo
		require.NoError(t, info.Unmarshal(raw.AuthInfoBytes))
		edit(&info)
		bz, err := info.Marshal()
		require.NoError(t, err)
		raw.AuthInfoBytes = bz
	})
}

func sendAny(t testing.TB, from, to, amount string) *gogotypes.Any {
	return mustPack(t, banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: from, ToAddress: to,
		Amount: []*authtypes.Coin{{Denom: "ustake", Amount: amount}}})
}

// TestOversizedMalformedAndOverflowingInputIsRejectedInCheckTx covers the
// inputs a peer can send to make a node work, allocate or overflow: each
// is refused by CheckTx with its registered code and a message that says
// why, changes nothing, and fails with the same code if forced into a
// block.
func TestOversizedMalformedAndOverflowingInputIsRejectedInCheckTx(t *testing.T) {
	alice := testKey("alice")
	from, bob := addrOf(alice), addrOf(testKey("bob"))
	valid := func(c *testChain) []byte { return c.sign(c.send(alice, bob, "1ustake")) }

	cases := []struct {
		name string
		tx   func(t *testing.T, c *testChain) []byte
		err  *core.Error
		log  string // a part of the log
	}{
		{"a 1 MB Any value", func(t *testing.T, c *testChain) []byte {
			return c.signedTx(alice, []*gogotypes.Any{{TypeUrl: banktypes.TypeURLMsgSend, Value: make([]byte, 1<<20)}}, nil)
		}, core.ErrTxTooLarge, "the limit is 65536"},
		{"a 1 MB memo", func(t *testing.T, c *testChain) []byte {
			return c.signedTx(alice, []*gogotypes.Any{sendAny(t, from, bob, "1")}, func(s *client.TxSpec) { s.Memo = strings.Repeat("m", 1<<20) })
		}, core.ErrTxTooLarge, "the limit is 65536"},
		{"two thousand tiny messages", func(t *testing.T, c *testChain) []byte {
			msgs := make([]*gogotypes.Any, 2000)
			for i := range msgs {
				msgs[i] = &gogotypes.Any{TypeUrl: "/a"}
			}
			return c.signedTx(alice, msgs, nil)
		}, core.ErrTooManyMessages, "2000 messages, the limit is 32"},
		{"a memo of 257 characters", func(t *testing.T, c *testChain) []byte {
			return c.signedTx(alice, []*gogotypes.Any{sendAny(t, from, bob, "1")}, func(s *client.TxSpec) { s.Memo = strings.Repeat("m", 257) })
		}, core.ErrMemoTooLarge, "the limit is 256"},
		{"sixty thousand unterminated protobuf groups", func(t *testing.T, c *testChain) []byte {
			// Field 100, wire type 3 (start group), nested without end.
			return []byte(strings.Repeat("\xa3\x06", 30_000))
		}, core.ErrTxDecode, "not a TxRaw"},
		{"deeply nested groups in the body", func(t *testing.T, c *testChain) []byte {
			return withRaw(t, valid(c), func(raw *authtypes.TxRaw) {
				raw.BodyBytes = []byte(strings.Repeat("\xa3\x06", 15_000) + strings.Repeat("\xa4\x06", 14_999))
			})
		}, core.ErrTxDecode, "body"},
		{"a length prefix past the end", func(t *testing.T, c *testChain) []byte {
			return []byte("\x0a\xff\xff\xff\xff\x0f\x00")
		}, core.ErrTxDecode, "not a TxRaw"},
		{"an overlong varint in the auth info", func(t *testing.T, c *testChain) []byte {
			return withRaw(t, valid(c), func(raw *authtypes.TxRaw) {
				raw.AuthInfoBytes = []byte("\x12\x02\x10" + strings.Repeat("\xff", 11))
			})
		}, core.ErrTxDecode, "auth info"},
		{"a string field sent as a varint", func(t *testing.T, c *testChain) []byte {
			return withRaw(t, valid(c), func(raw *authtypes.TxRaw) { raw.BodyBytes = []byte("\x12\x05") })
		}, core.ErrTxDecode, "body"},
		{"a message that is not its type", func(t *testing.T, c *testChain) []byte {
			return c.signedTx(alice, []*gogotypes.Any{{TypeUrl: banktypes.TypeURLMsgSend, Value: []byte("\x0a\xff\x01")}}, nil)
		}, core.ErrTxDecode, banktypes.TypeURLMsgSend},
		{"a proposal nested in proposals", func(t *testing.T, c *testChain) []byte {
			inner := sendAny(t, from, bob, "1")
			for i := 0; i < 50; i++ {
				inner = mustPack(t, govtypes.TypeURLMsgSubmitProposal, &govtypes.MsgSubmitProposal{Messages: []*gogotypes.Any{inner}, Proposer: from, Title: "t", Summary: "s"})
			}
			return c.signedTx(alice, []*gogotypes.Any{inner}, nil)
		}, core.ErrInvalidRequest, "cannot be a proposal's message"},
		{"an amount spelt in hexadecimal", func(t *testing.T, c *testChain) []byte {
			return c.signedTx(alice, []*gogotypes.Any{sendAny(t, from, bob, "0x10")}, nil)
		}, core.ErrInvalidCoins, "is not a base-10 integer"},
		{"an amount of 2^256", func(t *testing.T, c *testChain) []byte {
			return c.signedTx(alice, []*gogotypes.Any{sendAny(t, from, bob, "115792089237316195423570985008687907853269984665640564039457584007913129639936")}, nil)
		}, core.ErrInvalidCoins, "too large"},
		{"a delegation of 2^300", func(t *testing.T, c *testChain) []byte {
			return c.signedTx(alice, []*gogotypes.Any{mustPack(t, stakingtypes.TypeURLMsgDelegate, &stakingtypes.MsgDelegate{
				DelegatorAddress: from, ValidatorAddress: testKey("v1").PubKey().Address().Valoper(),
				Amount: &authtypes.Coin{Denom: "ustake", Amount: "2037035976334486086268445688409378161051468393665936250636140449354381299763336706183397376"}})}, nil)
		}, core.ErrInvalidCoins, "too large"},
		{"a token supply of 10^100", func(t *testing.T, c *testChain) []byte {
			return c.signedTx(alice, []*gogotypes.Any{mustPack(t, tokentypes.TypeURLMsgCreateToken, &tokentypes.MsgCreateToken{
				Creator: from, Symbol: "BIG", Name: "Big", MaxSupply: "1" + strings.Repeat("0", 100), InitialSupply: "1"})}, nil)
		}, nil, "supply"},
		{"a fee amount of 2^256", func(t *testing.T, c *testChain) []byte {
			return withAuthInfo(t, valid(c), func(info *authtypes.AuthInfo) {
				info.Fee.Amount = []*authtypes.Coin{{Denom: "ustake", Amount: "115792089237316195423570985008687907853269984665640564039457584007913129639936"}}
			})
		}, core.ErrInsufficientFee, "too large"},
		{"a fee that repeats a denom, as if to add up past 2^256", func(t *testing.T, c *testChain) []byte {
			return withAuthInfo(t, valid(c), func(info *authtypes.AuthInfo) {
				info.Fee.Amount = []*authtypes.Coin{{Denom: "ustake", Amount: maxUint256}, {Denom: "ustake", Amount: maxUint256}}
			})
		}, core.ErrInsufficientFee, "ustake"},
		{"a fee of 2^256 - 1", func(t *testing.T, c *testChain) []byte {
			return c.signedTx(alice, []*gogotypes.Any{sendAny(t, from, bob, "1")}, func(s *client.TxSpec) {
				fee, err := core.ParseCoins(maxUint256 + "ustake")
				require.NoError(t, err)
				s.Fee = fee
			})
		}, core.ErrInsufficientFunds, "cannot pay the fee"},
		{"a gas limit of 2^64 - 1", func(t *testing.T, c *testChain) []byte {
			return c.signedTx(alice, []*gogotypes.Any{sendAny(t, from, bob, "1")}, func(s *client.TxSpec) { s.GasLimit = math.MaxUint64 })
		}, core.ErrInvalidGasLimit, "is above 1125899906842624"},
		{"a gas limit just above the per-tx bound", func(t *testing.T, c *testChain) []byte {
			return c.signedTx(alice, []*gogotypes.Any{sendAny(t, from, bob, "1")}, func(s *client.TxSpec) { s.GasLimit = maxGasLimit + 1 })
		}, core.ErrInvalidGasLimit, "is above"},
		{"a sequence of 2^64 - 1", func(t *testing.T, c *testChain) []byte {
			return c.signedTx(alice, []*gogotypes.Any{sendAny(t, from, bob, "1")}, func(s *client.TxSpec) { s.Sequence = math.MaxUint64 })
		}, core.ErrWrongSequence, "expected 0, got 18446744073709551615"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestChain(t)
			tx := tc.tx(t, c)
			before := c.stateDump()
			check := c.checkTx(tx)
			require.NotZero(t, check.Code, "CheckTx accepted it")
			if tc.err != nil {
				require.Equal(t, tc.err.Codespace(), check.Codespace, check.Log)
				require.Equal(t, tc.err.Code(), check.Code, check.Log)
			}
			requireRegistered(t, tc.name, check.Codespace, check.Code, check.Log)
			require.Contains(t, check.Log, tc.log)
			require.Zero(t, c.checkTx(valid(c)).Code, "the check-state changed")

			res := c.finalize([][]byte{tx})
			require.Equal(t, check.Code, res.TxResults[0].Code, res.TxResults[0].Log)
			require.Equal(t, before, c.stateDump(), "the state must not change")
		})
	}
}

// TestATxOverTheBlockGasLimitIsRejected: a tx that can never fit in a
// block is refused at once rather than left in the mempool.
func TestATxOverTheBlockGasLimitIsRejected(t *testing.T) {
	c := newTestChainWithMaxGas(t, 1_000_000)
	alice := testKey("alice")
	msgs := []*gogotypes.Any{sendAny(t, addrOf(alice), addrOf(testKey("bob")), "1")}
	over := c.checkTx(c.signedTx(alice, msgs, func(s *client.TxSpec) { s.GasLimit = 1_000_001 }))
	require.Equal(t, core.ErrInvalidGasLimit.Code(), over.Code, over.Log)
	require.Contains(t, over.Log, "above the block gas limit 1000000")
	at := c.checkTx(c.signedTx(alice, msgs, func(s *client.TxSpec) { s.GasLimit = 1_000_000 }))
	require.Zero(t, at.Code, at.Log)
}

// TestABlockWhoseGasAddsUpPastTheLargestIntegerIsRejected: 8192 txs of
// 2^50 gas each add up to 2^63, which wraps around to a negative int64; the
// block is over its gas limit all the same.
func TestABlockWhoseGasAddsUpPastTheLargestIntegerIsRejected(t *testing.T) {
	c := newTestChainWithMaxGas(t, 10_000_000)
	alice := testKey("alice")
	tx := c.signedTx(alice, []*gogotypes.Any{sendAny(t, addrOf(alice), addrOf(testKey("bob")), "1")},
		func(s *client.TxSpec) { s.GasLimit = maxGasLimit })
	txs := make([][]byte, 8192)
	for i := range txs {
		txs[i] = tx
	}
	res, err := c.app.ProcessProposal(context.Background(), &abci.RequestProcessProposal{Txs: txs, Height: c.height + 1, Time: c.time})
	require.NoError(t, err)
	require.Equal(t, abci.ResponseProcessProposal_REJECT, res.Status)

	prep, err := c.app.PrepareProposal(context.Background(), &abci.RequestPrepareProposal{Txs: txs, MaxTxBytes: 4 << 20, Height: c.height + 1, Time: c.time})
	require.NoError(t, err)
	require.Empty(t, prep.Txs, "no tx of 2^50 gas fits a block of 10^7")
}

// newTestChainWithMaxGas is newTestChain with a block gas limit, which
// comes from the consensus parameters of InitChain.
func newTestChainWithMaxGas(t *testing.T, maxGas int64) *testChain {
	a, err := New(Config{DB: dbm.NewMemDB()})
	require.NoError(t, err)
	c := &testChain{t: t, app: a, time: testGenesisTime}
	_, err = a.InitChain(context.Background(), &abci.RequestInitChain{
		ChainId: testChainID, InitialHeight: 1, AppStateBytes: genesisWith(t, map[string]string{"alice": "1000000ustake", "bob": "1000ustake"}, "alice", "bob"),
		ConsensusParams: &cmtproto.ConsensusParams{Block: &cmtproto.BlockParams{MaxBytes: 4 << 20, MaxGas: maxGas}},
	})
	require.NoError(t, err)
	c.block()
	return c
}

// TestAnAccountAtItsLastSequenceCannotSign: the increment would wrap the
// sequence to 0 and make the account's old transactions valid again.
func TestAnAccountAtItsLastSequenceCannotSign(t *testing.T) {
	c := newTestChain(t)
	alice := testKey("alice")
	st := c.app.checkState
	acc := c.app.auth.Account(st, alice.PubKey().Address())
	acc.Sequence = math.MaxUint64
	c.app.auth.SetAccount(st, alice.PubKey().Address(), acc)
	s := c.send(alice, addrOf(testKey("bob")), "1ustake")
	s.seq = math.MaxUint64
	res := c.checkTx(c.sign(s))
	require.Equal(t, core.ErrInvalidSequence.Code(), res.Code, res.Log)
	require.Contains(t, res.Log, "last sequence number")
	require.Equal(t, uint64(math.MaxUint64), c.app.auth.Account(st, alice.PubKey().Address()).Sequence)
}

// TestGasParametersAtTheirLargestDoNotWrapTheGasAround: governance can set
// the gas prices of transactions to any uint64; the gas a tx needs then
// saturates instead of wrapping around to a figure below its limit.
func TestGasParametersAtTheirLargestDoNotWrapTheGasAround(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  func(c *testChain)
	}{
		{"the cost per byte", func(c *testChain) {
			p := c.app.auth.Params(c.app.checkState)
			p.TxSizeCostPerByte = math.MaxUint64
			require.NoError(t, c.app.auth.SetParams(c.app.checkState, p))
		}},
		{"the cost per signature and the base cost", func(c *testChain) {
			p := c.app.auth.Params(c.app.checkState)
			p.TxBaseGas, p.SigVerifyCostSecp256k1 = math.MaxUint64, math.MaxUint64
			require.NoError(t, c.app.auth.SetParams(c.app.checkState, p))
		}},
		{"the cost per coin sent", func(c *testChain) {
			p := c.app.bank.Params(c.app.checkState)
			p.SendGasPerCoin = math.MaxUint64 / 2
			require.NoError(t, c.app.bank.SetParams(c.app.checkState, p))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestChain(t)
			tc.set(c)
			res := c.checkTx(c.sign(c.send(testKey("alice"), addrOf(testKey("bob")), "1ustake,1foo")))
			require.Equal(t, core.ErrOutOfGas.Code(), res.Code, res.Log)
			require.Contains(t, res.Log, "18446744073709551615 the tx needs")
		})
	}
}

// TestSimulateRefusesAnOversizedTx: the simulation query decodes under the
// same bounds as CheckTx.
func TestSimulateRefusesAnOversizedTx(t *testing.T) {
	c := newTestChain(t)
	res := c.query("/cosmos.tx.v1beta1.Service/Simulate", &authtypes.SimulateRequest{TxBytes: make([]byte, 1<<20)}, nil)
	require.Equal(t, core.ErrTxTooLarge.Code(), res.Code, res.Log)
}
