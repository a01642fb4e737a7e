package distribution

import (
	"testing"

	"github.com/stretchr/testify/require"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/distribution/types"
)

func TestQueriesAnswerDecCoinsAsEighteenDecimalAtomics(t *testing.T) {
	e := newEnv(t, "v", "x")
	e.createValidator("v", 1_000_000, "0.1")
	e.delegate("x", "v", 3_000_000)
	e.payFees("1000ustake")
	e.allocate(vote("v", 1, true))
	del, val := addr("x").String(), addr("v").Valoper()

	rw, err := e.k.QueryDelegationRewards(e.w, &types.QueryDelegationRewardsRequest{DelegatorAddress: del, ValidatorAddress: val})
	require.NoError(t, err)
	// 882 × 3/4 = 661.5
	require.Equal(t, []*authtypes.DecCoin{{Denom: "ustake", Amount: "661500000000000000000"}}, rw.Rewards)

	tot, err := e.k.QueryDelegationTotalRewards(e.w, &types.QueryDelegationTotalRewardsRequest{DelegatorAddress: del})
	require.NoError(t, err)
	require.Equal(t, []*types.DelegationDelegatorReward{{ValidatorAddress: val, Reward: rw.Rewards}}, tot.Rewards)
	require.Equal(t, rw.Rewards, tot.Total)

	com, err := e.k.QueryValidatorCommission(e.w, &types.QueryValidatorCommissionRequest{ValidatorAddress: val})
	require.NoError(t, err)
	require.Equal(t, []*authtypes.DecCoin{{Denom: "ustake", Amount: "98000000000000000000"}}, com.Commission.Commission)

	out, err := e.k.QueryValidatorOutstandingRewards(e.w, &types.QueryValidatorOutstandingRewardsRequest{ValidatorAddress: val})
	require.NoError(t, err)
	require.Equal(t, []*authtypes.DecCoin{{Denom: "ustake", Amount: "980000000000000000000"}}, out.Rewards.Rewards)

	pool, err := e.k.QueryCommunityPool(e.w, &types.QueryCommunityPoolRequest{})
	require.NoError(t, err)
	require.Equal(t, []*authtypes.DecCoin{{Denom: "ustake", Amount: "20000000000000000000"}}, pool.Pool)

	p, err := e.k.QueryParams(e.w, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, &types.Params{CommunityTax: "20000000000000000", BaseProposerReward: "0", BonusProposerReward: "0"}, p.Params)

	vals, err := e.k.QueryDelegatorValidators(e.w, &types.QueryDelegatorValidatorsRequest{DelegatorAddress: del})
	require.NoError(t, err)
	require.Equal(t, []string{val}, vals.Validators)
	wa, err := e.k.QueryDelegatorWithdrawAddress(e.w, &types.QueryDelegatorWithdrawAddressRequest{DelegatorAddress: del})
	require.NoError(t, err)
	require.Equal(t, del, wa.WithdrawAddress)

	// Every response encodes.
	for _, m := range []interface{ Marshal() ([]byte, error) }{rw, tot, com, out, pool, p, vals, wa} {
		_, err := m.Marshal()
		require.NoError(t, err)
	}
}

func TestQueriesRefuseBadAddressesAndUnknownValidators(t *testing.T) {
	e := newEnv(t, "v", "x")
	e.createValidator("v", 1_000_000, "0")
	_, err := e.k.QueryDelegationRewards(e.w, &types.QueryDelegationRewardsRequest{DelegatorAddress: addr("x").Valoper(), ValidatorAddress: addr("v").Valoper()})
	require.ErrorIs(t, err, core.ErrInvalidAddress, "a valoper is not a delegator")
	_, err = e.k.QueryDelegationRewards(e.w, &types.QueryDelegationRewardsRequest{DelegatorAddress: addr("x").String(), ValidatorAddress: addr("v").String()})
	require.ErrorIs(t, err, core.ErrInvalidAddress, "an account is not a valoper")
	_, err = e.k.QueryDelegationRewards(e.w, &types.QueryDelegationRewardsRequest{DelegatorAddress: addr("x").String(), ValidatorAddress: addr("v").Valoper()})
	require.ErrorIs(t, err, ErrNoDelegationExists)
	_, err = e.k.QueryValidatorCommission(e.w, &types.QueryValidatorCommissionRequest{ValidatorAddress: addr("nobody").Valoper()})
	require.ErrorIs(t, err, ErrNoValidatorExists)
	_, err = e.k.QueryValidatorOutstandingRewards(e.w, &types.QueryValidatorOutstandingRewardsRequest{ValidatorAddress: "stakevaloper1bad"})
	require.ErrorIs(t, err, core.ErrInvalidAddress)

	tot, err := e.k.QueryDelegationTotalRewards(e.w, &types.QueryDelegationTotalRewardsRequest{DelegatorAddress: addr("x").String()})
	require.NoError(t, err)
	require.Empty(t, tot.Rewards)
	require.Empty(t, tot.Total)
}

func TestWithdrawMessagesParseIntoDomainAddresses(t *testing.T) {
	m, err := ParseMsgWithdrawDelegatorReward(&types.MsgWithdrawDelegatorReward{
		DelegatorAddress: addr("x").String(), ValidatorAddress: addr("v").Valoper(),
	})
	require.NoError(t, err)
	require.Equal(t, WithdrawDelegatorReward{Delegator: addr("x"), Validator: addr("v")}, m)
	_, err = ParseMsgWithdrawDelegatorReward(&types.MsgWithdrawDelegatorReward{
		DelegatorAddress: addr("x").String(), ValidatorAddress: addr("v").String(),
	})
	require.ErrorIs(t, err, core.ErrInvalidAddress)
	_, err = ParseMsgWithdrawDelegatorReward(&types.MsgWithdrawDelegatorReward{ValidatorAddress: addr("v").Valoper()})
	require.ErrorIs(t, err, core.ErrInvalidAddress)

	c, err := ParseMsgWithdrawValidatorCommission(&types.MsgWithdrawValidatorCommission{ValidatorAddress: addr("v").Valoper()})
	require.NoError(t, err)
	require.Equal(t, WithdrawValidatorCommission{Validator: addr("v")}, c)
	_, err = ParseMsgWithdrawValidatorCommission(&types.MsgWithdrawValidatorCommission{ValidatorAddress: addr("v").String()})
	require.ErrorIs(t, err, core.ErrInvalidAddress)
}
