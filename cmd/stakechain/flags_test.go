package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTheNodeFlagDefaultsToStakechainNodeWhenSet(t *testing.T) {
	tests := []struct {
		name string
		env  string
		want string
	}{
		{name: "unset: node 0 of a localnet", env: "", want: "tcp://127.0.0.1:26657"},
		{name: "set: the environment's node", env: "tcp://127.0.0.1:31007", want: "tcp://127.0.0.1:31007"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(envNode, tt.env)
			root := newRootCommand()
			for _, path := range [][]string{{"status"}, {"query", "bank", "balances"}, {"tx", "bank", "send"}, {"tx", "staking", "delegate"}} {
				cmd, _, err := root.Find(path)
				require.NoError(t, err)
				f := cmd.Flags().Lookup(flagNode)
				if f == nil {
					f = cmd.InheritedFlags().Lookup(flagNode)
				}
				require.NotNil(t, f, "%v has --node", path)
				require.Equal(t, tt.want, f.DefValue, "%v", path)
			}
		})
	}
}
