package distribution

import (
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/distribution/types"
)

// fundedPool is a chain whose community pool holds 20,000 ustake and a
// fraction: the 2% tax on 1,000,000 ustake of fees, plus what allocation
// left over.
func fundedPool(t *testing.T) *env {
	t.Helper()
	e := newEnv(t, "v", "grantee")
	e.createValidator("v", 1_000_000, "0.1")
	e.payFees("1000000ustake")
	e.allocate(vote("v", 1, true))
	e.invariant()
	require.True(t, e.k.CommunityPool(e.w).AmountOf("ustake").GTE(dec("20000")), e.k.CommunityPool(e.w).String())
	return e
}

// wireSpend encodes and decodes a MsgCommunityPoolSpend, as it travels in
// a proposal, and parses it.
func wireSpend(t *testing.T, authority, recipient string, amount string) (CommunityPoolSpend, error) {
	t.Helper()
	bz, err := proto.Marshal(&types.MsgCommunityPoolSpend{
		Authority: authority, Recipient: recipient, Amount: authtypes.CoinsToProto(coins(t, amount)),
	})
	require.NoError(t, err)
	var m types.MsgCommunityPoolSpend
	require.NoError(t, proto.Unmarshal(bz, &m))
	return ParseMsgCommunityPoolSpend(&m)
}

func TestCommunityPoolSpendPaysTheRecipientAndShrinksThePool(t *testing.T) {
	e := fundedPool(t)
	poolBefore := e.k.CommunityPool(e.w)
	balanceBefore := e.bank.Balance(e.w, addr("grantee"), "ustake")

	s, err := wireSpend(t, govAuthority.String(), addr("grantee").String(), "12345ustake")
	require.NoError(t, err)
	var ev core.Events
	require.NoError(t, e.k.CommunityPoolSpend(e.w, &ev, govAuthority, s))

	require.Equal(t, balanceBefore.AddRaw(12345).String(), e.bank.Balance(e.w, addr("grantee"), "ustake").String())
	require.Equal(t, poolBefore.Sub(decCoins(t, "12345ustake")).String(), e.k.CommunityPool(e.w).String())
	e.invariant()
	require.Equal(t, "community_pool_spend", ev.List()[len(ev.List())-1].Type)
}

func TestCommunityPoolSpendOfTheWholeWholePoolLeavesOnlyTheFraction(t *testing.T) {
	e := fundedPool(t)
	whole, change := e.k.CommunityPool(e.w).TruncateDecimal()
	s, err := wireSpend(t, govAuthority.String(), addr("grantee").String(), whole.String())
	require.NoError(t, err)
	require.NoError(t, e.k.CommunityPoolSpend(e.w, &e.ev, govAuthority, s))
	require.Equal(t, change.String(), e.k.CommunityPool(e.w).String())
	e.invariant()
}

func TestCommunityPoolSpendBeyondThePoolIsRefusedAndChangesNothing(t *testing.T) {
	e := fundedPool(t)
	whole, _ := e.k.CommunityPool(e.w).TruncateDecimal()
	poolBefore := e.k.CommunityPool(e.w)
	balanceBefore := e.bank.Balances(e.w, addr("grantee"))

	for _, amount := range []string{
		whole.AmountOf("ustake").AddRaw(1).String() + "ustake",
		"1uatom",
		"1uatom,1ustake",
	} {
		s, err := wireSpend(t, govAuthority.String(), addr("grantee").String(), amount)
		require.NoError(t, err)
		var ev core.Events
		require.ErrorIs(t, e.k.CommunityPoolSpend(e.w, &ev, govAuthority, s), ErrInsufficientPool, amount)
		require.Empty(t, ev.List())
	}
	require.Equal(t, poolBefore.String(), e.k.CommunityPool(e.w).String())
	require.Equal(t, balanceBefore.String(), e.bank.Balances(e.w, addr("grantee")).String())
	e.invariant()
}

func TestCommunityPoolSpendFromAnotherAccountIsRefused(t *testing.T) {
	e := fundedPool(t)
	poolBefore := e.k.CommunityPool(e.w)
	s, err := wireSpend(t, addr("grantee").String(), addr("grantee").String(), "1ustake")
	require.NoError(t, err)
	require.ErrorIs(t, e.k.CommunityPoolSpend(e.w, &e.ev, govAuthority, s), ErrUnauthorized)
	require.Equal(t, poolBefore.String(), e.k.CommunityPool(e.w).String())
}

func TestCommunityPoolSpendToAModuleAccountIsRefused(t *testing.T) {
	e := fundedPool(t)
	for _, name := range []string{ModuleName, auth.FeeCollectorName} {
		s, err := wireSpend(t, govAuthority.String(), authtypes.ModuleAddress(name).String(), "1ustake")
		require.NoError(t, err)
		require.ErrorIs(t, e.k.CommunityPoolSpend(e.w, &e.ev, govAuthority, s), ErrBadSpendRecipient, name)
	}
	e.invariant()
}

func TestMalformedCommunityPoolSpendsAreRefused(t *testing.T) {
	good := addr("grantee").String()
	for _, c := range []struct {
		name string
		m    *types.MsgCommunityPoolSpend
		want error
	}{
		{"a bad authority", &types.MsgCommunityPoolSpend{Authority: "x", Recipient: good, Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "1"}}}, core.ErrInvalidAddress},
		{"no recipient", &types.MsgCommunityPoolSpend{Authority: govAuthority.String(), Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "1"}}}, ErrBadSpendRecipient},
		{"a bad recipient", &types.MsgCommunityPoolSpend{Authority: govAuthority.String(), Recipient: "x", Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "1"}}}, core.ErrInvalidAddress},
		{"no amount", &types.MsgCommunityPoolSpend{Authority: govAuthority.String(), Recipient: good}, ErrBadSpendAmount},
		{"a zero amount", &types.MsgCommunityPoolSpend{Authority: govAuthority.String(), Recipient: good, Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "0"}}}, ErrBadSpendAmount},
		{"a negative amount", &types.MsgCommunityPoolSpend{Authority: govAuthority.String(), Recipient: good, Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "-5"}}}, ErrBadSpendAmount},
		{"unsorted coins", &types.MsgCommunityPoolSpend{Authority: govAuthority.String(), Recipient: good, Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "1"}, {Denom: "uatom", Amount: "1"}}}, ErrBadSpendAmount},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseMsgCommunityPoolSpend(c.m)
			require.ErrorIs(t, err, c.want)
		})
	}
}
