package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"cosmossdk.io/math"
	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/spf13/cobra"

	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/config"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/staking"
	stakingtypes "github.com/stakechain/stakechain/x/staking/types"
)

func txStakingCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "staking", Short: "Create validators, delegate, unbond and redelegate"}
	cmd.AddCommand(txCreateValidatorCommand(), txEditValidatorCommand(), txDelegateCommand(), txUnbondCommand(), txRedelegateCommand())
	return cmd
}

// fromFlag is the key that signs a staking, slashing or distribution tx.
func fromFlag(cmd *cobra.Command) (string, error) {
	from, _ := cmd.Flags().GetString(flagFrom)
	if from == "" {
		return "", fmt.Errorf("--from is required: the name or address of a key of the keyring")
	}
	return from, nil
}

// parseOneCoin reads an amount of a single denom, such as 1000000ustake.
func parseOneCoin(s string) (core.Coin, error) {
	cs, err := core.ParseCoins(s)
	if err != nil {
		return core.Coin{}, err
	}
	if len(cs) != 1 {
		return core.Coin{}, fmt.Errorf("amount %q: give one positive amount such as 1000000ustake", s)
	}
	return cs[0], nil
}

func txCreateValidatorCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "create-validator",
		Short: "Make a node a validator, bonding a self-delegation from --from",
		Long: `Declare a validator operated by the --from key, with the consensus key of a
node (--pubkey, as "comet show-validator" prints it; default: the node in
--home) and a self-delegation of --amount. The validator joins the set at
the end of the block if its power ranks among the top max_validators.`,
		Example: `stakechain tx staking create-validator --from alice --amount 10000000ustake --moniker mynode \
  --pubkey "$(stakechain comet show-validator --home node4)" --chain-id stakechain-localnet -y`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			from, err := fromFlag(cmd)
			if err != nil {
				return err
			}
			f := cmd.Flags()
			amountStr, _ := f.GetString("amount")
			amount, err := parseOneCoin(amountStr)
			if err != nil {
				return fmt.Errorf("--amount: %w", err)
			}
			pub, err := consensusPubKey(cmd)
			if err != nil {
				return err
			}
			moniker, _ := f.GetString("moniker")
			if moniker == "" {
				return fmt.Errorf("--moniker is required")
			}
			spec := client.ValidatorSpec{ConsPubKey: pub, Moniker: moniker, Amount: amount}
			if err := readRates(cmd, &spec); err != nil {
				return err
			}
			details, _ := f.GetString("details")
			website, _ := f.GetString("website")
			return broadcastTx(cmd, from, func(op authtypes.Address) ([]*gogotypes.Any, error) {
				m, err := client.CreateValidatorMsg(op, spec)
				if err != nil {
					return nil, err
				}
				if details != "" || website != "" {
					var cv stakingtypes.MsgCreateValidator
					if err := cv.Unmarshal(m.Value); err != nil {
						return nil, err
					}
					cv.Description.Details, cv.Description.Website = details, website
					if m, err = client.PackMsg(stakingtypes.TypeURLMsgCreateValidator, &cv); err != nil {
						return nil, err
					}
				}
				return []*gogotypes.Any{m}, nil
			})
		},
	}
	f := cmd.Flags()
	f.String("amount", "", "self-delegation, such as 10000000ustake")
	f.String("pubkey", "", `consensus key as JSON {"@type":"/cosmos.crypto.ed25519.PubKey","key":"..."} (default: this --home's node)`)
	f.String("moniker", "", "validator name")
	f.String("details", "", "validator description")
	f.String("website", "", "validator website")
	f.String("commission-rate", "0.10", "commission rate")
	f.String("commission-max-rate", "0.20", "highest commission rate the validator may ever set")
	f.String("commission-max-change-rate", "0.01", "largest daily change of the commission rate")
	f.String("min-self-delegation", "1", "minimum self-delegation, in the bond denom's base unit")
	return cmd
}

// readRates reads the commission and min-self-delegation flags into spec.
func readRates(cmd *cobra.Command, spec *client.ValidatorSpec) error {
	f := cmd.Flags()
	for _, d := range []struct {
		flag string
		dst  *math.LegacyDec
	}{{"commission-rate", &spec.CommissionRate}, {"commission-max-rate", &spec.CommissionMax}, {"commission-max-change-rate", &spec.CommissionMaxRate}} {
		s, _ := f.GetString(d.flag)
		v, err := math.LegacyNewDecFromStr(s)
		if err != nil {
			return fmt.Errorf("--%s %q: %w", d.flag, s, err)
		}
		*d.dst = v
	}
	msd, _ := f.GetString("min-self-delegation")
	v, ok := math.NewIntFromString(msd)
	if !ok {
		return fmt.Errorf("--min-self-delegation %q is not an integer", msd)
	}
	spec.MinSelfDelegation = v
	return nil
}

// consensusPubKey reads --pubkey, or the consensus key of the node in
// --home.
func consensusPubKey(cmd *cobra.Command) ([]byte, error) {
	s, _ := cmd.Flags().GetString("pubkey")
	if s == "" {
		pk, err := config.LoadValidatorPubKey(cometConfigOrDefault(cmd).PrivValidatorKeyFile())
		if err != nil {
			return nil, fmt.Errorf("no --pubkey and no node key in --home: %w", err)
		}
		return pk.Bytes(), nil
	}
	var pk struct {
		Type string `json:"@type"`
		Key  string `json:"key"`
	}
	if err := json.Unmarshal([]byte(s), &pk); err != nil {
		return nil, fmt.Errorf("--pubkey: want the JSON that \"comet show-validator\" prints: %w", err)
	}
	if pk.Type != "/cosmos.crypto.ed25519.PubKey" {
		return nil, fmt.Errorf("--pubkey: consensus keys are /cosmos.crypto.ed25519.PubKey, got %q", pk.Type)
	}
	bz, err := base64.StdEncoding.DecodeString(pk.Key)
	if err != nil || len(bz) != 32 {
		return nil, fmt.Errorf("--pubkey: key must be 32 bytes of base64")
	}
	return bz, nil
}

func txEditValidatorCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "edit-validator",
		Short: "Change the description, commission rate or minimum self-delegation of --from's validator",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			from, err := fromFlag(cmd)
			if err != nil {
				return err
			}
			f := cmd.Flags()
			desc := &stakingtypes.Description{}
			for _, d := range []struct {
				flag string
				dst  *string
			}{{"moniker", &desc.Moniker}, {"identity", &desc.Identity}, {"website", &desc.Website}, {"security-contact", &desc.SecurityContact}, {"details", &desc.Details}} {
				*d.dst = staking.DoNotModify
				if f.Changed(d.flag) {
					*d.dst, _ = f.GetString(d.flag)
				}
			}
			m := &stakingtypes.MsgEditValidator{Description: desc}
			if f.Changed("commission-rate") {
				s, _ := f.GetString("commission-rate")
				r, err := math.LegacyNewDecFromStr(s)
				if err != nil {
					return fmt.Errorf("--commission-rate %q: %w", s, err)
				}
				m.CommissionRate = core.DecToProto(r)
			}
			if f.Changed("min-self-delegation") {
				m.MinSelfDelegation, _ = f.GetString("min-self-delegation")
			}
			return broadcastTx(cmd, from, func(op authtypes.Address) ([]*gogotypes.Any, error) {
				m.ValidatorAddress = op.Valoper()
				a, err := client.PackMsg(stakingtypes.TypeURLMsgEditValidator, m)
				return []*gogotypes.Any{a}, err
			})
		},
	}
	f := cmd.Flags()
	for _, name := range []string{"moniker", "identity", "website", "security-contact", "details", "commission-rate", "min-self-delegation"} {
		f.String(name, "", "new "+strings.ReplaceAll(name, "-", " "))
	}
	return cmd
}

func txDelegateCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "delegate VALOPER AMOUNT",
		Short:   "Bond AMOUNT of --from's coins to a validator",
		Example: "stakechain tx staking delegate stakevaloper1... 1000000ustake --from alice -y",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return delegationTx(cmd, args[0], args[1], stakingtypes.TypeURLMsgDelegate, func(del, val string, amt *authtypes.Coin) interface{ Marshal() ([]byte, error) } {
				return &stakingtypes.MsgDelegate{DelegatorAddress: del, ValidatorAddress: val, Amount: amt}
			})
		},
	}
}

func txUnbondCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "unbond VALOPER AMOUNT",
		Short: "Undelegate AMOUNT from a validator; the coins return after the unbonding period",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return delegationTx(cmd, args[0], args[1], stakingtypes.TypeURLMsgUndelegate, func(del, val string, amt *authtypes.Coin) interface{ Marshal() ([]byte, error) } {
				return &stakingtypes.MsgUndelegate{DelegatorAddress: del, ValidatorAddress: val, Amount: amt}
			})
		},
	}
}

// delegationTx signs a delegate or undelegate of --from to valoper.
func delegationTx(cmd *cobra.Command, valoper, amountStr, typeURL string, build func(del, val string, amt *authtypes.Coin) interface{ Marshal() ([]byte, error) }) error {
	from, err := fromFlag(cmd)
	if err != nil {
		return err
	}
	if _, err := authtypes.ParseValoper(valoper); err != nil {
		return err
	}
	amount, err := parseOneCoin(amountStr)
	if err != nil {
		return err
	}
	return broadcastTx(cmd, from, func(del authtypes.Address) ([]*gogotypes.Any, error) {
		a, err := client.PackMsg(typeURL, build(del.String(), valoper, authtypes.CoinToProto(amount)))
		return []*gogotypes.Any{a}, err
	})
}

func txRedelegateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "redelegate SRC_VALOPER DST_VALOPER AMOUNT",
		Short: "Move AMOUNT of --from's delegation from one validator to another at once",
		Args:  cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			from, err := fromFlag(cmd)
			if err != nil {
				return err
			}
			for _, v := range args[:2] {
				if _, err := authtypes.ParseValoper(v); err != nil {
					return err
				}
			}
			amount, err := parseOneCoin(args[2])
			if err != nil {
				return err
			}
			return broadcastTx(cmd, from, func(del authtypes.Address) ([]*gogotypes.Any, error) {
				a, err := client.PackMsg(stakingtypes.TypeURLMsgBeginRedelegate, &stakingtypes.MsgBeginRedelegate{
					DelegatorAddress: del.String(), ValidatorSrcAddress: args[0], ValidatorDstAddress: args[1], Amount: authtypes.CoinToProto(amount)})
				return []*gogotypes.Any{a}, err
			})
		},
	}
}

func queryStakingCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "staking", Short: "Query validators, delegations and staking parameters"}
	cmd.AddCommand(
		&cobra.Command{
			Use: "validators", Short: "List validators with their status, power and commission", Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				status, _ := cmd.Flags().GetString("status")
				var resp stakingtypes.QueryValidatorsResponse
				if err := runQuery(cmd, "/cosmos.staking.v1beta1.Query/Validators", &stakingtypes.QueryValidatorsRequest{Status: status}, &resp); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) { printValidators(w, resp.Validators) })
				return nil
			},
		},
		&cobra.Command{
			Use: "validator VALOPER", Short: "Show one validator", Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				var resp stakingtypes.QueryValidatorResponse
				if err := runQuery(cmd, "/cosmos.staking.v1beta1.Query/Validator", &stakingtypes.QueryValidatorRequest{ValidatorAddr: args[0]}, &resp); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) { printValidators(w, []*stakingtypes.Validator{resp.Validator}) })
				return nil
			},
		},
		&cobra.Command{
			Use: "delegations DELEGATOR", Short: "List a delegator's delegations", Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				del, err := accountArg("delegator", args[0])
				if err != nil {
					return err
				}
				var resp stakingtypes.QueryDelegatorDelegationsResponse
				if err := runQuery(cmd, "/cosmos.staking.v1beta1.Query/DelegatorDelegations", &stakingtypes.QueryDelegatorDelegationsRequest{DelegatorAddr: del}, &resp); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) { printDelegations(w, resp.DelegationResponses) })
				return nil
			},
		},
		&cobra.Command{
			Use: "delegation DELEGATOR VALOPER", Short: "Show one delegation", Args: cobra.ExactArgs(2),
			RunE: func(cmd *cobra.Command, args []string) error {
				del, err := accountArg("delegator", args[0])
				if err != nil {
					return err
				}
				var resp stakingtypes.QueryDelegationResponse
				if err := runQuery(cmd, "/cosmos.staking.v1beta1.Query/Delegation", &stakingtypes.QueryDelegationRequest{DelegatorAddr: del, ValidatorAddr: args[1]}, &resp); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) { printDelegations(w, []*stakingtypes.DelegationResponse{resp.DelegationResponse}) })
				return nil
			},
		},
		&cobra.Command{
			Use: "unbonding-delegations DELEGATOR", Short: "List a delegator's unbondings in flight", Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				del, err := accountArg("delegator", args[0])
				if err != nil {
					return err
				}
				var resp stakingtypes.QueryDelegatorUnbondingDelegationsResponse
				if err := runQuery(cmd, "/cosmos.staking.v1beta1.Query/DelegatorUnbondingDelegations", &stakingtypes.QueryDelegatorUnbondingDelegationsRequest{DelegatorAddr: del}, &resp); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) {
					if len(resp.UnbondingResponses) == 0 {
						fmt.Fprintln(w, "(none)")
					}
					for _, u := range resp.UnbondingResponses {
						for _, e := range u.Entries {
							fmt.Fprintf(w, "%s  %s  completes %s\n", u.ValidatorAddress, e.Balance, timeText(e.CompletionTime))
						}
					}
				})
				return nil
			},
		},
		&cobra.Command{
			Use: "params", Short: "Show the staking parameters", Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				var resp stakingtypes.QueryParamsResponse
				if err := runQuery(cmd, "/cosmos.staking.v1beta1.Query/Params", &stakingtypes.QueryParamsRequest{}, &resp); err != nil {
					return err
				}
				p := resp.Params
				printResult(cmd, &resp, func(w io.Writer) {
					fmt.Fprintf(w, "bond_denom: %s\nunbonding_time: %ds\nmax_validators: %d\nmax_entries: %d\nmin_commission_rate: %s\n",
						p.BondDenom, p.UnbondingTime.GetSeconds(), p.MaxValidators, p.MaxEntries, decText(p.MinCommissionRate))
				})
				return nil
			},
		},
		&cobra.Command{
			Use: "pool", Short: "Show the bonded and not-bonded tokens", Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				var resp stakingtypes.QueryPoolResponse
				if err := runQuery(cmd, "/cosmos.staking.v1beta1.Query/Pool", &stakingtypes.QueryPoolRequest{}, &resp); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) {
					fmt.Fprintf(w, "bonded_tokens: %s\nnot_bonded_tokens: %s\n", resp.Pool.BondedTokens, resp.Pool.NotBondedTokens)
				})
				return nil
			},
		},
	)
	cmd.Commands()[0].Flags().String("status", "", "only validators of this status: BOND_STATUS_BONDED, BOND_STATUS_UNBONDING or BOND_STATUS_UNBONDED")
	return cmd
}

// runQuery runs one gRPC-path query against --node at --height.
func runQuery(cmd *cobra.Command, path string, req interface{ Marshal() ([]byte, error) }, resp interface{ Unmarshal([]byte) error }) error {
	c, height, err := queryClient(cmd)
	if err != nil {
		return err
	}
	ctx, cancel := queryContext(cmd)
	defer cancel()
	_, err = c.Query(ctx, path, req, resp, height)
	return err
}

// decText shows a wire-form Dec ("100000000000000000") as a decimal.
func decText(s string) string {
	d, err := core.DecFromProto(s)
	if err != nil {
		return s
	}
	return d.String()
}

func timeText(t *gogotypes.Timestamp) string {
	if t == nil {
		return "-"
	}
	tt, err := gogotypes.TimestampFromProto(t)
	if err != nil {
		return t.String()
	}
	return tt.UTC().Format("2006-01-02T15:04:05Z")
}

func printValidators(w io.Writer, vs []*stakingtypes.Validator) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "OPERATOR\tMONIKER\tSTATUS\tJAILED\tPOWER\tTOKENS\tCOMMISSION")
	for _, v := range vs {
		tokens, _ := math.NewIntFromString(v.Tokens)
		power := "0"
		if !tokens.IsNil() {
			power = tokens.Quo(staking.DefaultPowerReduction).String()
		}
		rate := "-"
		if v.Commission != nil && v.Commission.CommissionRates != nil {
			rate = decText(v.Commission.CommissionRates.Rate)
		}
		moniker := ""
		if v.Description != nil {
			moniker = v.Description.Moniker
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%t\t%s\t%s\t%s\n", v.OperatorAddress, moniker,
			strings.TrimPrefix(v.Status.String(), "BOND_STATUS_"), v.Jailed, power, v.Tokens, rate)
	}
	tw.Flush()
}

func printDelegations(w io.Writer, ds []*stakingtypes.DelegationResponse) {
	if len(ds) == 0 {
		fmt.Fprintln(w, "(none)")
	}
	for _, d := range ds {
		fmt.Fprintf(w, "%s  %s%s  shares %s\n", d.Delegation.ValidatorAddress, d.Balance.Amount, d.Balance.Denom, decText(d.Delegation.Shares))
	}
}
