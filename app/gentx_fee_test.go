package app

import (
	"context"
	"testing"

	"cosmossdk.io/math"
	dbm "github.com/cometbft/cometbft-db"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

// gentxWithFee signs a genesis transaction creating the validator of spec
// from key's account, as client.GenTx does, but paying fee.
func gentxWithFee(t testing.TB, name string, stake int64, fee string) []byte {
	t.Helper()
	key := testKey(name)
	msg, err := client.CreateValidatorMsg(key.PubKey().Address(), validatorSpec(name, stake))
	require.NoError(t, err)
	feeCoins, err := core.ParseCoins(fee)
	require.NoError(t, err)
	tx, err := client.Sign(client.TxSpec{Msgs: []*gogotypes.Any{msg}, Fee: feeCoins, GasLimit: 200_000, ChainID: testChainID}, key)
	require.NoError(t, err)
	return tx
}

// initWithGentx runs InitChain on a genesis where v1 holds 100 STAKE and
// alice 1,000, and v1's gentx bonds 10 STAKE paying fee.
func initWithGentx(t testing.TB, fee string) (*testChain, error) {
	t.Helper()
	g := genesisWith(t, map[string]string{"v1": "100000000ustake", "alice": "1000000000ustake"}, "v1", "alice")
	g, err := GenesisSetGenTxs(g, [][]byte{gentxWithFee(t, "v1", 10, fee)})
	require.NoError(t, err)
	a, err := New(Config{DB: dbm.NewMemDB()})
	require.NoError(t, err)
	c := &testChain{t: t, app: a, time: testGenesisTime}
	_, err = a.InitChain(context.Background(), &abci.RequestInitChain{
		ChainId: testChainID, InitialHeight: 1, AppStateBytes: g, Time: c.time,
		ConsensusParams: &cmtproto.ConsensusParams{Block: &cmtproto.BlockParams{MaxBytes: 4 << 20, MaxGas: -1}},
	})
	return c, err
}

func (c *testChain) supplyOf(denom string) string {
	c.t.Helper()
	var resp banktypes.QuerySupplyOfResponse
	res := c.query("/cosmos.bank.v1beta1.Query/SupplyOf", &banktypes.QuerySupplyOfRequest{Denom: denom}, &resp)
	require.Zero(c.t, res.Code, res.Log)
	return resp.Amount.Amount
}

// A gentx's fee is paid as a block's are: it leaves the validator's account
// for the fee collector during InitChain, and the first block, whose last
// commit is empty, moves it to the community pool. No coin is made or lost.
func TestAGentxFeeGoesToTheFeeCollectorThenTheCommunityPool(t *testing.T) {
	c, err := initWithGentx(t, "1234ustake")
	require.NoError(t, err)
	collector := authtypes.ModuleAddress(auth.FeeCollectorName)
	require.Equal(t, "1234", c.app.bank.Balance(c.app.block, collector, "ustake").String(),
		"after InitChain the fee collector holds the gentx's fee")

	c.block() // height 1: checks the invariants, supply against balances
	require.Equal(t, "1100000000", c.supplyOf("ustake"), "the genesis supply, unchanged")
	require.Equal(t, "89998766", c.balance(addrOf(testKey("v1")), "ustake"), "100 STAKE less the 10 bonded and the fee")
	require.Equal(t, "0", c.balance(collector.String(), "ustake"), "block 1 paid the fee collector out")
	require.Equal(t, math.LegacyNewDec(1234).String(), c.communityPool().String(), "nobody signed a last commit at block 1")
	require.Equal(t, uint64(1), c.account(addrOf(testKey("v1"))).Sequence)
}

func TestAGentxPaysItsFeeBeforeItBondsAndFailsInitChainIfItCannot(t *testing.T) {
	// v1 holds 100 STAKE and bonds 10: a fee of the other 90 leaves it
	// nothing.
	c, err := initWithGentx(t, "90000000ustake")
	require.NoError(t, err)
	c.block()
	require.Equal(t, "0", c.balance(addrOf(testKey("v1")), "ustake"))
	require.Equal(t, "1100000000", c.supplyOf("ustake"))

	// One ustake more, and the fee is paid but the bond is not.
	_, err = initWithGentx(t, "90000001ustake")
	require.ErrorIs(t, err, core.ErrInsufficientFunds)
	require.ErrorContains(t, err, "gentx 0: message 0")

	// More than v1 holds, and the fee itself is not paid.
	_, err = initWithGentx(t, "100000001ustake")
	require.ErrorIs(t, err, core.ErrInsufficientFunds)
	require.ErrorContains(t, err, "gentx 0: cannot pay the fee")
}
