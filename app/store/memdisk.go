package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/cometbft/cometbft/libs/log"
)

// What the memory backend keeps in the database, under keys that begin with
// "t/" (IAVL's begin with other letters, so a database shows which backend
// wrote it):
//
//	t/snap/<version>          a complete snapshot of version: its root hash
//	t/node/<version>/<chunk>  the snapshot's nodes in post-order, in chunks
//	t/log/<version>           the root hash of version and the changes that
//	                          made it from the version before, in order
//
// Versions and chunk numbers are 8-byte big-endian, so keys sort by them. A
// snapshot exists once its t/snap key is written, after all its chunks; a
// version's log entry is one batch. Two snapshots are kept, the newest and
// the one before, with the log after the older one, so that the latest
// version can always be taken back (DeleteLatestVersion).
var (
	snapPrefix = []byte("t/snap/")
	nodePrefix = []byte("t/node/")
	logPrefix  = []byte("t/log/")
)

// snapshotEveryVersions bounds the versions logged between snapshots, so
// that a chain of small blocks does not pile up a log of millions of
// entries.
const snapshotEveryVersions = 10_000

// chunkBytes is the size at which a snapshot's nodes go to a new chunk.
const chunkBytes = 1 << 20

func versionKey(prefix []byte, version int64) []byte {
	return binary.BigEndian.AppendUint64(bytes.Clone(prefix), uint64(version))
}

// hasMemoryState reports whether db holds state of the memory backend.
func hasMemoryState(db dbm.DB) (bool, error) { return hasPrefix(db, []byte("t/")) }

// memDisk is the memory backend's state on disk.
type memDisk struct {
	db     dbm.DB
	logger log.Logger
	every  int64 // log bytes between snapshots

	mu        sync.Mutex
	snapshots []int64 // complete snapshots, ascending; guarded by mu
	logged    int64   // log bytes since the newest snapshot began; guarded by mu
	versions  int64   // versions logged since then; guarded by mu
	running   bool    // a snapshot is being written; guarded by mu
	wg        sync.WaitGroup
	closing   atomic.Bool
}

// load reads the newest snapshot and replays the log after it, and returns
// the versions it went through, oldest first, at most keep of them (0: all)
// and at least one. It deletes what an interrupted snapshot left.
func (d *memDisk) load(keep int64) ([]*memView, error) {
	snaps, err := d.snapshotVersions()
	if err != nil {
		return nil, err
	}
	d.snapshots = snaps
	if err := d.dropChunksExcept(snaps); err != nil {
		return nil, err
	}
	latest := &memView{hash: rootHash(nil)}
	if len(snaps) > 0 {
		if latest, err = d.readSnapshot(snaps[len(snaps)-1]); err != nil {
			return nil, err
		}
	}
	versions := []*memView{latest}
	var buf []byte
	err = d.replay(latest.version, func(version int64, hash []byte, changes []Change) error {
		if latest.version != 0 && version != latest.version+1 {
			return fmt.Errorf("store: the log skips from version %d to %d", latest.version, version)
		}
		root := latest.root
		for _, c := range changes {
			root = applyChange(root, c, version)
		}
		if root != nil {
			buf = root.rehash(buf)
		}
		if got := rootHash(root); !bytes.Equal(got, hash) {
			return fmt.Errorf("store: replaying the log of version %d gives hash %X, not the %X logged", version, got, hash)
		}
		latest = &memView{root: root, version: version, hash: hash}
		if versions[0].version == 0 {
			versions = versions[:0] // the empty state before the first version
		}
		versions = append(versions, latest)
		if keep > 0 && int64(len(versions)) > keep {
			versions[0] = nil
			versions = versions[1:]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if latest.version > 0 {
		d.logger.Info("state loaded into memory", "version", latest.version, "hash", fmt.Sprintf("%X", latest.hash),
			"snapshot", lastOr(snaps, 0), "log_bytes", d.logged)
	}
	return versions, nil
}

func lastOr(s []int64, def int64) int64 {
	if len(s) == 0 {
		return def
	}
	return s[len(s)-1]
}

// applyChange applies one logged change to the tree under root for version.
func applyChange(root *node, c Change, version int64) *node {
	switch {
	case c.Value == nil && root != nil:
		root, _, _ = root.remove(c.Key, version)
	case c.Value == nil:
	case root == nil:
		root = newLeaf(c.Key, c.Value, version)
	default:
		root, _ = root.set(c.Key, c.Value, version)
	}
	return root
}

// snapshotVersions returns the versions of the complete snapshots.
func (d *memDisk) snapshotVersions() ([]int64, error) {
	var out []int64
	err := d.scan(snapPrefix, nil, func(k, _ []byte) error {
		out = append(out, int64(binary.BigEndian.Uint64(k[len(snapPrefix):])))
		return nil
	})
	return out, err
}

// scan calls fn for each key with the prefix, from start (a key with the
// prefix, or nil), in order.
func (d *memDisk) scan(prefix, start []byte, fn func(k, v []byte) error) error {
	if start == nil {
		start = prefix
	}
	it, err := d.db.Iterator(start, PrefixEnd(prefix))
	if err != nil {
		return fmt.Errorf("store: read database: %w", err)
	}
	defer it.Close()
	for ; it.Valid(); it.Next() {
		if err := fn(it.Key(), it.Value()); err != nil {
			return err
		}
	}
	if err := it.Error(); err != nil {
		return fmt.Errorf("store: read database: %w", err)
	}
	return nil
}

// replay calls fn with each logged version after the given one, in order,
// and counts what it read as logged since the last snapshot.
func (d *memDisk) replay(after int64, fn func(version int64, hash []byte, changes []Change) error) error {
	return d.scan(logPrefix, versionKey(logPrefix, after+1), func(k, v []byte) error {
		version := int64(binary.BigEndian.Uint64(k[len(logPrefix):]))
		hash, changes, err := decodeLog(v)
		if err != nil {
			return fmt.Errorf("store: log of version %d: %w", version, err)
		}
		d.logged += int64(len(v))
		d.versions++
		return fn(version, hash, changes)
	})
}

// logVersion writes the log entry of version v, made by changes.
func (d *memDisk) logVersion(v *memView, changes []Change) error {
	entry := encodeLog(v.hash, changes)
	b := d.db.NewBatch()
	defer b.Close()
	if err := b.Set(versionKey(logPrefix, v.version), entry); err != nil {
		return fmt.Errorf("store: log version %d: %w", v.version, err)
	}
	if err := b.Write(); err != nil {
		return fmt.Errorf("store: log version %d: %w", v.version, err)
	}
	d.mu.Lock()
	d.logged += int64(len(entry))
	d.versions++
	d.mu.Unlock()
	return nil
}

// maybeSnapshot starts writing v as a snapshot in the background if enough
// has been logged since the last one and none is being written.
func (d *memDisk) maybeSnapshot(v *memView) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.running || d.closing.Load() || (d.logged < d.every && d.versions < snapshotEveryVersions) {
		return
	}
	d.running = true
	d.logged, d.versions = 0, 0
	d.wg.Add(1)
	go func() { //determinism:allowed writes a snapshot of a committed, immutable version to disk; it changes no state
		defer d.wg.Done()
		err := d.writeSnapshot(v)
		d.mu.Lock()
		d.running = false
		d.mu.Unlock()
		if err != nil && !d.closing.Load() {
			d.logger.Error("state snapshot failed; the log grows until one succeeds", "version", v.version, "err", err)
		}
	}()
}

// errClosing stops a snapshot when the tree is closed.
var errClosing = errors.New("store: closing")

// writeSnapshot writes the nodes of v in chunks, then its t/snap key, and
// then drops the snapshots and log the new one makes unnecessary.
func (d *memDisk) writeSnapshot(v *memView) error {
	var (
		chunk []byte
		n     uint64
	)
	flush := func() error {
		if d.closing.Load() {
			return errClosing
		}
		key := binary.BigEndian.AppendUint64(versionKey(nodePrefix, v.version), n)
		if err := d.db.Set(key, chunk); err != nil {
			return err
		}
		chunk = chunk[:0]
		n++
		return nil
	}
	err := v.root.walk(func(nd *node) error {
		chunk = encodeNode(chunk, nd)
		if len(chunk) >= chunkBytes {
			return flush()
		}
		return nil
	})
	if err == nil && len(chunk) > 0 {
		err = flush()
	}
	if err == nil {
		err = d.db.SetSync(versionKey(snapPrefix, v.version), v.hash)
	}
	if err != nil {
		return fmt.Errorf("store: snapshot of version %d: %w", v.version, err)
	}

	d.mu.Lock()
	d.snapshots = append(d.snapshots, v.version)
	slices.Sort(d.snapshots)
	var drop []int64
	if len(d.snapshots) > 2 {
		drop = slices.Clone(d.snapshots[:len(d.snapshots)-2])
		d.snapshots = slices.Clone(d.snapshots[len(d.snapshots)-2:])
	}
	keepFrom := d.snapshots[0]
	d.mu.Unlock()

	for _, s := range drop {
		if err := d.db.Delete(versionKey(snapPrefix, s)); err != nil {
			return fmt.Errorf("store: drop snapshot %d: %w", s, err)
		}
	}
	if err := d.dropChunksExcept(d.snapshotsNow()); err != nil {
		return err
	}
	// The log up to the older kept snapshot is not needed any more.
	return d.deleteRange(logPrefix, nil, versionKey(logPrefix, keepFrom+1))
}

func (d *memDisk) snapshotsNow() []int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.snapshots)
}

// dropChunksExcept deletes the chunks of every version not in keep: those of
// dropped snapshots and of snapshots cut short. The chunks of a snapshot
// being written are not in the database's t/snap keys yet, so it is only
// called when none is.
func (d *memDisk) dropChunksExcept(keep []int64) error {
	var stale []int64
	err := d.scan(nodePrefix, nil, func(k, _ []byte) error {
		v := int64(binary.BigEndian.Uint64(k[len(nodePrefix):]))
		if !slices.Contains(keep, v) && !slices.Contains(stale, v) {
			stale = append(stale, v)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, v := range stale {
		prefix := versionKey(nodePrefix, v)
		if err := d.deleteRange(prefix, nil, PrefixEnd(prefix)); err != nil {
			return err
		}
	}
	return nil
}

// deleteRange deletes the keys with the prefix in [start, end), in batches.
func (d *memDisk) deleteRange(prefix, start, end []byte) error {
	if start == nil {
		start = prefix
	}
	for {
		var keys [][]byte
		it, err := d.db.Iterator(start, end)
		if err != nil {
			return fmt.Errorf("store: read database: %w", err)
		}
		for ; it.Valid() && len(keys) < 10_000; it.Next() {
			keys = append(keys, bytes.Clone(it.Key()))
		}
		err = errors.Join(it.Error(), it.Close())
		if err != nil || len(keys) == 0 {
			return err
		}
		b := d.db.NewBatch()
		for _, k := range keys {
			if err := b.Delete(k); err != nil {
				b.Close()
				return err
			}
		}
		err = errors.Join(b.Write(), b.Close())
		if err != nil {
			return fmt.Errorf("store: delete old state: %w", err)
		}
	}
}

// readSnapshot loads snapshot version and checks its root hash.
func (d *memDisk) readSnapshot(version int64) (*memView, error) {
	want, err := d.db.Get(versionKey(snapPrefix, version))
	if err != nil {
		return nil, fmt.Errorf("store: read snapshot %d: %w", version, err)
	}
	var b nodeBuilder
	prefix := versionKey(nodePrefix, version)
	err = d.scan(prefix, nil, func(_, chunk []byte) error {
		for len(chunk) > 0 {
			nd, rest, err := decodeNode(chunk)
			if err != nil {
				return err
			}
			chunk = rest
			if err := b.add(nd); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: read snapshot %d: %w", version, err)
	}
	root, err := b.root()
	if err != nil {
		return nil, fmt.Errorf("store: read snapshot %d: %w", version, err)
	}
	if root != nil {
		root.rehash(nil)
	}
	if got := rootHash(root); !bytes.Equal(got, want) {
		return nil, fmt.Errorf("store: snapshot %d hashes to %X, not %X", version, got, want)
	}
	return &memView{root: root, version: version, hash: want}, nil
}

// close stops a snapshot being written and waits for it.
func (d *memDisk) close() error {
	d.closing.Store(true)
	d.wg.Wait()
	return nil
}

// writeSnapshot's and the log's encodings.

// encodeNode appends n's snapshot encoding: its height and version, and for a
// leaf its key and value, each length-prefixed. An inner node's key is the
// first key of its right subtree, so it is not written.
func encodeNode(buf []byte, n *node) []byte {
	buf = append(buf, byte(n.height))
	buf = binary.AppendUvarint(buf, uint64(n.version))
	if n.leaf() {
		buf = binary.AppendUvarint(buf, uint64(len(n.key)))
		buf = append(buf, n.key...)
		buf = binary.AppendUvarint(buf, uint64(len(n.value)))
		buf = append(buf, n.value...)
	}
	return buf
}

var errCorrupt = errors.New("corrupt encoding")

// decodeNode reads one node of encodeNode's; an inner node comes without
// children and key. Its slices are copies.
func decodeNode(buf []byte) (*node, []byte, error) {
	if len(buf) < 2 {
		return nil, nil, errCorrupt
	}
	n := &node{height: int8(buf[0])}
	version, k := binary.Uvarint(buf[1:])
	if k <= 0 || n.height < 0 {
		return nil, nil, errCorrupt
	}
	n.version = int64(version)
	buf = buf[1+k:]
	if n.height > 0 {
		return n, buf, nil
	}
	var ok bool
	if n.key, buf, ok = readBytes(buf); !ok {
		return nil, nil, errCorrupt
	}
	if n.value, buf, ok = readBytes(buf); !ok {
		return nil, nil, errCorrupt
	}
	n.size = 1
	return n, buf, nil
}

// readBytes reads a length-prefixed copy of bytes from buf.
func readBytes(buf []byte) ([]byte, []byte, bool) {
	l, k := binary.Uvarint(buf)
	if k <= 0 || uint64(len(buf)-k) < l {
		return nil, nil, false
	}
	return bytes.Clone(buf[k : k+int(l)]), buf[k+int(l):], true
}

// encodeLog encodes a version's root hash and its changes: each key, then 0
// for a delete or 1 and the value, length-prefixed.
func encodeLog(hash []byte, changes []Change) []byte {
	n := len(hash) + 10
	for _, c := range changes {
		n += len(c.Key) + len(c.Value) + 12
	}
	buf := make([]byte, 0, n)
	buf = append(buf, hash...)
	buf = binary.AppendUvarint(buf, uint64(len(changes)))
	for _, c := range changes {
		buf = binary.AppendUvarint(buf, uint64(len(c.Key)))
		buf = append(buf, c.Key...)
		if c.Value == nil {
			buf = append(buf, 0)
			continue
		}
		buf = append(buf, 1)
		buf = binary.AppendUvarint(buf, uint64(len(c.Value)))
		buf = append(buf, c.Value...)
	}
	return buf
}

func decodeLog(buf []byte) (hash []byte, changes []Change, err error) {
	const hashSize = 32
	if len(buf) < hashSize {
		return nil, nil, errCorrupt
	}
	hash, buf = bytes.Clone(buf[:hashSize]), buf[hashSize:]
	count, k := binary.Uvarint(buf)
	if k <= 0 || count > uint64(len(buf)) {
		return nil, nil, errCorrupt
	}
	buf = buf[k:]
	changes = make([]Change, 0, count)
	for range count {
		var c Change
		var ok bool
		if c.Key, buf, ok = readBytes(buf); !ok || len(buf) == 0 {
			return nil, nil, errCorrupt
		}
		set := buf[0]
		buf = buf[1:]
		switch set {
		case 0:
		case 1:
			if c.Value, buf, ok = readBytes(buf); !ok {
				return nil, nil, errCorrupt
			}
		default:
			return nil, nil, errCorrupt
		}
		changes = append(changes, c)
	}
	if len(buf) != 0 {
		return nil, nil, errCorrupt
	}
	return hash, changes, nil
}
