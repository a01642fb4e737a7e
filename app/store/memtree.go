package store

import (
	"bytes"
	"errors"
	"fmt"
	"sync"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/cometbft/cometbft/libs/log"
	"github.com/cosmos/iavl"
	ics23 "github.com/cosmos/ics23/go"
)

// DefaultSnapshotLogBytes is how many bytes of logged changes the memory
// backend lets pile up before it writes a snapshot, when
// Options.SnapshotLogBytes is 0. Open replays at most about this much (twice
// this if it comes while a snapshot is being written), some seconds of work.
const DefaultSnapshotLogBytes = 64 << 20

// memTree is the memory backend. The tree is held in memory as persistent
// nodes (memnode.go): each kept version is a root, sharing unchanged nodes
// with the others, and a view reads its root without locks. Reads of recent
// keys are answered by the cache of latest values (values.go) the backends
// share.
//
// On disk (memdisk.go) are snapshots of whole versions and a log of each
// later version's changes. Commit writes the version's log entry in one
// batch; Open loads the newest snapshot and replays the log after it,
// checking each version's hash. When enough has been logged since the last
// snapshot, a goroutine writes the latest version as a new one, and then
// drops what is older than the snapshot before it.
type memTree struct {
	db     dbm.DB
	logger log.Logger
	keep   int64 // versions kept in memory, at least minKeep; 0 keeps all

	mu       sync.Mutex // serializes the writer
	closed   bool       // guarded by mu
	working  *node      // root of the working version; guarded by mu
	changes  []Change   // applied since the last Commit, in order; guarded by mu
	buf      []byte     // scratch for hashing; guarded by mu
	initial  *initialState
	initialV int64 // the version number of the first Commit

	viewMu   sync.RWMutex
	versions []*memView // kept versions, oldest first; guarded by viewMu

	values *valueCache // latest values of recent keys; nil when off

	disk *memDisk
}

// memView is a read-only Reader of one committed version of the memory
// backend. Its nodes never change, so it is safe for concurrent use.
type memView struct {
	root    *node // nil for an empty version
	version int64
	hash    []byte
	values  *valueCache // latest values of recent keys; nil when off
}

var _ Reader = (*memView)(nil)

// Get implements Reader. The value returned is the tree's own, which never
// changes: values are copied into the tree when a version is applied.
func (v *memView) Get(key []byte) []byte { return v.get(key) }

// Has implements Reader.
func (v *memView) Has(key []byte) bool { return v.get(key) != nil }

// get returns the value of key, shared with the tree or the cache. A walk
// from the root compares the key at every level, some twenty of them in a
// state of a million keys; the cache answers for recent keys in one lookup.
func (v *memView) get(key []byte) []byte {
	return v.values.read(key, v.version, func() []byte { return v.root.get(key) })
}

// Iterate implements Reader.
func (v *memView) Iterate(start, end []byte, fn func(key, value []byte) bool) {
	if start != nil && end != nil && bytes.Compare(start, end) >= 0 {
		return
	}
	v.root.iterate(start, end, fn)
}

// openMemory loads the last committed version of the memory backend's state
// in db.
func openMemory(db dbm.DB, opts Options) (*memTree, error) {
	logger := opts.Logger
	if logger == nil {
		logger = log.NewNopLogger()
	}
	disk := &memDisk{db: db, logger: logger, every: opts.SnapshotLogBytes}
	if disk.every <= 0 {
		disk.every = DefaultSnapshotLogBytes
	}
	keep := opts.KeepRecent
	if keep > 0 && keep < minKeep {
		keep = minKeep
	}
	versions, err := disk.load(keep)
	if err != nil {
		return nil, err
	}
	latest := versions[len(versions)-1]
	values := valueCacheFor(opts, latest.version)
	for _, v := range versions {
		v.values = values
	}
	t := &memTree{
		db:       db,
		logger:   logger,
		keep:     keep,
		working:  latest.root,
		initialV: max(int64(opts.InitialVersion), 1),
		versions: versions,
		disk:     disk,
		values:   values,
	}
	if latest.version == 0 {
		t.initial = &initialState{}
	}
	return t, nil
}

// Version implements Tree.
func (t *memTree) Version() int64 { return t.latest().version }

// Hash implements Tree.
func (t *memTree) Hash() []byte { return bytes.Clone(t.latest().hash) }

// Latest implements Tree.
func (t *memTree) Latest() Reader { return t.latest() }

func (t *memTree) latest() *memView {
	t.viewMu.RLock()
	defer t.viewMu.RUnlock()
	return t.versions[len(t.versions)-1]
}

// At implements Tree.
func (t *memTree) At(version int64) (Reader, error) {
	v, err := t.view(version)
	if err != nil {
		return nil, err
	}
	return v, nil
}

func (t *memTree) view(version int64) (*memView, error) {
	t.viewMu.RLock()
	defer t.viewMu.RUnlock()
	first, last := t.versions[0].version, t.versions[len(t.versions)-1].version
	if version == last {
		return t.versions[len(t.versions)-1], nil // also the empty version 0
	}
	if version <= 0 || version < first || version > last {
		return nil, fmt.Errorf("%w: %d (kept: %d to %d)", ErrVersionUnavailable, version, max(first, 1), last)
	}
	return t.versions[version-first], nil
}

// Apply implements Tree.
func (t *memTree) Apply(changes []Change) []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		panic("store: Apply on a closed tree")
	}
	changes = applicable(changes)
	if t.initial != nil {
		t.initial.apply(changes)
		return balancedHash(t.initial.kvs, t.initialV)
	}
	version := t.versions[len(t.versions)-1].version + 1
	for _, c := range changes {
		// The nodes keep the slices; a Commit logs them.
		c = Change{Key: bytes.Clone(c.Key), Value: bytes.Clone(c.Value)}
		t.working = applyChange(t.working, c, version)
		t.changes = append(t.changes, c)
	}
	if t.working != nil {
		t.buf = t.working.rehash(t.buf)
	}
	return rootHash(t.working)
}

// Commit implements Tree.
func (t *memTree) Commit() ([]byte, int64, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return nil, 0, errors.New("store: Commit on a closed tree")
	}
	if t.initial != nil && len(t.initial.kvs) > 0 {
		version := t.initialV
		root := buildBalanced(t.initial.kvs, version)
		if err := t.installSnapshot(root, version); err != nil {
			return nil, 0, err
		}
		t.initial = nil
		return t.Hash(), version, nil
	}
	version := t.versions[len(t.versions)-1].version + 1
	if t.initial != nil {
		version = t.initialV // an empty first version
	}
	t.initial = nil
	if t.working != nil {
		t.buf = t.working.rehash(t.buf)
	}
	v := &memView{root: t.working, version: version, hash: rootHash(t.working), values: t.values}
	if err := t.disk.logVersion(v, t.changes); err != nil {
		t.working = t.versions[len(t.versions)-1].root
		t.changes = nil
		return nil, 0, err
	}
	if t.values != nil {
		// Before any view of the new version exists (see valueCache).
		t.values.commit(version, t.changes)
	}
	clear(t.changes)
	t.changes = t.changes[:0]
	t.viewMu.Lock()
	if t.versions[0].version == 0 {
		t.versions = t.versions[:0] // the empty state before the first version
	}
	t.versions = append(t.versions, v)
	if n := int64(len(t.versions)) - t.keep; t.keep > 0 && n > 0 {
		clear(t.versions[:n])
		t.versions = t.versions[n:]
	}
	t.viewMu.Unlock()
	t.disk.maybeSnapshot(v)
	return bytes.Clone(v.hash), version, nil
}

// installSnapshot writes root, a whole new version, as a snapshot and makes
// it the only version: the first Commit and Import. t.mu is held.
func (t *memTree) installSnapshot(root *node, version int64) error {
	if root != nil {
		t.buf = root.rehash(t.buf)
	}
	v := &memView{root: root, version: version, hash: rootHash(root), values: t.values}
	if err := t.disk.writeSnapshot(v); err != nil {
		return err
	}
	t.working = root
	t.changes = t.changes[:0]
	if t.values != nil {
		t.values.reset(version)
	}
	t.viewMu.Lock()
	t.versions = []*memView{v}
	t.viewMu.Unlock()
	return nil
}

// Proof implements Tree.
func (t *memTree) Proof(key []byte, version int64) ([]byte, *ics23.CommitmentProof, error) {
	if len(key) == 0 {
		return nil, nil, errors.New("store: proof of an empty key")
	}
	v, err := t.view(version)
	if err != nil {
		return nil, nil, err
	}
	if v.root == nil {
		return nil, nil, fmt.Errorf("store: no proof against the empty tree of version %d", version)
	}
	proof, err := v.root.proof(key)
	if err != nil {
		return nil, nil, fmt.Errorf("store: proof of %X at version %d: %w", key, version, err)
	}
	return v.Get(key), proof, nil
}

// Export implements Tree.
func (t *memTree) Export(version int64, fn func(*iavl.ExportNode) error) error {
	v, err := t.view(version)
	if err != nil {
		return err
	}
	return v.root.export(fn)
}

// Import implements Tree.
func (t *memTree) Import(version int64, nodes []*iavl.ExportNode) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return errors.New("store: Import on a closed tree")
	}
	if version <= 0 {
		return fmt.Errorf("store: import at version %d", version)
	}
	if t.initial == nil || len(t.initial.kvs) > 0 {
		return fmt.Errorf("store: import into a tree that is not empty (version %d)", t.Version())
	}
	root, err := importNodes(nodes, version)
	if err != nil {
		return fmt.Errorf("store: import version %d: %w", version, err)
	}
	if err := t.installSnapshot(root, version); err != nil {
		return err
	}
	t.initial = nil
	return nil
}

// Close implements Tree. It waits for a snapshot being written.
func (t *memTree) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return nil
	}
	t.closed = true
	return t.disk.close()
}
