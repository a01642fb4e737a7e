package mint

import (
	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/mint/types"
	stakingtypes "github.com/stakechain/stakechain/x/staking/types"
)

// QueryParams answers /cosmos.mint.v1beta1.Query/Params.
func (k Keeper) QueryParams(r store.Reader, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p := k.Params(r)
	return &types.QueryParamsResponse{Params: &types.Params{
		MintDenom:           p.MintDenom,
		InflationRateChange: stakingtypes.DecToProto(p.InflationRateChange),
		InflationMax:        stakingtypes.DecToProto(p.InflationMax),
		InflationMin:        stakingtypes.DecToProto(p.InflationMin),
		GoalBonded:          stakingtypes.DecToProto(p.GoalBonded),
		BlocksPerYear:       p.BlocksPerYear,
	}}, nil
}

// QueryInflation answers /cosmos.mint.v1beta1.Query/Inflation.
func (k Keeper) QueryInflation(r store.Reader, _ *types.QueryInflationRequest) (*types.QueryInflationResponse, error) {
	return &types.QueryInflationResponse{Inflation: stakingtypes.DecToProtoBytes(k.Minter(r).Inflation)}, nil
}

// QueryAnnualProvisions answers /cosmos.mint.v1beta1.Query/AnnualProvisions.
func (k Keeper) QueryAnnualProvisions(r store.Reader, _ *types.QueryAnnualProvisionsRequest) (*types.QueryAnnualProvisionsResponse, error) {
	return &types.QueryAnnualProvisionsResponse{AnnualProvisions: stakingtypes.DecToProtoBytes(k.Minter(r).AnnualProvisions)}, nil
}
