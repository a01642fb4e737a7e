package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	cmtjson "github.com/cometbft/cometbft/libs/json"
	"github.com/spf13/cobra"

	"github.com/stakechain/stakechain/cmd/client"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
)

const (
	flagNode   = "node"
	flagHeight = "height"
)

// queryCommand is `stakechain query`: reads from a node over its RPC.
func queryCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "query",
		Aliases: []string{"q"},
		Short:   "Query the chain through a node",
	}
	cmd.PersistentFlags().String(flagNode, defaultNode(), "RPC address of the node to ask "+nodeFlagNote)
	cmd.PersistentFlags().Int64(flagHeight, 0, "height to query at (0 = latest)")

	auth := &cobra.Command{Use: "auth", Short: "Query accounts"}
	auth.AddCommand(queryAccountCommand(), queryModuleAccountCommand())
	bank := &cobra.Command{Use: "bank", Short: "Query balances and supply"}
	bank.AddCommand(queryBalancesCommand(), queryTotalSupplyCommand())
	cmd.AddCommand(auth, bank, queryStakingCommand(), querySlashingCommand(), queryDistributionCommand(), queryMintCommand(), queryTokenCommand(), queryBallotCommand(), queryGovCommand(), queryTxCommand(), queryBlockCommand(), queryEVMCommand())
	return cmd
}

// envNode is the environment variable that gives the default of --node.
const envNode = "STAKECHAIN_NODE"

// nodeFlagNote ends the help of every --node flag.
const nodeFlagNote = "($" + envNode + " sets the default)"

// defaultNode is the default of --node: $STAKECHAIN_NODE when set, so that
// a shell can point every command at another node once, else node 0 of a
// localnet.
func defaultNode() string {
	if node := os.Getenv(envNode); node != "" {
		return node
	}
	return "tcp://127.0.0.1:26657"
}

func queryClient(cmd *cobra.Command) (*client.Client, int64, error) {
	node, _ := cmd.Flags().GetString(flagNode)
	height, _ := cmd.Flags().GetInt64(flagHeight)
	c, err := client.New(node)
	return c, height, err
}

func queryContext(cmd *cobra.Command) (context.Context, context.CancelFunc) {
	return context.WithTimeout(cmd.Context(), 30*time.Second)
}

func queryAccountCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "account ADDRESS",
		Short: "Show an account: its number, sequence and public key (ADDRESS: stake1... or 0x...)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			addr, err := accountArg("address", args[0])
			if err != nil {
				return err
			}
			return showAccount(cmd, "/cosmos.auth.v1beta1.Query/Account", &authtypes.QueryAccountRequest{Address: addr}, args[0])
		},
	}
}

func queryModuleAccountCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "module-account NAME",
		Short: "Show a module account (for example fee_collector)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return showAccount(cmd, "/cosmos.auth.v1beta1.Query/ModuleAccountByName", &authtypes.QueryModuleAccountByNameRequest{Name: args[0]}, args[0])
		},
	}
}

// showAccount runs an account query and prints the account it returns.
func showAccount(cmd *cobra.Command, path string, req interface{ Marshal() ([]byte, error) }, what string) error {
	c, height, err := queryClient(cmd)
	if err != nil {
		return err
	}
	ctx, cancel := queryContext(cmd)
	defer cancel()
	var resp authtypes.QueryAccountResponse
	if _, err := c.Query(ctx, path, req, &resp, height); err != nil {
		if client.IsNotFound(err) {
			return fmt.Errorf("%s: no such account on chain (an address has an account once it has received coins)", what)
		}
		return err
	}
	var (
		base   *authtypes.BaseAccount
		module *authtypes.ModuleAccount
	)
	switch resp.Account.GetTypeUrl() {
	case "/cosmos.auth.v1beta1.ModuleAccount":
		module = new(authtypes.ModuleAccount)
		if err := module.Unmarshal(resp.Account.Value); err != nil {
			return err
		}
		base = module.BaseAccount
	default:
		base = new(authtypes.BaseAccount)
		if err := base.Unmarshal(resp.Account.Value); err != nil {
			return err
		}
	}
	printResult(cmd, &resp, func(w io.Writer) {
		fmt.Fprintf(w, "address: %s\n", base.Address)
		if module != nil {
			fmt.Fprintf(w, "name: %s\npermissions: [%s]\n", module.Name, strings.Join(module.Permissions, ", "))
		}
		fmt.Fprintf(w, "account_number: %d\nsequence: %d\n", base.AccountNumber, base.Sequence)
		if base.PubKey != nil {
			fmt.Fprintf(w, "pub_key: %s %X\n", base.PubKey.TypeUrl, base.PubKey.Value)
		} else {
			fmt.Fprintln(w, "pub_key: none yet (set by the account's first transaction)")
		}
	})
	return nil
}

func queryBalancesCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "balances ADDRESS",
		Short: "Show an account's balances (ADDRESS: stake1... or 0x...)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			addr, err := accountArg("address", args[0])
			if err != nil {
				return err
			}
			c, height, err := queryClient(cmd)
			if err != nil {
				return err
			}
			ctx, cancel := queryContext(cmd)
			defer cancel()
			if denom, _ := cmd.Flags().GetString("denom"); denom != "" {
				var resp banktypes.QueryBalanceResponse
				if _, err := c.Query(ctx, "/cosmos.bank.v1beta1.Query/Balance", &banktypes.QueryBalanceRequest{Address: addr, Denom: denom}, &resp, height); err != nil {
					return err
				}
				printResult(cmd, &resp, func(w io.Writer) {
					fmt.Fprintf(w, "%s%s\n", resp.Balance.Amount, resp.Balance.Denom)
				})
				return nil
			}
			all, err := allPages(func(page *authtypes.PageRequest) ([]*authtypes.Coin, *authtypes.PageResponse, error) {
				var resp banktypes.QueryAllBalancesResponse
				_, err := c.Query(ctx, "/cosmos.bank.v1beta1.Query/AllBalances", &banktypes.QueryAllBalancesRequest{Address: addr, Pagination: page}, &resp, height)
				return resp.Balances, resp.Pagination, err
			})
			if err != nil {
				return err
			}
			out := &banktypes.QueryAllBalancesResponse{Balances: all, Pagination: &authtypes.PageResponse{Total: uint64(len(all))}}
			printResult(cmd, out, func(w io.Writer) { printCoins(w, all) })
			return nil
		},
	}
	cmd.Flags().String("denom", "", "show only this denomination")
	return cmd
}

func queryTotalSupplyCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "total-supply",
		Short: "Show the total supply of every denomination",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, height, err := queryClient(cmd)
			if err != nil {
				return err
			}
			ctx, cancel := queryContext(cmd)
			defer cancel()
			all, err := allPages(func(page *authtypes.PageRequest) ([]*authtypes.Coin, *authtypes.PageResponse, error) {
				var resp banktypes.QueryTotalSupplyResponse
				_, err := c.Query(ctx, "/cosmos.bank.v1beta1.Query/TotalSupply", &banktypes.QueryTotalSupplyRequest{Pagination: page}, &resp, height)
				return resp.Supply, resp.Pagination, err
			})
			if err != nil {
				return err
			}
			out := &banktypes.QueryTotalSupplyResponse{Supply: all, Pagination: &authtypes.PageResponse{Total: uint64(len(all))}}
			printResult(cmd, out, func(w io.Writer) { printCoins(w, all) })
			return nil
		},
	}
}

// allPages runs a paginated coin query page after page until the last,
// and returns every coin.
func allPages(fetch func(page *authtypes.PageRequest) ([]*authtypes.Coin, *authtypes.PageResponse, error)) ([]*authtypes.Coin, error) {
	var all []*authtypes.Coin
	page := &authtypes.PageRequest{}
	for {
		coins, next, err := fetch(page)
		if err != nil {
			return nil, err
		}
		all = append(all, coins...)
		if next == nil || len(next.NextKey) == 0 {
			return all, nil
		}
		page = &authtypes.PageRequest{Key: next.NextKey}
	}
}

func printCoins(w io.Writer, coins []*authtypes.Coin) {
	if len(coins) == 0 {
		fmt.Fprintln(w, "(none)")
	}
	for _, c := range coins {
		fmt.Fprintf(w, "%s %s\n", c.Amount, c.Denom)
	}
}

// txOutput is a committed transaction as `query tx` prints it.
type txOutput struct {
	TxHash    string        `json:"txhash"`
	Height    int64         `json:"height,string"`
	Index     uint32        `json:"index"`
	Code      uint32        `json:"code"`
	Codespace string        `json:"codespace"`
	RawLog    string        `json:"raw_log"`
	GasWanted int64         `json:"gas_wanted,string"`
	GasUsed   int64         `json:"gas_used,string"`
	Events    []eventOutput `json:"events"`
	Tx        []byte        `json:"tx"`
}

type eventOutput struct {
	Type       string            `json:"type"`
	Attributes []attributeOutput `json:"attributes"`
}

type attributeOutput struct {
	Key   string `json:"key"`
	Value string `json:"value"`
	Index bool   `json:"index"`
}

func queryTxCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "tx HASH",
		Short: "Show a committed transaction and its result",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			hash, err := hex.DecodeString(strings.TrimPrefix(args[0], "0x"))
			if err != nil || len(hash) != 32 {
				return fmt.Errorf("%q is not a transaction hash (64 hex digits)", args[0])
			}
			c, _, err := queryClient(cmd)
			if err != nil {
				return err
			}
			ctx, cancel := queryContext(cmd)
			defer cancel()
			res, err := c.RPC.Tx(ctx, hash, false)
			if err != nil {
				return fmt.Errorf("transaction %X: %w", hash, err)
			}
			r := res.TxResult
			out := txOutput{TxHash: fmt.Sprintf("%X", hash), Height: res.Height, Index: res.Index, Code: r.Code,
				Codespace: r.Codespace, RawLog: r.Log, GasWanted: r.GasWanted, GasUsed: r.GasUsed, Tx: res.Tx}
			for _, e := range r.Events {
				ev := eventOutput{Type: e.Type}
				for _, a := range e.Attributes {
					ev.Attributes = append(ev.Attributes, attributeOutput{Key: a.Key, Value: a.Value, Index: a.Index})
				}
				out.Events = append(out.Events, ev)
			}
			printResult(cmd, out, func(w io.Writer) {
				fmt.Fprintf(w, "txhash: %s\nheight: %d\ncode: %d\n", out.TxHash, out.Height, out.Code)
				if out.Code != 0 {
					fmt.Fprintf(w, "codespace: %s\n", out.Codespace)
				}
				fmt.Fprintf(w, "raw_log: %s\ngas_wanted: %d\ngas_used: %d\nevents:\n", out.RawLog, out.GasWanted, out.GasUsed)
				for _, e := range out.Events {
					fmt.Fprintf(w, "  %s\n", e.Type)
					for _, a := range e.Attributes {
						fmt.Fprintf(w, "    %s: %s\n", a.Key, a.Value)
					}
				}
			})
			return nil
		},
	}
}

func queryBlockCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "block [HEIGHT]",
		Short: "Show a block (the latest if no height is given)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var height *int64
			if len(args) == 1 {
				h, err := strconv.ParseInt(args[0], 10, 64)
				if err != nil || h <= 0 {
					return fmt.Errorf("%q is not a block height", args[0])
				}
				height = &h
			}
			c, _, err := queryClient(cmd)
			if err != nil {
				return err
			}
			ctx, cancel := queryContext(cmd)
			defer cancel()
			res, err := c.RPC.Block(ctx, height)
			if err != nil {
				return fmt.Errorf("block: %w", err)
			}
			bz, err := cmtjson.Marshal(res)
			if err != nil {
				return err
			}
			h := res.Block.Header
			printResult(cmd, bz, func(w io.Writer) {
				fmt.Fprintf(w, "height: %d\nhash: %s\ntime: %s\nchain_id: %s\nproposer: %s\napp_hash: %s\nlast_commit_signatures: %d\ntxs: %d\n",
					h.Height, res.BlockID.Hash, h.Time.Format(time.RFC3339Nano), h.ChainID, h.ProposerAddress, h.AppHash,
					len(res.Block.LastCommit.Signatures), len(res.Block.Txs))
			})
			return nil
		},
	}
}
