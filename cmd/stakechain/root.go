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
	root.InitDefaultCompletionCmd()
	refuseUnknownSubcommands(root)
	return root
}

// refuseUnknownSubcommands makes every group below root (a command with
// subcommands and no action of its own) an error when given arguments:
// cobra would print the group's help and exit 0 for `stakechain query
// nonsense`, so a script that mistypes a command would believe it ran.
// Without arguments a group still prints its help. Root itself already
// refuses an unknown command.
func refuseUnknownSubcommands(cmd *cobra.Command) {
	for _, sub := range cmd.Commands() {
		refuseUnknownSubcommands(sub)
	}
	if !cmd.HasParent() || !cmd.HasSubCommands() || cmd.Runnable() {
		return
	}
	cmd.Args = unknownSubcommand
	cmd.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
}

// unknownSubcommand refuses any argument given to a group, naming it and
// the subcommands it resembles, as cobra does for root.
func unknownSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra's default for root
	}
	if suggestions := cmd.SuggestionsFor(args[0]); len(suggestions) > 0 {
		msg += "\n\nDid you mean this?\n\t" + strings.Join(suggestions, "\n\t")
	}
	return fmt.Errorf("%s\n\nRun '%s --help' for its commands", msg, cmd.CommandPath())
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
