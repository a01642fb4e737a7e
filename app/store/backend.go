package store

import (
	"errors"
	"fmt"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/cosmos/iavl"
	ics23 "github.com/cosmos/ics23/go"
)

// Tree is the committed, versioned state. Its root hash is the application
// hash.
//
// One goroutine writes (Apply, Commit, Import); any number of goroutines may
// read through Latest, At, Proof and Export at the same time.
//
// Both backends build the same tree, node for node, so they agree on every
// root hash and every proof; they differ in where the nodes live (see
// Backend).
type Tree interface {
	// Version returns the last committed version, 0 before the first
	// Commit.
	Version() int64
	// Hash returns the root hash of the last committed version. An empty
	// tree has IAVL's empty hash, the SHA-256 of no input.
	Hash() []byte
	// Latest returns a read-only view of the last committed version. The
	// view does not change when later versions are committed.
	//
	// CONTRACT: a view is valid until its version is pruned: with
	// KeepRecent k > 0, for k-1 further Commits. Reading a pruned view of
	// the IAVL backend panics.
	Latest() Reader
	// At returns a read-only view of committed version v, or an error
	// wrapping ErrVersionUnavailable if v was pruned or never committed.
	// The view is valid as Latest's is.
	At(version int64) (Reader, error)
	// Apply writes a block's changes to the working tree and returns the
	// root hash the next Commit will have. A nil Value deletes its key. It
	// may be called several times before a Commit; the calls add to the
	// same version.
	//
	// The root hash depends on the order of the writes. Changes are
	// expected in ascending key order, as Cache.Changes returns them; any
	// other order is sorted (stably, the last change of a key winning)
	// before it is applied. Before the first Commit, the hash is that of
	// the balanced tree over the keys, which the first Commit builds
	// (initial.go).
	//
	// The tree may keep the changes' slices until the next Commit: the
	// caller must not modify them.
	//
	// Apply panics if the tree cannot be read.
	Apply(changes []Change) []byte
	// Commit saves the changes applied since the last Commit as the next
	// version, atomically, and returns its root hash and number. It then
	// prunes the versions older than the last KeepRecent.
	//
	// If pruning fails the version is saved all the same: Commit returns
	// its hash and number with the error.
	Commit() ([]byte, int64, error)
	// Proof returns the value of key at committed version v (nil if there
	// is none) and an ics23 proof against that version's root hash: of
	// membership if the key has a value, of non-membership otherwise. There
	// is no proof against an empty tree.
	Proof(key []byte, version int64) (value []byte, proof *ics23.CommitmentProof, err error)
	// Export calls fn with every node of committed version v, depth-first
	// in post-order, the order Import takes them in. It stops at fn's first
	// error and returns it. An empty version has no nodes.
	Export(version int64, fn func(*iavl.ExportNode) error) error
	// Import rebuilds version v from nodes exported by Export and makes it
	// the last committed version. The tree must be empty: nothing
	// committed, nothing applied.
	Import(version int64, nodes []*iavl.ExportNode) error
	// Close releases the tree. It does not close the database. Views must
	// not be used after Close.
	Close() error
}

// Backend names how a Tree keeps its nodes.
type Backend string

const (
	// BackendIAVL keeps the tree in the database with IAVL
	// (github.com/cosmos/iavl): each Commit writes the version's new nodes,
	// reads go through IAVL's node caches to the database, and every kept
	// version stays on disk. Memory is bounded by the caches.
	BackendIAVL Backend = "iavl"
	// BackendMemory keeps the whole tree, and the kept versions, in memory
	// (memtree.go): each Commit writes only the version's changes to a log
	// in the database, and the state is written whole, as a snapshot, from
	// time to time in the background. Memory grows with the state.
	BackendMemory Backend = "memory"
)

// Open loads the last committed version of the tree stored in db, with the
// backend opts.Backend. The database stays the caller's: Close does not
// close it. A database holds the state of one backend; Open refuses one
// written by the other.
func Open(db dbm.DB, opts Options) (Tree, error) {
	if db == nil {
		return nil, errors.New("store: nil database")
	}
	if opts.KeepRecent < 0 {
		return nil, fmt.Errorf("store: negative KeepRecent %d", opts.KeepRecent)
	}
	mem, err := hasMemoryState(db)
	if err != nil {
		return nil, err
	}
	iavlState, err := hasIAVLState(db)
	if err != nil {
		return nil, err
	}
	switch opts.Backend {
	case BackendIAVL:
		if mem {
			return nil, errors.New(`store: the database holds the state of the "memory" store backend, not of "iavl": open it with "memory", or sync the node again`)
		}
		return openIAVL(db, opts)
	case "", BackendMemory:
		if iavlState {
			return nil, errors.New(`store: the database holds the state of the "iavl" store backend, not of "memory": open it with "iavl", or sync the node again`)
		}
		return openMemory(db, opts)
	}
	return nil, fmt.Errorf("store: unknown backend %q (want %q or %q)", opts.Backend, BackendIAVL, BackendMemory)
}

// hasIAVLState reports whether db holds nodes of an IAVL tree (their keys
// start with 's').
func hasIAVLState(db dbm.DB) (bool, error) {
	return hasPrefix(db, []byte("s"))
}

// hasPrefix reports whether db holds a key with the prefix.
func hasPrefix(db dbm.DB, prefix []byte) (bool, error) {
	it, err := db.Iterator(prefix, PrefixEnd(prefix))
	if err != nil {
		return false, fmt.Errorf("store: read database: %w", err)
	}
	defer it.Close()
	return it.Valid(), it.Error()
}
