package slashing

import (
	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/slashing/types"
)

// maxPageLimit bounds one page of SigningInfos, and is its default size.
const maxPageLimit = 1000

// ParamsToProto is p in its Cosmos wire form: the decimals as the bytes of
// their integer count of 10^-18 units, as Cosmos encodes a Dec field.
func ParamsToProto(p Params) *types.Params {
	return &types.Params{
		SignedBlocksWindow:      p.SignedBlocksWindow,
		MinSignedPerWindow:      core.DecToProtoBytes(p.MinSignedPerWindow),
		DowntimeJailDuration:    core.DurationToProto(p.DowntimeJailDuration),
		SlashFractionDoubleSign: core.DecToProtoBytes(p.SlashFractionDoubleSign),
		SlashFractionDowntime:   core.DecToProtoBytes(p.SlashFractionDowntime),
	}
}

// SigningInfoToProto is s in its Cosmos wire form.
func SigningInfoToProto(s SigningInfo) *types.ValidatorSigningInfo {
	return &types.ValidatorSigningInfo{
		Address:             consString(s.Address),
		StartHeight:         s.StartHeight,
		IndexOffset:         s.IndexOffset,
		JailedUntil:         &gogotypes.Timestamp{Seconds: s.JailedUntil.Unix(), Nanos: int32(s.JailedUntil.Nanosecond())},
		Tombstoned:          s.Tombstoned,
		MissedBlocksCounter: s.MissedBlocksCounter,
	}
}

// QueryParams answers /cosmos.slashing.v1beta1.Query/Params.
func (k Keeper) QueryParams(r store.Reader, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	return &types.QueryParamsResponse{Params: ParamsToProto(k.Params(r))}, nil
}

// QuerySigningInfo answers /cosmos.slashing.v1beta1.Query/SigningInfo for a
// "stakevalcons" address.
func (k Keeper) QuerySigningInfo(r store.Reader, req *types.QuerySigningInfoRequest) (*types.QuerySigningInfoResponse, error) {
	cons, err := authtypes.ParseConsAddress(req.ConsAddress)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrap(err.Error())
	}
	info, ok := k.SigningInfo(r, cons)
	if !ok {
		return nil, ErrNoSigningInfoFound.Wrap(req.ConsAddress)
	}
	return &types.QuerySigningInfoResponse{ValSigningInfo: SigningInfoToProto(info)}, nil
}

// QuerySigningInfos answers /cosmos.slashing.v1beta1.Query/SigningInfos:
// every signing info in consensus address order, one page at a time. A
// page starts at the request's key (a raw consensus address, as returned
// in next_key) or after its offset, and holds at most its limit (default
// and cap 1000). Reverse order is not supported.
func (k Keeper) QuerySigningInfos(r store.Reader, req *types.QuerySigningInfosRequest) (*types.QuerySigningInfosResponse, error) {
	limit := uint64(maxPageLimit)
	var offset uint64
	start := signingInfoPrefix
	countTotal := false
	if pr := req.Pagination; pr != nil {
		if pr.Reverse {
			return nil, core.ErrInvalidRequest.Wrap("reverse pagination is not supported")
		}
		if len(pr.Key) > 0 && pr.Offset > 0 {
			return nil, core.ErrInvalidRequest.Wrap("pagination takes either a key or an offset, not both")
		}
		if pr.Limit > 0 && pr.Limit < limit {
			limit = pr.Limit
		}
		offset = pr.Offset
		if len(pr.Key) > 0 {
			start = signingInfoKey(pr.Key)
		}
		countTotal = pr.CountTotal && len(pr.Key) == 0
	}
	var (
		out     []*types.ValidatorSigningInfo
		nextKey []byte
		seen    uint64
	)
	r.Iterate(start, store.PrefixEnd(signingInfoPrefix), func(key, value []byte) bool {
		seen++
		if seen <= offset {
			return true
		}
		cons := key[len(signingInfoPrefix):]
		if uint64(len(out)) == limit {
			if nextKey == nil {
				nextKey = append([]byte(nil), cons...)
			}
			return countTotal
		}
		out = append(out, SigningInfoToProto(decodeSigningInfo(cons, value)))
		return true
	})
	page := &authtypes.PageResponse{NextKey: nextKey}
	if countTotal {
		page.Total = seen
	}
	return &types.QuerySigningInfosResponse{Info: out, Pagination: page}, nil
}
