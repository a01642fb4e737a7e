package keys

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseHDPathReadsComponentsStartingWithTheDigitNine(t *testing.T) {
	const h = HardenedOffset
	for path, want := range map[string][]uint32{
		"m/9":             {9},
		"m/9'/90/999h":    {9 + h, 90, 999 + h},
		"m/44'/118'/0'/9": {44 + h, 118 + h, h, 9},
	} {
		got, err := ParseHDPath(path)
		require.NoError(t, err, path)
		require.Equal(t, want, got, path)
	}
}
