package app

import (
	"context"
	"crypto/sha256"
	"fmt"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/cmd/client"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
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
// their funds to a block, and one whose timeout height passes.
func TestCheckRecordsChangeNoAnswer(t *testing.T) {
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

		m.block(aliceTxs[0], bobTxs[0])
		// Bob's second tx is replaced by one that spends nearly all he has:
		// his third now fails on its sequence, then on its funds.
		drain := c.sign(c.send(bob, addrOf(alice), "2900ustake").withSeq(1))
		m.block(drain)
		m.block(aliceTxs[1])
		m.block()
		return m.log
	}
	with, without := run(true), run(false)
	require.Equal(t, without, with)
	require.Contains(t, fmt.Sprint(with), "timeout height", "the test covers a passed timeout height")
	require.Contains(t, fmt.Sprint(with), "sequence mismatch", "the test covers a lost sequence")
}
