package app

import (
	"context"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// balanceKeyOf mirrors x/bank's key layout for a proof query.
func balanceKeyOf(addr authtypes.Address, denom string) []byte {
	k := append([]byte("bank/balance/"), byte(len(addr)))
	return append(append(k, addr...), denom...)
}

func TestAProvenQueryVerifiesAgainstTheAppHashOfTheNextHeader(t *testing.T) {
	c := newTestChain(t)
	alice := testKey("alice")
	c.block(c.sign(c.send(alice, addrOf(testKey("bob")), "10ustake")))
	height := c.height

	key := balanceKeyOf(alice.PubKey().Address(), "ustake")
	res, err := c.app.Query(context.Background(), &abci.RequestQuery{Path: StoreKeyPath, Data: key, Prove: true})
	require.NoError(t, err)
	require.Zero(t, res.Code, res.Log)
	require.Equal(t, height, res.Height)
	require.NotNil(t, res.ProofOps)

	// The header of height H+1 carries the app hash after block H, which
	// is what FinalizeBlock of H returned.
	nextHeaderAppHash := []byte(c.hashes[height-1])
	require.NoError(t, store.VerifyQueryProof(res.ProofOps, nextHeaderAppHash, key, res.Value))

	// A forged value does not verify.
	require.Error(t, store.VerifyQueryProof(res.ProofOps, nextHeaderAppHash, key, []byte("forged")))

	// Absence is provable too.
	missing := balanceKeyOf(testKey("nobody").PubKey().Address(), "ustake")
	res, err = c.app.Query(context.Background(), &abci.RequestQuery{Path: StoreKeyPath, Data: missing, Prove: true})
	require.NoError(t, err)
	require.Zero(t, res.Code, res.Log)
	require.Nil(t, res.Value)
	require.NoError(t, store.VerifyQueryProof(res.ProofOps, nextHeaderAppHash, missing, nil))
}

func TestQueriesAtAnEarlierHeightSeeThatHeightsState(t *testing.T) {
	c := newTestChain(t)
	alice := testKey("alice")
	before := c.height
	c.block(c.sign(c.send(alice, addrOf(testKey("bob")), "10ustake")))
	var resp authtypes.QueryAccountResponse
	data, err := (&authtypes.QueryAccountRequest{Address: addrOf(alice)}).Marshal()
	require.NoError(t, err)
	res, err := c.app.Query(context.Background(), &abci.RequestQuery{Path: "/cosmos.auth.v1beta1.Query/Account", Data: data, Height: before})
	require.NoError(t, err)
	require.Zero(t, res.Code, res.Log)
	require.NoError(t, resp.Unmarshal(res.Value))
	var acc authtypes.BaseAccount
	require.NoError(t, acc.Unmarshal(resp.Account.Value))
	require.Equal(t, uint64(0), acc.Sequence)
	require.Equal(t, uint64(1), c.account(addrOf(alice)).Sequence)
}

func TestAnUnknownAccountIsReportedAsNotFound(t *testing.T) {
	c := newTestChain(t)
	res := c.query("/cosmos.auth.v1beta1.Query/Account", &authtypes.QueryAccountRequest{Address: addrOf(testKey("nobody"))}, nil)
	require.NotZero(t, res.Code)
	require.Contains(t, res.Log, "rpc error: code = NotFound")
}

func TestAnUnknownQueryPathIsAnError(t *testing.T) {
	c := newTestChain(t)
	res, err := c.app.Query(context.Background(), &abci.RequestQuery{Path: "/cosmos.nothing.v1.Query/X"})
	require.NoError(t, err)
	require.NotZero(t, res.Code)
	require.Contains(t, res.Log, "unknown query path")
}

func TestTheInvariantsQueryIsServedOnlyWhenTheConfigTurnsItOn(t *testing.T) {
	funds := map[string]string{"alice": "1000ustake"}
	tests := []struct {
		name    string
		on      bool
		code    uint32
		logPart string
	}{
		{name: "off by default: refused, saying how to turn it on", on: false, code: 37, logPart: "is disabled on this node"},
		{name: "on: the invariants hold", on: true, code: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newTestChainWithConfig(t, Config{InvariantsQuery: tt.on}, genesisWith(t, funds, "alice"))
			res, err := c.app.Query(context.Background(), &abci.RequestQuery{Path: InvariantsPath})
			require.NoError(t, err)
			require.Equal(t, tt.code, res.Code, res.Log)
			require.Contains(t, res.Log, tt.logPart)
			if tt.on {
				require.Equal(t, []byte("ok"), res.Value)
			} else {
				require.Contains(t, res.Log, "[query] section of app.toml")
			}
		})
	}
}
