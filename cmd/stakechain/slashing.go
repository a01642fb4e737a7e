package main

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/spf13/cobra"

	"github.com/stakechain/stakechain/cmd/client"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	slashingtypes "github.com/stakechain/stakechain/x/slashing/types"
)

func txSlashingCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "slashing", Short: "Unjail a validator"}
	cmd.AddCommand(&cobra.Command{
		Use:   "unjail",
		Short: "Return --from's jailed validator to the ranking once its jail time is over",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			from, err := fromFlag(cmd)
			if err != nil {
				return err
			}
			return broadcastTx(cmd, from, func(op authtypes.Address) ([]*gogotypes.Any, error) {
				a, err := client.PackMsg(slashingtypes.TypeURLMsgUnjail, &slashingtypes.MsgUnjail{ValidatorAddr: op.Valoper()})
				return []*gogotypes.Any{a}, err
			})
		},
	})
	return cmd
}

func querySlashingCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "slashing", Short: "Query validators' signing records and the slashing parameters"}
	cmd.AddCommand(
		&cobra.Command{
			Use:   "signing-info [VALCONS]",
			Short: "Show how many blocks validators missed in the window and when they may unjail",
			Long: `Show the signing record of one validator (its consensus address, stakevalcons...,
as "comet show-validator" keys map to) or of all: blocks missed in the current
window, the most it may miss, when its jail ends, and whether it is tombstoned.`,
			Args: cobra.MaximumNArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				var params slashingtypes.QueryParamsResponse
				if err := runQuery(cmd, "/cosmos.slashing.v1beta1.Query/Params", &slashingtypes.QueryParamsRequest{}, &params); err != nil {
					return err
				}
				var infos []*slashingtypes.ValidatorSigningInfo
				var out any
				if len(args) == 1 {
					var resp slashingtypes.QuerySigningInfoResponse
					if err := runQuery(cmd, "/cosmos.slashing.v1beta1.Query/SigningInfo", &slashingtypes.QuerySigningInfoRequest{ConsAddress: args[0]}, &resp); err != nil {
						return err
					}
					infos, out = []*slashingtypes.ValidatorSigningInfo{resp.ValSigningInfo}, &resp
				} else {
					var resp slashingtypes.QuerySigningInfosResponse
					if err := runQuery(cmd, "/cosmos.slashing.v1beta1.Query/SigningInfos", &slashingtypes.QuerySigningInfosRequest{}, &resp); err != nil {
						return err
					}
					infos, out = resp.Info, &resp
				}
				printResult(cmd, out, func(w io.Writer) { printSigningInfos(w, infos, params.Params) })
				return nil
			},
		},
		&cobra.Command{
			Use: "params", Short: "Show the slashing parameters", Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				var resp slashingtypes.QueryParamsResponse
				if err := runQuery(cmd, "/cosmos.slashing.v1beta1.Query/Params", &slashingtypes.QueryParamsRequest{}, &resp); err != nil {
					return err
				}
				p := resp.Params
				printResult(cmd, &resp, func(w io.Writer) {
					fmt.Fprintf(w, "signed_blocks_window: %d\nmin_signed_per_window: %s\ndowntime_jail_duration: %ds\nslash_fraction_double_sign: %s\nslash_fraction_downtime: %s\n",
						p.SignedBlocksWindow, decText(string(p.MinSignedPerWindow)), p.DowntimeJailDuration.GetSeconds(),
						decText(string(p.SlashFractionDoubleSign)), decText(string(p.SlashFractionDowntime)))
				})
				return nil
			},
		},
	)
	return cmd
}

func printSigningInfos(w io.Writer, infos []*slashingtypes.ValidatorSigningInfo, p *slashingtypes.Params) {
	maxMissed := int64(-1)
	if p != nil {
		if minSigned, err := core.DecFromProtoBytes(p.MinSignedPerWindow); err == nil {
			maxMissed = p.SignedBlocksWindow - minSigned.MulInt64(p.SignedBlocksWindow).RoundInt64()
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ADDRESS\tMISSED\tJAILED UNTIL\tTOMBSTONED")
	now := time.Now().UTC()
	for _, s := range infos {
		missed := fmt.Sprintf("%d", s.MissedBlocksCounter)
		if maxMissed >= 0 {
			missed = fmt.Sprintf("%d of at most %d in %d blocks", s.MissedBlocksCounter, maxMissed, p.SignedBlocksWindow)
		}
		jailed := "-"
		if t, err := gogotypes.TimestampFromProto(s.JailedUntil); err == nil && t.Unix() > 0 {
			jailed = t.UTC().Format(time.RFC3339)
			switch {
			case s.Tombstoned:
				jailed += " (tombstoned: never)"
			case t.After(now):
				jailed += fmt.Sprintf(" (unjail in %s)", t.Sub(now).Round(time.Second))
			default:
				jailed += " (may unjail now)"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%t\n", s.Address, missed, jailed, s.Tombstoned)
	}
	tw.Flush()
}
