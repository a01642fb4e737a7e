package store

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"sort"
	"sync"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/cometbft/cometbft/libs/log"
	"github.com/cosmos/iavl"
)

// DefaultCacheSize is the number of tree nodes the writer's node cache holds
// when Options.CacheSize is 0. Every node a Commit writes goes into it, so it
// is full after a few minutes of load.
const DefaultCacheSize = 500_000

// DefaultReadCacheSize is the number of tree nodes the node cache of the views
// holds when Options.ReadCacheSize is 0. The cache of latest values serves
// most reads of the latest version; this one serves the rest (keys not
// written lately, iteration, proofs, older versions), and as an LRU of nodes
// of every version it slowly fills with nodes of versions since replaced.
const DefaultReadCacheSize = 100_000

// flushThreshold is the batch size, in bytes, at which IAVL would write a
// version in several pieces. It is set far above any block's writes so that a
// version reaches the database in one atomic batch: a version written in
// pieces and cut short by a crash cannot be loaded.
const flushThreshold = 1 << 30

// minKeep is the fewest versions pruning leaves: the last version and the one
// before it, which a light client checks a query proof of height H against
// (the app hash of H is in the header of H+1), and which views taken just
// before a Commit still read.
const minKeep = 2

// ErrVersionUnavailable is returned for a version that was pruned or has not
// been committed.
var ErrVersionUnavailable = errors.New("store: version unavailable")

// Options configure Open.
type Options struct {
	// Backend is how the state is kept: BackendMemory (the default for
	// "") or BackendIAVL. The options below name the backends they apply
	// to where it is only one.
	Backend Backend
	// CacheSize (IAVL) is the number of tree nodes kept in memory for the writer;
	// 0 means DefaultCacheSize.
	CacheSize int
	// ReadCacheSize (IAVL) is the number of tree nodes kept in memory for the
	// views, which all share it; 0 means DefaultReadCacheSize.
	ReadCacheSize int
	// ValueCacheSize is the number of keys in each of the two generations
	// of the cache of latest values; 0 means DefaultValueCacheSize, -1 turns
	// the cache off.
	ValueCacheSize int
	// KeepRecent is how many of the most recent versions Commit keeps; older
	// ones are pruned. 0 keeps every version (the memory backend keeps them
	// in memory). Values below 2 count as 2.
	KeepRecent int64
	// PruneInterval (IAVL) is how often, in versions, pruning runs (it then
	// removes every version older than the last KeepRecent at once); 0 or 1
	// prunes at every Commit.
	PruneInterval int64
	// InitialVersion is the version of the first Commit of an empty tree;
	// 0 means 1.
	InitialVersion uint64
	// SnapshotLogBytes (memory) is how many bytes of changes Commit logs
	// before the state is written whole again as a snapshot, which bounds
	// what Open replays; 0 means DefaultSnapshotLogBytes.
	SnapshotLogBytes int64
	// Logger receives what Open recovers from; nil discards it.
	Logger log.Logger
}

// iavlTree is the IAVL backend: the state is an IAVL+ tree in the database,
// every version's new nodes written by Commit, read back through IAVL's node
// cache.
//
// NOTE: views read through a second IAVL handle on the same database, with
// its own node cache, so that they share no node objects with the working
// tree: IAVL's writer modifies committed nodes it copies (it clears their
// child pointers), which races with readers of those nodes.
type iavlTree struct {
	mu     sync.Mutex        // serializes the writer
	work   *iavl.MutableTree // working tree; guarded by mu
	closed bool              // guarded by mu

	reads *iavl.MutableTree // read-only handle over the same database; safe for concurrent use
	keep  int64             // versions kept by pruning; 0 keeps all
	every int64             // prune when the version is a multiple of this

	viewMu sync.RWMutex
	latest *view // last committed version; guarded by viewMu
	first  int64 // oldest version At serves; guarded by viewMu

	values  *valueCache // latest values of recent keys; nil when off
	pending []Change    // applied since the last Commit, in order; guarded by mu

	// initial holds the first version while it is built, until the first
	// Commit imports it (initial.go); nil once anything is committed.
	// Guarded by mu.
	initial        *initialState
	initialVersion int64 // the version number of the first Commit
}

// openIAVL loads the last committed version of the IAVL tree stored in db.
//
// If the last version in db is incomplete (the process died while Commit was
// writing it), it deletes it and loads the version before, and logs that it
// did: the application then reports the previous height and CometBFT replays
// the block.
func openIAVL(db dbm.DB, opts Options) (*iavlTree, error) {
	if opts.CacheSize < 0 || opts.ReadCacheSize < 0 {
		return nil, fmt.Errorf("store: negative cache size (%d nodes for writing, %d for reading)", opts.CacheSize, opts.ReadCacheSize)
	}
	cacheSize := cmp.Or(opts.CacheSize, DefaultCacheSize)
	readCacheSize := cmp.Or(opts.ReadCacheSize, DefaultReadCacheSize)
	logger := opts.Logger
	if logger == nil {
		logger = log.NewNopLogger()
	}
	keep := opts.KeepRecent
	if keep > 0 && keep < minKeep {
		keep = minKeep
	}

	adapter := dbAdapter{db: db}
	newWork := func() *iavl.MutableTree {
		o := []iavl.Option{iavl.FlushThresholdOption(flushThreshold)}
		if opts.InitialVersion > 0 {
			o = append(o, iavl.InitialVersionOption(opts.InitialVersion))
		}
		// Fast storage (IAVL's flat index of the latest values) is off: views
		// of the latest version would read it while Commit rewrites it.
		return iavl.NewMutableTree(adapter, cacheSize, true, logger, o...)
	}
	work, err := loadWork(newWork, logger)
	if err != nil {
		return nil, err
	}

	t := &iavlTree{
		work:           work,
		reads:          iavl.NewMutableTree(adapter, readCacheSize, true, logger),
		keep:           keep,
		every:          max(opts.PruneInterval, 1),
		initialVersion: max(int64(opts.InitialVersion), 1),
	}
	version := work.Version()
	if version == 0 && work.IsEmpty() {
		t.initial = &initialState{}
	}
	t.values = valueCacheFor(opts, version)
	latest := &view{version: version, hash: work.Hash(), values: t.values}
	if version > 0 {
		if latest.tree, err = t.reads.GetImmutable(version); err != nil {
			err = fmt.Errorf("store: open version %d for reading: %w", version, err)
		} else {
			t.first, err = firstVersion(work, version)
		}
		if err != nil {
			return nil, errors.Join(err, t.Close())
		}
	}
	t.latest = latest
	return t, nil
}

// loadWork loads the latest version with a fresh tree from newTree. If that
// version cannot be loaded, it deletes it and loads the one before.
func loadWork(newTree func() *iavl.MutableTree, logger log.Logger) (*iavl.MutableTree, error) {
	work := newTree()
	_, loadErr := work.Load()
	if loadErr == nil {
		return work, nil
	}
	latest, err := work.GetLatestVersion()
	if err != nil {
		return nil, fmt.Errorf("store: load state tree: %w (reading its latest version: %v)", loadErr, err)
	}
	logger.Error("state tree: the last version is incomplete, deleting it so that its block is executed again",
		"version", latest, "err", loadErr)
	if err := work.DeleteVersionsFrom(latest); err != nil {
		return nil, fmt.Errorf("store: delete incomplete version %d: %w (it failed to load: %v)", latest, err, loadErr)
	}
	if err := work.Close(); err != nil {
		return nil, fmt.Errorf("store: close state tree: %w", err)
	}

	// A fresh handle, so that no version numbers cached while loading the
	// incomplete version survive.
	work = newTree()
	version, err := work.Load()
	if err != nil {
		return nil, fmt.Errorf("store: load state tree after deleting incomplete version %d: %w", latest, err)
	}
	logger.Info("state tree: rolled back", "version", version, "hash", fmt.Sprintf("%X", work.Hash()))
	return work, nil
}

// firstVersion returns the oldest version of work still stored, given that
// latest is stored. Stored versions are consecutive.
func firstVersion(work *iavl.MutableTree, latest int64) (int64, error) {
	if !work.VersionExists(latest) {
		return 0, fmt.Errorf("store: loaded version %d is not stored", latest)
	}
	lo, hi := int64(1), latest
	for lo < hi {
		mid := lo + (hi-lo)/2
		if work.VersionExists(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo, nil
}

// Version implements Tree.
func (t *iavlTree) Version() int64 {
	t.viewMu.RLock()
	defer t.viewMu.RUnlock()
	return t.latest.version
}

// Hash implements Tree.
func (t *iavlTree) Hash() []byte {
	t.viewMu.RLock()
	defer t.viewMu.RUnlock()
	return bytes.Clone(t.latest.hash)
}

// Latest implements Tree. A view reads its version's nodes from the
// database: reading it once the version is pruned panics.
func (t *iavlTree) Latest() Reader {
	t.viewMu.RLock()
	defer t.viewMu.RUnlock()
	return t.latest
}

// At implements Tree.
func (t *iavlTree) At(version int64) (Reader, error) {
	v, err := t.view(version)
	if err != nil {
		return nil, err
	}
	return v, nil
}

// view returns the view of a committed version.
func (t *iavlTree) view(version int64) (*view, error) {
	t.viewMu.RLock()
	latest, first := t.latest, t.first
	t.viewMu.RUnlock()
	if version == latest.version {
		return latest, nil
	}
	if version < first || version > latest.version || version <= 0 {
		return nil, fmt.Errorf("%w: %d (stored: %d to %d)", ErrVersionUnavailable, version, first, latest.version)
	}
	it, err := t.reads.GetImmutable(version)
	if err != nil {
		return nil, fmt.Errorf("%w: %d: %v", ErrVersionUnavailable, version, err)
	}
	return &view{tree: it, version: version, hash: it.Hash(), values: t.values}, nil
}

// Apply implements Tree. It panics if the tree cannot be read from the
// database.
func (t *iavlTree) Apply(changes []Change) []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		panic("store: Apply on a closed tree")
	}
	changes = applicable(changes)
	if t.initial != nil {
		t.initial.apply(changes)
		return balancedHash(t.initial.kvs, t.initialVersion)
	}
	for _, c := range changes {
		// IAVL keeps the slices it is given.
		key := bytes.Clone(c.Key)
		if c.Value == nil {
			if _, _, err := t.work.Remove(key); err != nil {
				panic(fmt.Sprintf("store: delete %X: %v", c.Key, err))
			}
			if t.values != nil {
				t.pending = append(t.pending, Change{Key: key})
			}
			continue
		}
		value := bytes.Clone(c.Value)
		if _, err := t.work.Set(key, value); err != nil {
			panic(fmt.Sprintf("store: set %X: %v", c.Key, err))
		}
		if t.values != nil {
			t.pending = append(t.pending, Change{Key: key, Value: value})
		}
	}
	return bytes.Clone(t.work.WorkingHash())
}

// applicable returns changes in key order (inKeyOrder) for Apply, and panics
// on an empty key.
func applicable(changes []Change) []Change {
	changes = inKeyOrder(changes)
	for _, c := range changes {
		if len(c.Key) == 0 {
			panic("store: Apply of an empty key")
		}
	}
	return changes
}

// inKeyOrder returns changes in strictly ascending key order: changes itself
// if it already is, else a sorted copy in which the last change to each key
// stands for all of them.
func inKeyOrder(changes []Change) []Change {
	sorted := true
	for i := 1; i < len(changes); i++ {
		if bytes.Compare(changes[i-1].Key, changes[i].Key) >= 0 {
			sorted = false
			break
		}
	}
	if sorted {
		return changes
	}
	cp := append([]Change(nil), changes...)
	sort.SliceStable(cp, func(i, j int) bool { return bytes.Compare(cp[i].Key, cp[j].Key) < 0 })
	out := cp[:0]
	for i, c := range cp {
		if i+1 < len(cp) && bytes.Equal(c.Key, cp[i+1].Key) {
			continue // a later change to the same key wins
		}
		out = append(out, c)
	}
	return out
}

// Commit implements Tree. The version is one database batch; pruning runs
// every PruneInterval versions.
func (t *iavlTree) Commit() ([]byte, int64, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return nil, 0, errors.New("store: Commit on a closed tree")
	}
	if t.initial != nil && len(t.initial.kvs) > 0 {
		version := t.initialVersion
		err := t.importLocked(version, func(add func(*iavl.ExportNode) error) error {
			return walkBalanced(t.initial.kvs, version, add)
		})
		if err != nil {
			return nil, 0, err
		}
		t.initial = nil
		return t.Hash(), version, nil
	}
	t.initial = nil
	hash, version, err := t.work.SaveVersion()
	if err != nil {
		return nil, 0, fmt.Errorf("store: save version: %w", err)
	}
	hash = bytes.Clone(hash)
	it, err := t.reads.GetImmutable(version)
	if err != nil {
		return hash, version, fmt.Errorf("store: open saved version %d for reading: %w", version, err)
	}

	if t.values != nil {
		t.values.commit(version, t.pending)
		t.pending = nil
	}
	pruneTo := int64(0)
	t.viewMu.Lock()
	t.latest = &view{tree: it, version: version, hash: hash, values: t.values}
	if t.first == 0 {
		t.first = version
	}
	if t.keep > 0 && version-t.keep >= t.first && version%t.every == 0 {
		pruneTo = version - t.keep
		t.first = pruneTo + 1 // At stops serving them before they go
	}
	t.viewMu.Unlock()

	if pruneTo > 0 {
		if err := t.work.DeleteVersionsTo(pruneTo); err != nil {
			return hash, version, fmt.Errorf("store: prune versions up to %d: %w", pruneTo, err)
		}
	}
	return hash, version, nil
}

// Close implements Tree.
func (t *iavlTree) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return nil
	}
	t.closed = true
	return errors.Join(t.work.Close(), t.reads.Close())
}
