package store

import (
	"fmt"
	"testing"

	dbm "github.com/cometbft/cometbft-db"
	"github.com/stretchr/testify/require"
)

func TestAGoLevelDBBatchWritesAllItsRecordsAtOnceAndItsBufferIsReusedCleanly(t *testing.T) {
	db, err := dbm.NewGoLevelDB("batch", t.TempDir())
	require.NoError(t, err)
	defer db.Close()
	a := dbAdapter{db: db}

	first := a.NewBatchWithSize(flushThreshold)
	for i := range 1000 {
		require.NoError(t, first.Set(fmt.Appendf(nil, "k%04d", i), fmt.Appendf(nil, "v%d", i)))
	}
	require.NoError(t, first.Delete([]byte("k0007")))
	size, err := first.GetByteSize()
	require.NoError(t, err)
	require.Positive(t, size)
	v, err := db.Get([]byte("k0001"))
	require.NoError(t, err)
	require.Nil(t, v, "nothing is written before Write")
	require.NoError(t, first.Write())
	require.ErrorIs(t, first.Set([]byte("k"), []byte("v")), errBatchClosed, "a written batch is closed")
	require.ErrorIs(t, first.Write(), errBatchClosed)
	require.NoError(t, first.Close())

	// The next batch gets the first one's buffer: it must start empty and
	// leave the first one's records as written.
	second := a.NewBatch()
	require.NoError(t, second.Set([]byte("k0001"), []byte("new")))
	require.NoError(t, second.Close())
	third := a.NewBatch()
	require.NoError(t, third.Set([]byte("k0002"), []byte("two")))
	require.NoError(t, third.Write())

	for i := range 1000 {
		v, err := db.Get(fmt.Appendf(nil, "k%04d", i))
		require.NoError(t, err)
		switch i {
		case 7:
			require.Nil(t, v)
		case 2:
			require.Equal(t, "two", string(v))
		default:
			require.Equal(t, fmt.Sprintf("v%d", i), string(v), "the closed batch wrote nothing")
		}
	}
	require.ErrorIs(t, a.NewBatch().Set(nil, []byte("v")), errKeyEmpty)
	require.ErrorIs(t, a.NewBatch().Set([]byte("k"), nil), errValueNil)
}
