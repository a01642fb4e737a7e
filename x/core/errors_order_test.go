package core_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	_ "github.com/stakechain/stakechain/x/auth"
	_ "github.com/stakechain/stakechain/x/bank"
	"github.com/stakechain/stakechain/x/core"
	_ "github.com/stakechain/stakechain/x/gov"
	_ "github.com/stakechain/stakechain/x/slashing"
	_ "github.com/stakechain/stakechain/x/staking"
)

// TestRegisteredErrorsAreOrderedByCodespaceThenCode walks the list that
// RegisteredErrors returns: codespaces ascend, and within one codespace the
// codes ascend. The modules imported here register several codespaces,
// each with several codes.
func TestRegisteredErrorsAreOrderedByCodespaceThenCode(t *testing.T) {
	errs := core.RegisteredErrors()
	spaces := map[string]int{}
	for _, e := range errs {
		spaces[e.Codespace()]++
	}
	require.Greater(t, len(spaces), 2, "several codespaces")
	for i := 1; i < len(errs); i++ {
		prev, cur := errs[i-1], errs[i]
		if prev.Codespace() != cur.Codespace() {
			require.Less(t, prev.Codespace(), cur.Codespace(), "%d: %q before %q", i, prev.Codespace(), cur.Codespace())
			continue
		}
		require.Less(t, prev.Code(), cur.Code(), "%d: %s codes %d before %d", i, cur.Codespace(), prev.Code(), cur.Code())
	}
}
