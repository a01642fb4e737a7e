package token

import (
	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/token/types"
)

// maxPageLimit bounds one page of the token list.
const maxPageLimit = 1000

// TokenToProto is t in its wire form, with its supply read from the bank.
func (k Keeper) TokenToProto(r store.Reader, t Token) *types.Token {
	return tokenToProto(t, k.bank.Supply(r, t.Denom).String())
}

// QueryToken answers /stakechain.token.v1.Query/Token.
func (k Keeper) QueryToken(r store.Reader, req *types.QueryTokenRequest) (*types.QueryTokenResponse, error) {
	t, err := k.existingToken(r, req.Denom)
	if err != nil {
		return nil, err
	}
	return &types.QueryTokenResponse{Token: k.TokenToProto(r, t)}, nil
}

// QueryTokens answers /stakechain.token.v1.Query/Tokens: tokens in denom
// order, one page at a time. A page starts at pagination.key (a denom) if
// given, else after pagination.offset tokens; it holds at most
// pagination.limit tokens (default and cap 1000). Reverse order is not
// supported.
func (k Keeper) QueryTokens(r store.Reader, req *types.QueryTokensRequest) (*types.QueryTokensResponse, error) {
	limit := uint64(maxPageLimit)
	var offset uint64
	start := tokenPrefix
	countTotal := false
	if p := req.Pagination; p != nil {
		if p.Reverse {
			return nil, core.ErrInvalidRequest.Wrap("reverse pagination is not supported")
		}
		if len(p.Key) > 0 && p.Offset > 0 {
			return nil, core.ErrInvalidRequest.Wrap("pagination takes either a key or an offset, not both")
		}
		if p.Limit > 0 && p.Limit < limit {
			limit = p.Limit
		}
		offset = p.Offset
		if len(p.Key) > 0 {
			start = store.Key(tokenPrefix, p.Key)
		}
		countTotal = p.CountTotal && len(p.Key) == 0
	}
	var (
		page    []Token
		nextKey []byte
		seen    uint64
	)
	r.Iterate(start, store.PrefixEnd(tokenPrefix), func(key, value []byte) bool {
		seen++
		if seen <= offset {
			return true
		}
		if uint64(len(page)) == limit {
			if nextKey == nil {
				nextKey = append([]byte(nil), key[len(tokenPrefix):]...)
			}
			return countTotal // keep counting only if asked to
		}
		page = append(page, decodeToken(value))
		return true
	})
	// Supplies are read after the iteration, which reads nothing else.
	out := make([]*types.Token, len(page))
	for i, t := range page {
		out[i] = k.TokenToProto(r, t)
	}
	resp := &authtypes.PageResponse{NextKey: nextKey}
	if countTotal {
		resp.Total = seen
	}
	return &types.QueryTokensResponse{Tokens: out, Pagination: resp}, nil
}

// QueryAllowance answers /stakechain.token.v1.Query/Allowance; the
// allowance is "0" when none was given.
func (k Keeper) QueryAllowance(r store.Reader, req *types.QueryAllowanceRequest) (*types.QueryAllowanceResponse, error) {
	owner, err := parseAccountInput("owner", req.Owner)
	if err != nil {
		return nil, err
	}
	spender, err := parseAccountInput("spender", req.Spender)
	if err != nil {
		return nil, err
	}
	if _, err := k.existingToken(r, req.Denom); err != nil {
		return nil, err
	}
	amt := k.Allowance(r, owner, spender, req.Denom)
	return &types.QueryAllowanceResponse{Allowance: &authtypes.Coin{Denom: req.Denom, Amount: amt.String()}}, nil
}

// parseAccountInput decodes an account address of a query, bech32 or 0x
// (authtypes.ParseAccountInput); messages take bech32 only (parseAddress).
func parseAccountInput(field, s string) (authtypes.Address, error) {
	a, err := authtypes.ParseAccountInput(s)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrapf("%s: %v", field, err)
	}
	return a, nil
}
