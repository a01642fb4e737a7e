package app

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"testing"

	"cosmossdk.io/math"
	dbm "github.com/cometbft/cometbft-db"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/cmd/client"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	distributiontypes "github.com/stakechain/stakechain/x/distribution/types"
	stakingtypes "github.com/stakechain/stakechain/x/staking/types"
)

func consPubKey(name string) []byte {
	h := sha256.Sum256([]byte("consensus " + name))
	return ed25519.NewKeyFromSeed(h[:]).Public().(ed25519.PublicKey)
}

func validatorSpec(name string, stake int64) client.ValidatorSpec {
	return client.ValidatorSpec{
		ConsPubKey: consPubKey(name), Moniker: name, Amount: core.NewCoin("ustake", stake*1_000_000),
		CommissionRate: math.LegacyMustNewDecFromStr("0.1"), CommissionMax: math.LegacyMustNewDecFromStr("0.2"),
		CommissionMaxRate: math.LegacyMustNewDecFromStr("0.01"), MinSelfDelegation: math.OneInt(),
	}
}

// newStakingChain starts a chain whose genesis validators v1 and v2 are
// created by gentxs with 10 and 20 STAKE, and where alice holds coins.
func newStakingChain(t testing.TB) (*testChain, *abci.ResponseInitChain) {
	return newStakingChainWith(t, nil)
}

// newStakingChainWith is newStakingChain with the genesis changed by edit.
func newStakingChainWith(t testing.TB, edit func(*GenesisState)) (*testChain, *abci.ResponseInitChain) {
	t.Helper()
	g := genesisWith(t, map[string]string{"v1": "100000000ustake", "v2": "100000000ustake", "alice": "1000000000ustake"}, "v1", "v2", "alice")
	if edit != nil {
		var err error
		g, err = GenesisUpdate(g, edit)
		require.NoError(t, err)
	}
	var txs [][]byte
	for _, v := range []struct {
		name  string
		stake int64
	}{{"v1", 10}, {"v2", 20}} {
		tx, err := client.GenTx(testKey(v.name), testChainID, validatorSpec(v.name, v.stake))
		require.NoError(t, err)
		txs = append(txs, tx)
	}
	g, err := GenesisSetGenTxs(g, txs)
	require.NoError(t, err)

	a, err := New(Config{DB: dbm.NewMemDB()})
	require.NoError(t, err)
	c := &testChain{t: t, app: a, time: testGenesisTime}
	res, err := a.InitChain(context.Background(), &abci.RequestInitChain{
		ChainId: testChainID, InitialHeight: 1, AppStateBytes: g, Time: c.time,
		ConsensusParams: &cmtproto.ConsensusParams{Block: &cmtproto.BlockParams{MaxBytes: 4 << 20, MaxGas: -1}},
	})
	require.NoError(t, err)
	c.block()
	return c, res
}

func powers(ups []abci.ValidatorUpdate) map[string]int64 {
	out := map[string]int64{}
	for _, u := range ups {
		out[string(u.PubKey.GetEd25519())] = u.Power
	}
	return out
}

func TestGenesisTransactionsMakeTheFirstValidatorSet(t *testing.T) {
	_, res := newStakingChain(t)
	require.Equal(t, map[string]int64{string(consPubKey("v1")): 10, string(consPubKey("v2")): 20}, powers(res.Validators))
}

func TestADelegationThroughATxChangesTheValidatorsPower(t *testing.T) {
	c, _ := newStakingChain(t)
	alice := testKey("alice")
	acc := c.account(addrOf(alice))
	msg, err := client.PackMsg(stakingtypes.TypeURLMsgDelegate, &stakingtypes.MsgDelegate{
		DelegatorAddress: addrOf(alice), ValidatorAddress: testKey("v1").PubKey().Address().Valoper(),
		Amount: &authtypes.Coin{Denom: "ustake", Amount: "5000000"}})
	require.NoError(t, err)
	tx, err := client.Sign(client.TxSpec{Msgs: []*gogotypes.Any{msg}, Fee: core.Coins{}, GasLimit: 200_000, ChainID: testChainID,
		AccountNumber: acc.AccountNumber, Sequence: acc.Sequence}, alice)
	require.NoError(t, err)
	require.Zero(t, c.checkTx(tx).Code)
	res := c.block(tx)
	require.Zero(t, res.TxResults[0].Code, res.TxResults[0].Log)
	require.Equal(t, map[string]int64{string(consPubKey("v1")): 15}, powers(res.ValidatorUpdates))

	var q stakingtypes.QueryValidatorsResponse
	qr := c.query("/cosmos.staking.v1beta1.Query/Validators", &stakingtypes.QueryValidatorsRequest{Status: "BOND_STATUS_BONDED"}, &q)
	require.Zero(t, qr.Code, qr.Log)
	require.Len(t, q.Validators, 2)
	var d stakingtypes.QueryDelegationResponse
	qr = c.query("/cosmos.staking.v1beta1.Query/Delegation", &stakingtypes.QueryDelegationRequest{
		DelegatorAddr: addrOf(alice), ValidatorAddr: testKey("v1").PubKey().Address().Valoper()}, &d)
	require.Zero(t, qr.Code, qr.Log)
	require.Equal(t, "5000000", d.DelegationResponse.Balance.Amount)
	require.Equal(t, "5000000000000000000000000", d.DelegationResponse.Delegation.Shares, "5e6 shares in the 18-decimal wire form")
}

// signedBy is a last commit in which the named genesis validators signed,
// with their genesis powers (v1: 10, v2: 20).
func signedBy(names ...string) []abci.VoteInfo {
	power := map[string]int64{"v1": 10, "v2": 20}
	var out []abci.VoteInfo
	for _, n := range names {
		out = append(out, abci.VoteInfo{
			Validator:   abci.Validator{Address: consAddrOf(consPubKey(n)), Power: power[n]},
			BlockIdFlag: cmtproto.BlockIDFlagCommit,
		})
	}
	return out
}

func consAddrOf(pub []byte) []byte {
	h := sha256.Sum256(pub)
	return h[:20]
}

func TestFeesGoToTheSignersByPowerAndTheirDelegatorsWithdrawThem(t *testing.T) {
	c, _ := newStakingChain(t)
	alice := testKey("alice")
	s := c.send(alice, addrOf(testKey("bob")), "1ustake")
	s.fee = "30000ustake"
	c.block(c.sign(s))
	// The next block allocates that block's fees to its signers.
	c.votes = signedBy("v1", "v2")
	c.block()

	rewards := func(name string) string {
		var resp distributiontypes.QueryDelegationRewardsResponse
		res := c.query("/cosmos.distribution.v1beta1.Query/DelegationRewards", &distributiontypes.QueryDelegationRewardsRequest{
			DelegatorAddress: addrOf(testKey(name)), ValidatorAddress: testKey(name).PubKey().Address().Valoper()}, &resp)
		require.Zero(t, res.Code, res.Log)
		if len(resp.Rewards) == 0 {
			return "0"
		}
		require.Len(t, resp.Rewards, 1)
		d, err := core.DecFromProto(resp.Rewards[0].Amount)
		require.NoError(t, err)
		return d.String()
	}
	// 30000 less 2% community tax = 29400; v1 has 1/3 of the power: 9800,
	// of which 10% commission: 8820 for its self-delegation; v2: 17640.
	// The power fraction 1/3 truncates at 18 decimals, so a hair less.
	near := func(got, want string) {
		g, w := math.LegacyMustNewDecFromStr(got), math.LegacyMustNewDecFromStr(want)
		require.True(t, g.LTE(w) && w.Sub(g).LT(math.LegacyMustNewDecFromStr("0.000001")), "got %s, want about %s", got, want)
	}
	near(rewards("v1"), "8820")
	near(rewards("v2"), "17640")

	v1 := testKey("v1")
	before := c.balance(addrOf(v1), "ustake")
	acc := c.account(addrOf(v1))
	msg, err := client.PackMsg(distributiontypes.TypeURLMsgWithdrawDelegatorReward, &distributiontypes.MsgWithdrawDelegatorReward{
		DelegatorAddress: addrOf(v1), ValidatorAddress: v1.PubKey().Address().Valoper()})
	require.NoError(t, err)
	tx, err := client.Sign(client.TxSpec{Msgs: []*gogotypes.Any{msg}, Fee: core.Coins{}, GasLimit: 200_000, ChainID: testChainID,
		AccountNumber: acc.AccountNumber, Sequence: acc.Sequence}, v1)
	require.NoError(t, err)
	c.votes = nil
	res := c.block(tx)
	require.Zero(t, res.TxResults[0].Code, res.TxResults[0].Log)
	got, _ := math.NewIntFromString(c.balance(addrOf(v1), "ustake"))
	was, _ := math.NewIntFromString(before)
	require.Equal(t, int64(8819), got.Sub(was).Int64(), "8819.99... truncated")
	require.Equal(t, "0", rewards("v1"), "withdrawn")
}
