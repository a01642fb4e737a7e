package main

import (
	"fmt"
	"io"
	"strings"

	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/spf13/cobra"

	"github.com/stakechain/stakechain/cmd/client"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	distributiontypes "github.com/stakechain/stakechain/x/distribution/types"
	minttypes "github.com/stakechain/stakechain/x/mint/types"
)

func txDistributionCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "distribution", Short: "Withdraw staking rewards and validator commission"}
	withdraw := &cobra.Command{
		Use:   "withdraw-rewards VALOPER",
		Short: "Withdraw --from's rewards from a validator (and, with --commission, the validator's commission)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			from, err := fromFlag(cmd)
			if err != nil {
				return err
			}
			if _, err := authtypes.ParseValoper(args[0]); err != nil {
				return err
			}
			commission, _ := cmd.Flags().GetBool("commission")
			return broadcastTx(cmd, from, func(del authtypes.Address) ([]*gogotypes.Any, error) {
				m, err := client.PackMsg(distributiontypes.TypeURLMsgWithdrawDelegatorReward,
					&distributiontypes.MsgWithdrawDelegatorReward{DelegatorAddress: del.String(), ValidatorAddress: args[0]})
				if err != nil {
					return nil, err
				}
				msgs := []*gogotypes.Any{m}
				if commission {
					if del.Valoper() != args[0] {
						return nil, fmt.Errorf("--commission: %s is not the validator of --from (%s)", args[0], del.Valoper())
					}
					c, err := client.PackMsg(distributiontypes.TypeURLMsgWithdrawValidatorCommission,
						&distributiontypes.MsgWithdrawValidatorCommission{ValidatorAddress: args[0]})
					if err != nil {
						return nil, err
					}
					msgs = append(msgs, c)
				}
				return msgs, nil
			})
		},
	}
	withdraw.Flags().Bool("commission", false, "also withdraw the commission of --from's own validator")
	cmd.AddCommand(withdraw)
	return cmd
}

func queryDistributionCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "distribution", Short: "Query staking rewards, commission and the community pool"}
	cmd.AddCommand(
		&cobra.Command{
			Use: "rewards DELEGATOR [VALOPER]", Short: "Show a delegator's pending rewards, per validator and in total", Args: cobra.RangeArgs(1, 2),
			RunE: func(cmd *cobra.Command, args []string) error {
				del, err := accountArg("delegator", args[0])
				if err != nil {
					return err
				}
				if len(args) == 2 {
					var resp distributiontypes.QueryDelegationRewardsResponse
					if err := runQuery(cmd, "/cosmos.distribution.v1beta1.Query/DelegationRewards",
						&distributiontypes.QueryDelegationRewardsRequest{DelegatorAddress: del, ValidatorAddress: args[1]}, &resp); err != nil {
						return err
					}
					printResult(cmd, &resp, func(w io.Writer) { fmt.Fprintln(w, decCoinsText(resp.Rewards)) })
					return nil
				}
				var resp distributiontypes.QueryDelegationTotalRewardsResponse
				if err := runQuery(cmd, "/cosmos.distribution.v1beta1.Query/DelegationTotalRewards",
					&distributiontypes.QueryDelegationTotalRewardsRequest{DelegatorAddress: del}, &resp); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) {
					for _, r := range resp.Rewards {
						fmt.Fprintf(w, "%s  %s\n", r.ValidatorAddress, decCoinsText(r.Reward))
					}
					fmt.Fprintf(w, "total: %s\n", decCoinsText(resp.Total))
				})
				return nil
			},
		},
		&cobra.Command{
			Use: "commission VALOPER", Short: "Show a validator's accumulated commission", Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				var resp distributiontypes.QueryValidatorCommissionResponse
				if err := runQuery(cmd, "/cosmos.distribution.v1beta1.Query/ValidatorCommission",
					&distributiontypes.QueryValidatorCommissionRequest{ValidatorAddress: args[0]}, &resp); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) {
					var c []*authtypes.DecCoin
					if resp.Commission != nil {
						c = resp.Commission.Commission
					}
					fmt.Fprintln(w, decCoinsText(c))
				})
				return nil
			},
		},
		&cobra.Command{
			Use: "community-pool", Short: "Show the community pool", Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				var resp distributiontypes.QueryCommunityPoolResponse
				if err := runQuery(cmd, "/cosmos.distribution.v1beta1.Query/CommunityPool", &distributiontypes.QueryCommunityPoolRequest{}, &resp); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) { fmt.Fprintln(w, decCoinsText(resp.Pool)) })
				return nil
			},
		},
	)
	return cmd
}

func queryMintCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "mint", Short: "Query inflation"}
	cmd.AddCommand(
		&cobra.Command{
			Use: "inflation", Short: "Show the current yearly inflation rate", Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				var resp minttypes.QueryInflationResponse
				if err := runQuery(cmd, "/cosmos.mint.v1beta1.Query/Inflation", &minttypes.QueryInflationRequest{}, &resp); err != nil {
					return err
				}
				printResult(cmd, map[string]string{"inflation": decText(string(resp.Inflation))}, func(w io.Writer) {
					fmt.Fprintln(w, decText(string(resp.Inflation)))
				})
				return nil
			},
		},
		&cobra.Command{
			Use: "annual-provisions", Short: "Show the coins minted per year at the current rate", Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				var resp minttypes.QueryAnnualProvisionsResponse
				if err := runQuery(cmd, "/cosmos.mint.v1beta1.Query/AnnualProvisions", &minttypes.QueryAnnualProvisionsRequest{}, &resp); err != nil {
					return err
				}
				printResult(cmd, map[string]string{"annual_provisions": decText(string(resp.AnnualProvisions))}, func(w io.Writer) {
					fmt.Fprintln(w, decText(string(resp.AnnualProvisions)))
				})
				return nil
			},
		},
	)
	return cmd
}

// decCoinsText shows wire DecCoins ("1500000000000000000" atomics) as
// "1.5ustake,...".
func decCoinsText(cs []*authtypes.DecCoin) string {
	if len(cs) == 0 {
		return "0"
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = decText(c.Amount) + c.Denom
	}
	return strings.Join(parts, ",")
}
