package core_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	_ "github.com/stakechain/stakechain/x/auth"
	_ "github.com/stakechain/stakechain/x/ballot"
	_ "github.com/stakechain/stakechain/x/bank"
	"github.com/stakechain/stakechain/x/core"
	_ "github.com/stakechain/stakechain/x/distribution"
	_ "github.com/stakechain/stakechain/x/evm"
	_ "github.com/stakechain/stakechain/x/evm/ethtx"
	_ "github.com/stakechain/stakechain/x/gov"
	_ "github.com/stakechain/stakechain/x/mint"
	_ "github.com/stakechain/stakechain/x/slashing"
	_ "github.com/stakechain/stakechain/x/staking"
	_ "github.com/stakechain/stakechain/x/token"
)

func TestEveryRegisteredErrorCodeIsUniqueInItsCodespace(t *testing.T) {
	seen := map[string]string{}
	errs := core.RegisteredErrors()
	require.NotEmpty(t, errs)
	for _, e := range errs {
		k := fmt.Sprintf("%s/%d", e.Codespace(), e.Code())
		prev, dup := seen[k]
		require.False(t, dup, "%s is used by %q and %q", k, prev, e.Error())
		seen[k] = e.Error()
	}
}

func TestWrappedErrorsKeepTheirCode(t *testing.T) {
	err := fmt.Errorf("message 0: %w", core.ErrInsufficientFunds.Wrapf("has %d", 3))
	require.True(t, errors.Is(err, core.ErrInsufficientFunds))
	space, code, log := core.ABCIInfo(err)
	require.Equal(t, "sdk", space)
	require.Equal(t, uint32(5), code)
	require.Equal(t, "message 0: has 3: insufficient funds", log)

	space, code, _ = core.ABCIInfo(errors.New("unexpected"))
	require.Equal(t, core.ErrInternal.Codespace(), space)
	require.Equal(t, core.ErrInternal.Code(), code, "an unregistered error never looks like success")
}
