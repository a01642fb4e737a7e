package slashing

import (
	"bytes"
	"fmt"
	"sort"
	"time"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// GenesisState is the slashing section of the genesis app_state, in the
// Cosmos shape: the parameters, and for an exported chain every
// validator's signing info and the indexes of its missed blocks.
type GenesisState struct {
	Params       Params               `json:"params"`
	SigningInfos []GenesisSigningInfo `json:"signing_infos"`
	MissedBlocks []GenesisMissedBlock `json:"missed_blocks"`
}

// GenesisSigningInfo is one validator's signing info.
type GenesisSigningInfo struct {
	Address              string            `json:"address"`
	ValidatorSigningInfo SigningInfoRecord `json:"validator_signing_info"`
}

// SigningInfoRecord is a signing info in the Cosmos JSON form.
type SigningInfoRecord struct {
	Address             string    `json:"address"`
	StartHeight         int64     `json:"start_height,string"`
	IndexOffset         int64     `json:"index_offset,string"`
	JailedUntil         time.Time `json:"jailed_until"`
	Tombstoned          bool      `json:"tombstoned"`
	MissedBlocksCounter int64     `json:"missed_blocks_counter,string"`
}

// GenesisMissedBlock lists the window indexes one validator missed.
type GenesisMissedBlock struct {
	Address      string         `json:"address"`
	MissedBlocks []MissedRecord `json:"missed_blocks"`
}

// MissedRecord is one bit of a validator's window.
type MissedRecord struct {
	Index  int64 `json:"index,string"`
	Missed bool  `json:"missed"`
}

// DefaultGenesis is the slashing section of a new chain.
func DefaultGenesis() GenesisState {
	return GenesisState{Params: DefaultParams(), SigningInfos: []GenesisSigningInfo{}, MissedBlocks: []GenesisMissedBlock{}}
}

// Validate checks the parameters, the addresses, that no validator is
// listed twice, that every bitmap index is inside the window and belongs
// to a listed validator, and that each missed counter equals its bitmap.
func (g GenesisState) Validate() error {
	_, err := g.decode()
	return err
}

// decode checks g and returns its signing infos with their missed indexes.
func (g GenesisState) decode() ([]genesisValidator, error) {
	if err := g.Params.Validate(); err != nil {
		return nil, fmt.Errorf("slashing params: %w", err)
	}
	byAddr := make(map[string]int, len(g.SigningInfos))
	out := make([]genesisValidator, 0, len(g.SigningInfos))
	for i, s := range g.SigningInfos {
		cons, err := authtypes.ParseConsAddress(s.Address)
		if err != nil {
			return nil, fmt.Errorf("slashing signing info %d: %w", i, err)
		}
		if s.ValidatorSigningInfo.Address != "" && s.ValidatorSigningInfo.Address != s.Address {
			return nil, fmt.Errorf("slashing signing info %s holds the record of %s", s.Address, s.ValidatorSigningInfo.Address)
		}
		if _, dup := byAddr[string(cons)]; dup {
			return nil, fmt.Errorf("slashing signing info %s is listed twice", s.Address)
		}
		rec := s.ValidatorSigningInfo
		if rec.StartHeight < 0 || rec.IndexOffset < 0 || rec.MissedBlocksCounter < 0 {
			return nil, fmt.Errorf("slashing signing info %s: negative height, offset or counter", s.Address)
		}
		byAddr[string(cons)] = len(out)
		out = append(out, genesisValidator{info: SigningInfo{
			Address: cons, StartHeight: rec.StartHeight, IndexOffset: rec.IndexOffset,
			JailedUntil: rec.JailedUntil.UTC(), Tombstoned: rec.Tombstoned, MissedBlocksCounter: rec.MissedBlocksCounter,
		}})
	}
	seen := make(map[string]bool, len(g.MissedBlocks))
	for _, mb := range g.MissedBlocks {
		cons, err := authtypes.ParseConsAddress(mb.Address)
		if err != nil {
			return nil, fmt.Errorf("slashing missed blocks: %w", err)
		}
		i, ok := byAddr[string(cons)]
		if !ok {
			return nil, fmt.Errorf("slashing missed blocks of %s, which has no signing info", mb.Address)
		}
		if seen[string(cons)] {
			return nil, fmt.Errorf("slashing missed blocks of %s are listed twice", mb.Address)
		}
		seen[string(cons)] = true
		indexes := make(map[int64]bool, len(mb.MissedBlocks))
		for _, m := range mb.MissedBlocks {
			if m.Index < 0 || m.Index >= g.Params.SignedBlocksWindow {
				return nil, fmt.Errorf("slashing missed block index %d of %s is outside the window of %d", m.Index, mb.Address, g.Params.SignedBlocksWindow)
			}
			if _, dup := indexes[m.Index]; dup {
				return nil, fmt.Errorf("slashing missed block index %d of %s is listed twice", m.Index, mb.Address)
			}
			indexes[m.Index] = m.Missed
			if m.Missed {
				out[i].missed = append(out[i].missed, m.Index)
			}
		}
		sort.Slice(out[i].missed, func(a, b int) bool { return out[i].missed[a] < out[i].missed[b] })
	}
	for _, v := range out {
		if int64(len(v.missed)) != v.info.MissedBlocksCounter {
			return nil, fmt.Errorf("slashing signing info %s counts %d missed blocks, its bitmap has %d",
				consString(v.info.Address), v.info.MissedBlocksCounter, len(v.missed))
		}
	}
	sort.Slice(out, func(a, b int) bool { return bytes.Compare(out[a].info.Address, out[b].info.Address) < 0 })
	return out, nil
}

type genesisValidator struct {
	info   SigningInfo
	missed []int64
}

// InitGenesis writes the parameters, signing infos and bitmaps.
func (k Keeper) InitGenesis(w store.Writer, g GenesisState) error {
	vals, err := g.decode()
	if err != nil {
		return err
	}
	if err := k.SetParams(w, g.Params); err != nil {
		return err
	}
	for _, v := range vals {
		k.setSigningInfo(w, v.info)
		for _, i := range v.missed {
			k.setMissedBlock(w, v.info.Address, i, true)
		}
	}
	return nil
}

// ExportGenesis returns the slashing state as a genesis section. Only
// missed blocks are listed in the bitmaps; absent indexes were signed.
func (k Keeper) ExportGenesis(r store.Reader) GenesisState {
	g := DefaultGenesis()
	g.Params = k.Params(r)
	for _, info := range k.SigningInfos(r) {
		addr := consString(info.Address)
		g.SigningInfos = append(g.SigningInfos, GenesisSigningInfo{Address: addr, ValidatorSigningInfo: SigningInfoRecord{
			Address: addr, StartHeight: info.StartHeight, IndexOffset: info.IndexOffset,
			JailedUntil: info.JailedUntil, Tombstoned: info.Tombstoned, MissedBlocksCounter: info.MissedBlocksCounter,
		}})
		missed := k.missedIndexes(r, info.Address)
		if len(missed) == 0 {
			continue
		}
		mb := GenesisMissedBlock{Address: addr, MissedBlocks: make([]MissedRecord, len(missed))}
		for i, idx := range missed {
			mb.MissedBlocks[i] = MissedRecord{Index: idx, Missed: true}
		}
		g.MissedBlocks = append(g.MissedBlocks, mb)
	}
	return g
}
