package evm

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/core"
)

func TestEVMErrorCodesAreUniqueAndBetween20And39(t *testing.T) {
	seen := map[uint32]string{}
	for _, e := range core.RegisteredErrors() {
		if e.Codespace() != ModuleName || e.Code() < 20 {
			continue
		}
		require.LessOrEqual(t, e.Code(), uint32(39), e.Error())
		prev, dup := seen[e.Code()]
		require.False(t, dup, "code %d is used by %q and %q", e.Code(), prev, e.Error())
		seen[e.Code()] = e.Error()
	}
	require.Len(t, seen, 9)
}
