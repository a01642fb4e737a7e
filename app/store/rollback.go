package store

import (
	"encoding/binary"
	"errors"
	"fmt"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/cometbft/cometbft/libs/log"
	"github.com/cosmos/iavl"
)

// DeleteLatestVersion removes the last committed version of the tree stored
// in db, leaving the database as it was before that version's Commit, and
// returns the version that is latest now. It is what a crash that loses the
// last Commit leaves behind: the application reports the height before, and
// CometBFT's handshake executes the block again. Fault tests use it; no tree
// may be open on db.
func DeleteLatestVersion(db dbm.DB) (int64, error) {
	if db == nil {
		return 0, errors.New("store: nil database")
	}
	mem, err := hasMemoryState(db)
	if err != nil {
		return 0, err
	}
	if mem {
		return deleteLatestMemoryVersion(db)
	}
	work := iavl.NewMutableTree(dbAdapter{db: db}, DefaultCacheSize, true, log.NewNopLogger(), iavl.FlushThresholdOption(flushThreshold))
	latest, err := work.Load()
	if err != nil {
		return 0, fmt.Errorf("store: load state tree: %w", err)
	}
	if latest < 2 {
		return 0, fmt.Errorf("store: latest version is %d; keeping at least one", latest)
	}
	if err := work.DeleteVersionsFrom(latest); err != nil {
		return 0, fmt.Errorf("store: delete version %d: %w", latest, err)
	}
	if err := work.Close(); err != nil {
		return 0, fmt.Errorf("store: close state tree: %w", err)
	}
	return latest - 1, nil
}

// deleteLatestMemoryVersion takes back the last version of the memory
// backend: its log entry, and its snapshot if it has one, so that Open loads
// the version before from the snapshot and log still there.
func deleteLatestMemoryVersion(db dbm.DB) (int64, error) {
	d := &memDisk{db: db, logger: log.NewNopLogger()}
	snaps, err := d.snapshotVersions()
	if err != nil {
		return 0, err
	}
	var logs []int64
	err = d.scan(logPrefix, nil, func(k, _ []byte) error {
		logs = append(logs, int64(binary.BigEndian.Uint64(k[len(logPrefix):])))
		return nil
	})
	if err != nil {
		return 0, err
	}
	latest := max(lastOr(snaps, 0), lastOr(logs, 0))
	// What is left must lead to latest-1: a snapshot below latest, or none
	// and a log from the first version, with the log after it.
	base := int64(0)
	for _, s := range snaps {
		if s < latest {
			base = s
		}
	}
	if latest < 2 {
		return 0, fmt.Errorf("store: latest version is %d; keeping at least one", latest)
	}
	if base == 0 && (len(logs) == 0 || logs[0] != 1) {
		return 0, fmt.Errorf("store: cannot take back version %d: no earlier version is kept whole (snapshots %v)", latest, snaps)
	}
	for want, i := base+1, 0; want < latest; want++ {
		for i < len(logs) && logs[i] < want {
			i++
		}
		if i == len(logs) || logs[i] != want {
			return 0, fmt.Errorf("store: cannot take back version %d: the log of version %d is missing", latest, want)
		}
	}
	b := db.NewBatch()
	defer b.Close()
	if err := errors.Join(b.Delete(versionKey(snapPrefix, latest)), b.Delete(versionKey(logPrefix, latest))); err != nil {
		return 0, err
	}
	if err := b.WriteSync(); err != nil {
		return 0, fmt.Errorf("store: delete version %d: %w", latest, err)
	}
	return latest - 1, nil
}
