package token

import (
	"testing"

	"github.com/stretchr/testify/require"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/token/types"
)

func TestQueryTokenShowsTheTokenWithItsBankSupply(t *testing.T) {
	e := newEnv(t)
	denom := e.create("alice", "GOLD", 1000, 100)
	require.NoError(t, e.mint("alice", denom, 23, "bob"))
	resp, err := e.k.QueryToken(e.w, &types.QueryTokenRequest{Denom: denom})
	require.NoError(t, err)
	require.Equal(t, &types.Token{Denom: denom, Creator: addr("alice").String(), Admin: addr("alice").String(), Symbol: "GOLD",
		Name: "GOLD coin", Decimals: 6, MaxSupply: "1000", Supply: "123"}, resp.Token)

	_, err = e.k.QueryToken(e.w, &types.QueryTokenRequest{Denom: Denom(addr("alice"), "NONE")})
	require.ErrorIs(t, err, ErrTokenNotFound)
	_, err = e.k.QueryToken(e.w, &types.QueryTokenRequest{Denom: "ustake"})
	require.ErrorIs(t, err, ErrNotTokenDenom)
}

func TestQueryTokensListsTokensInDenomOrderOnePageAtATime(t *testing.T) {
	e := newEnv(t)
	var denoms []string
	for _, s := range []string{"AAA", "BBB", "CCC", "DDD", "EEE"} {
		denoms = append(denoms, e.create("alice", s, 10, 1))
	}
	all, err := e.k.QueryTokens(e.w, &types.QueryTokensRequest{})
	require.NoError(t, err)
	require.Len(t, all.Tokens, 5)
	require.Empty(t, all.Pagination.NextKey)
	for i, tok := range all.Tokens {
		require.Equal(t, denoms[i], tok.Denom)
		require.Equal(t, "1", tok.Supply)
	}

	var got []string
	var key []byte
	for {
		resp, err := e.k.QueryTokens(e.w, &types.QueryTokensRequest{Pagination: &authtypes.PageRequest{Key: key, Limit: 2}})
		require.NoError(t, err)
		for _, tok := range resp.Tokens {
			got = append(got, tok.Denom)
		}
		if len(resp.Pagination.NextKey) == 0 {
			break
		}
		key = resp.Pagination.NextKey
	}
	require.Equal(t, denoms, got)

	resp, err := e.k.QueryTokens(e.w, &types.QueryTokensRequest{Pagination: &authtypes.PageRequest{Offset: 3, Limit: 1, CountTotal: true}})
	require.NoError(t, err)
	require.Len(t, resp.Tokens, 1)
	require.Equal(t, denoms[3], resp.Tokens[0].Denom)
	require.Equal(t, uint64(5), resp.Pagination.Total)

	_, err = e.k.QueryTokens(e.w, &types.QueryTokensRequest{Pagination: &authtypes.PageRequest{Reverse: true}})
	require.ErrorIs(t, err, core.ErrInvalidRequest)
}

func TestQueryAllowanceIsZeroUntilApproved(t *testing.T) {
	e := newEnv(t)
	denom := e.create("alice", "GOLD", 1000, 100)
	req := &types.QueryAllowanceRequest{Owner: addr("alice").String(), Spender: addr("bob").String(), Denom: denom}
	resp, err := e.k.QueryAllowance(e.w, req)
	require.NoError(t, err)
	require.Equal(t, &authtypes.Coin{Denom: denom, Amount: "0"}, resp.Allowance)

	require.NoError(t, e.approve("alice", "bob", denom, 40))
	resp, err = e.k.QueryAllowance(e.w, req)
	require.NoError(t, err)
	require.Equal(t, "40", resp.Allowance.Amount)

	_, err = e.k.QueryAllowance(e.w, &types.QueryAllowanceRequest{Owner: "x", Spender: addr("bob").String(), Denom: denom})
	require.ErrorIs(t, err, core.ErrInvalidAddress)
	_, err = e.k.QueryAllowance(e.w, &types.QueryAllowanceRequest{Owner: addr("alice").String(), Spender: addr("bob").String(), Denom: "ustake"})
	require.ErrorIs(t, err, ErrNotTokenDenom)
}
