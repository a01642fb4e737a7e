package store

import (
	"errors"
	"fmt"

	"github.com/cosmos/iavl"
)

// Export implements Tree.
func (t *iavlTree) Export(version int64, fn func(*iavl.ExportNode) error) error {
	v, err := t.view(version)
	if err != nil {
		return err
	}
	if v.empty() {
		return nil
	}
	exp, err := v.tree.Export()
	if err != nil {
		return fmt.Errorf("store: export version %d: %w", version, err)
	}
	defer exp.Close()
	var leaves int64
	for {
		node, err := exp.Next()
		if errors.Is(err, iavl.ErrorExportDone) {
			break
		}
		if err != nil {
			return fmt.Errorf("store: export version %d: %w", version, err)
		}
		if node.Height == 0 {
			leaves++
		}
		if err := fn(node); err != nil {
			return err
		}
	}
	// NOTE: IAVL's exporter ends quietly when it cannot read a node.
	if leaves != v.tree.Size() {
		return fmt.Errorf("store: export of version %d ended after %d of %d keys: a node could not be read",
			version, leaves, v.tree.Size())
	}
	return nil
}

// Import implements Tree.
func (t *iavlTree) Import(version int64, nodes []*iavl.ExportNode) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return errors.New("store: Import on a closed tree")
	}
	if t.initial == nil || len(t.initial.kvs) > 0 {
		return fmt.Errorf("store: import into a tree that is not empty (version %d)", t.work.Version())
	}
	err := t.importLocked(version, func(add func(*iavl.ExportNode) error) error {
		for _, n := range nodes {
			if err := add(n); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		t.initial = nil
	}
	return err
}

// importLocked writes version v from the nodes that nodes passes to add, in
// post-order, and makes it the last committed version. IAVL's importer writes
// them in batches as they come; the version exists once the last batch,
// with the root, is written: if the process dies before, Open finds the
// version incomplete and deletes it. t.mu is held and the tree is empty.
func (t *iavlTree) importLocked(version int64, nodes func(add func(*iavl.ExportNode) error) error) error {
	if version <= 0 {
		return fmt.Errorf("store: import at version %d", version)
	}
	if t.work.Version() != 0 || !t.work.IsEmpty() {
		return fmt.Errorf("store: import into a tree that is not empty (version %d)", t.work.Version())
	}
	imp, err := t.work.Import(version)
	if err != nil {
		return fmt.Errorf("store: import version %d: %w", version, err)
	}
	defer imp.Close()
	if err := nodes(imp.Add); err != nil {
		return fmt.Errorf("store: import version %d: %w", version, err)
	}
	if err := imp.Commit(); err != nil {
		return fmt.Errorf("store: import version %d: %w", version, err)
	}
	it, err := t.reads.GetImmutable(version)
	if err != nil {
		return fmt.Errorf("store: open imported version %d for reading: %w", version, err)
	}
	t.viewMu.Lock()
	if t.values != nil {
		t.values.reset(version)
		t.pending = nil
	}
	t.latest = &view{tree: it, version: version, hash: it.Hash(), values: t.values}
	t.first = version
	t.viewMu.Unlock()
	return nil
}
