package distribution

import (
	"testing"

	"github.com/stretchr/testify/require"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/distribution/types"
)

func TestDecCoinsSurviveEveryStoredMessage(t *testing.T) {
	codecs := []struct {
		name   string
		encode func(DecCoins) []byte
		decode func([]byte) DecCoins
	}{
		{"the community pool", encodeFeePool, decodeFeePool},
		{"a commission", encodeCommission, decodeCommission},
		{"outstanding rewards", encodeOutstanding, decodeOutstanding},
		{"a reward index", encodeRewardIndex, decodeRewardIndex},
		{"a delegation start", encodeStart, decodeStart},
	}
	for _, c := range codecs {
		for _, s := range []string{"", "1aaa", "0.000000000000000001aaa,123456789012345678901234567890.123456789012345678token/stake1xyz/ABC"} {
			t.Run(c.name+" of "+s, func(t *testing.T) {
				d := decCoins(t, s)
				require.Equal(t, d, c.decode(c.encode(d)))
			})
		}
		t.Run(c.name+" that is not protobuf panics", func(t *testing.T) {
			require.Panics(t, func() { c.decode([]byte{0x0a, 5, 'a'}) })
		})
		t.Run(c.name+" out of denom order panics", func(t *testing.T) {
			require.Panics(t, func() {
				c.decode(c.encode(DecCoins{{Denom: "bbb", Amount: dec("1")}, {Denom: "aaa", Amount: dec("1")}}))
			})
		})
	}
}

func TestAStartAtIndexZeroIsStoredAsAnEmptyValue(t *testing.T) {
	e := newEnv(t)
	e.k.setStart(e.w, addr("del"), addr("val"), DecCoins{})
	require.Equal(t, []byte{}, e.w.Get(startKey(addr("del"), addr("val"))))
	idx, ok := e.k.start(e.w, addr("del"), addr("val"))
	require.True(t, ok)
	require.Equal(t, DecCoins{}, idx)
}

func TestStoredDistributionRecordsAreTheCosmosMessages(t *testing.T) {
	e := newEnv(t)
	setOutstanding(e.w, addr("val"), decCoins(t, "1.5ustake"))
	setCommunityPool(e.w, decCoins(t, "2ustake"))

	var out types.ValidatorOutstandingRewards
	require.NoError(t, out.Unmarshal(e.w.Get(outstandingKey(addr("val")))))
	require.Equal(t, []*authtypes.DecCoin{{Denom: "ustake", Amount: "1500000000000000000"}}, out.Rewards)

	var pool types.FeePool
	require.NoError(t, pool.Unmarshal(e.w.Get(communityPoolKey)))
	require.Equal(t, []*authtypes.DecCoin{{Denom: "ustake", Amount: "2000000000000000000"}}, pool.CommunityPool)
}
