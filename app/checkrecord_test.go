package app

import (
	"context"
	"crypto/sha256"
	"fmt"
	"slices"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/cmd/client"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
	tokentypes "github.com/stakechain/stakechain/x/token/types"
)

// mempoolSim keeps a chain's mempool as CometBFT does: admitted
// transactions in order, rechecked after every block, and dropped when they
// are in a block or fail a recheck.
type mempoolSim struct {
	c   *testChain
	txs [][]byte
	// log has one line per CheckTx answer and a dump of the check-state
	// after each recheck, to compare two chains by.
	log []string
}

func (m *mempoolSim) add(tx []byte) {
	m.c.t.Helper()
	res := m.c.checkTx(tx)
	m.log = append(m.log, fmt.Sprintf("new %x: %d %d/%d %s", sha256.Sum256(tx), res.Code, res.GasWanted, res.GasUsed, res.Log))
	if res.Code == abci.CodeTypeOK {
		m.txs = append(m.txs, tx)
	}
}

// block commits txs, removes them from the mempool and rechecks the rest.
func (m *mempoolSim) block(txs ...[]byte) {
	m.c.t.Helper()
	m.c.finalize(txs)
	in := map[string]bool{}
	for _, tx := range txs {
		in[string(tx)] = true
	}
	var kept [][]byte
	for _, tx := range m.txs {
		if in[string(tx)] {
			continue
		}
		res, err := m.c.app.CheckTx(context.Background(), &abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_Recheck})
		require.NoError(m.c.t, err)
		m.log = append(m.log, fmt.Sprintf("recheck %x: %d %d/%d %s", sha256.Sum256(tx), res.Code, res.GasWanted, res.GasUsed, res.Log))
		if res.Code == abci.CodeTypeOK {
			kept = append(kept, tx)
		}
	}
	m.txs = kept
	for _, ch := range m.c.app.checkState.Changes() {
		m.log = append(m.log, fmt.Sprintf("check-state %q=%x", ch.Key, ch.Value))
	}
}

// The records change nothing: the same transactions, blocks and rechecks
// give the same answers and the same check-state with them as without,
// through transactions that stay valid, ones that lose their sequence or
// their funds to a block, one whose timeout height passes, and transfers
// whose recipients' accounts and balances a block changed.
func TestCheckRecordsChangeNoAnswer(t *testing.T) {
	var replayed []uint64 // by the recheck after each block, with records
	run := func(records bool) []string {
		funds := map[string]string{"alice": "1000000ustake", "bob": "5000ustake", "carol": "300ustake"}
		c := newTestChainWithConfig(t, Config{}, genesisWith(t, funds, "alice", "bob", "carol"))
		if !records {
			c.app.checked = nil
		}
		alice, bob, carol := testKey("alice"), testKey("bob"), testKey("carol")
		m := &mempoolSim{c: c}
		var aliceTxs, bobTxs [][]byte
		for seq := uint64(0); seq < 5; seq++ {
			s := c.send(alice, addrOf(bob), "10ustake").withSeq(seq)
			s.fee = "5ustake"
			aliceTxs = append(aliceTxs, c.sign(s))
			m.add(aliceTxs[seq])
		}
		for seq := uint64(0); seq < 3; seq++ {
			bobTxs = append(bobTxs, c.sign(c.send(bob, addrOf(carol), "1000ustake").withSeq(seq)))
			m.add(bobTxs[seq])
		}
		m.add(c.sign(c.send(carol, addrOf(alice), "250ustake")))
		// Alice's sixth, valid only up to the next height.
		send, err := client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: addrOf(alice), ToAddress: addrOf(carol),
			Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "1"}}})
		require.NoError(t, err)
		m.add(c.signedTx(alice, []*gogotypes.Any{send}, func(s *client.TxSpec) {
			s.Sequence, s.TimeoutHeight, s.Fee = 5, uint64(c.height+1), core.Coins{}
		}))

		block := func(txs ...[]byte) {
			before := c.app.checkReplays
			m.block(txs...)
			if records {
				replayed = append(replayed, c.app.checkReplays-before)
			}
		}
		block(aliceTxs[0], bobTxs[0])
		// Bob's second tx is replaced by one that spends nearly all he has:
		// his third now fails on its sequence, then on its funds.
		drain := c.sign(c.send(bob, addrOf(alice), "3900ustake").withSeq(1))
		block(drain)
		block(aliceTxs[1])
		block()
		return m.log
	}
	with, without := run(true), run(false)
	require.Equal(t, without, with)
	require.Contains(t, fmt.Sprint(with), "timeout height", "the test covers a passed timeout height")
	require.Contains(t, fmt.Sprint(with), "sequence mismatch", "the test covers a lost sequence")
	require.Contains(t, fmt.Sprint(with), "insufficient funds", "the test covers funds spent by a block")
	// After the first block, every recheck but that of the tx whose timeout
	// height passed is a replay, although the block changed the accounts
	// and balances the transfers read, in another order than the mempool's:
	// a transfer only asks whether its recipient's account exists, and
	// moves fixed amounts between balances that still cover them.
	require.Equal(t, uint64(7), replayed[0], "replays after each block: %v", replayed)
}

// A transfer's record keeps its balances as moves: the sender's must hold
// at least what it held, the recipient's anything, since nothing is taken
// from it; but a recipient that signs the tx too is held to what it held.
func TestCheckRecordMovesBalancesByFixedAmounts(t *testing.T) {
	c := newTestChainWithConfig(t, Config{}, genesisWith(t, map[string]string{"alice": "1000ustake", "bob": "500ustake"}, "alice", "bob"))
	alice, bob := testKey("alice").PubKey().Address(), testKey("bob").PubKey().Address()
	send := c.send(testKey("alice"), addrOf(testKey("bob")), "10ustake")
	send.fee = "5ustake"
	tx, err := c.app.decodeTx(c.sign(send), c.app.limits(c.app.checkState, false))
	require.NoError(t, err)
	r := &recorder{w: store.NewCache(c.app.checkState)}
	res := c.app.runTx(modeCheck, r, c.app.checkBlock(), tx)
	require.NoError(t, res.err)
	require.True(t, onlyTransfers(tx))

	record := func(signers ...authtypes.Address) *checkRecord {
		rec := &checkRecord{reads: slices.Clone(r.reads), has: r.has, writes: slices.Clone(r.writes)}
		rec.takeMoves(signers)
		return rec
	}
	isBalance := func(key []byte) bool {
		_, _, _, ok := bankMoves.Of(key, nil, nil)
		return ok
	}
	moveOf := func(rec *checkRecord, who authtypes.Address) balanceMove {
		for _, m := range rec.moves {
			if owner, _, _, _ := bankMoves.Of(m.key, nil, nil); owner.Equal(who) {
				return m
			}
		}
		t.Fatalf("no move of %s's balance in %+v", who, rec.moves)
		return balanceMove{}
	}
	rec := record(alice)
	require.Len(t, rec.moves, 2)
	from, to := moveOf(rec, alice), moveOf(rec, bob)
	require.Equal(t, "1000", from.atLeast.String())
	require.Equal(t, "-15", from.by.String(), "the amount and the fee")
	require.True(t, to.atLeast.IsZero())
	require.Equal(t, "10", to.by.String())
	notBalance := func(cs []store.Change) []store.Change {
		return slices.DeleteFunc(slices.Clone(cs), func(c store.Change) bool { return isBalance(c.Key) })
	}
	require.Equal(t, notBalance(r.reads), rec.reads, "balances are moves, not reads")
	require.Equal(t, notBalance(r.writes), rec.writes, "balances are moves, not writes")
	require.Less(t, len(rec.writes), len(r.writes))
	require.NotEmpty(t, rec.has, "whether bob's account exists is asked, not read")

	rec = record(alice, bob)
	require.Equal(t, "500", moveOf(rec, bob).atLeast.String(), "bob signs: he must hold what he held")
}

// A record that asked whether a key is there matches only a state where the
// answer is the same, whatever the key holds.
func TestCheckRecordMatchesOnPresence(t *testing.T) {
	st := store.NewCache(store.Empty{})
	st.Set([]byte("there"), []byte("1"))
	rec := &checkRecord{has: []presence{{key: []byte("there"), was: true}, {key: []byte("missing"), was: false}}}
	require.True(t, unchanged(st, rec))
	st.Set([]byte("there"), []byte("2"))
	require.True(t, unchanged(st, rec), "a new value of a key found there")
	st.Set([]byte("missing"), []byte("1"))
	require.False(t, unchanged(st, rec), "a key that was missing is there")
	st.Delete([]byte("missing"))
	st.Delete([]byte("there"))
	require.False(t, unchanged(st, rec), "a key that was there is gone")
}

// A self-send changes its sender's balance by no more than the fee, but
// needs the whole amount. When another account has lowered that balance
// since the check (here a transferFrom, which leaves the sender's account
// as it was), the recheck fails on the funds as a run would, and with
// enough left it still succeeds.
func TestARecheckHoldsASelfSendToItsSendersWholeBalance(t *testing.T) {
	for _, tc := range []struct {
		name  string
		taken string // of alice's 50 GOLD, by bob's transferFrom
		fails bool
	}{
		{"the transfer fails where alice is left less than it sends", "20", true},
		{"the transfer succeeds where alice is left what it sends", "10", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gold := goldDenom()
			c := newTestChainWithConfig(t, Config{}, genesisWithGold(t, map[string]string{
				"alice": "100ustake,50" + gold, "bob": "100ustake"}, "alice", "bob"))
			alice, bob := testKey("alice"), testKey("bob")
			m := &mempoolSim{c: c}
			self := c.send(alice, addrOf(alice), "40"+gold)
			self.fee = "1ustake"
			m.add(c.sign(self))
			require.Len(t, m.txs, 1)

			code, log := c.deliver(bob, tokentypes.TypeURLMsgTransferFrom, &tokentypes.MsgTransferFrom{Spender: addrOf(bob),
				Owner: addrOf(alice), Recipient: addrOf(bob), Amount: &authtypes.Coin{Denom: gold, Amount: tc.taken}})
			require.Zero(t, code, log)
			res, err := c.app.CheckTx(context.Background(), &abci.RequestCheckTx{Tx: m.txs[0], Type: abci.CheckTxType_Recheck})
			require.NoError(t, err)
			if tc.fails {
				require.Equal(t, core.ErrInsufficientFunds.Code(), res.Code, res.Log)
				require.Equal(t, "30", c.app.bank.Balance(c.app.checkState, alice.PubKey().Address(), gold).String())
				return
			}
			require.Zero(t, res.Code, res.Log)
			require.Equal(t, "40", c.app.bank.Balance(c.app.checkState, alice.PubKey().Address(), gold).String())
			require.Equal(t, "99", c.app.bank.Balance(c.app.checkState, alice.PubKey().Address(), "ustake").String())
		})
	}
}
