package app

import (
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/distribution"
	distributiontypes "github.com/stakechain/stakechain/x/distribution/types"
	"github.com/stakechain/stakechain/x/gov"
	govtypes "github.com/stakechain/stakechain/x/gov/types"
	"github.com/stakechain/stakechain/x/mint"
	minttypes "github.com/stakechain/stakechain/x/mint/types"
	"github.com/stakechain/stakechain/x/slashing"
	slashingtypes "github.com/stakechain/stakechain/x/slashing/types"
	"github.com/stakechain/stakechain/x/staking"
	stakingtypes "github.com/stakechain/stakechain/x/staking/types"
)

// TestEveryModulesParamsAreStoredAsTheirProtobufMessage reads each
// parameter key of a new chain's state as the protobuf message it is
// documented to hold, and finds exactly what the module's keeper reads.
func TestEveryModulesParamsAreStoredAsTheirProtobufMessage(t *testing.T) {
	c := newTestChain(t)
	r := c.app.tree.Latest()
	sp := c.app.staking.Params(r)
	for _, k := range []struct {
		key  string
		into proto.Message
		want proto.Message
	}{
		{"auth/params", &authtypes.Params{}, auth.ParamsToProto(c.app.auth.Params(r))},
		{"bank/params", &banktypes.Params{}, bank.ParamsToProto(c.app.bank.Params(r))},
		{"staking/params", &stakingtypes.StoredParams{}, &stakingtypes.StoredParams{
			Params: staking.ParamsToProto(sp), PowerReduction: core.IntToProto(sp.PowerReduction)}},
		{"slashing/params", &slashingtypes.Params{}, slashing.ParamsToProto(c.app.slashing.Params(r))},
		{"mint/params", &minttypes.Params{}, mint.ParamsToProto(c.app.mint.Params(r))},
		{"mint/minter", &minttypes.Minter{}, mint.MinterToProto(c.app.mint.Minter(r))},
		{"distribution/params", &distributiontypes.Params{}, distribution.ParamsToProto(c.app.distribution.Params(r))},
		{"gov/params", &govtypes.Params{}, gov.ParamsToProto(c.app.gov.Params(r))},
	} {
		t.Run(k.key, func(t *testing.T) {
			bz := r.Get([]byte(k.key))
			require.NotNil(t, bz)
			require.NoError(t, proto.Unmarshal(bz, k.into))
			require.True(t, proto.Equal(k.want, k.into), "stored %v, the keeper reads %v", k.into, k.want)
		})
	}
	require.Equal(t, "1000000", c.app.staking.Params(r).PowerReduction.String())
}
