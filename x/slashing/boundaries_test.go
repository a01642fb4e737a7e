package slashing

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/slashing/types"
	"github.com/stakechain/stakechain/x/staking"
)

// TestEvidenceIsIgnoredOnlyWhenOlderThanBothLimits puts the evidence's age
// exactly at, just under and just over each of the two consensus limits. The
// evidence is 4 blocks and 4 seconds old when its block delivers it: a limit
// equal to that age is not exceeded, so only limits of 3 blocks and less
// than 4 seconds together make the evidence too old.
func TestEvidenceIsIgnoredOnlyWhenOlderThanBothLimits(t *testing.T) {
	const blocks, dur = 4, 4 * time.Second
	for _, tc := range []struct {
		name     string
		age      core.EvidenceAge
		punished bool
	}{
		{"exactly at both limits is punished", core.EvidenceAge{MaxAgeNumBlocks: blocks, MaxAgeDuration: dur}, true},
		{"at the block limit and past the time limit is punished", core.EvidenceAge{MaxAgeNumBlocks: blocks, MaxAgeDuration: dur - time.Nanosecond}, true},
		{"past the block limit and at the time limit is punished", core.EvidenceAge{MaxAgeNumBlocks: blocks - 1, MaxAgeDuration: dur}, true},
		{"under both limits is punished", core.EvidenceAge{MaxAgeNumBlocks: blocks + 1, MaxAgeDuration: dur + time.Nanosecond}, true},
		{"just past both limits is ignored", core.EvidenceAge{MaxAgeNumBlocks: blocks - 1, MaxAgeDuration: dur - time.Nanosecond}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := bondedEnv(t, DefaultParams(), "a") // height 2
			for i := 0; i < 3; i++ {
				e.nextBlock(time.Second, []vote{{"a", true}})
			}
			require.Equal(t, int64(5), e.block.Height)
			e.age = tc.age
			e.pending = []core.Misbehavior{{Kind: core.DuplicateVote, ConsAddr: consAddr("a"), Power: 10, Height: 2, Time: e.history[2].time}}
			e.nextBlock(time.Second, []vote{{"a", true}}) // height 6, 4 s after height 2
			require.Equal(t, dur, e.block.Time.Sub(e.history[2].time))

			v := e.validator("a")
			info := e.signingInfo("a")
			if tc.punished {
				require.True(t, info.Tombstoned)
				require.True(t, v.Jailed)
				require.Equal(t, math.NewInt(9_500_000), v.Tokens)
			} else {
				require.False(t, info.Tombstoned)
				require.False(t, v.Jailed)
				require.Equal(t, math.NewInt(10_000_000), v.Tokens)
			}
		})
	}
}

// TestGenesisAcceptsTheZeroStartHeightAndTheFirstWindowIndex checks the
// lowest values genesis may hold: a validator of the genesis set starts at
// height 0 (as Cosmos chains export it), and index 0 is the window's first.
func TestGenesisAcceptsTheZeroStartHeightAndTheFirstWindowIndex(t *testing.T) {
	g := DefaultGenesis()
	g.Params.SignedBlocksWindow = 10
	a := consString(consAddr("a"))
	g.SigningInfos = []GenesisSigningInfo{{Address: a, ValidatorSigningInfo: SigningInfoRecord{Address: a, StartHeight: 0, IndexOffset: 1, MissedBlocksCounter: 1}}}
	g.MissedBlocks = []GenesisMissedBlock{{Address: a, MissedBlocks: []MissedRecord{{Index: 0, Missed: true}}}}
	require.NoError(t, g.Validate())

	k := NewKeeper(staking.Keeper{}, nil)
	w := store.NewCache(store.Empty{})
	require.NoError(t, k.InitGenesis(w, g))
	require.Equal(t, []int64{0}, k.missedIndexes(w, consAddr("a")))
	info, ok := k.SigningInfo(w, consAddr("a"))
	require.True(t, ok)
	require.Equal(t, int64(0), info.StartHeight)

	for name, mutate := range map[string]func(*GenesisState){
		"a negative start height": func(g *GenesisState) { g.SigningInfos[0].ValidatorSigningInfo.StartHeight = -1 },
		"a negative index":        func(g *GenesisState) { g.MissedBlocks[0].MissedBlocks[0].Index = -1 },
	} {
		t.Run(name, func(t *testing.T) {
			bad := g
			bad.SigningInfos = append([]GenesisSigningInfo(nil), g.SigningInfos...)
			bad.MissedBlocks = []GenesisMissedBlock{{Address: a, MissedBlocks: append([]MissedRecord(nil), g.MissedBlocks[0].MissedBlocks...)}}
			mutate(&bad)
			require.Error(t, bad.Validate())
		})
	}
}

// TestASigningInfosPageWithLimitZeroHoldsEveryInfo checks that a limit of 0,
// as a client that sets only an offset or count_total sends it, means the
// default page size and not an empty page.
func TestASigningInfosPageWithLimitZeroHoldsEveryInfo(t *testing.T) {
	e := bondedEnv(t, testParams(10), "a", "b", "c")
	e.nextBlock(time.Second, []vote{{"a", true}, {"b", true}, {"c", true}})
	page, err := e.k.QuerySigningInfos(e.w, &types.QuerySigningInfosRequest{Pagination: &authtypes.PageRequest{Limit: 0, CountTotal: true}})
	require.NoError(t, err)
	require.Len(t, page.Info, 3)
	require.Nil(t, page.Pagination.NextKey)
	require.Equal(t, uint64(3), page.Pagination.Total)

	page, err = e.k.QuerySigningInfos(e.w, &types.QuerySigningInfosRequest{Pagination: &authtypes.PageRequest{Offset: 1}})
	require.NoError(t, err)
	require.Len(t, page.Info, 2)
	require.Nil(t, page.Pagination.NextKey)
}
