package secp256k1

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParsingAKeyOfAnyOtherLengthThanCompressedIsAnErrorNotAPanic(t *testing.T) {
	for _, n := range []int{0, 1, PubKeySize - 1} {
		key := make([]byte, n)
		if n > 0 {
			key[0] = 0x02
		}
		require.NotPanics(t, func() {
			_, err := parsePubKey(key)
			require.Error(t, err, "%d bytes", n)
		})
	}
}
