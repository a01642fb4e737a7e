package app

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTheSignatureCacheHoldsFourTimesALargeMempoolAndNeverLessThanItsMinimum(t *testing.T) {
	require.Equal(t, sigCacheSize, sigCacheSizeFor(0))
	require.Equal(t, sigCacheSize, sigCacheSizeFor(sigCacheSize/4))
	require.Equal(t, 400_000, sigCacheSizeFor(100_000))
}
