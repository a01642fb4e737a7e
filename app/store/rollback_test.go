package store

import (
	"testing"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/stretchr/testify/require"
)

func TestDeletingTheLatestVersionReopensAtTheOneBeforeAndReplaysToTheSameHash(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		db := dbm.NewMemDB()
		tr := openTree(t, db, Options{Backend: b, KeepRecent: 2})
		var hashes [][]byte
		for v := 1; v <= 5; v++ {
			h, _ := commit(t, tr, block(v)...)
			hashes = append(hashes, h)
		}
		require.NoError(t, tr.Close())

		version, err := DeleteLatestVersion(db)
		require.NoError(t, err)
		require.EqualValues(t, 4, version)

		tr = openTree(t, db, Options{Backend: b, KeepRecent: 2})
		require.EqualValues(t, 4, tr.Version())
		require.Equal(t, hashes[3], tr.Hash())
		h, v := commit(t, tr, block(5)...)
		require.EqualValues(t, 5, v)
		require.Equal(t, hashes[4], h, "executing the lost block again gives the same state")
	})
}

func TestDeleteLatestVersionKeepsTheFirstVersion(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		db := dbm.NewMemDB()
		tr := openTree(t, db, Options{Backend: b})
		commit(t, tr, block(1)...)
		require.NoError(t, tr.Close())
		_, err := DeleteLatestVersion(db)
		require.ErrorContains(t, err, "keeping at least one")
	})
}
