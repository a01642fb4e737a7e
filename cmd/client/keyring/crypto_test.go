package keyring

import (
	"encoding/base64"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAKeyhashAskingForMoreThanAGibibyteOfScryptMemoryIsRefused: a
// tampered keyhash or export must not make the client allocate gigabytes
// before the passphrase is even checked.
func TestAKeyhashAskingForMoreThanAGibibyteOfScryptMemoryIsRefused(t *testing.T) {
	require.NoError(t, scryptParams{N: 1 << 20, R: 8, P: 1}.check(), "1 GiB is allowed")
	require.NoError(t, scryptParams{N: 1 << 15, R: 8, P: 16}.check())
	for _, p := range []scryptParams{{N: 1 << 20, R: 32, P: 1}, {N: 1 << 20, R: 9, P: 1}, {N: 1 << 19, R: 32, P: 16}} {
		require.ErrorContains(t, p.check(), "above 1024 MiB")
		kh := fmt.Sprintf(`{"version":1,"kdf":"scrypt","n":%d,"r":%d,"p":%d,"salt":"%s","check":"%s"}`,
			p.N, p.R, p.P, base64.StdEncoding.EncodeToString(make([]byte, 32)), base64.StdEncoding.EncodeToString(make([]byte, 32)))
		_, err := parseKeyhash([]byte(kh))
		require.ErrorIs(t, err, ErrCorrupted)
	}
}
