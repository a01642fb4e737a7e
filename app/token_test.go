package app

import (
	"testing"

	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/x/auth/keys"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
	tokentypes "github.com/stakechain/stakechain/x/token/types"
)

// deliver signs one message from key and runs it in a block; it returns
// the result code and log.
func (c *testChain) deliver(key keys.PrivKey, typeURL string, m interface{ Marshal() ([]byte, error) }) (uint32, string) {
	c.t.Helper()
	a, err := client.PackMsg(typeURL, m)
	require.NoError(c.t, err)
	acc := c.account(addrOf(key))
	require.NotNil(c.t, acc)
	tx, err := client.Sign(client.TxSpec{Msgs: []*gogotypes.Any{a}, Fee: core.Coins{}, GasLimit: 300_000, ChainID: testChainID,
		AccountNumber: acc.AccountNumber, Sequence: acc.Sequence}, key)
	require.NoError(c.t, err)
	r := c.finalize([][]byte{tx}).TxResults[0]
	return r.Code, r.Log
}

func TestATokenIsCreatedMintedSentApprovedAndSpentThroughTransactions(t *testing.T) {
	c := newTestChain(t)
	alice, bob := testKey("alice"), testKey("bob")
	carol := addrOf(testKey("carol"))

	code, log := c.deliver(alice, tokentypes.TypeURLMsgCreateToken, &tokentypes.MsgCreateToken{
		Creator: addrOf(alice), Symbol: "GOLD", Name: "Gold", Decimals: 6, MaxSupply: "1000", InitialSupply: "100"})
	require.Zero(t, code, log)
	denom := "token/" + addrOf(alice) + "/GOLD"
	require.Equal(t, "100", c.balance(addrOf(alice), denom))

	code, log = c.deliver(alice, tokentypes.TypeURLMsgMint, &tokentypes.MsgMint{Admin: addrOf(alice), Denom: denom, Amount: "900", Recipient: addrOf(bob)})
	require.Zero(t, code, log)
	code, _ = c.deliver(alice, tokentypes.TypeURLMsgMint, &tokentypes.MsgMint{Admin: addrOf(alice), Denom: denom, Amount: "1"})
	require.NotZero(t, code, "never past the max supply")
	code, _ = c.deliver(bob, tokentypes.TypeURLMsgMint, &tokentypes.MsgMint{Admin: addrOf(bob), Denom: denom, Amount: "1"})
	require.NotZero(t, code, "only the admin mints")

	// Token balances are bank balances: MsgSend moves them.
	code, log = c.deliver(bob, banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: addrOf(bob), ToAddress: carol,
		Amount: []*authtypes.Coin{{Denom: denom, Amount: "50"}}})
	require.Zero(t, code, log)
	require.Equal(t, "50", c.balance(carol, denom))

	code, log = c.deliver(bob, tokentypes.TypeURLMsgApprove, &tokentypes.MsgApprove{Owner: addrOf(bob), Spender: addrOf(alice),
		Amount: &authtypes.Coin{Denom: denom, Amount: "300"}})
	require.Zero(t, code, log)
	code, _ = c.deliver(alice, tokentypes.TypeURLMsgTransferFrom, &tokentypes.MsgTransferFrom{Spender: addrOf(alice), Owner: addrOf(bob),
		Recipient: carol, Amount: &authtypes.Coin{Denom: denom, Amount: "301"}})
	require.NotZero(t, code, "over the allowance")
	code, log = c.deliver(alice, tokentypes.TypeURLMsgTransferFrom, &tokentypes.MsgTransferFrom{Spender: addrOf(alice), Owner: addrOf(bob),
		Recipient: carol, Amount: &authtypes.Coin{Denom: denom, Amount: "300"}})
	require.Zero(t, code, log)
	require.Equal(t, "350", c.balance(carol, denom))
	require.Equal(t, "550", c.balance(addrOf(bob), denom))

	var allowance tokentypes.QueryAllowanceResponse
	res := c.query(tokentypes.QueryPathAllowance, &tokentypes.QueryAllowanceRequest{Owner: addrOf(bob), Spender: addrOf(alice), Denom: denom}, &allowance)
	require.Zero(t, res.Code, res.Log)
	require.Equal(t, "0", allowance.Allowance.Amount)
}
