package core

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestGasArithmeticSaturatesInsteadOfWrappingAround(t *testing.T) {
	require.Equal(t, uint64(5), AddGas(2, 3))
	require.Equal(t, uint64(math.MaxUint64), AddGas(math.MaxUint64, 1))
	require.Equal(t, uint64(math.MaxUint64), AddGas(1<<63, 1<<63))
	require.Equal(t, uint64(6), MulGas(2, 3))
	require.Equal(t, uint64(0), MulGas(0, math.MaxUint64))
	require.Equal(t, uint64(math.MaxUint64), MulGas(1<<32, 1<<32))
	require.Equal(t, uint64(math.MaxUint64), MulGas(math.MaxUint64, 2))
}
