package main

import (
	"fmt"
	"io"
	"strconv"
	"time"

	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/spf13/cobra"

	"github.com/stakechain/stakechain/cmd/client"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	ballottypes "github.com/stakechain/stakechain/x/ballot/types"
)

func txBallotCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "ballot", Short: "Run a vote among chosen voters (Ballot-contract semantics)"}
	create := &cobra.Command{
		Use:   "create TITLE",
		Short: "Create a ballot chaired by --from; ids count up from 1",
		Long: `Create a ballot chaired by --from over the --proposals, open for
--voting-period from the latest block's time. The chairperson has a vote and
alone gives others the right to vote. With --stake-weighted a voter's weight
is its bonded stake when the right is given, instead of 1. The new ballot's
id is in the tx's create_ballot event (query tx HASH).`,
		Example: "stakechain tx ballot create \"Lunch\" --proposals pizza,sushi,tacos --voting-period 60s --from alice -y",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			from, err := fromFlag(cmd)
			if err != nil {
				return err
			}
			f := cmd.Flags()
			proposals, _ := f.GetStringSlice("proposals")
			period, _ := f.GetDuration("voting-period")
			weighted, _ := f.GetBool("stake-weighted")
			if len(proposals) == 0 {
				return fmt.Errorf("--proposals is required, such as --proposals a,b,c")
			}
			if period <= 0 {
				return fmt.Errorf("--voting-period must be positive")
			}
			node, _ := f.GetString(flagNode)
			c, err := client.New(node)
			if err != nil {
				return err
			}
			st, err := c.RPC.Status(cmd.Context())
			if err != nil {
				return fmt.Errorf("node status: %w", err)
			}
			end := st.SyncInfo.LatestBlockTime.Add(period)
			return broadcastTx(cmd, from, func(chair authtypes.Address) ([]*gogotypes.Any, error) {
				ts, err := gogotypes.TimestampProto(end)
				if err != nil {
					return nil, err
				}
				a, err := client.PackMsg(ballottypes.TypeURLMsgCreateBallot, &ballottypes.MsgCreateBallot{
					Chairperson: chair.String(), Title: args[0], ProposalNames: proposals, VotingEnd: ts, StakeWeighted: weighted})
				return []*gogotypes.Any{a}, err
			})
		},
	}
	create.Flags().StringSlice("proposals", nil, "comma-separated proposal names")
	create.Flags().Duration("voting-period", time.Minute, "how long votes are taken, from the latest block's time")
	create.Flags().Bool("stake-weighted", false, "weigh each voter by its bonded stake")

	giveRight := &cobra.Command{
		Use: "give-right ID VOTER", Short: "Give VOTER the right to vote in ballot ID (chairperson only)", Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			voter, err := accountArg("voter", args[1])
			if err != nil {
				return err
			}
			return ballotTx(cmd, args[0], func(id uint64, signer authtypes.Address) (string, interface{ Marshal() ([]byte, error) }) {
				return ballottypes.TypeURLMsgGiveRightToVote, &ballottypes.MsgGiveRightToVote{Chairperson: signer.String(), BallotId: id, Voter: voter}
			})
		},
	}
	delegate := &cobra.Command{
		Use: "delegate ID TO", Short: "Delegate your vote in ballot ID to TO", Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			to, err := accountArg("delegate", args[1])
			if err != nil {
				return err
			}
			return ballotTx(cmd, args[0], func(id uint64, signer authtypes.Address) (string, interface{ Marshal() ([]byte, error) }) {
				return ballottypes.TypeURLMsgDelegateVote, &ballottypes.MsgDelegateVote{Voter: signer.String(), BallotId: id, To: to}
			})
		},
	}
	vote := &cobra.Command{
		Use: "vote ID PROPOSAL_INDEX", Short: "Vote in ballot ID for the proposal at PROPOSAL_INDEX (from 0)", Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			idx, err := strconv.ParseUint(args[1], 10, 32)
			if err != nil {
				return fmt.Errorf("proposal index %q: %w", args[1], err)
			}
			return ballotTx(cmd, args[0], func(id uint64, signer authtypes.Address) (string, interface{ Marshal() ([]byte, error) }) {
				return ballottypes.TypeURLMsgCastVote, &ballottypes.MsgCastVote{Voter: signer.String(), BallotId: id, ProposalIndex: uint32(idx)}
			})
		},
	}
	cmd.AddCommand(create, giveRight, delegate, vote)
	return cmd
}

// ballotTx signs one ballot message from --from for the ballot idArg.
func ballotTx(cmd *cobra.Command, idArg string, build func(id uint64, signer authtypes.Address) (string, interface{ Marshal() ([]byte, error) })) error {
	from, err := fromFlag(cmd)
	if err != nil {
		return err
	}
	id, err := strconv.ParseUint(idArg, 10, 64)
	if err != nil || id == 0 {
		return fmt.Errorf("ballot id %q: give a positive number", idArg)
	}
	return broadcastTx(cmd, from, func(signer authtypes.Address) ([]*gogotypes.Any, error) {
		typeURL, m := build(id, signer)
		a, err := client.PackMsg(typeURL, m)
		return []*gogotypes.Any{a}, err
	})
}

func queryBallotCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "ballot", Short: "Query ballots"}
	cmd.AddCommand(
		&cobra.Command{
			Use: "show ID", Short: "Show a ballot and its tallies", Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				id, err := strconv.ParseUint(args[0], 10, 64)
				if err != nil {
					return fmt.Errorf("ballot id %q: %w", args[0], err)
				}
				var resp ballottypes.QueryBallotResponse
				if err := runQuery(cmd, ballottypes.QueryPathBallot, &ballottypes.QueryBallotRequest{Id: id}, &resp); err != nil {
					return err
				}
				b := resp.Ballot
				printResult(cmd, &resp, func(w io.Writer) {
					fmt.Fprintf(w, "ballot %d: %s\nchairperson: %s\nvoting ends: %s\nstake weighted: %t\n", b.Id, b.Title, b.Chairperson, timeText(b.VotingEnd), b.StakeWeighted)
					for _, p := range b.Proposals {
						fmt.Fprintf(w, "  %d  %-20s %s\n", p.Index, p.Name, p.VoteCount)
					}
				})
				return nil
			},
		},
		&cobra.Command{
			Use: "winner ID", Short: "Show the winning proposal (ties go to the lowest index)", Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				id, err := strconv.ParseUint(args[0], 10, 64)
				if err != nil {
					return fmt.Errorf("ballot id %q: %w", args[0], err)
				}
				var resp ballottypes.QueryWinnerResponse
				if err := runQuery(cmd, ballottypes.QueryPathWinner, &ballottypes.QueryWinnerRequest{Id: id}, &resp); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) {
					fmt.Fprintf(w, "%d %s (%s votes)\n", resp.Index, resp.Name, resp.VoteCount)
				})
				return nil
			},
		},
	)
	return cmd
}
