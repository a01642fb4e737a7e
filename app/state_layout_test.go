package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"cosmossdk.io/math"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	ballottypes "github.com/stakechain/stakechain/x/ballot/types"
	distributiontypes "github.com/stakechain/stakechain/x/distribution/types"
	"github.com/stakechain/stakechain/x/evm/contracts"
	govtypes "github.com/stakechain/stakechain/x/gov/types"
	stakingtypes "github.com/stakechain/stakechain/x/staking/types"
	tokentypes "github.com/stakechain/stakechain/x/token/types"
)

// newEveryModuleChain is newFuzzChain carried further, so that its state
// holds keys of every kind the modules store: delegations from an account,
// unbonding and redelegation entries with their queues and indexes, gov
// deposits and votes, a token allowance, ballot voters and tallies, the
// missed-blocks bitmap of a validator that stopped signing, and a validator
// jailed and tombstoned for double signing on its way out of the set.
// Every step is a fixed function of the genesis, so the history is the
// same on every run.
func newEveryModuleChain(t testing.TB) *testChain {
	t.Helper()
	c := newFuzzChain(t)
	alice, bob, v1, v2 := testKey("alice"), testKey("bob"), testKey("v1"), testKey("v2")
	v1op, v2op := v1.PubKey().Address().Valoper(), v2.PubKey().Address().Valoper()
	ustake := func(amount string) *authtypes.Coin { return &authtypes.Coin{Denom: "ustake", Amount: amount} }

	steps := []struct {
		signer  string
		typeURL string
		msg     interface{ Marshal() ([]byte, error) }
	}{
		{"alice", stakingtypes.TypeURLMsgDelegate, &stakingtypes.MsgDelegate{DelegatorAddress: addrOf(alice), ValidatorAddress: v1op, Amount: ustake("2000000")}},
		{"alice", stakingtypes.TypeURLMsgUndelegate, &stakingtypes.MsgUndelegate{DelegatorAddress: addrOf(alice), ValidatorAddress: v1op, Amount: ustake("500000")}},
		{"alice", stakingtypes.TypeURLMsgBeginRedelegate, &stakingtypes.MsgBeginRedelegate{DelegatorAddress: addrOf(alice), ValidatorSrcAddress: v1op, ValidatorDstAddress: v2op, Amount: ustake("500000")}},
		{"alice", govtypes.TypeURLMsgDeposit, &govtypes.MsgDeposit{ProposalId: 1, Depositor: addrOf(alice), Amount: []*authtypes.Coin{ustake("100000")}}},
		{"v1", govtypes.TypeURLMsgVote, &govtypes.MsgVote{ProposalId: 1, Voter: addrOf(v1), Option: govtypes.VoteOption_VOTE_OPTION_YES}},
		{"v2", govtypes.TypeURLMsgVoteWeighted, &govtypes.MsgVoteWeighted{ProposalId: 1, Voter: addrOf(v2), Options: []*govtypes.WeightedVoteOption{
			{Option: govtypes.VoteOption_VOTE_OPTION_YES, Weight: "0.7"}, {Option: govtypes.VoteOption_VOTE_OPTION_NO, Weight: "0.3"}}}},
		{"bob", ballottypes.TypeURLMsgCastVote, &ballottypes.MsgCastVote{Voter: addrOf(bob), BallotId: 1, ProposalIndex: 1}},
		{"bob", tokentypes.TypeURLMsgTransferFrom, &tokentypes.MsgTransferFrom{Spender: addrOf(bob), Owner: addrOf(alice), Recipient: addrOf(testKey("carol")), Amount: &authtypes.Coin{Denom: fuzzTokenDenom, Amount: "3"}}},
		{"v1", distributiontypes.TypeURLMsgWithdrawDelegatorReward, &distributiontypes.MsgWithdrawDelegatorReward{DelegatorAddress: addrOf(v1), ValidatorAddress: v1op}},
		{"v1", distributiontypes.TypeURLMsgWithdrawValidatorCommission, &distributiontypes.MsgWithdrawValidatorCommission{ValidatorAddress: v1op}},
	}
	// A second proposal, still in its voting period when the history
	// ends, keeps its deposits, votes and queue entry in the state.
	steps = append(steps, []struct {
		signer  string
		typeURL string
		msg     interface{ Marshal() ([]byte, error) }
	}{
		{"alice", govtypes.TypeURLMsgSubmitProposal, proposalSeed(t, c)},
		{"alice", govtypes.TypeURLMsgDeposit, &govtypes.MsgDeposit{ProposalId: 2, Depositor: addrOf(alice), Amount: []*authtypes.Coin{ustake("100000")}}},
		{"v2", govtypes.TypeURLMsgVote, &govtypes.MsgVote{ProposalId: 2, Voter: addrOf(v2), Option: govtypes.VoteOption_VOTE_OPTION_NO}},
		// A third waits for the rest of its deposit.
		{"bob", govtypes.TypeURLMsgSubmitProposal, &govtypes.MsgSubmitProposal{Proposer: addrOf(bob), Title: "small", Summary: "s",
			InitialDeposit: []*authtypes.Coin{ustake("1000000")}}},
	}...)
	for _, s := range steps {
		code, log := c.deliver(testKey(s.signer), s.typeURL, s.msg)
		require.Zero(t, code, "%s: %s", s.typeURL, log)
	}

	// The EVM, in the next block: an account funded from alice deploys the
	// coin (code, code hash, storage) and sends a value with wei below one
	// ustake (its and the recipient's remainders).
	eth, dest := testEthKey(t, "layout"), ethAddr(testEthKey(t, "layout-dest"))
	art := contracts.ERC20()
	ctor, err := erc20ABI(t).Pack("", "Seed", "SEED", uint8(18), big.NewInt(1000))
	require.NoError(t, err)
	evmTxs := [][]byte{
		c.sign(c.send(alice, bech32Of(ethAddr(eth)), "500000ustake")),
		ethTx(t, eth, 0, nil, nil, append(art.Bin, ctor...), 2_000_000),
		ethTx(t, eth, 1, &dest, big.NewInt(1_000_000_000_001), nil, 21_000),
	}

	// v2 stops signing: its missed-blocks bitmap is written.
	c.votes = append(signedBy("v1"), abci.VoteInfo{Validator: signedBy("v2")[0].Validator, BlockIdFlag: cmtproto.BlockIDFlagAbsent})
	for i, r := range c.block(evmTxs...).TxResults {
		require.Zero(t, r.Code, "EVM step %d: %s", i, r.Log)
	}
	c.block()
	c.votes = signedBy("v1", "v2")

	// v1 double-signed at the last height: it is slashed, jailed and
	// tombstoned, and leaves the set through the validator queue.
	c.height++
	c.time = c.time.Add(1e9)
	res, err := c.app.FinalizeBlock(context.Background(), &abci.RequestFinalizeBlock{
		Height: c.height, Time: c.time, DecidedLastCommit: abci.CommitInfo{Votes: c.votes},
		Misbehavior: []abci.Misbehavior{{
			Type: abci.MisbehaviorType_DUPLICATE_VOTE, Validator: signedBy("v1")[0].Validator,
			Height: c.height - 1, Time: c.time.Add(-1e9), TotalVotingPower: 30,
		}},
	})
	require.NoError(t, err)
	_, err = c.app.Commit(context.Background(), &abci.RequestCommit{})
	require.NoError(t, err)
	c.hashes = append(c.hashes, string(res.AppHash))
	require.NoError(t, c.app.CheckInvariants(c.app.tree.Latest()))
	c.votes = signedBy("v2")
	c.block()
	return c
}

// pinnedHistory is the SHA-256 of the app hashes of newEveryModuleChain's
// blocks, one after the other. The app hash commits to every stored key
// and value, so a change to what a module stores, to how it encodes it
// (docs/STATE.md), or to any rule that decides a stored value changes it:
// such a change must be deliberate, and this pin edited with it. Run with
// STAKECHAIN_PRINT_PINNED=1 to print the new value.
const pinnedHistory = "afcf3e69ad4991280bedc6641c49ce598e1131d72ca67c3df84bbd0c4b5816fd"

func TestTheAppHashesOfAFixedHistoryArePinned(t *testing.T) {
	c := newEveryModuleChain(t)
	digest := sha256.New()
	for _, h := range c.hashes {
		digest.Write([]byte(h))
	}
	got := hex.EncodeToString(digest.Sum(nil))
	if os.Getenv("STAKECHAIN_PRINT_PINNED") != "" {
		t.Logf("history of %d blocks: %s (last app hash %X)", len(c.hashes), got, c.hashes[len(c.hashes)-1])
	}
	require.Equal(t, pinnedHistory, got, "the app hashes of the fixed history changed: if the change of state is intended, update pinnedHistory (STAKECHAIN_PRINT_PINNED=1 prints it)")
}

// stateTableRow is one row of the table in docs/STATE.md: a key prefix (or
// a whole key) and the type its values are stored as.
type stateTableRow struct {
	prefix, value string
}

// readStateTable reads the rows of the table of docs/STATE.md's Keys
// section: lines of the form "| `prefix` | key layout | `value type` | ...".
func readStateTable(t *testing.T) []stateTableRow {
	t.Helper()
	doc, err := os.ReadFile("../docs/STATE.md")
	require.NoError(t, err)
	_, table, found := strings.Cut(string(doc), "\n## Keys\n")
	require.True(t, found, "docs/STATE.md has no Keys section")
	var rows []stateTableRow
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(strings.ReplaceAll(line, `\|`, "/"), "|")
		if len(cells) < 5 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		prefix, ok1 := firstCode(cells[1])
		value, ok2 := firstCode(cells[3])
		require.True(t, ok1 && ok2, "docs/STATE.md: a row needs a prefix and a value type in backquotes: %s", line)
		rows = append(rows, stateTableRow{prefix: prefix, value: value})
	}
	require.NotEmpty(t, rows, "docs/STATE.md has no table")
	return rows
}

// firstCode returns the first `...` span of s.
func firstCode(s string) (string, bool) {
	i := strings.IndexByte(s, '`')
	if i < 0 {
		return "", false
	}
	j := strings.IndexByte(s[i+1:], '`')
	if j < 0 {
		return "", false
	}
	return s[i+1 : i+1+j], true
}

// checkStoredValue checks that v is a value of the type named in
// docs/STATE.md: a protobuf message (by its full name) that decodes and
// encodes back to the same bytes, or one of the raw forms below.
func checkStoredValue(typ string, v []byte, has func([]byte) bool) error {
	switch typ {
	case "empty":
		if len(v) != 0 {
			return fmt.Errorf("%d bytes where none are stored", len(v))
		}
	case "uint64", "int64":
		if len(v) != 8 {
			return fmt.Errorf("%d bytes, not the 8 of a big-endian %s", len(v), typ)
		}
	case "int":
		n, ok := math.NewIntFromString(string(v))
		if !ok || n.IsNegative() || n.String() != string(v) {
			return fmt.Errorf("%q is not a non-negative integer in canonical decimal text", v)
		}
	case "hash":
		if len(v) != 32 {
			return fmt.Errorf("%d bytes, not a 32-byte hash", len(v))
		}
	case "bytes":
		if len(v) == 0 {
			return fmt.Errorf("no bytes where some are stored")
		}
	case "address":
		if len(v) != 20 {
			return fmt.Errorf("%d bytes, not a 20-byte address", len(v))
		}
	case "string":
		if len(v) == 0 || !utf8.Valid(v) {
			return fmt.Errorf("%q is not a non-empty UTF-8 string", v)
		}
	case "bitmap":
		if bytes.Count(v, []byte{0}) == len(v) {
			return fmt.Errorf("a bitmap with no bit set is stored (%d bytes)", len(v))
		}
	case "key":
		if !has(v) {
			return fmt.Errorf("%q names no stored key", v)
		}
	default:
		rt := gogoproto.MessageType(typ)
		if rt == nil {
			return fmt.Errorf("%s is neither a raw form nor a registered protobuf message", typ)
		}
		m, ok := reflect.New(rt.Elem()).Interface().(interface {
			Unmarshal([]byte) error
			Marshal() ([]byte, error)
		})
		if !ok {
			return fmt.Errorf("%s has no gogoproto Marshal and Unmarshal", typ)
		}
		if err := m.Unmarshal(v); err != nil {
			return fmt.Errorf("does not decode as %s: %w", typ, err)
		}
		again, err := m.Marshal()
		if err != nil {
			return fmt.Errorf("%s decoded but does not encode: %w", typ, err)
		}
		if !bytes.Equal(again, v) {
			return fmt.Errorf("decodes as %s but does not encode back to the same bytes (%x, then %x)", typ, v, again)
		}
	}
	return nil
}

// TestEveryStoredKeyIsInTheStateTableAndHoldsItsType holds the state to
// docs/STATE.md: every key of a state that touches every module must fall
// under a prefix of the table, its value must decode as the type the table
// names, and every row of the table must be met, so that the table lists
// nothing that is no longer stored.
func TestEveryStoredKeyIsInTheStateTableAndHoldsItsType(t *testing.T) {
	rows := readStateTable(t)
	c := newEveryModuleChain(t)
	st := c.app.tree.Latest()
	has := func(k []byte) bool { return st.Get(k) != nil }
	met := make([]bool, len(rows))
	st.Iterate(nil, nil, func(k, v []byte) bool {
		best := -1
		for i, r := range rows {
			if bytes.HasPrefix(k, []byte(r.prefix)) && (best < 0 || len(r.prefix) > len(rows[best].prefix)) {
				best = i
			}
		}
		if best < 0 {
			t.Errorf("key %q is under no prefix of docs/STATE.md", k)
			return true
		}
		met[best] = true
		if err := checkStoredValue(rows[best].value, v, has); err != nil {
			t.Errorf("key %q (%s, stored as %s in docs/STATE.md): %v", k, rows[best].prefix, rows[best].value, err)
		}
		return true
	})
	for i, r := range rows {
		require.True(t, met[i], "docs/STATE.md lists %s, but the state of every module holds no such key", r.prefix)
	}
}
