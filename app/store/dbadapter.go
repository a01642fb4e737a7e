package store

import (
	corestore "cosmossdk.io/core/store"
	dbm "github.com/cometbft/cometbft-db"
	idb "github.com/cosmos/iavl/db"
)

// dbAdapter presents a cometbft-db database through the database interface
// that IAVL expects. Reads and iterators pass straight through; batches are
// wrapped to report their size.
type dbAdapter struct {
	db dbm.DB
}

var _ idb.DB = dbAdapter{}

// Get implements idb.DB.
func (a dbAdapter) Get(key []byte) ([]byte, error) { return a.db.Get(key) }

// Has implements idb.DB.
func (a dbAdapter) Has(key []byte) (bool, error) { return a.db.Has(key) }

// Iterator implements idb.DB.
func (a dbAdapter) Iterator(start, end []byte) (corestore.Iterator, error) {
	it, err := a.db.Iterator(start, end)
	if err != nil {
		return nil, err
	}
	return it, nil
}

// ReverseIterator implements idb.DB.
func (a dbAdapter) ReverseIterator(start, end []byte) (corestore.Iterator, error) {
	it, err := a.db.ReverseIterator(start, end)
	if err != nil {
		return nil, err
	}
	return it, nil
}

// Close implements idb.DB. It does nothing: the database belongs to whoever
// passed it to Open, and both of a Tree's IAVL handles share it.
func (a dbAdapter) Close() error { return nil }

// NewBatch implements idb.DB.
func (a dbAdapter) NewBatch() corestore.Batch { return &sizedBatch{b: a.db.NewBatch()} }

// NewBatchWithSize implements idb.DB. cometbft-db cannot preallocate a batch,
// so the size hint is ignored.
func (a dbAdapter) NewBatchWithSize(int) corestore.Batch { return a.NewBatch() }

// sizedBatch adds GetByteSize to a cometbft-db batch by counting the bytes of
// the keys and values written to it. IAVL uses the figure only to decide when
// to flush, and Open sets that threshold above any realistic version.
type sizedBatch struct {
	b    dbm.Batch
	size int
}

var _ corestore.Batch = (*sizedBatch)(nil)

// Set implements corestore.Batch.
func (s *sizedBatch) Set(key, value []byte) error {
	if err := s.b.Set(key, value); err != nil {
		return err
	}
	s.size += len(key) + len(value)
	return nil
}

// Delete implements corestore.Batch.
func (s *sizedBatch) Delete(key []byte) error {
	if err := s.b.Delete(key); err != nil {
		return err
	}
	s.size += len(key)
	return nil
}

// Write implements corestore.Batch.
func (s *sizedBatch) Write() error { return s.b.Write() }

// WriteSync implements corestore.Batch.
func (s *sizedBatch) WriteSync() error { return s.b.WriteSync() }

// Close implements corestore.Batch.
func (s *sizedBatch) Close() error { return s.b.Close() }

// GetByteSize implements corestore.Batch: the bytes of keys and values
// written so far.
func (s *sizedBatch) GetByteSize() (int, error) { return s.size, nil }
