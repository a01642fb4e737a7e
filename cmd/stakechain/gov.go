package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/spf13/cobra"

	"github.com/stakechain/stakechain/cmd/client"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/gov"
	govtypes "github.com/stakechain/stakechain/x/gov/types"
)

// proposalFile is a proposal as people write it, in the Cosmos format.
type proposalFile struct {
	Messages []json.RawMessage `json:"messages"`
	Deposit  string            `json:"deposit"`
	Title    string            `json:"title"`
	Summary  string            `json:"summary"`
	Metadata string            `json:"metadata"`
}

func txGovCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "gov", Short: "Submit proposals, deposit on them and vote"}
	cmd.AddCommand(
		&cobra.Command{
			Use:   "submit-proposal FILE.json",
			Short: "Submit a proposal from a JSON file (see draft-proposal)",
			Long: `Submit a proposal written as JSON, in the Cosmos format:
{"messages": [{"@type": "/cosmos.staking.v1beta1.MsgUpdateParams", "authority": "<gov account>", "params": {...}}],
 "deposit": "10000000ustake", "title": "...", "summary": "...", "metadata": ""}
Every message must be signed by the governance account alone (its address is
"query auth module-account gov"); a proposal without messages is a text
proposal. When it passes, its messages run at the end of the voting period,
all or none.`,
			Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				from, err := fromFlag(cmd)
				if err != nil {
					return err
				}
				bz, err := os.ReadFile(args[0])
				if err != nil {
					return err
				}
				var f proposalFile
				if err := json.Unmarshal(bz, &f); err != nil {
					return fmt.Errorf("%s: %w", args[0], err)
				}
				deposit, err := core.ParseCoins(f.Deposit)
				if err != nil {
					return fmt.Errorf("%s: deposit: %w", args[0], err)
				}
				msgs := make([]*gogotypes.Any, len(f.Messages))
				for i, raw := range f.Messages {
					if msgs[i], err = client.MessageFromJSON(raw); err != nil {
						return fmt.Errorf("%s: message %d: %w", args[0], i, err)
					}
				}
				return broadcastTx(cmd, from, func(proposer authtypes.Address) ([]*gogotypes.Any, error) {
					a, err := client.PackMsg(govtypes.TypeURLMsgSubmitProposal, &govtypes.MsgSubmitProposal{
						Messages: msgs, InitialDeposit: authtypes.CoinsToProto(deposit), Proposer: proposer.String(),
						Metadata: f.Metadata, Title: f.Title, Summary: f.Summary})
					return []*gogotypes.Any{a}, err
				})
			},
		},
		&cobra.Command{
			Use:   "draft-proposal",
			Short: "Write draft_proposal.json: a template to edit and submit",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				draft := map[string]any{
					"messages": []any{map[string]any{
						"@type":     "/cosmos.staking.v1beta1.MsgUpdateParams",
						"authority": gov.Authority().String(),
						"params": map[string]any{
							"unbonding_time": "1814400s", "max_validators": 100, "max_entries": 7,
							"bond_denom": "ustake", "min_commission_rate": "0.000000000000000000",
						},
					}},
					"deposit":  "10000000ustake",
					"title":    "Change the staking parameters",
					"summary":  "What changes and why.",
					"metadata": "",
				}
				bz, err := json.MarshalIndent(draft, "", "  ")
				if err != nil {
					return err
				}
				if err := os.WriteFile("draft_proposal.json", append(bz, '\n'), 0o644); err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), "Wrote draft_proposal.json: edit it (or empty \"messages\" for a text proposal), then run \"tx gov submit-proposal draft_proposal.json --from KEY\".")
				return nil
			},
		},
		&cobra.Command{
			Use: "deposit ID AMOUNT", Short: "Add to a proposal's deposit", Args: cobra.ExactArgs(2),
			RunE: func(cmd *cobra.Command, args []string) error {
				from, err := fromFlag(cmd)
				if err != nil {
					return err
				}
				id, err := proposalID(args[0])
				if err != nil {
					return err
				}
				amt, err := core.ParseCoins(args[1])
				if err != nil {
					return err
				}
				return broadcastTx(cmd, from, func(depositor authtypes.Address) ([]*gogotypes.Any, error) {
					a, err := client.PackMsg(govtypes.TypeURLMsgDeposit, &govtypes.MsgDeposit{ProposalId: id, Depositor: depositor.String(), Amount: authtypes.CoinsToProto(amt)})
					return []*gogotypes.Any{a}, err
				})
			},
		},
		&cobra.Command{
			Use: "vote ID yes|no|abstain|no_with_veto", Short: "Vote on a proposal in its voting period (a later vote replaces yours)", Args: cobra.ExactArgs(2),
			RunE: func(cmd *cobra.Command, args []string) error {
				from, err := fromFlag(cmd)
				if err != nil {
					return err
				}
				id, err := proposalID(args[0])
				if err != nil {
					return err
				}
				opt, ok := govtypes.VoteOption_value["VOTE_OPTION_"+strings.ToUpper(args[1])]
				if !ok || opt == 0 {
					return fmt.Errorf("vote option %q: use yes, no, abstain or no_with_veto", args[1])
				}
				return broadcastTx(cmd, from, func(voter authtypes.Address) ([]*gogotypes.Any, error) {
					a, err := client.PackMsg(govtypes.TypeURLMsgVote, &govtypes.MsgVote{ProposalId: id, Voter: voter.String(), Option: govtypes.VoteOption(opt)})
					return []*gogotypes.Any{a}, err
				})
			},
		},
	)
	return cmd
}

func proposalID(s string) (uint64, error) {
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil || id == 0 {
		return 0, fmt.Errorf("proposal id %q: give a positive number", s)
	}
	return id, nil
}

func queryGovCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "gov", Short: "Query proposals, votes, tallies and governance parameters"}
	cmd.AddCommand(
		&cobra.Command{
			Use: "proposals", Short: "List proposals", Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				var resp govtypes.QueryProposalsResponse
				if err := runQuery(cmd, govtypes.QueryPathProposals, &govtypes.QueryProposalsRequest{}, &resp); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) { printProposals(w, resp.Proposals) })
				return nil
			},
		},
		&cobra.Command{
			Use: "proposal ID", Short: "Show a proposal", Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				id, err := proposalID(args[0])
				if err != nil {
					return err
				}
				var resp govtypes.QueryProposalResponse
				if err := runQuery(cmd, govtypes.QueryPathProposal, &govtypes.QueryProposalRequest{ProposalId: id}, &resp); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) { printProposals(w, []*govtypes.Proposal{resp.Proposal}) })
				return nil
			},
		},
		&cobra.Command{
			Use: "votes ID", Short: "List a proposal's votes", Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				id, err := proposalID(args[0])
				if err != nil {
					return err
				}
				var resp govtypes.QueryVotesResponse
				if err := runQuery(cmd, govtypes.QueryPathVotes, &govtypes.QueryVotesRequest{ProposalId: id}, &resp); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) {
					for _, v := range resp.Votes {
						var opts []string
						for _, o := range v.Options {
							opts = append(opts, strings.TrimPrefix(o.Option.String(), "VOTE_OPTION_")+":"+o.Weight)
						}
						fmt.Fprintf(w, "%s  %s\n", v.Voter, strings.Join(opts, ","))
					}
				})
				return nil
			},
		},
		&cobra.Command{
			Use: "tally ID", Short: "Show a proposal's tally (live while it is voted on)", Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				id, err := proposalID(args[0])
				if err != nil {
					return err
				}
				var resp govtypes.QueryTallyResultResponse
				if err := runQuery(cmd, govtypes.QueryPathTallyResult, &govtypes.QueryTallyResultRequest{ProposalId: id}, &resp); err != nil {
					return err
				}
				t := resp.Tally
				printResult(cmd, &resp, func(w io.Writer) {
					fmt.Fprintf(w, "yes: %s\nno: %s\nabstain: %s\nno_with_veto: %s\n", t.YesCount, t.NoCount, t.AbstainCount, t.NoWithVetoCount)
				})
				return nil
			},
		},
		&cobra.Command{
			Use: "params", Short: "Show the governance parameters", Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				var resp govtypes.QueryParamsResponse
				if err := runQuery(cmd, govtypes.QueryPathParams, &govtypes.QueryParamsRequest{ParamsType: "tallying"}, &resp); err != nil {
					return err
				}
				p := resp.Params
				printResult(cmd, &resp, func(w io.Writer) {
					if p == nil {
						fmt.Fprintln(w, "(none)")
						return
					}
					fmt.Fprintf(w, "min_deposit: %s\nmax_deposit_period: %ds\nvoting_period: %ds\nquorum: %s\nthreshold: %s\nveto_threshold: %s\n",
						coinsText(p.MinDeposit), p.MaxDepositPeriod.GetSeconds(), p.VotingPeriod.GetSeconds(), p.Quorum, p.Threshold, p.VetoThreshold)
				})
				return nil
			},
		},
	)
	return cmd
}

func coinsText(cs []*authtypes.Coin) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Amount + c.Denom
	}
	return strings.Join(parts, ",")
}

func printProposals(w io.Writer, ps []*govtypes.Proposal) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tTITLE\tDEPOSIT\tVOTING ENDS\tMESSAGES")
	for _, p := range ps {
		var types []string
		for _, m := range p.Messages {
			types = append(types, m.TypeUrl)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", p.Id, strings.TrimPrefix(p.Status.String(), "PROPOSAL_STATUS_"), p.Title,
			coinsText(p.TotalDeposit), timeText(p.VotingEndTime), strings.Join(types, ","))
	}
	tw.Flush()
}
