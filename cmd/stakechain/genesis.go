package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"cosmossdk.io/math"
	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/types"
	"github.com/spf13/cobra"

	"github.com/stakechain/stakechain/app"
	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/cmd/client/keyring"
	"github.com/stakechain/stakechain/config"
	"github.com/stakechain/stakechain/x/core"
)

func genesisCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "genesis",
		Short: "Edit and check the genesis file",
	}
	cmd.AddCommand(genesisAddAccountCommand(), genesisGentxCommand(), genesisCollectGentxsCommand(), genesisValidateCommand())
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
ADDR is an account address, bech32 (stake1...) or 0x...; COINS is a
comma-separated list such as 1000000ustake,5foo.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			coins := args[1]
			addr, err := accountArg("address", args[0])
			if err != nil {
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

// gentxFile is what "genesis gentx" writes: the signed transaction and, for
// the people collecting it, what it does.
type gentxFile struct {
	Moniker   string `json:"moniker"`
	Validator string `json:"validator"`
	Amount    string `json:"amount"`
	// Tx is the signed TxRaw, base64.
	Tx []byte `json:"tx"`
}

func genesisGentxCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "gentx KEY AMOUNT",
		Short: "Sign a genesis transaction that makes this node a validator",
		Long: `Sign, with the operator key KEY of the keyring, a genesis transaction that
creates a validator for this node's consensus key (config/priv_validator_key.json)
with a self-delegation of AMOUNT (such as 100000000ustake), and write it to
HOME/config/gentx/gentx-<node id>.json. The key's account must be in the
genesis with at least AMOUNT. Gather the gentxs of every validator with
"genesis collect-gentxs".`,
		Example: "stakechain genesis gentx me 100000000ustake --chain-id test-1",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			c := cometConfigOrDefault(cmd)
			genDoc, err := types.GenesisDocFromFile(c.GenesisFile())
			if err != nil {
				return err
			}
			chainID, _ := cmd.Flags().GetString(flagChainID)
			if chainID == "" {
				chainID = genDoc.ChainID
			}
			if chainID != genDoc.ChainID {
				return fmt.Errorf("--chain-id %s differs from the genesis chain id %s", chainID, genDoc.ChainID)
			}
			amount, err := core.ParseCoins(args[1])
			if err != nil || len(amount) != 1 {
				return fmt.Errorf("amount %q: give one coin such as 100000000ustake", args[1])
			}
			pub, err := config.LoadValidatorPubKey(c.PrivValidatorKeyFile())
			if err != nil {
				return err
			}
			nodeKey, err := p2p.LoadNodeKey(c.NodeKeyFile())
			if err != nil {
				return err
			}
			kr, err := keysOpenKeyring(cmd, keysNewInput(cmd))
			if err != nil {
				return err
			}
			rec, err := kr.Get(args[0])
			if err != nil {
				return err
			}
			key, err := kr.Signer(args[0])
			if err != nil {
				return err
			}
			f := cmd.Flags()
			moniker, _ := f.GetString("moniker")
			if moniker == "" {
				moniker = c.Moniker
			}
			spec := client.ValidatorSpec{ConsPubKey: pub.Bytes(), Moniker: moniker, Amount: amount[0]}
			for _, d := range []struct {
				flag string
				dst  *math.LegacyDec
			}{{"commission-rate", &spec.CommissionRate}, {"commission-max-rate", &spec.CommissionMax}, {"commission-max-change-rate", &spec.CommissionMaxRate}} {
				s, _ := f.GetString(d.flag)
				if *d.dst, err = math.LegacyNewDecFromStr(s); err != nil {
					return fmt.Errorf("--%s %q: %w", d.flag, s, err)
				}
			}
			msd, _ := f.GetString("min-self-delegation")
			var ok bool
			if spec.MinSelfDelegation, ok = math.NewIntFromString(msd); !ok {
				return fmt.Errorf("--min-self-delegation %q is not an integer", msd)
			}
			tx, err := client.GenTx(key, chainID, spec)
			if err != nil {
				return err
			}
			// Check it now rather than at collect time: run the genesis with
			// this one gentx.
			if probe, err := app.GenesisSetGenTxs(genDoc.AppState, [][]byte{tx}); err != nil {
				return err
			} else if err := app.CheckGenesisTxs(chainID, probe); err != nil {
				return err
			}
			out := gentxFile{Moniker: moniker, Validator: rec.Address.Valoper(), Amount: amount.String(), Tx: tx}
			bz, err := json.MarshalIndent(out, "", "  ")
			if err != nil {
				return err
			}
			dir := filepath.Join(filepath.Dir(c.GenesisFile()), "gentx")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			path := filepath.Join(dir, "gentx-"+string(nodeKey.ID())+".json")
			if err := os.WriteFile(path, append(bz, '\n'), 0o644); err != nil {
				return err
			}
			printResult(cmd, map[string]string{"file": path, "validator": out.Validator}, func(w io.Writer) {
				fmt.Fprintf(w, "Genesis transaction for validator %s written to %s\n", out.Validator, path)
			})
			return nil
		},
	}
	f := cmd.Flags()
	f.String(flagChainID, "", "chain id (default: the genesis file's)")
	f.String("moniker", "", "validator name (default: the node's moniker)")
	f.String("commission-rate", "0.10", "commission rate")
	f.String("commission-max-rate", "0.20", "highest commission rate the validator may ever set")
	f.String("commission-max-change-rate", "0.01", "largest daily change of the commission rate")
	f.String("min-self-delegation", "1", "minimum self-delegation, in the bond denom's base unit")
	f.String(keysFlagKeyringBackend, keyring.BackendFile, `keyring backend: "file" or "test"`)
	f.String(keysFlagKeyringDir, "", "keyring directory (default: the --home directory + /keyring)")
	return cmd
}

func genesisCollectGentxsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "collect-gentxs",
		Short: "Put the genesis transactions of HOME/config/gentx into the genesis",
		Long: `Read every gentx-*.json of the gentx directory (in file name order), check
that the genesis with them starts, and write them into genesis.json. The
genesis validator list is cleared: the validators come from the gentxs.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c := cometConfigOrDefault(cmd)
			genDoc, err := types.GenesisDocFromFile(c.GenesisFile())
			if err != nil {
				return err
			}
			dir, _ := cmd.Flags().GetString("gentx-dir")
			if dir == "" {
				dir = filepath.Join(filepath.Dir(c.GenesisFile()), "gentx")
			}
			files, err := filepath.Glob(filepath.Join(dir, "gentx-*.json"))
			if err != nil {
				return err
			}
			sort.Strings(files)
			if len(files) == 0 {
				return fmt.Errorf("no gentx-*.json in %s: run \"genesis gentx\" first", dir)
			}
			txs := make([][]byte, len(files))
			for i, path := range files {
				bz, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				var f gentxFile
				if err := json.Unmarshal(bz, &f); err != nil {
					return fmt.Errorf("%s: %w", path, err)
				}
				txs[i] = f.Tx
			}
			appState, err := app.GenesisSetGenTxs(genDoc.AppState, txs)
			if err != nil {
				return err
			}
			if err := app.CheckGenesisTxs(genDoc.ChainID, appState); err != nil {
				return err
			}
			genDoc.AppState = appState
			genDoc.Validators = nil
			if err := genDoc.SaveAs(c.GenesisFile()); err != nil {
				return err
			}
			printResult(cmd, map[string]any{"gentxs": len(files), "genesis": c.GenesisFile()}, func(w io.Writer) {
				fmt.Fprintf(w, "Collected %d genesis transactions into %s\n", len(files), c.GenesisFile())
			})
			return nil
		},
	}
	cmd.Flags().String("gentx-dir", "", "directory of the gentx files (default: HOME/config/gentx)")
	return cmd
}
