package store

import (
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
