package main

import (
	"fmt"
	"io"

	"github.com/cometbft/cometbft/types"
	"github.com/spf13/cobra"

	"github.com/stakechain/stakechain/app"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

func genesisCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "genesis",
		Short: "Edit and check the genesis file",
	}
	cmd.AddCommand(genesisAddAccountCommand(), genesisValidateCommand())
	return cmd
}

// genesisPath is the genesis file of --home: config/genesis.json unless
// config.toml names another.
func genesisPath(cmd *cobra.Command) string {
	return cometConfigOrDefault(cmd).GenesisFile()
}

func genesisAddAccountCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "add-account ADDR COINS",
		Short: "Add an account with a balance to HOME/config/genesis.json",
		Long: `Add an account with a balance to HOME/config/genesis.json.
ADDR is a bech32 account address (stake1...); COINS is a comma-separated
list such as 1000000ustake,5foo.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			addr, coins := args[0], args[1]
			if _, err := authtypes.ParseAddress(addr); err != nil {
				return err
			}
			path := genesisPath(cmd)
			genDoc, err := types.GenesisDocFromFile(path)
			if err != nil {
				return err
			}
			appState, err := app.GenesisAddAccount(genDoc.AppState, addr, coins)
			if err != nil {
				return fmt.Errorf("add account %s: %w", addr, err)
			}
			genDoc.AppState = appState
			if err := genDoc.SaveAs(path); err != nil {
				return err
			}
			res := map[string]string{"address": addr, "coins": coins, "genesis": path}
			printResult(cmd, res, func(w io.Writer) {
				fmt.Fprintf(w, "Added account %s with %s to %s\n", addr, coins, path)
			})
			return nil
		},
	}
}

func genesisValidateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "validate [FILE]",
		Short: "Check a genesis file (default HOME/config/genesis.json)",
		Long: `Check a genesis file: CometBFT's checks of the chain id, validators and
consensus parameters, then the application's checks of app_state.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := genesisPath(cmd)
			if len(args) == 1 {
				path = args[0]
			}
			genDoc, err := types.GenesisDocFromFile(path)
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			if err := app.ValidateGenesis(genDoc.AppState); err != nil {
				return fmt.Errorf("%s: app_state: %w", path, err)
			}
			res := map[string]any{"file": path, "chain_id": genDoc.ChainID, "valid": true}
			printResult(cmd, res, func(w io.Writer) {
				fmt.Fprintf(w, "%s is a valid genesis file for chain %s\n", path, genDoc.ChainID)
			})
			return nil
		},
	}
}
