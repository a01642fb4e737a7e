package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// Names of the global flags.
const (
	flagHome     = "home"
	flagLogLevel = "log-level"
	flagOutput   = "output"
)

// newRootCommand returns the stakechain command with every subcommand.
func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "stakechain",
		Short: "StakeChain: a proof-of-stake chain node and client",
		// Errors are printed once by main; usage is only shown for --help.
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			switch out, _ := cmd.Flags().GetString(flagOutput); out {
			case outputText, outputJSON:
				return nil
			default:
				return fmt.Errorf("--output must be %q or %q, got %q", outputText, outputJSON, out)
			}
		},
	}
	root.PersistentFlags().String(flagHome, defaultHome(), "directory for the node's config and data")
	root.PersistentFlags().String(flagLogLevel, "info", `log level: "debug", "info", "warn", "error" or "none", or per module such as "consensus:debug,*:info"`)
	root.PersistentFlags().StringP(flagOutput, "o", outputText, `output format: "text" or "json"`)

	root.AddCommand(
		initCommand(),
		startCommand(),
		statusCommand(),
		versionCommand(),
		cometCommand(),
		genesisCommand(),
		testnetCommand(),
		localnetCommand(),
		keysCommand(),
		txCommand(),
		queryCommand(),
		benchCommand(),
	)
	return root
}

// defaultHome is ~/.stakechain, or .stakechain in the working directory
// when there is no home directory.
func defaultHome() string {
	dir, err := os.UserHomeDir()
	if err != nil {
		return ".stakechain"
	}
	return filepath.Join(dir, ".stakechain")
}

// homeDir returns the --home flag with a leading ~ expanded, or the
// default home for a command run without the flag.
func homeDir(cmd *cobra.Command) string {
	home, err := cmd.Flags().GetString(flagHome)
	if err != nil || home == "" {
		home = defaultHome()
	}
	return expandHome(home)
}

func expandHome(path string) string {
	if path == "~" || strings.HasPrefix(path, "~/") {
		if dir, err := os.UserHomeDir(); err == nil {
			return filepath.Join(dir, strings.TrimPrefix(path, "~"))
		}
	}
	return path
}
