package app

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/x/auth/keys"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	ballottypes "github.com/stakechain/stakechain/x/ballot/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/token"
	tokentypes "github.com/stakechain/stakechain/x/token/types"
)

var recheckSeed = flag.Int64("recheck.seed", 0, "run TestRecheckReplayEqualsRunningAgain with this seed only")

// The recheck replay (checkrecord.go) against its definition: for random
// mempools and random blocks, the answers of the recheck and the
// check-state it leaves are those of running every remaining transaction
// again from the new committed state, key for key.
//
// The mempools hold transfers (self-sends, several denoms and messages,
// new recipients, timeout heights), token approvals and transferFroms, and
// ballots (a message that uses the block). The blocks take some of the
// admitted transactions in another order, and add others the mempool never
// saw: transfers that drain their sender, and transferFroms that lower the
// balance of an account that did not sign them, whose own transactions
// then find less than when they were checked.
func TestRecheckReplayEqualsRunningAgain(t *testing.T) {
	seeds := []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	more := 500
	if testing.Short() {
		more = 90
	}
	gen := rand.New(rand.NewSource(19))
	for range more {
		seeds = append(seeds, gen.Int63())
	}
	if *recheckSeed != 0 {
		seeds = []int64{*recheckSeed}
	}
	var total recheckStats
	for _, seed := range seeds {
		if !t.Run(fmt.Sprint(seed), func(t *testing.T) { total.add(runRecheckCase(t, seed)) }) {
			t.Logf("seed %d failed; again alone: go test -run 'TestRecheckReplayEqualsRunningAgain' ./app/ -recheck.seed=%d", seed, seed)
		}
	}
	t.Logf("%d seeds: %+v", len(seeds), total)
	if *recheckSeed == 0 && !t.Failed() {
		// The comparison is only worth as much as the paths it went through.
		require.Positive(t, total.ranInFull, "rechecks that ran in full")
		require.Greater(t, total.replayed, total.rechecks/2, "most rechecks replay")
		require.Positive(t, total.replayedOnRicherSender, "replays on a sender's balance that grew since its check")
		require.Positive(t, total.ranBelowBound, "full runs for a sender's balance that fell below its bound")
		require.Positive(t, total.failed, "rechecks that failed")
	}
}

// recheckStats counts what the rechecks of the property test did.
type recheckStats struct {
	rechecks, replayed, ranInFull, failed int
	// Of the replays, those where a sender's moved balance held more than
	// when the tx was checked.
	replayedOnRicherSender int
	// Of the full runs, those where a sender's moved balance held less than
	// its bound.
	ranBelowBound int
}

func (s *recheckStats) add(o recheckStats) {
	s.rechecks += o.rechecks
	s.replayed += o.replayed
	s.ranInFull += o.ranInFull
	s.failed += o.failed
	s.replayedOnRicherSender += o.replayedOnRicherSender
	s.ranBelowBound += o.ranBelowBound
}

// recheckCase is one random mempool history.
type recheckCase struct {
	t        *testing.T
	rnd      *rand.Rand
	c        *testChain
	keys     []keys.PrivKey // the senders
	addrs    []string
	accNums  []uint64
	newcomer string   // only ever a recipient: the first transfer to it makes its account
	denoms   []string // in ascending order, as coins are
	gold     string   // a token every sender holds and may move for every other
	mempool  [][]byte
	stats    recheckStats
}

func runRecheckCase(t *testing.T, seed int64) recheckStats {
	rnd := rand.New(rand.NewSource(seed))
	names := []string{"alice", "bob", "carol", "dave"}
	s := &recheckCase{t: t, rnd: rnd, newcomer: addrOf(testKey("zed"))}
	for _, n := range names {
		s.keys = append(s.keys, testKey(n))
		s.addrs = append(s.addrs, addrOf(testKey(n)))
	}
	s.gold = goldDenom()
	s.denoms = []string{"foo", s.gold, "ustake"}

	funds := map[string]string{}
	for _, n := range names {
		funds[n] = fmt.Sprintf("%dfoo,%d%s,%dustake", 1+rnd.Intn(200), 1+rnd.Intn(300), s.gold, 100+rnd.Intn(900))
	}
	s.c = newTestChainWithConfig(t, Config{}, genesisWithGold(t, funds, names...))
	for _, a := range s.addrs {
		s.accNums = append(s.accNums, s.c.account(a).AccountNumber)
	}

	for range 3 + rnd.Intn(3) {
		for range 2 + rnd.Intn(9) {
			s.admit()
		}
		s.blockAndRecheck()
	}
	return s.stats
}

// admit offers the mempool a random tx from a random sender, signed with
// its sequence in the check-state (or, rarely, a wrong one).
func (s *recheckCase) admit() {
	from := s.rnd.Intn(len(s.keys))
	seq := s.c.app.auth.Account(s.c.app.checkState, s.keys[from].PubKey().Address()).Sequence
	if s.rnd.Intn(20) == 0 {
		seq++
	}
	tx := s.sign(from, seq, s.randomMsgs(from, s.c.app.checkState), s.rnd.Intn(8) == 0)
	res := s.c.checkTx(tx)
	if res.Code == abci.CodeTypeOK {
		s.mempool = append(s.mempool, tx)
	}
}

// randomMsgs returns the messages of a random tx from sender from, with
// amounts drawn from what the senders hold in r.
func (s *recheckCase) randomMsgs(from int, r store.Reader) []*gogotypes.Any {
	switch k := s.rnd.Intn(20); {
	case k < 12: // transfers: one or two, to anyone, self-sends included
		msgs := []*gogotypes.Any{s.sendMsg(from, s.recipient(from), r)}
		if s.rnd.Intn(4) == 0 {
			msgs = append(msgs, s.sendMsg(from, s.recipient(from), r))
		}
		return msgs
	case k < 15: // a self-send of most of a balance
		return []*gogotypes.Any{s.sendMsg(from, s.addrs[from], r)}
	case k < 17: // another's gold, to anyone
		owner := s.other(from)
		return []*gogotypes.Any{s.transferFromMsg(from, owner, s.recipient(from), r)}
	case k < 18: // a transfer and an approval together
		return []*gogotypes.Any{s.sendMsg(from, s.recipient(from), r), s.pack(tokentypes.TypeURLMsgApprove, &tokentypes.MsgApprove{
			Owner: s.addrs[from], Spender: s.addrs[s.other(from)], Amount: &authtypes.Coin{Denom: s.gold, Amount: fmt.Sprint(1_000_000 + s.rnd.Intn(10))}})}
	case k < 19: // a message that uses the block
		return []*gogotypes.Any{s.pack(ballottypes.TypeURLMsgCreateBallot, &ballottypes.MsgCreateBallot{Chairperson: s.addrs[from], Title: "lunch",
			ProposalNames: []string{"soup", "salad"}, VotingEnd: mustTimestamp(s.t, testGenesisTime.Add(24*time.Hour))})}
	default: // more than the sender has, most of the time
		return []*gogotypes.Any{s.pack(banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: s.addrs[from], ToAddress: s.addrs[s.other(from)],
			Amount: []*authtypes.Coin{{Denom: "ustake", Amount: fmt.Sprint(500 + s.rnd.Intn(2000))}}})}
	}
}

// recipient is anyone: the sender itself, another sender or the newcomer.
func (s *recheckCase) recipient(from int) string {
	switch k := s.rnd.Intn(10); {
	case k < 3:
		return s.addrs[from]
	case k < 4:
		return s.newcomer
	default:
		return s.addrs[s.other(from)]
	}
}

// other is a sender other than i.
func (s *recheckCase) other(i int) int { return (i + 1 + s.rnd.Intn(len(s.keys)-1)) % len(s.keys) }

// sendMsg is a MsgSend of one to three denoms, each up to what the sender
// holds in r.
func (s *recheckCase) sendMsg(from int, to string, r store.Reader) *gogotypes.Any {
	var amt []*authtypes.Coin
	for _, d := range s.denoms {
		if s.rnd.Intn(3) == 0 && (len(amt) > 0 || d != "ustake") {
			continue
		}
		amt = append(amt, &authtypes.Coin{Denom: d, Amount: s.upTo(from, d, r).String()})
	}
	return s.pack(banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: s.addrs[from], ToAddress: to, Amount: amt})
}

func (s *recheckCase) transferFromMsg(spender, owner int, to string, r store.Reader) *gogotypes.Any {
	return s.pack(tokentypes.TypeURLMsgTransferFrom, &tokentypes.MsgTransferFrom{Spender: s.addrs[spender], Owner: s.addrs[owner], Recipient: to,
		Amount: &authtypes.Coin{Denom: s.gold, Amount: s.upTo(owner, s.gold, r).String()}})
}

// upTo is a positive amount of denom up to what sender i holds in r, most
// often more than half of it.
func (s *recheckCase) upTo(i int, denom string, r store.Reader) math.Int {
	have := s.c.app.bank.Balance(r, s.keys[i].PubKey().Address(), denom).Int64()
	if have < 2 {
		return math.NewInt(1 + s.rnd.Int63n(3))
	}
	if s.rnd.Intn(3) == 0 {
		return math.NewInt(1 + s.rnd.Int63n(have))
	}
	return math.NewInt(have/2 + 1 + s.rnd.Int63n(have-have/2))
}

func (s *recheckCase) pack(typeURL string, m interface{ Marshal() ([]byte, error) }) *gogotypes.Any {
	a, err := client.PackMsg(typeURL, m)
	require.NoError(s.t, err)
	return a
}

// sign signs msgs from sender i with seq, a random fee and, if expiring, a
// timeout height one or two blocks ahead.
func (s *recheckCase) sign(i int, seq uint64, msgs []*gogotypes.Any, expiring bool) []byte {
	spec := client.TxSpec{Msgs: msgs, Fee: core.Coins{}, GasLimit: 400_000, ChainID: testChainID, AccountNumber: s.accNums[i], Sequence: seq}
	if s.rnd.Intn(2) == 0 {
		spec.Fee = core.Coins{{Denom: "ustake", Amount: math.NewInt(1 + s.rnd.Int63n(20))}}
	}
	if expiring {
		spec.TimeoutHeight = uint64(s.c.height + 1 + s.rnd.Int63n(2))
	}
	bz, err := client.Sign(spec, s.keys[i])
	require.NoError(s.t, err)
	return bz
}

// blockAndRecheck commits a random block, then rechecks the mempool twice
// from the new committed state: as the node does, with the records, and
// running every remaining tx again without them. Both give the same answers
// and the same check-state; the node keeps its own.
func (s *recheckCase) blockAndRecheck() {
	c, a := s.c, s.c.app
	var txs [][]byte
	if s.rnd.Intn(6) > 0 {
		for _, tx := range s.mempool {
			if s.rnd.Intn(2) == 0 {
				txs = append(txs, tx)
			}
		}
		s.rnd.Shuffle(len(txs), func(i, j int) { txs[i], txs[j] = txs[j], txs[i] })
		for range s.rnd.Intn(3) {
			at := s.rnd.Intn(len(txs) + 1)
			txs = slices.Insert(txs, at, s.unseenTx())
		}
	}
	c.finalize(txs)

	var remaining [][]byte
	for _, tx := range s.mempool {
		if !slices.ContainsFunc(txs, func(b []byte) bool { return string(b) == string(tx) }) {
			remaining = append(remaining, tx)
		}
	}
	var withRecords []string
	s.mempool = nil
	for _, tx := range remaining {
		res := s.recheckWithRecord(tx)
		withRecords = append(withRecords, answer(res))
		if res.Code == abci.CodeTypeOK {
			s.mempool = append(s.mempool, tx)
		}
	}
	replayed := a.checkState
	records := a.checked
	a.checked = nil
	a.resetCheckState()
	var again []string
	for _, tx := range remaining {
		again = append(again, answer(s.recheck(tx)))
	}
	a.checked = records
	require.Equal(s.t, again, withRecords, "answers at height %d", c.height)
	require.Equal(s.t, dumpState(a.checkState), dumpState(replayed), "check-state at height %d", c.height)
	require.Equal(s.t, a.checkState.Changes(), replayed.Changes(), "check-state's writes at height %d", c.height)
	a.checkState = replayed
}

// unseenTx is a tx the mempool never saw, signed with its sender's committed
// sequence: a transfer of most of a sender's balance, or a transferFrom
// that lowers the gold of an account that does not sign it.
// goldDenom is the denom of alice's token GOLD.
func goldDenom() string { return token.Denom(testKey("alice").PubKey().Address(), "GOLD") }

// genesisWithGold is genesisWith, where alice has created the token GOLD
// and every name may move up to a million of every other's.
func genesisWithGold(t *testing.T, funds map[string]string, names ...string) json.RawMessage {
	g, err := GenesisUpdate(genesisWith(t, funds, names...), func(g *GenesisState) {
		alice := addrOf(testKey("alice"))
		g.Token.Tokens = append(g.Token.Tokens, token.GenesisToken{Denom: goldDenom(), Creator: alice, Admin: alice,
			Symbol: "GOLD", Name: "Gold", MaxSupply: "1000000000"})
		for _, owner := range names {
			for _, spender := range names {
				if owner != spender {
					g.Token.Allowances = append(g.Token.Allowances, token.GenesisAllowance{Owner: addrOf(testKey(owner)),
						Spender: addrOf(testKey(spender)), Denom: goldDenom(), Amount: "1000000"})
				}
			}
		}
	})
	require.NoError(t, err)
	return g
}

func (s *recheckCase) unseenTx() []byte {
	from := s.rnd.Intn(len(s.keys))
	committed := s.c.app.tree.Latest()
	seq := s.c.app.auth.Account(committed, s.keys[from].PubKey().Address()).Sequence
	if s.rnd.Intn(2) == 0 {
		return s.sign(from, seq, []*gogotypes.Any{s.sendMsg(from, s.addrs[s.other(from)], committed)}, false)
	}
	owner := s.other(from)
	return s.sign(from, seq, []*gogotypes.Any{s.transferFromMsg(from, owner, s.addrs[s.other(owner)], committed)}, false)
}

func (s *recheckCase) recheck(tx []byte) *abci.ResponseCheckTx {
	res, err := s.c.app.CheckTx(s.t.Context(), &abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_Recheck})
	require.NoError(s.t, err)
	return res
}

// recheckWithRecord rechecks tx as the node does, and counts whether it
// replayed, and whether one of its senders' moved balances was above or
// below what the record asks of it.
func (s *recheckCase) recheckWithRecord(tx []byte) *abci.ResponseCheckTx {
	a := s.c.app
	richer, poorer := false, false
	if d, err := a.decodeTx(tx, a.limits(a.checkState, false)); err == nil {
		if rec, ok := a.checked.get(d.Hash); ok {
			for _, m := range rec.moves {
				if m.atLeast.IsZero() {
					continue // a recipient's
				}
				held, _, ok := bankMoves.Add(a.checkState.Get(m.key), math.ZeroInt())
				richer = richer || (ok && held.GT(m.atLeast))
				poorer = poorer || (ok && held.LT(m.atLeast))
			}
		}
	}
	before := a.checkReplays
	res := s.recheck(tx)
	s.stats.rechecks++
	if a.checkReplays > before {
		s.stats.replayed++
		if richer {
			s.stats.replayedOnRicherSender++
		}
	} else {
		s.stats.ranInFull++
		if poorer {
			s.stats.ranBelowBound++
		}
	}
	if res.Code != abci.CodeTypeOK {
		s.stats.failed++
	}
	return res
}

func answer(res *abci.ResponseCheckTx) string {
	return fmt.Sprintf("%d %s %d/%d %s", res.Code, res.Codespace, res.GasWanted, res.GasUsed, res.Log)
}

// dumpState lists every key and value a state holds, in key order.
func dumpState(r store.Reader) string {
	var b strings.Builder
	r.Iterate(nil, nil, func(k, v []byte) bool {
		fmt.Fprintf(&b, "%q=%q\n", k, v)
		return true
	})
	return b.String()
}

func mustTimestamp(t *testing.T, at time.Time) *gogotypes.Timestamp {
	ts, err := gogotypes.TimestampProto(at)
	require.NoError(t, err)
	return ts
}
