package store

import (
	"errors"
	"sync"

	corestore "cosmossdk.io/core/store"
	dbm "github.com/cometbft/cometbft-db"
	idb "github.com/cosmos/iavl/db"
	"github.com/syndtr/goleveldb/leveldb"
	"github.com/syndtr/goleveldb/leveldb/opt"
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

// NewBatch implements idb.DB. On goleveldb the batch's buffer is one of
// levelBuffers; on other databases it is cometbft-db's own batch.
func (a dbAdapter) NewBatch() corestore.Batch {
	if gl, ok := a.db.(*dbm.GoLevelDB); ok {
		return &levelBatch{db: gl.DB(), b: levelBuffers.get()}
	}
	return &sizedBatch{b: a.db.NewBatch()}
}

// NewBatchWithSize implements idb.DB. The size hint is ignored: IAVL passes
// its flush threshold, which Open sets far above any version's writes.
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

// levelBatch is a goleveldb batch whose buffer is reused from one version to
// the next. A goleveldb batch that starts empty grows by ever smaller steps
// once it holds more than a few thousand records, so filling one with a
// block's tree nodes copied its buffer many times over; a buffer kept from an
// earlier version already has the room.
//
// The writes of a version still go to the database in one Write of one batch,
// as with cometbft-db's batch, which this one otherwise mirrors (same errors,
// closed by a successful Write).
type levelBatch struct {
	db   *leveldb.DB
	b    *leveldb.Batch // nil once written or closed
	size int
}

var _ corestore.Batch = (*levelBatch)(nil)

var (
	errBatchClosed = errors.New("batch has been written or closed")
	errKeyEmpty    = errors.New("key cannot be empty")
	errValueNil    = errors.New("value cannot be nil")
)

// Set implements corestore.Batch.
func (l *levelBatch) Set(key, value []byte) error {
	switch {
	case len(key) == 0:
		return errKeyEmpty
	case value == nil:
		return errValueNil
	case l.b == nil:
		return errBatchClosed
	}
	l.b.Put(key, value)
	l.size += len(key) + len(value)
	return nil
}

// Delete implements corestore.Batch.
func (l *levelBatch) Delete(key []byte) error {
	switch {
	case len(key) == 0:
		return errKeyEmpty
	case l.b == nil:
		return errBatchClosed
	}
	l.b.Delete(key)
	l.size += len(key)
	return nil
}

// Write implements corestore.Batch.
func (l *levelBatch) Write() error { return l.write(false) }

// WriteSync implements corestore.Batch.
func (l *levelBatch) WriteSync() error { return l.write(true) }

func (l *levelBatch) write(sync bool) error {
	if l.b == nil {
		return errBatchClosed
	}
	// NOTE: goleveldb has copied the batch into its journal and memtable
	// when Write returns, so the buffer may then be reused.
	if err := l.db.Write(l.b, &opt.WriteOptions{Sync: sync}); err != nil {
		return err
	}
	return l.Close()
}

// Close implements corestore.Batch. It hands the buffer back for reuse; the
// batch cannot be used afterwards.
func (l *levelBatch) Close() error {
	if l.b != nil {
		levelBuffers.put(l.b)
		l.b = nil
	}
	return nil
}

// GetByteSize implements corestore.Batch: the bytes of keys and values
// written so far, as sizedBatch counts them.
func (l *levelBatch) GetByteSize() (int, error) { return l.size, nil }

// levelBuffers keeps the buffers of closed goleveldb batches for the next
// ones. A buffer is not tied to a database, so one list serves every Tree of
// the process. It keeps a few buffers, and none larger than maxKeptBatch, so
// that a one-off huge batch (an import) is not held for the process's life.
var levelBuffers = batchBuffers{max: 4}

const maxKeptBatch = 256 << 20

type batchBuffers struct {
	mu   sync.Mutex
	free []*leveldb.Batch
	max  int
	last int // bytes of the last buffer put back: the size of a new one
}

func (p *batchBuffers) get() *leveldb.Batch {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.free); n > 0 {
		b := p.free[n-1]
		p.free[n-1] = nil
		p.free = p.free[:n-1]
		return b
	}
	return leveldb.MakeBatch(p.last)
}

func (p *batchBuffers) put(b *leveldb.Batch) {
	n := len(b.Dump())
	b.Reset()
	if n > maxKeptBatch {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.last = n
	if len(p.free) < p.max {
		p.free = append(p.free, b)
	}
}
