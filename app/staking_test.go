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
func newStakingChain(t *testing.T) (*testChain, *abci.ResponseInitChain) {
	t.Helper()
	g := genesisWith(t, map[string]string{"v1": "100000000ustake", "v2": "100000000ustake", "alice": "1000000000ustake"}, "v1", "v2", "alice")
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
