package mint

import (
	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/mint/types"
)

// QueryParams answers /cosmos.mint.v1beta1.Query/Params.
func (k Keeper) QueryParams(r store.Reader, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	return &types.QueryParamsResponse{Params: ParamsToProto(k.Params(r))}, nil
}

// QueryInflation answers /cosmos.mint.v1beta1.Query/Inflation.
func (k Keeper) QueryInflation(r store.Reader, _ *types.QueryInflationRequest) (*types.QueryInflationResponse, error) {
	return &types.QueryInflationResponse{Inflation: core.DecToProtoBytes(k.Minter(r).Inflation)}, nil
}

// QueryAnnualProvisions answers /cosmos.mint.v1beta1.Query/AnnualProvisions.
func (k Keeper) QueryAnnualProvisions(r store.Reader, _ *types.QueryAnnualProvisionsRequest) (*types.QueryAnnualProvisionsResponse, error) {
	return &types.QueryAnnualProvisionsResponse{AnnualProvisions: core.DecToProtoBytes(k.Minter(r).AnnualProvisions)}, nil
}
