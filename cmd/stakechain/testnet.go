package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/stakechain/stakechain/testnet"
	"github.com/stakechain/stakechain/testnet/bench"
)

func testnetCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "testnet",
		Short: "Generate networks of several validators",
	}
	cmd.AddCommand(testnetInitFilesCommand())
	return cmd
}

func testnetInitFilesCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "init-files",
		Short: "Write the homes, keys and shared genesis of an N-validator network",
		Long: `Write a network for N validators into --output-dir:
  node<i>/           each validator's home (config, keys, the shared genesis)
  keyring/           keys "faucet" and "validator0".."validator<N-1>" (backend test), funded in genesis
  network.json       the chain id and the funded accounts

Without --hostnames all nodes run on 127.0.0.1: node i serves RPC on port
26657+10*i and P2P on 26656+10*i. With --hostnames h0,h1,... (one per
validator) each node listens on 0.0.0.0:26656 (P2P) and 0.0.0.0:26657 (RPC)
of its own host and reaches its peers by hostname.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			validators, _ := cmd.Flags().GetInt("validators")
			outputDir, _ := cmd.Flags().GetString("output-dir")
			chainID, _ := cmd.Flags().GetString("chain-id")
			hostnames, _ := cmd.Flags().GetStringSlice("hostnames")
			net, err := testnet.InitFiles(testnet.Options{
				Validators: validators,
				OutputDir:  outputDir,
				ChainID:    chainID,
				Hostnames:  hostnames,
			})
			if err != nil {
				return err
			}
			printResult(cmd, net, func(w io.Writer) {
				fmt.Fprintf(w, "Wrote a %d-validator network for chain %s to %s\n", len(net.Nodes), net.ChainID, net.Dir)
				for _, n := range net.Nodes {
					fmt.Fprintf(w, "  %-8s %s  rpc %s  p2p %s  id %s\n", fmt.Sprintf("node%d", n.Index), n.Moniker, n.RPC, n.P2P, n.NodeID)
				}
				fmt.Fprintf(w, "keyring (backend %s): %s\n", testnet.KeyringBackend, net.KeyringDir)
				fmt.Fprintf(w, "faucet: %s (%s)\n", net.Faucet.Address, net.Faucet.Coins)
			})
			return nil
		},
	}
	cmd.Flags().Int("validators", testnet.DefaultValidators, "number of validators")
	cmd.Flags().String("output-dir", "./testnet", "directory to write the network to")
	cmd.Flags().String("chain-id", testnet.DefaultChainID, "chain id")
	cmd.Flags().StringSlice("hostnames", nil, "comma-separated hostnames, one per validator, for a network across hosts")
	return cmd
}

const defaultLocalnetDir = "build/localnet"

func localnetCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "localnet",
		Short: "Run a network of validators as background processes on 127.0.0.1",
	}
	cmd.PersistentFlags().String("dir", defaultLocalnetDir, "network directory")
	cmd.AddCommand(localnetStartCommand(), localnetStopCommand(), localnetStatusCommand(), localnetLoadCommand())
	return cmd
}

func localnetLoadCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "load",
		Short: "Send signed transfers to the running localnet and report committed tx/s",
		Long: `Fund --accounts senders from the faucet, sign transfers in advance, submit
them over broadcast_tx_sync for --duration (each sender to one node), then
read the blocks and report the committed transactions per second.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, _ := cmd.Flags().GetString("dir")
			accounts, _ := cmd.Flags().GetInt("accounts")
			duration, _ := cmd.Flags().GetDuration("duration")
			perAccount, _ := cmd.Flags().GetInt("txs-per-account")
			net, err := testnet.Load(dir)
			if err != nil {
				return err
			}
			progress := func(s string) { fmt.Fprintln(cmd.ErrOrStderr(), s) }
			res, err := bench.RunLoad(cmd.Context(), net, bench.LoadOptions{
				Accounts: accounts, Duration: duration, TxsPerAccount: perAccount, Progress: progress})
			if err != nil {
				return err
			}
			printResult(cmd, res, func(w io.Writer) {
				fmt.Fprintf(w, "submitted %d, accepted %d, committed %d, failed %d\n", res.Submitted, res.Accepted, res.Committed, res.Failed)
				fmt.Fprintf(w, "blocks %d..%d (%d with load) over %.1f s: %.0f committed tx/s\n",
					res.FirstHeight, res.LastHeight, res.Blocks, res.Seconds, res.TPS)
			})
			return nil
		},
	}
	cmd.Flags().Int("accounts", 200, "number of funded senders")
	cmd.Flags().Duration("duration", 20*time.Second, "how long to submit")
	cmd.Flags().Int("txs-per-account", 400, "transfers signed in advance per sender")
	return cmd
}

func localnetStartCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "start",
		Short: "Start the localnet's nodes, creating the network first if --dir has none",
		Long: `Start the localnet in --dir. If the directory holds no network yet, create one
(as testnet init-files does, with ~1 s blocks). Then start every node that is
not running as a background process running "stakechain start --home
DIR/node<i>" (log in DIR/node<i>/node.log, PID in DIR/node<i>/node.pid), and
wait until every node answers and the chain reaches height 2.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, _ := cmd.Flags().GetString("dir")
			validators, _ := cmd.Flags().GetInt("validators")
			chainID, _ := cmd.Flags().GetString("chain-id")
			timeout, _ := cmd.Flags().GetDuration("timeout")
			if testnet.Exists(dir) && cmd.Flags().Changed("validators") {
				net, err := testnet.Load(dir)
				if err != nil {
					return err
				}
				if len(net.Nodes) != validators {
					return fmt.Errorf("%s already holds a %d-validator network; run `localnet stop` and remove the directory to change its size", net.Dir, len(net.Nodes))
				}
			}
			binary, err := os.Executable()
			if err != nil {
				return fmt.Errorf("find this executable: %w", err)
			}
			progress := cmd.ErrOrStderr()
			res, err := testnet.Start(cmd.Context(), testnet.StartOptions{
				Dir:     dir,
				Init:    testnet.Options{Validators: validators, ChainID: chainID},
				Binary:  binary,
				Timeout: timeout,
				Log:     progress,
			})
			if err != nil {
				return err
			}
			_, statuses, err := testnet.Status(cmd.Context(), dir)
			if err != nil {
				return err
			}
			printResult(cmd, localnetStatusResult(res.Network, statuses), func(w io.Writer) {
				printLocalnetSummary(w, displayPath(binary), res.Network, statuses)
			})
			return nil
		},
	}
	cmd.Flags().Int("validators", testnet.DefaultValidators, "number of validators of a new network")
	cmd.Flags().String("chain-id", testnet.DefaultChainID, "chain id of a new network")
	cmd.Flags().Duration("timeout", testnet.DefaultStartTimeout, "how long to wait for the network to produce blocks")
	return cmd
}

// printLocalnetSummary tells a person what is running and how to use it;
// bin is how to invoke this binary.
func printLocalnetSummary(w io.Writer, bin string, net *testnet.Network, statuses []testnet.NodeStatus) {
	dir := displayPath(net.Dir)
	keyringDir := displayPath(net.KeyringDir)
	fmt.Fprintf(w, "Localnet %s is running in %s\n\n", net.ChainID, dir)
	printStatusTable(w, statuses)
	fmt.Fprintf(w, "\nKeyring (backend %s): %s\n", testnet.KeyringBackend, keyringDir)
	fmt.Fprintf(w, "  %-12s %s  %s\n", net.Faucet.Name, net.Faucet.Address, net.Faucet.Coins)
	for _, v := range net.Validators {
		fmt.Fprintf(w, "  %-12s %s  %s\n", v.Name, v.Address, v.Coins)
	}
	node := "tcp://127.0.0.1:26657"
	if len(statuses) > 0 {
		node = statuses[0].RPC
	}
	keyFlags := fmt.Sprintf("--keyring-backend %s --keyring-dir %s", testnet.KeyringBackend, keyringDir)
	fmt.Fprintf(w, "\nTry:\n")
	fmt.Fprintf(w, "  %s status --node %s\n", bin, node)
	fmt.Fprintf(w, "  %s keys list %s\n", bin, keyFlags)
	fmt.Fprintf(w, "  %s query bank balances %s --node %s\n", bin, net.Faucet.Address, node)
	fmt.Fprintf(w, "  %s tx bank send %s %s 1000000ustake --chain-id %s --node %s %s -y\n",
		bin, testnet.FaucetKeyName, net.Validators[0].Address, net.ChainID, node, keyFlags)
	fmt.Fprintf(w, "  %s localnet status --dir %s\n", bin, dir)
	fmt.Fprintf(w, "  %s localnet stop --dir %s\n", bin, dir)
}

// displayPath shortens a path to one relative to the working directory
// when it lies below it.
func displayPath(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	rel, err := filepath.Rel(wd, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return path
	}
	return rel
}

func localnetStopCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "stop",
		Short: "Stop the localnet's nodes (SIGTERM, then SIGKILL after --timeout)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, _ := cmd.Flags().GetString("dir")
			timeout, _ := cmd.Flags().GetDuration("timeout")
			stopped, err := testnet.Stop(dir, timeout)
			type row struct {
				Index  int  `json:"index"`
				PID    int  `json:"pid"`
				Killed bool `json:"killed"`
			}
			rows := make([]row, 0, len(stopped))
			for _, s := range stopped {
				rows = append(rows, row{Index: s.Index, PID: s.PID, Killed: s.Killed})
			}
			printResult(cmd, map[string]any{"stopped": rows}, func(w io.Writer) {
				if len(stopped) == 0 {
					fmt.Fprintln(w, "No node was running.")
				}
				for _, s := range stopped {
					how := "stopped"
					if s.Killed {
						how = "killed (did not stop on SIGTERM)"
					}
					fmt.Fprintf(w, "node%d (pid %d) %s\n", s.Index, s.PID, how)
				}
			})
			return err
		},
	}
	cmd.Flags().Duration("timeout", testnet.DefaultStopTimeout, "how long to wait for the nodes to exit before SIGKILL")
	return cmd
}

func localnetStatusCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Show each localnet node's RPC address, PID, height and app hash",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, _ := cmd.Flags().GetString("dir")
			if !testnet.Exists(dir) {
				return fmt.Errorf("%s holds no network; create one with `localnet start --dir %s`", dir, dir)
			}
			net, statuses, err := testnet.Status(cmd.Context(), dir)
			if err != nil {
				return err
			}
			printResult(cmd, localnetStatusResult(net, statuses), func(w io.Writer) {
				fmt.Fprintf(w, "Localnet %s in %s\n", net.ChainID, displayPath(net.Dir))
				printStatusTable(w, statuses)
			})
			return nil
		},
	}
}

type localnetStatus struct {
	ChainID    string               `json:"chain_id"`
	Dir        string               `json:"dir"`
	KeyringDir string               `json:"keyring_dir"`
	Faucet     testnet.Account      `json:"faucet"`
	Validators []testnet.Account    `json:"validators"`
	Nodes      []testnet.NodeStatus `json:"nodes"`
}

func localnetStatusResult(net *testnet.Network, statuses []testnet.NodeStatus) localnetStatus {
	return localnetStatus{
		ChainID:    net.ChainID,
		Dir:        net.Dir,
		KeyringDir: net.KeyringDir,
		Faucet:     net.Faucet,
		Validators: net.Validators,
		Nodes:      statuses,
	}
}

func printStatusTable(w io.Writer, statuses []testnet.NodeStatus) {
	fmt.Fprintf(w, "%-6s %-24s %-8s %-8s %s\n", "NODE", "RPC", "PID", "HEIGHT", "APP HASH")
	for _, s := range statuses {
		pid, height, appHash := "stopped", "-", "-"
		if s.Running {
			pid = fmt.Sprint(s.PID)
			switch {
			case s.Error != "":
				height, appHash = "?", "no answer: "+s.Error
			default:
				height, appHash = fmt.Sprint(s.Height), s.AppHash
				if appHash == "" {
					appHash = "(empty)"
				}
				if s.CatchingUp {
					appHash += " (catching up)"
				}
			}
		}
		fmt.Fprintf(w, "%-6d %-24s %-8s %-8s %s\n", s.Index, s.RPC, pid, height, appHash)
	}
}
