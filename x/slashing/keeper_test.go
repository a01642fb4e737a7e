package slashing

import (
	"encoding/json"
	"fmt"
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

// bondedEnv is an env whose named validators (10 STAKE each) are in the
// set, at height 2.
func bondedEnv(t *testing.T, p Params, names ...string) *env {
	t.Helper()
	e := newEnv(t)
	require.NoError(t, e.k.SetParams(e.w, p))
	for _, n := range names {
		require.NoError(t, e.createValidator(n, 10))
	}
	e.nextBlock(time.Second, nil)
	return e
}

func testParams(window int64) Params {
	p := DefaultParams()
	p.SignedBlocksWindow = window
	return p
}

func TestDefaultParamsAreTheCosmosModuleDefaultsWithTheHubWindow(t *testing.T) {
	p := DefaultParams()
	require.NoError(t, p.Validate())
	require.Equal(t, int64(10_000), p.SignedBlocksWindow)
	require.Equal(t, "0.500000000000000000", p.MinSignedPerWindow.String())
	require.Equal(t, 10*time.Minute, p.DowntimeJailDuration.D())
	require.Equal(t, "0.050000000000000000", p.SlashFractionDoubleSign.String())
	require.Equal(t, "0.010000000000000000", p.SlashFractionDowntime.String())
	require.Equal(t, int64(5_000), p.MaxMissedBlocks())

	bz, err := json.Marshal(p)
	require.NoError(t, err)
	require.JSONEq(t, `{"signed_blocks_window":"10000","min_signed_per_window":"0.500000000000000000",
		"downtime_jail_duration":"600s","slash_fraction_double_sign":"0.050000000000000000",
		"slash_fraction_downtime":"0.010000000000000000"}`, string(bz))
}

func TestParamsValidateRejectsOutOfRangeValues(t *testing.T) {
	for name, mutate := range map[string]func(*Params){
		"a zero window":                    func(p *Params) { p.SignedBlocksWindow = 0 },
		"a negative window":                func(p *Params) { p.SignedBlocksWindow = -1 },
		"a zero jail time":                 func(p *Params) { p.DowntimeJailDuration = 0 },
		"a min signed share above one":     func(p *Params) { p.MinSignedPerWindow = math.LegacyMustNewDecFromStr("1.01") },
		"a negative min signed share":      func(p *Params) { p.MinSignedPerWindow = math.LegacyMustNewDecFromStr("-0.1") },
		"no min signed share":              func(p *Params) { p.MinSignedPerWindow = math.LegacyDec{} },
		"a double-sign fraction above one": func(p *Params) { p.SlashFractionDoubleSign = math.LegacyMustNewDecFromStr("1.5") },
		"a negative downtime fraction":     func(p *Params) { p.SlashFractionDowntime = math.LegacyMustNewDecFromStr("-0.01") },
		"no downtime fraction":             func(p *Params) { p.SlashFractionDowntime = math.LegacyDec{} },
		"no double-sign fraction":          func(p *Params) { p.SlashFractionDoubleSign = math.LegacyDec{} },
	} {
		t.Run(name, func(t *testing.T) {
			p := DefaultParams()
			mutate(&p)
			require.Error(t, p.Validate())
		})
	}
	p := DefaultParams()
	p.MinSignedPerWindow, p.SlashFractionDowntime, p.SlashFractionDoubleSign = math.LegacyZeroDec(), math.LegacyZeroDec(), math.LegacyOneDec()
	require.NoError(t, p.Validate(), "the bounds themselves are allowed")
}

func TestMinSignedBlocksRoundsToTheNearestWithHalvesToEvenAsCosmosDoes(t *testing.T) {
	for _, tc := range []struct {
		window int64
		share  string
		want   int64
	}{
		{10_000, "0.5", 5_000},
		{10_000, "0.05", 500},
		{20, "0.5", 10},
		{15, "0.5", 8}, // 7.5 → 8
		{5, "0.5", 2},  // 2.5 → 2
		{3, "0.3", 1},  // 0.9 → 1
		{7, "0.1", 1},  // 0.7 → 1
		{7, "0.05", 0}, // 0.35 → 0
		{100, "1", 100},
		{100, "0", 0},
	} {
		p := testParams(tc.window)
		p.MinSignedPerWindow = math.LegacyMustNewDecFromStr(tc.share)
		require.Equal(t, tc.want, p.MinSignedBlocks(), "%d × %s", tc.window, tc.share)
		require.Equal(t, tc.window-tc.want, p.MaxMissedBlocks())
	}
}

// lcg is a fixed pseudo-random sequence, the same on every run.
type lcg uint64

func (l *lcg) next() uint64 {
	*l = *l*6364136223846793005 + 1442695040888963407
	return uint64(*l >> 33)
}

func TestTheMissedCounterIsAlwaysTheMissesOfTheLastWindow(t *testing.T) {
	// A window that spans three chunks, the last one partial, and votes
	// in runs so that whole chunks fill and empty.
	const window = 2500
	p := testParams(window)
	p.MinSignedPerWindow = math.LegacyZeroDec() // never punished: only counting
	e := bondedEnv(t, p, "a")
	cons := consAddr("a")
	var history []bool // true = missed, one per vote
	rng := lcg(7)
	missed := false
	for len(history) < 3*window+321 {
		if rng.next()%100 < 3 {
			missed = !missed
		}
		m := missed && rng.next()%8 != 0
		e.nextBlock(time.Second, []vote{{"a", !m}})
		history = append(history, m)

		if len(history)%97 == 0 || len(history) > 3*window {
			want := int64(0)
			from := max(0, len(history)-window)
			for _, h := range history[from:] {
				if h {
					want++
				}
			}
			info := e.signingInfo("a")
			require.Equal(t, want, info.MissedBlocksCounter, "after %d votes", len(history))
			require.Equal(t, int64(len(history)), info.IndexOffset)
			// The bitmap holds exactly those misses, at their indexes.
			var wantIdx []int64
			for i := from; i < len(history); i++ {
				if history[i] {
					wantIdx = append(wantIdx, int64(i%window))
				}
			}
			got := e.k.missedIndexes(e.w, cons)
			require.ElementsMatch(t, wantIdx, got, "after %d votes", len(history))
		}
	}
}

func TestAVoteWritesOnlyTheSigningInfoAndAtMostOneBitmapChunk(t *testing.T) {
	e := bondedEnv(t, DefaultParams(), "a")
	for i := 0; i < 3000; i++ {
		// Write the block so far to a base state, then run one block's
		// BeginBlock in a fresh cache and look at what it changed.
		base := e.w
		e.w = store.NewCache(base)
		signed := i%3 != 0
		e.k.BeginBlock(e.w, &e.ev, e.block, []core.Vote{{ConsAddr: consAddr("a"), Power: 10, Signed: signed}}, nil, e.age)
		changes := e.w.Changes()
		require.LessOrEqual(t, len(changes), 2, "vote %d", i)
		require.Equal(t, signingInfoKey(consAddr("a")), changes[0].Key, "the signing info is always written")
		if len(changes) == 2 {
			require.Equal(t, missedPrefixOf(consAddr("a")), changes[1].Key[:len(changes[1].Key)-8])
		}
		e.w.Write(base)
		e.w = base
		e.block.Height++
	}
	chunks := 0
	prefix := missedPrefixOf(consAddr("a"))
	e.w.Iterate(prefix, store.PrefixEnd(prefix), func(_, v []byte) bool {
		require.Len(t, v, chunkBytes)
		chunks++
		return true
	})
	require.Equal(t, 3, chunks, "3000 votes of a 10000 window fill 3 chunks of 1024")
	require.Equal(t, int64(1000), e.signingInfo("a").MissedBlocksCounter)
}

func TestAValidatorThatAlwaysSignsStoresNoBitmap(t *testing.T) {
	e := bondedEnv(t, testParams(100), "a")
	for i := 0; i < 250; i++ {
		e.nextBlock(time.Second, []vote{{"a", i != 10}})
	}
	require.Empty(t, e.k.missedIndexes(e.w, consAddr("a")))
	prefix := missedPrefixOf(consAddr("a"))
	e.w.Iterate(prefix, store.PrefixEnd(prefix), func(k, _ []byte) bool {
		t.Fatalf("a chunk with no missed block is stored at %X", k)
		return false
	})
}

func TestChangingTheWindowStartsEveryWindowOver(t *testing.T) {
	e := bondedEnv(t, testParams(10), "a", "b")
	for i := 0; i < 4; i++ {
		e.nextBlock(time.Second, []vote{{"a", false}, {"b", true}})
	}
	require.Equal(t, int64(4), e.signingInfo("a").MissedBlocksCounter)
	start := e.signingInfo("a").StartHeight

	p := e.k.Params(e.w)
	p.MinSignedPerWindow = math.LegacyMustNewDecFromStr("0.4")
	require.NoError(t, e.k.SetParams(e.w, p))
	require.Equal(t, int64(4), e.signingInfo("a").MissedBlocksCounter, "the same window keeps its record")

	p.SignedBlocksWindow = 20
	require.NoError(t, e.k.SetParams(e.w, p))
	for _, n := range []string{"a", "b"} {
		info := e.signingInfo(n)
		require.Zero(t, info.MissedBlocksCounter, n)
		require.Zero(t, info.IndexOffset, n)
		require.Equal(t, start, info.StartHeight, n)
		require.Empty(t, e.k.missedIndexes(e.w, consAddr(n)), n)
	}
}

func TestVotesAndEvidenceOfValidatorsStakingDoesNotKnowAreIgnored(t *testing.T) {
	e := bondedEnv(t, testParams(10), "a")
	stranger := consAddr("nobody")
	e.pending = []core.Misbehavior{{Kind: core.DuplicateVote, ConsAddr: stranger, Power: 10, Height: 1, Time: e.history[1].time}}
	e.ev = core.Events{}
	e.k.BeginBlock(e.w, &e.ev, e.block, []core.Vote{{ConsAddr: stranger, Power: 10}}, e.pending, e.age)
	_, ok := e.k.SigningInfo(e.w, stranger)
	require.False(t, ok)
	require.Empty(t, e.ev.List())
}

func TestEvidenceOfAnUnknownKindIsIgnored(t *testing.T) {
	e := bondedEnv(t, testParams(10), "a")
	e.pending = []core.Misbehavior{{Kind: 0, ConsAddr: consAddr("a"), Power: 10, Height: 1, Time: e.history[1].time}}
	e.nextBlock(time.Second, nil)
	require.False(t, e.validator("a").Jailed)
	require.Equal(t, math.NewInt(10_000_000), e.validator("a").Tokens)
}

func TestEvidenceAgainstAnUnbondedValidatorIsIgnored(t *testing.T) {
	e := newEnv(t)
	require.NoError(t, e.createValidator("a", 10))
	// Created in this block, never bonded.
	e.pending = []core.Misbehavior{{Kind: core.DuplicateVote, ConsAddr: consAddr("a"), Power: 10, Height: 1, Time: e.block.Time}}
	e.k.BeginBlock(e.w, &e.ev, e.block, nil, e.pending, e.age)
	require.False(t, e.validator("a").Jailed)
	_, ok := e.k.SigningInfo(e.w, consAddr("a"))
	require.False(t, ok)
}

func TestUnjailRejectsWhatCannotBeUnjailed(t *testing.T) {
	e := bondedEnv(t, testParams(10), "a", "b")
	require.ErrorIs(t, e.k.Unjail(e.w, &e.ev, e.block, addr("nobody")), ErrNoValidatorForAddress)
	require.ErrorIs(t, e.k.Unjail(e.w, &e.ev, e.block, addr("a")), ErrValidatorNotJailed)

	// b's operator unbonds all but half a STAKE of its self-delegation
	// after raising its minimum: staking jails it.
	msd := math.NewInt(5_000_000)
	require.NoError(t, e.sk.EditValidator(e.w, &e.ev, e.block, staking.EditValidator{Operator: addr("b"), Description: keepDescription, MinSelfDelegation: &msd}))
	_, _, err := e.sk.Undelegate(e.w, &e.ev, e.block, addr("b"), addr("b"), stake(6))
	require.NoError(t, err)
	require.True(t, e.validator("b").Jailed)
	require.ErrorIs(t, e.k.Unjail(e.w, &e.ev, e.block, addr("b")), ErrSelfDelegationTooLowToUnjail)

	// All of it: no self-delegation is left.
	_, _, err = e.sk.Undelegate(e.w, &e.ev, e.block, addr("b"), addr("b"), stake(4))
	require.NoError(t, err)
	require.ErrorIs(t, e.k.Unjail(e.w, &e.ev, e.block, addr("b")), ErrMissingSelfDelegation)
}

var keepDescription = staking.Description{
	Moniker: staking.DoNotModify, Identity: staking.DoNotModify, Website: staking.DoNotModify,
	SecurityContact: staking.DoNotModify, Details: staking.DoNotModify,
}

func TestAValidatorJailedByStakingBeforeItEverSignedMayUnjailAtOnce(t *testing.T) {
	e := bondedEnv(t, testParams(10), "a")
	e.sk.Jail(e.w, &e.ev, consAddr("a"))
	_, ok := e.k.SigningInfo(e.w, consAddr("a"))
	require.False(t, ok)
	require.NoError(t, e.k.Unjail(e.w, &e.ev, e.block, addr("a")))
	require.False(t, e.validator("a").Jailed)
}

func TestSigningInfosAreListedInConsensusAddressOrder(t *testing.T) {
	names := []string{"a", "b", "c", "d", "e"}
	e := bondedEnv(t, testParams(10), names...)
	var votes []vote
	for _, n := range names {
		votes = append(votes, vote{n, true})
	}
	e.nextBlock(time.Second, votes)
	infos := e.k.SigningInfos(e.w)
	require.Len(t, infos, len(names))
	for i := 1; i < len(infos); i++ {
		require.Less(t, string(infos[i-1].Address), string(infos[i].Address))
	}
	for _, info := range infos {
		got, ok := e.k.SigningInfo(e.w, info.Address)
		require.True(t, ok)
		require.Equal(t, info, got)
		require.Equal(t, e.block.Height, info.StartHeight, "tracked from its first vote")
		require.Equal(t, time.Unix(0, 0).UTC(), info.JailedUntil)
	}
}

func TestSigningInfoEncodingKeepsEveryField(t *testing.T) {
	for _, s := range []SigningInfo{
		{Address: consAddr("a"), StartHeight: 7, IndexOffset: 1 << 40, JailedUntil: DoubleSignJailEndTime, Tombstoned: true, MissedBlocksCounter: 9999},
		{Address: consAddr("b"), JailedUntil: time.Date(2026, 3, 4, 5, 6, 7, 891, time.UTC)},
		newSigningInfo(consAddr("c"), 12),
	} {
		bz := encodeSigningInfo(s)
		require.Equal(t, s, decodeSigningInfo(s.Address, bz))
		var m types.ValidatorSigningInfo
		require.NoError(t, m.Unmarshal(bz), "stored as the Cosmos message")
		require.Equal(t, consString(s.Address), m.Address)
	}
	require.Panics(t, func() { decodeSigningInfo(consAddr("a"), []byte{1, 2, 3}) })
}

func TestQueriesAnswerInTheCosmosWireForm(t *testing.T) {
	p := testParams(10)
	e := bondedEnv(t, p, "a", "b", "c")
	for i := 0; i < 12; i++ {
		e.nextBlock(time.Second, []vote{{"a", true}, {"b", i >= 3}, {"c", true}})
	}
	e.pending = []core.Misbehavior{{Kind: core.DuplicateVote, ConsAddr: consAddr("c"), Power: 10, Height: 5, Time: e.history[5].time}}
	e.nextBlock(time.Second, nil)

	pr, err := e.k.QueryParams(e.w, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, int64(10), pr.Params.SignedBlocksWindow)
	require.Equal(t, []byte("500000000000000000"), pr.Params.MinSignedPerWindow)
	require.Equal(t, []byte("50000000000000000"), pr.Params.SlashFractionDoubleSign)
	require.Equal(t, []byte("10000000000000000"), pr.Params.SlashFractionDowntime)
	require.Equal(t, int64(600), pr.Params.DowntimeJailDuration.Seconds)
	_, err = pr.Marshal()
	require.NoError(t, err)

	valcons := consString(consAddr("b"))
	require.Contains(t, valcons, "stakevalcons1")
	sr, err := e.k.QuerySigningInfo(e.w, &types.QuerySigningInfoRequest{ConsAddress: valcons})
	require.NoError(t, err)
	require.Equal(t, valcons, sr.ValSigningInfo.Address)
	require.Equal(t, int64(1), sr.ValSigningInfo.MissedBlocksCounter, "3 misses, 2 of them slid out of the window")
	require.Equal(t, int64(12), sr.ValSigningInfo.IndexOffset)
	require.Equal(t, int64(3), sr.ValSigningInfo.StartHeight)
	require.Equal(t, int64(0), sr.ValSigningInfo.JailedUntil.Seconds)
	require.False(t, sr.ValSigningInfo.Tombstoned)

	sr, err = e.k.QuerySigningInfo(e.w, &types.QuerySigningInfoRequest{ConsAddress: consString(consAddr("c"))})
	require.NoError(t, err)
	require.True(t, sr.ValSigningInfo.Tombstoned)
	require.Equal(t, int64(253402300799), sr.ValSigningInfo.JailedUntil.Seconds)

	_, err = e.k.QuerySigningInfo(e.w, &types.QuerySigningInfoRequest{ConsAddress: consString(consAddr("nobody"))})
	require.ErrorIs(t, err, ErrNoSigningInfoFound)
	_, err = e.k.QuerySigningInfo(e.w, &types.QuerySigningInfoRequest{ConsAddress: addr("a").String()})
	require.ErrorIs(t, err, core.ErrInvalidAddress, "an account address is not a consensus address")

	all, err := e.k.QuerySigningInfos(e.w, &types.QuerySigningInfosRequest{})
	require.NoError(t, err)
	require.Len(t, all.Info, 3)
	require.Nil(t, all.Pagination.NextKey)
	for i, info := range e.k.SigningInfos(e.w) {
		require.Equal(t, consString(info.Address), all.Info[i].Address)
	}

	// One at a time by key, then by offset, with the total.
	var paged []string
	var key []byte
	for {
		page, err := e.k.QuerySigningInfos(e.w, &types.QuerySigningInfosRequest{Pagination: &authtypes.PageRequest{Key: key, Limit: 1}})
		require.NoError(t, err)
		require.Len(t, page.Info, 1)
		paged = append(paged, page.Info[0].Address)
		if key = page.Pagination.NextKey; key == nil {
			break
		}
	}
	require.Equal(t, []string{all.Info[0].Address, all.Info[1].Address, all.Info[2].Address}, paged)
	page, err := e.k.QuerySigningInfos(e.w, &types.QuerySigningInfosRequest{Pagination: &authtypes.PageRequest{Offset: 1, Limit: 1, CountTotal: true}})
	require.NoError(t, err)
	require.Equal(t, all.Info[1].Address, page.Info[0].Address)
	require.Equal(t, uint64(3), page.Pagination.Total)
	_, err = e.k.QuerySigningInfos(e.w, &types.QuerySigningInfosRequest{Pagination: &authtypes.PageRequest{Reverse: true}})
	require.ErrorIs(t, err, core.ErrInvalidRequest)
}

func TestParseMsgUnjailReadsAValoperAddress(t *testing.T) {
	op, err := ParseMsgUnjail(&types.MsgUnjail{ValidatorAddr: addr("a").Valoper()})
	require.NoError(t, err)
	require.Equal(t, addr("a"), op)
	require.Equal(t, addr("a").String(), op.String(), "the signer is the account with the same bytes")

	for _, bad := range []string{"", addr("a").String(), "stakevaloper1xyz", consString(consAddr("a"))} {
		_, err := ParseMsgUnjail(&types.MsgUnjail{ValidatorAddr: bad})
		require.ErrorIs(t, err, core.ErrInvalidAddress, bad)
	}
}

func TestGenesisExportThenImportGivesTheSameState(t *testing.T) {
	e := bondedEnv(t, testParams(10), "a", "b", "c")
	for i := 0; i < 13; i++ {
		e.nextBlock(time.Second, []vote{{"a", true}, {"b", i%4 != 0}, {"c", i < 5}})
	}
	e.pending = []core.Misbehavior{{Kind: core.DuplicateVote, ConsAddr: consAddr("a"), Power: 10, Height: 4, Time: e.history[4].time}}
	e.nextBlock(time.Second, []vote{{"b", true}})
	g := e.k.ExportGenesis(e.w)
	require.NoError(t, g.Validate())
	require.Len(t, g.SigningInfos, 3)

	bz, err := json.Marshal(g)
	require.NoError(t, err)
	var back GenesisState
	require.NoError(t, json.Unmarshal(bz, &back))

	fresh := store.NewCache(store.Empty{})
	require.NoError(t, e.k.InitGenesis(fresh, back))
	require.Equal(t, e.k.SigningInfos(e.w), e.k.SigningInfos(fresh))
	for _, n := range []string{"a", "b", "c"} {
		require.Equal(t, e.k.missedIndexes(e.w, consAddr(n)), e.k.missedIndexes(fresh, consAddr(n)), n)
	}
	require.Equal(t, e.k.Params(e.w), e.k.Params(fresh))
	require.Equal(t, g, e.k.ExportGenesis(fresh))
}

func TestGenesisValidateRejectsInconsistentState(t *testing.T) {
	good := func() GenesisState {
		g := DefaultGenesis()
		g.Params.SignedBlocksWindow = 10
		a := consString(consAddr("a"))
		g.SigningInfos = []GenesisSigningInfo{{Address: a, ValidatorSigningInfo: SigningInfoRecord{Address: a, StartHeight: 1, IndexOffset: 4, MissedBlocksCounter: 2}}}
		g.MissedBlocks = []GenesisMissedBlock{{Address: a, MissedBlocks: []MissedRecord{{Index: 1, Missed: true}, {Index: 2, Missed: false}, {Index: 3, Missed: true}}}}
		return g
	}
	require.NoError(t, good().Validate())
	require.NoError(t, DefaultGenesis().Validate())
	for name, mutate := range map[string]func(*GenesisState){
		"bad params":             func(g *GenesisState) { g.Params.SignedBlocksWindow = 0 },
		"an account address":     func(g *GenesisState) { g.SigningInfos[0].Address = addr("a").String() },
		"a validator twice":      func(g *GenesisState) { g.SigningInfos = append(g.SigningInfos, g.SigningInfos[0]) },
		"a mismatched record":    func(g *GenesisState) { g.SigningInfos[0].ValidatorSigningInfo.Address = consString(consAddr("b")) },
		"a counter off":          func(g *GenesisState) { g.SigningInfos[0].ValidatorSigningInfo.MissedBlocksCounter = 3 },
		"an index out of window": func(g *GenesisState) { g.MissedBlocks[0].MissedBlocks[0].Index = 10 },
		"an index twice":         func(g *GenesisState) { g.MissedBlocks[0].MissedBlocks[1].Index = 1 },
		"a bitmap with no info":  func(g *GenesisState) { g.MissedBlocks[0].Address = consString(consAddr("b")) },
		"a negative offset":      func(g *GenesisState) { g.SigningInfos[0].ValidatorSigningInfo.IndexOffset = -1 },
	} {
		t.Run(name, func(t *testing.T) {
			g := good()
			mutate(&g)
			require.Error(t, g.Validate())
			require.Error(t, NewKeeper(staking.Keeper{}, nil).InitGenesis(store.NewCache(store.Empty{}), g))
		})
	}
}

func TestSlashingErrorCodesAreUniqueAndNotZero(t *testing.T) {
	seen := map[uint32]string{}
	for _, e := range core.RegisteredErrors() {
		if e.Codespace() != ModuleName {
			continue
		}
		prev, dup := seen[e.Code()]
		require.False(t, dup, "code %d is used by %q and %q", e.Code(), prev, e.Error())
		seen[e.Code()] = e.Error()
	}
	require.Len(t, seen, 6, fmt.Sprint(seen))
}
