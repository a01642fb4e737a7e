package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	distributiontypes "github.com/stakechain/stakechain/x/distribution/types"
	slashingtypes "github.com/stakechain/stakechain/x/slashing/types"
	stakingtypes "github.com/stakechain/stakechain/x/staking/types"
)

func TestJSONOutputShowsWireDecimalsAsDecimals(t *testing.T) {
	v := &stakingtypes.QueryValidatorsResponse{Validators: []*stakingtypes.Validator{{
		OperatorAddress: "stakevaloper1x", Tokens: "1000000", DelegatorShares: "1000000000000000000000000",
		Commission: &stakingtypes.Commission{CommissionRates: &stakingtypes.CommissionRates{
			Rate: "100000000000000000", MaxRate: "200000000000000000", MaxChangeRate: "10000000000000000"}},
	}}}
	bz, err := encodeJSON(v)
	require.NoError(t, err)
	var got struct {
		Validators []struct {
			Tokens          string `json:"tokens"`
			DelegatorShares string `json:"delegator_shares"`
			Commission      struct {
				CommissionRates struct {
					Rate string `json:"rate"`
				} `json:"commission_rates"`
			} `json:"commission"`
		} `json:"validators"`
	}
	require.NoError(t, json.Unmarshal(bz, &got), string(bz))
	require.Equal(t, "1000000", got.Validators[0].Tokens, "integers stay as they are")
	require.Equal(t, "1000000.000000000000000000", got.Validators[0].DelegatorShares)
	require.Equal(t, "0.100000000000000000", got.Validators[0].Commission.CommissionRates.Rate)

	rewards := &distributiontypes.QueryCommunityPoolResponse{Pool: []*authtypes.DecCoin{{Denom: "ustake", Amount: "1500000000000000000"}}}
	bz, err = encodeJSON(rewards)
	require.NoError(t, err)
	require.Contains(t, string(bz), `"amount": "1.500000000000000000"`)

	params := &slashingtypes.QueryParamsResponse{Params: &slashingtypes.Params{SignedBlocksWindow: 20, MinSignedPerWindow: []byte("500000000000000000")}}
	bz, err = encodeJSON(params)
	require.NoError(t, err)
	require.Contains(t, string(bz), `"min_signed_per_window": "0.500000000000000000"`, "bytes decimals too")
	require.Contains(t, string(bz), `"signed_blocks_window": "20"`)
}
