package ethrpc

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
)

// FilterCriteria is the argument of eth_getLogs, eth_newFilter and
// eth_subscribe("logs"): a block range or one block hash, and the
// addresses and topics a log must match. Topics[i] empty matches anything
// at position i; otherwise the log's i-th topic must be one of Topics[i].
type FilterCriteria struct {
	BlockHash *common.Hash
	FromBlock *rpc.BlockNumber
	ToBlock   *rpc.BlockNumber
	Addresses []common.Address
	Topics    [][]common.Hash
}

// maxTopics is the most topic positions a log can have (LOG4).
const maxTopics = 4

// UnmarshalJSON reads the criteria as Ethereum clients write them: address
// as one address or a list, each topic as null, one hash or a list.
func (c *FilterCriteria) UnmarshalJSON(data []byte) error {
	var raw struct {
		BlockHash *common.Hash      `json:"blockHash"`
		FromBlock *rpc.BlockNumber  `json:"fromBlock"`
		ToBlock   *rpc.BlockNumber  `json:"toBlock"`
		Address   json.RawMessage   `json:"address"`
		Topics    []json.RawMessage `json:"topics"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	if raw.BlockHash != nil && (raw.FromBlock != nil || raw.ToBlock != nil) {
		return fmt.Errorf("blockHash cannot be given with fromBlock or toBlock")
	}
	*c = FilterCriteria{BlockHash: raw.BlockHash, FromBlock: raw.FromBlock, ToBlock: raw.ToBlock}
	if len(raw.Address) > 0 && string(raw.Address) != "null" {
		var one common.Address
		if err := json.Unmarshal(raw.Address, &one); err == nil {
			c.Addresses = []common.Address{one}
		} else if err := json.Unmarshal(raw.Address, &c.Addresses); err != nil {
			return fmt.Errorf("address must be an address or a list of addresses: %v", err)
		}
	}
	if len(raw.Topics) > maxTopics {
		return fmt.Errorf("at most %d topic positions, got %d", maxTopics, len(raw.Topics))
	}
	c.Topics = make([][]common.Hash, len(raw.Topics))
	for i, t := range raw.Topics {
		if len(t) == 0 || string(t) == "null" {
			continue
		}
		var one common.Hash
		if err := json.Unmarshal(t, &one); err == nil {
			c.Topics[i] = []common.Hash{one}
			continue
		}
		var many []*common.Hash
		if err := json.Unmarshal(t, &many); err != nil {
			return fmt.Errorf("topic %d must be null, a hash or a list of hashes: %v", i, err)
		}
		for _, h := range many {
			if h == nil { // a null inside a list matches anything
				c.Topics[i] = nil
				break
			}
			c.Topics[i] = append(c.Topics[i], *h)
		}
	}
	return nil
}

// matches reports whether l passes the criteria's address and topics.
func (c *FilterCriteria) matches(l *types.Log) bool {
	if len(c.Addresses) > 0 && !containsAddr(c.Addresses, l.Address) {
		return false
	}
	if len(c.Topics) > len(l.Topics) {
		return false
	}
	for i, want := range c.Topics {
		if len(want) > 0 && !containsHash(want, l.Topics[i]) {
			return false
		}
	}
	return true
}

func containsAddr(list []common.Address, a common.Address) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}

func containsHash(list []common.Hash, h common.Hash) bool {
	for _, x := range list {
		if x == h {
			return true
		}
	}
	return false
}

// blockLogs appends the logs of x that pass c.
func (c *FilterCriteria) blockLogs(out []*types.Log, x *indexed) []*types.Log {
	for _, logs := range x.logs {
		for _, l := range logs {
			if c.matches(l) {
				out = append(out, l)
			}
		}
	}
	return out
}

// filterKind is what a polled filter collects.
type filterKind int

const (
	blockFilter filterKind = iota
	logFilter
)

type filter struct {
	kind     filterKind
	crit     FilterCriteria
	hashes   []common.Hash
	logs     []*types.Log
	lastPoll time.Time
	cancel   func()
}

// filters are the polled filters of eth_newFilter and eth_newBlockFilter.
// Each collects, from the head feed, what arrived since its last poll, up
// to the logs cap (older entries are dropped first), and is removed when
// not polled for the filter timeout.
type filters struct {
	cfg   Config
	heads *headFeed

	mu   sync.Mutex
	byID map[rpc.ID]*filter
}

func newFilters(cfg Config, heads *headFeed) *filters {
	return &filters{cfg: cfg, heads: heads, byID: map[rpc.ID]*filter{}}
}

func (fs *filters) install(kind filterKind, crit FilterCriteria) (rpc.ID, error) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if len(fs.byID) >= fs.cfg.FilterCap {
		return "", limitExceeded("this node keeps at most %d filters; uninstall one or wait for one to expire", fs.cfg.FilterCap)
	}
	id := rpc.NewID()
	f := &filter{kind: kind, crit: crit, lastPoll: time.Now()}
	fs.byID[id] = f
	f.cancel = fs.heads.listen(func(x *indexed) {
		fs.mu.Lock()
		defer fs.mu.Unlock()
		switch f.kind {
		case blockFilter:
			f.hashes = append(f.hashes, x.Hash)
			if len(f.hashes) > fs.cfg.LogsCap {
				f.hashes = f.hashes[len(f.hashes)-fs.cfg.LogsCap:]
			}
		case logFilter:
			f.logs = f.crit.blockLogs(f.logs, x)
			if len(f.logs) > fs.cfg.LogsCap {
				f.logs = f.logs[len(f.logs)-fs.cfg.LogsCap:]
			}
		}
	})
	return id, nil
}

// changes returns and forgets what filter id collected since its last
// poll: block hashes or logs.
func (fs *filters) changes(id rpc.ID) (any, error) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	f, ok := fs.byID[id]
	if !ok {
		return nil, serverError("filter not found")
	}
	f.lastPoll = time.Now()
	if f.kind == blockFilter {
		out := f.hashes
		f.hashes = nil
		if out == nil {
			out = []common.Hash{}
		}
		return out, nil
	}
	out := f.logs
	f.logs = nil
	if out == nil {
		out = []*types.Log{}
	}
	return out, nil
}

// criteria returns a log filter's criteria.
func (fs *filters) criteria(id rpc.ID) (FilterCriteria, error) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	f, ok := fs.byID[id]
	if !ok || f.kind != logFilter {
		return FilterCriteria{}, serverError("filter not found")
	}
	f.lastPoll = time.Now()
	return f.crit, nil
}

func (fs *filters) uninstall(id rpc.ID) bool {
	fs.mu.Lock()
	f, ok := fs.byID[id]
	delete(fs.byID, id)
	fs.mu.Unlock()
	if ok {
		f.cancel()
	}
	return ok
}

// expire removes the filters not polled within the timeout, until ctx ends.
func (fs *filters) expire(ctx context.Context) {
	t := time.NewTicker(fs.cfg.FilterTimeout / 4)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			var stale []rpc.ID
			fs.mu.Lock()
			for id, f := range fs.byID {
				if now.Sub(f.lastPoll) > fs.cfg.FilterTimeout {
					stale = append(stale, id)
				}
			}
			fs.mu.Unlock()
			for _, id := range stale {
				fs.uninstall(id)
			}
		}
	}
}
