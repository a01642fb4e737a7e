package app

import (
	"context"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/x/core"

	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
)

func TestASendGoesThroughTheWholeBlockLifecycle(t *testing.T) {
	c := newTestChain(t)
	alice, bob := testKey("alice"), testKey("bob")
	carol := addrOf(testKey("carol"))

	tx := c.sign(c.send(alice, carol, "250ustake,7foo"))
	require.Zero(t, c.checkTx(tx).Code)

	res := c.block(tx)
	r := res.TxResults[0]
	require.Zero(t, r.Code, r.Log)
	require.Positive(t, r.GasUsed)
	require.Equal(t, int64(200_000), r.GasWanted)
	require.NotEmpty(t, res.AppHash)

	require.Equal(t, "999750", c.balance(addrOf(alice), "ustake"))
	require.Equal(t, "493", c.balance(addrOf(alice), "foo"))
	require.Equal(t, "250", c.balance(carol, "ustake"))
	require.Equal(t, "7", c.balance(carol, "foo"))
	require.Equal(t, "1000", c.balance(addrOf(bob), "ustake"))

	acc := c.account(addrOf(alice))
	require.Equal(t, uint64(1), acc.Sequence)
	require.NotNil(t, acc.PubKey, "the first tx records the public key")
	require.NotNil(t, c.account(carol), "receiving coins creates the account")

	var types []string
	for _, e := range r.Events {
		types = append(types, e.Type)
	}
	require.Contains(t, types, "transfer")
	require.Contains(t, types, "message")
}

func TestOneAccountCanHaveManyTransactionsInOneBlock(t *testing.T) {
	c := newTestChain(t)
	alice := testKey("alice")
	bob := addrOf(testKey("bob"))
	spec := c.send(alice, bob, "1ustake")
	var txs [][]byte
	for i := uint64(0); i < 5; i++ {
		tx := c.sign(spec.withSeq(i))
		require.Zero(t, c.checkTx(tx).Code, "tx with sequence %d", i)
		txs = append(txs, tx)
	}
	res := c.block(txs...)
	for i, r := range res.TxResults {
		require.Zero(t, r.Code, "tx %d: %s", i, r.Log)
	}
	require.Equal(t, "1005", c.balance(bob, "ustake"))
	require.Equal(t, uint64(5), c.account(addrOf(alice)).Sequence)
}

func TestAZeroFeeAsCosmosClientsSendItIsAccepted(t *testing.T) {
	c := newTestChain(t)
	alice := testKey("alice")
	s := c.send(alice, addrOf(testKey("bob")), "1ustake")
	var raw authtypes.TxRaw
	spec := client.TxSpec{Fee: core.Coins{}, GasLimit: s.gas, ChainID: testChainID, AccountNumber: s.accNum, Sequence: s.seq}
	msg, err := client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: addrOf(alice), ToAddress: s.to, Amount: s.amount})
	require.NoError(t, err)
	spec.Msgs = []*gogotypes.Any{msg}
	bz, err := client.Sign(spec, alice)
	require.NoError(t, err)
	require.NoError(t, raw.Unmarshal(bz))
	// Re-sign with a fee of "0ustake" in the auth info.
	var info authtypes.AuthInfo
	require.NoError(t, info.Unmarshal(raw.AuthInfoBytes))
	info.Fee.Amount = []*authtypes.Coin{{Denom: "ustake", Amount: "0"}}
	raw.AuthInfoBytes, err = info.Marshal()
	require.NoError(t, err)
	doc := authtypes.SignDoc{BodyBytes: raw.BodyBytes, AuthInfoBytes: raw.AuthInfoBytes, ChainId: testChainID, AccountNumber: s.accNum}
	sb, err := doc.Marshal()
	require.NoError(t, err)
	raw.Signatures[0], err = alice.Sign(sb)
	require.NoError(t, err)
	tx, err := raw.Marshal()
	require.NoError(t, err)

	require.Zero(t, c.checkTx(tx).Code)
	res := c.block(tx)
	require.Zero(t, res.TxResults[0].Code, res.TxResults[0].Log)
}

func TestFeesGoToTheFeeCollector(t *testing.T) {
	c := newTestChain(t)
	alice := testKey("alice")
	s := c.send(alice, addrOf(testKey("bob")), "1ustake")
	s.fee = "40ustake"
	res := c.block(c.sign(s))
	require.Zero(t, res.TxResults[0].Code, res.TxResults[0].Log)
	require.Equal(t, "40", c.balance(authtypes.ModuleAddress(auth.FeeCollectorName).String(), "ustake"))
	require.Equal(t, "999959", c.balance(addrOf(alice), "ustake"))
}

func TestAFailingMessageKeepsTheFeeAndSequenceButNothingElse(t *testing.T) {
	c := newTestChain(t)
	bob := testKey("bob")
	s := c.send(bob, addrOf(testKey("carol")), "900ustake")
	s.fee = "10ustake"
	first := c.sign(s)
	second := c.sign(s.withSeq(1)) // 900 more than bob has left
	res := c.finalize([][]byte{first, second})
	require.Zero(t, res.TxResults[0].Code, res.TxResults[0].Log)
	require.Equal(t, uint32(5), res.TxResults[1].Code, res.TxResults[1].Log)
	require.Equal(t, "sdk", res.TxResults[1].Codespace)
	require.Equal(t, "80", c.balance(addrOf(bob), "ustake"), "1000 - 900 - 10 - 10")
	require.Equal(t, uint64(2), c.account(addrOf(bob)).Sequence)
	require.Equal(t, "900", c.balance(addrOf(testKey("carol")), "ustake"))
}

func TestTotalSupplyIsTheSumOfGenesisBalances(t *testing.T) {
	c := newTestChain(t)
	var resp banktypes.QueryTotalSupplyResponse
	res := c.query("/cosmos.bank.v1beta1.Query/TotalSupply", &banktypes.QueryTotalSupplyRequest{}, &resp)
	require.Zero(t, res.Code, res.Log)
	require.Equal(t, []*authtypes.Coin{{Denom: "foo", Amount: "500"}, {Denom: "ustake", Amount: "1001000"}}, resp.Supply)
}

func TestAllBalancesPagesThroughDenoms(t *testing.T) {
	c := newTestChain(t)
	var resp banktypes.QueryAllBalancesResponse
	res := c.query("/cosmos.bank.v1beta1.Query/AllBalances", &banktypes.QueryAllBalancesRequest{
		Address: addrOf(testKey("alice")), Pagination: &authtypes.PageRequest{Limit: 1, CountTotal: true}}, &resp)
	require.Zero(t, res.Code, res.Log)
	require.Equal(t, []*authtypes.Coin{{Denom: "foo", Amount: "500"}}, resp.Balances)
	require.Equal(t, []byte("ustake"), resp.Pagination.NextKey)
	require.Equal(t, uint64(2), resp.Pagination.Total)

	var next banktypes.QueryAllBalancesResponse
	res = c.query("/cosmos.bank.v1beta1.Query/AllBalances", &banktypes.QueryAllBalancesRequest{
		Address: addrOf(testKey("alice")), Pagination: &authtypes.PageRequest{Key: resp.Pagination.NextKey}}, &next)
	require.Zero(t, res.Code, res.Log)
	require.Equal(t, []*authtypes.Coin{{Denom: "ustake", Amount: "1000000"}}, next.Balances)
	require.Empty(t, next.Pagination.NextKey)
}

func TestTwoFreshAppsFedTheSameBlocksAgreeOnEveryAppHash(t *testing.T) {
	run := func() []string {
		c := newTestChain(t)
		alice, bob := testKey("alice"), testKey("bob")
		for h := 0; h < 5; h++ {
			s := c.send(alice, addrOf(testKey("dave")), "3ustake,1foo")
			s2 := c.send(bob, addrOf(alice), "2ustake")
			c.block(c.sign(s), c.sign(s2))
		}
		return c.hashes
	}
	a, b := run(), run()
	require.Len(t, a, 6)
	require.Equal(t, a, b)
	for i := 1; i < len(a); i++ {
		require.NotEqual(t, a[i-1], a[i], "state changed, so the hash must")
	}
}

func TestSimulateReportsTheGasTheTxUses(t *testing.T) {
	c := newTestChain(t)
	alice := testKey("alice")
	s := c.send(alice, addrOf(testKey("bob")), "5ustake")
	tx := c.sign(s)
	var resp authtypes.SimulateResponse
	res := c.query("/cosmos.tx.v1beta1.Service/Simulate", &authtypes.SimulateRequest{TxBytes: tx}, &resp)
	require.Zero(t, res.Code, res.Log)
	out := c.block(tx)
	require.Equal(t, uint64(out.TxResults[0].GasUsed), resp.GasInfo.GasUsed)
	require.Equal(t, "999995", c.balance(addrOf(alice), "ustake"), "simulation changed nothing")
}

func TestInfoReportsTheLastCommittedHeightAndHash(t *testing.T) {
	c := newTestChain(t)
	c.block(c.sign(c.send(testKey("alice"), addrOf(testKey("bob")), "1ustake")))
	info, err := c.app.Info(context.Background(), &abci.RequestInfo{})
	require.NoError(t, err)
	require.Equal(t, int64(2), info.LastBlockHeight)
	require.Equal(t, c.hashes[1], string(info.LastBlockAppHash))

	// A second app opened on the same database resumes where the first was.
	again, err := New(Config{DB: c.db})
	require.NoError(t, err)
	info2, err := again.Info(context.Background(), &abci.RequestInfo{})
	require.NoError(t, err)
	require.Equal(t, info.LastBlockHeight, info2.LastBlockHeight)
	require.Equal(t, info.LastBlockAppHash, info2.LastBlockAppHash)
	require.Equal(t, testChainID, again.chainID)
}

func TestAnEd25519AccountCanSend(t *testing.T) {
	ed := testEdKey("erin")
	g, err := GenesisAddAccount(DefaultGenesis(), addrOf(ed), "100ustake")
	require.NoError(t, err)
	c := newTestChainWithConfig(t, Config{}, g)
	res := c.block(c.sign(c.send(ed, addrOf(testKey("bob")), "40ustake")))
	require.Zero(t, res.TxResults[0].Code, res.TxResults[0].Log)
	require.Equal(t, "60", c.balance(addrOf(ed), "ustake"))
}

func TestSimulatingAnUnsignedTxGivesExactlyTheGasTheSignedTxUses(t *testing.T) {
	c := newTestChain(t)
	alice := testKey("alice")
	s := c.send(alice, addrOf(testKey("bob")), "5ustake")
	s.fee = "7ustake"
	amt, err := core.ParseCoins("7ustake")
	require.NoError(t, err)
	msg, err := client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: addrOf(alice), ToAddress: s.to, Amount: s.amount})
	require.NoError(t, err)
	spec := client.TxSpec{Msgs: []*gogotypes.Any{msg}, Fee: amt, ChainID: testChainID, AccountNumber: s.accNum, Sequence: s.seq}
	unsigned, err := client.Unsigned(spec, alice.PubKey()) // gas limit 0, empty signature
	require.NoError(t, err)
	var resp authtypes.SimulateResponse
	res := c.query("/cosmos.tx.v1beta1.Service/Simulate", &authtypes.SimulateRequest{TxBytes: unsigned}, &resp)
	require.Zero(t, res.Code, res.Log)

	spec.GasLimit = resp.GasInfo.GasUsed // --gas auto with no adjustment
	signed, err := client.Sign(spec, alice)
	require.NoError(t, err)
	out := c.block(signed)
	require.Zero(t, out.TxResults[0].Code, out.TxResults[0].Log)
	require.Equal(t, int64(resp.GasInfo.GasUsed), out.TxResults[0].GasUsed)
}

func TestPrepareProposalPutsEachSignersTransactionsInSequenceOrder(t *testing.T) {
	c := newTestChain(t)
	alice, bob := testKey("alice"), testKey("bob")
	s := c.send(alice, addrOf(testKey("carol")), "1ustake")
	b := c.send(bob, addrOf(testKey("carol")), "1ustake")
	a0, a1, a2 := c.sign(s.withSeq(0)), c.sign(s.withSeq(1)), c.sign(s.withSeq(2))
	b0 := c.sign(b.withSeq(0))
	gap := c.sign(s.withSeq(7)) // its predecessors never arrive

	res, err := c.app.PrepareProposal(context.Background(), &abci.RequestPrepareProposal{
		Txs: [][]byte{a2, b0, a0, gap, a1}, MaxTxBytes: 1 << 20, Height: c.height + 1})
	require.NoError(t, err)
	require.Equal(t, [][]byte{b0, a0, a1, a2}, res.Txs, "in order, and the gapped tx waits")

	out := c.finalize(res.Txs)
	for i, r := range out.TxResults {
		require.Zero(t, r.Code, "tx %d: %s", i, r.Log)
	}
}

func TestASimulationWhoseSignerIsMarkedUnspecifiedAsCosmJSSendsIsAccepted(t *testing.T) {
	c := newTestChain(t)
	alice := testKey("alice")
	s := c.send(alice, addrOf(testKey("bob")), "5ustake")
	var raw authtypes.TxRaw
	require.NoError(t, raw.Unmarshal(c.sign(s)))
	var info authtypes.AuthInfo
	require.NoError(t, info.Unmarshal(raw.AuthInfoBytes))
	info.SignerInfos[0].ModeInfo = &authtypes.ModeInfo{Sum: &authtypes.ModeInfo_Single_{
		Single: &authtypes.ModeInfo_Single{Mode: authtypes.SignMode_SIGN_MODE_UNSPECIFIED}}}
	var err error
	raw.AuthInfoBytes, err = info.Marshal()
	require.NoError(t, err)
	raw.Signatures = [][]byte{{}}
	bz, err := raw.Marshal()
	require.NoError(t, err)
	var resp authtypes.SimulateResponse
	res := c.query("/cosmos.tx.v1beta1.Service/Simulate", &authtypes.SimulateRequest{TxBytes: bz}, &resp)
	require.Zero(t, res.Code, res.Log)
	require.Positive(t, resp.GasInfo.GasUsed)
	// The same tx is refused for real: it is unsigned and not DIRECT.
	require.NotZero(t, c.checkTx(bz).Code)
}
