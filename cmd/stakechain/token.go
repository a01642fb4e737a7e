package main

import (
	"fmt"
	"io"
	"regexp"
	"text/tabwriter"

	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/spf13/cobra"

	"github.com/stakechain/stakechain/cmd/client"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/token"
	tokentypes "github.com/stakechain/stakechain/x/token/types"
)

func txTokenCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "token", Short: "Create and manage coins of your own (ERC-20 semantics)"}
	create := &cobra.Command{
		Use:   "create SYMBOL",
		Short: "Create a token; its denom is token/<creator address>/<SYMBOL>",
		Long: `Create a token administered by --from, which receives the initial supply. The
denom is token/<creator address>/<SYMBOL>; its balances are bank balances, so
"tx bank send" and every wallet move them.`,
		Example: "stakechain tx token create GOLD --name Gold --decimals 6 --max-supply 1000000000 --initial-supply 1000000 --from alice -y",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			from, err := fromFlag(cmd)
			if err != nil {
				return err
			}
			if err := token.ValidateSymbol(args[0]); err != nil {
				return err
			}
			f := cmd.Flags()
			name, _ := f.GetString("name")
			decimals, _ := f.GetUint32("decimals")
			maxSupply, _ := f.GetString("max-supply")
			initial, _ := f.GetString("initial-supply")
			return broadcastTx(cmd, from, func(creator authtypes.Address) ([]*gogotypes.Any, error) {
				fmt.Fprintf(cmd.ErrOrStderr(), "denom: %s\n", token.Denom(creator, args[0]))
				a, err := client.PackMsg(tokentypes.TypeURLMsgCreateToken, &tokentypes.MsgCreateToken{
					Creator: creator.String(), Symbol: args[0], Name: name, Decimals: decimals, MaxSupply: maxSupply, InitialSupply: initial})
				return []*gogotypes.Any{a}, err
			})
		},
	}
	create.Flags().String("name", "", "token name")
	create.Flags().Uint32("decimals", 6, "decimal places of the display unit")
	create.Flags().String("max-supply", "", "largest supply there may ever be, in base units")
	create.Flags().String("initial-supply", "0", "supply minted to the creator at once")

	mint := &cobra.Command{
		Use:   "mint DENOM AMOUNT",
		Short: "Mint AMOUNT base units of a token you administer (to --to, default yourself)",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			from, err := fromFlag(cmd)
			if err != nil {
				return err
			}
			to, _ := cmd.Flags().GetString("to")
			if to != "" {
				if to, err = accountArg("--to", to); err != nil {
					return err
				}
			}
			return broadcastTx(cmd, from, func(admin authtypes.Address) ([]*gogotypes.Any, error) {
				a, err := client.PackMsg(tokentypes.TypeURLMsgMint, &tokentypes.MsgMint{Admin: admin.String(), Denom: args[0], Amount: args[1], Recipient: to})
				return []*gogotypes.Any{a}, err
			})
		},
	}
	mint.Flags().String("to", "", "recipient (default: the admin)")

	burn := &cobra.Command{
		Use:   "burn DENOM AMOUNT",
		Short: "Burn AMOUNT base units of a token you administer from your own balance",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			from, err := fromFlag(cmd)
			if err != nil {
				return err
			}
			return broadcastTx(cmd, from, func(owner authtypes.Address) ([]*gogotypes.Any, error) {
				a, err := client.PackMsg(tokentypes.TypeURLMsgBurn, &tokentypes.MsgBurn{Owner: owner.String(), Denom: args[0], Amount: args[1]})
				return []*gogotypes.Any{a}, err
			})
		},
	}

	approve := &cobra.Command{
		Use:     "approve SPENDER AMOUNT",
		Short:   "Allow SPENDER to transfer up to AMOUNT of your token (replaces the allowance; 0 revokes)",
		Example: "stakechain tx token approve stake1... 100token/stake1.../GOLD --from bob -y",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			from, err := fromFlag(cmd)
			if err != nil {
				return err
			}
			spender, err := accountArg("spender", args[0])
			if err != nil {
				return err
			}
			amt, err := tokenAmount(args[1])
			if err != nil {
				return err
			}
			return broadcastTx(cmd, from, func(owner authtypes.Address) ([]*gogotypes.Any, error) {
				a, err := client.PackMsg(tokentypes.TypeURLMsgApprove, &tokentypes.MsgApprove{Owner: owner.String(), Spender: spender, Amount: amt})
				return []*gogotypes.Any{a}, err
			})
		},
	}

	transferFrom := &cobra.Command{
		Use:   "transfer-from OWNER TO AMOUNT",
		Short: "Move AMOUNT of OWNER's token to TO, spending the allowance OWNER gave you",
		Args:  cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			from, err := fromFlag(cmd)
			if err != nil {
				return err
			}
			owner, err := accountArg("owner", args[0])
			if err != nil {
				return err
			}
			to, err := accountArg("recipient", args[1])
			if err != nil {
				return err
			}
			amt, err := tokenAmount(args[2])
			if err != nil {
				return err
			}
			return broadcastTx(cmd, from, func(spender authtypes.Address) ([]*gogotypes.Any, error) {
				a, err := client.PackMsg(tokentypes.TypeURLMsgTransferFrom, &tokentypes.MsgTransferFrom{
					Spender: spender.String(), Owner: owner, Recipient: to, Amount: amt})
				return []*gogotypes.Any{a}, err
			})
		},
	}

	changeAdmin := &cobra.Command{
		Use:   "change-admin DENOM NEW_ADMIN",
		Short: "Hand the administration of a token to another address",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			from, err := fromFlag(cmd)
			if err != nil {
				return err
			}
			newAdmin, err := accountArg("new admin", args[1])
			if err != nil {
				return err
			}
			return broadcastTx(cmd, from, func(admin authtypes.Address) ([]*gogotypes.Any, error) {
				a, err := client.PackMsg(tokentypes.TypeURLMsgChangeAdmin, &tokentypes.MsgChangeAdmin{Admin: admin.String(), Denom: args[0], NewAdmin: newAdmin})
				return []*gogotypes.Any{a}, err
			})
		},
	}
	cmd.AddCommand(create, mint, burn, approve, transferFrom, changeAdmin)
	return cmd
}

var tokenAmountRe = regexp.MustCompile(`^([0-9]+)(token/.+)$`)

// tokenAmount reads "100token/stake1.../SYM"; unlike a bank amount it may
// be 0 (an approval of 0 revokes).
func tokenAmount(s string) (*authtypes.Coin, error) {
	m := tokenAmountRe.FindStringSubmatch(s)
	if m == nil {
		return nil, fmt.Errorf("amount %q: give an amount and a token denom, such as 100token/stake1.../GOLD", s)
	}
	return &authtypes.Coin{Denom: m[2], Amount: m[1]}, nil
}

func queryTokenCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "token", Short: "Query tokens and allowances"}
	cmd.AddCommand(
		&cobra.Command{
			Use: "info DENOM", Short: "Show a token", Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				var resp tokentypes.QueryTokenResponse
				if err := runQuery(cmd, tokentypes.QueryPathToken, &tokentypes.QueryTokenRequest{Denom: args[0]}, &resp); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) { printTokens(w, []*tokentypes.Token{resp.Token}) })
				return nil
			},
		},
		&cobra.Command{
			Use: "list", Short: "List every token", Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				var resp tokentypes.QueryTokensResponse
				if err := runQuery(cmd, tokentypes.QueryPathTokens, &tokentypes.QueryTokensRequest{}, &resp); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) { printTokens(w, resp.Tokens) })
				return nil
			},
		},
		&cobra.Command{
			Use: "allowance OWNER SPENDER DENOM", Short: "Show what SPENDER may still transfer of OWNER's token", Args: cobra.ExactArgs(3),
			RunE: func(cmd *cobra.Command, args []string) error {
				owner, err := accountArg("owner", args[0])
				if err != nil {
					return err
				}
				spender, err := accountArg("spender", args[1])
				if err != nil {
					return err
				}
				var resp tokentypes.QueryAllowanceResponse
				if err := runQuery(cmd, tokentypes.QueryPathAllowance, &tokentypes.QueryAllowanceRequest{Owner: owner, Spender: spender, Denom: args[2]}, &resp); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) { fmt.Fprintf(w, "%s%s\n", resp.Allowance.Amount, resp.Allowance.Denom) })
				return nil
			},
		},
	)
	return cmd
}

func printTokens(w io.Writer, ts []*tokentypes.Token) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DENOM\tNAME\tDECIMALS\tSUPPLY\tMAX SUPPLY\tADMIN")
	for _, t := range ts {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", t.Denom, t.Name, t.Decimals, t.Supply, t.MaxSupply, t.Admin)
	}
	tw.Flush()
}
