package bank

import (
	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

// maxPageLimit bounds one page of a list query.
const maxPageLimit = 1000

// QueryBalance answers /cosmos.bank.v1beta1.Query/Balance.
func (k Keeper) QueryBalance(r store.Reader, req *types.QueryBalanceRequest) (*types.QueryBalanceResponse, error) {
	addr, err := authtypes.ParseAccountInput(req.Address)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrap(err.Error())
	}
	if err := core.ValidateDenom(req.Denom); err != nil {
		return nil, err
	}
	amt := k.Balance(r, addr, req.Denom)
	return &types.QueryBalanceResponse{Balance: &authtypes.Coin{Denom: req.Denom, Amount: amt.String()}}, nil
}

// QueryAllBalances answers /cosmos.bank.v1beta1.Query/AllBalances, one page
// at a time (by key or offset).
func (k Keeper) QueryAllBalances(r store.Reader, req *types.QueryAllBalancesRequest) (*types.QueryAllBalancesResponse, error) {
	addr, err := authtypes.ParseAccountInput(req.Address)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrap(err.Error())
	}
	prefix := balancesPrefix(addr)
	coins, page, err := paginate(r, prefix, req.Pagination)
	if err != nil {
		return nil, err
	}
	return &types.QueryAllBalancesResponse{Balances: coins, Pagination: page}, nil
}

// QueryTotalSupply answers /cosmos.bank.v1beta1.Query/TotalSupply.
func (k Keeper) QueryTotalSupply(r store.Reader, req *types.QueryTotalSupplyRequest) (*types.QueryTotalSupplyResponse, error) {
	coins, page, err := paginate(r, supplyPrefix, req.Pagination)
	if err != nil {
		return nil, err
	}
	return &types.QueryTotalSupplyResponse{Supply: coins, Pagination: page}, nil
}

// QuerySupplyOf answers /cosmos.bank.v1beta1.Query/SupplyOf.
func (k Keeper) QuerySupplyOf(r store.Reader, req *types.QuerySupplyOfRequest) (*types.QuerySupplyOfResponse, error) {
	if err := core.ValidateDenom(req.Denom); err != nil {
		return nil, err
	}
	return &types.QuerySupplyOfResponse{Amount: &authtypes.Coin{Denom: req.Denom, Amount: k.Supply(r, req.Denom).String()}}, nil
}

// paginate reads coins stored as prefix|denom → amount, one page at a time.
// A page starts at req.Key (a denom) if given, else after req.Offset
// entries; it holds at most req.Limit entries (default and cap
// maxPageLimit). Reverse order is not supported.
func paginate(r store.Reader, prefix []byte, req *authtypes.PageRequest) ([]*authtypes.Coin, *authtypes.PageResponse, error) {
	limit := uint64(maxPageLimit)
	var offset uint64
	start := prefix
	countTotal := false
	if req != nil {
		if req.Reverse {
			return nil, nil, core.ErrInvalidRequest.Wrap("reverse pagination is not supported")
		}
		if len(req.Key) > 0 && req.Offset > 0 {
			return nil, nil, core.ErrInvalidRequest.Wrap("pagination takes either a key or an offset, not both")
		}
		if req.Limit > 0 && req.Limit < limit {
			limit = req.Limit
		}
		offset = req.Offset
		if len(req.Key) > 0 {
			start = append(append([]byte(nil), prefix...), req.Key...)
		}
		countTotal = req.CountTotal && len(req.Key) == 0
	}
	var (
		out     []*authtypes.Coin
		nextKey []byte
		seen    uint64
	)
	r.Iterate(start, store.PrefixEnd(prefix), func(key, value []byte) bool {
		seen++
		if seen <= offset {
			return true
		}
		if uint64(len(out)) == limit {
			if nextKey == nil {
				nextKey = append([]byte(nil), key[len(prefix):]...)
			}
			return countTotal // keep counting only if asked to
		}
		out = append(out, &authtypes.Coin{Denom: string(key[len(prefix):]), Amount: decodeAmount(value).String()})
		return true
	})
	page := &authtypes.PageResponse{NextKey: nextKey}
	if countTotal {
		page.Total = seen
	}
	return out, page, nil
}
