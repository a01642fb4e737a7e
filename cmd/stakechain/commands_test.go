package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"
)

// walkCommands calls visit for cmd and every command below it.
func walkCommands(cmd *cobra.Command, visit func(*cobra.Command)) {
	visit(cmd)
	for _, sub := range cmd.Commands() {
		walkCommands(sub, visit)
	}
}

// pathArgs is the command line that reaches cmd from root.
func pathArgs(cmd *cobra.Command) []string {
	var args []string
	for c := cmd; c.HasParent(); c = c.Parent() {
		args = append([]string{c.Name()}, args...)
	}
	return args
}

func TestEveryGroupRefusesAnUnknownSubcommand(t *testing.T) {
	groups := 0
	walkCommands(newRootCommand(), func(group *cobra.Command) {
		if !group.HasSubCommands() {
			return
		}
		groups++
		path := pathArgs(group)
		for _, extra := range [][]string{{"nonsense"}, {"kill", "1"}} {
			args := append(append([]string{}, path...), extra...)
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				var out, errOut bytes.Buffer
				root := newRootCommand()
				root.SetArgs(args)
				root.SetOut(&out)
				root.SetErr(&errOut)
				err := root.Execute()
				require.Error(t, err, "stakechain %s succeeded, printing:\n%s", strings.Join(args, " "), out.String())
				require.Contains(t, err.Error(), `unknown command "`+extra[0]+`"`)
				require.Empty(t, out.String(), "no help on standard output for a mistake")
			})
		}
	})
	// root, comet, genesis, testnet, localnet, keys, tx and query with their
	// module groups, bench, completion: a walk that finds few would test
	// little.
	require.Greater(t, groups, 20)
}

func TestAGroupSuggestsTheSubcommandsAMistypedNameResembles(t *testing.T) {
	_, err := run(t, "query", "bank", "balance", "stake1x")
	require.Error(t, err)
	require.Contains(t, err.Error(), `unknown command "balance" for "stakechain query bank"`)
	require.Contains(t, err.Error(), "Did you mean this?\n\tbalances")
}

func TestAGroupWithoutArgumentsPrintsItsHelp(t *testing.T) {
	out, err := run(t, "localnet")
	require.NoError(t, err)
	require.Contains(t, out, "Available Commands:")
	require.Contains(t, out, "status")
}

func TestEveryLeafCommandRefusesStrayArguments(t *testing.T) {
	stray := make([]string, 10)
	for i := range stray {
		stray[i] = "stray"
	}
	walkCommands(newRootCommand(), func(leaf *cobra.Command) {
		if leaf.HasSubCommands() || !leaf.Runnable() {
			return
		}
		name := strings.Join(pathArgs(leaf), " ")
		t.Run(name, func(t *testing.T) {
			if leaf.Name() == "help" {
				t.Skip("help takes any command path")
			}
			require.NotNil(t, leaf.Args, "%s accepts any arguments: give it an Args rule", name)
			// The rule alone runs: the command's action must not.
			require.Error(t, leaf.Args(leaf, stray), "%s accepts %d stray arguments", name, len(stray))
		})
	})
}
