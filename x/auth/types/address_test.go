package types

import (
	"crypto/sha256"
	"strings"
	"testing"

	"github.com/btcsuite/btcd/btcutil/bech32"
	"github.com/stretchr/testify/require"
)

// TestParseAddressTextIsTheCanonicalText checks that the text
// ParseAddressText returns is what Address.String writes for the address
// it decoded, whatever the case of its input and whichever checksum it
// carried.
func TestParseAddressTextIsTheCanonicalText(t *testing.T) {
	for i := range 200 {
		h := sha256.Sum256([]byte{byte(i), byte(i >> 8)})
		raw := Address(h[:20])
		if i%2 == 1 {
			raw = Address(h[:]) // 32 bytes: the last 5-bit group is padded
		}
		canonical := raw.String()
		data, err := bech32.ConvertBits(raw, 8, 5, true)
		require.NoError(t, err)
		m, err := bech32.EncodeM(AccountPrefix, data)
		require.NoError(t, err)
		require.NotEqual(t, canonical, m)
		for _, in := range []string{canonical, strings.ToUpper(canonical), m, strings.ToUpper(m)} {
			a, text, err := ParseAddressText(in)
			require.NoError(t, err, in)
			require.Equal(t, raw, a, in)
			require.Equal(t, canonical, text, in)
			b, err := ParseAddress(in)
			require.NoError(t, err, in)
			require.Equal(t, a, b, in)
		}
	}
	for _, bad := range []string{"", "stake1", "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu", "Stake1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5z5tpwxqergd3c8g7rusqsfggg8"} {
		_, _, err := ParseAddressText(bad)
		require.ErrorIs(t, err, ErrInvalidAddress, bad)
	}
}
