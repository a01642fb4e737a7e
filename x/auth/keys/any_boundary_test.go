package keys

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/auth/keys/secp256k1"
)

func TestAppendUvarintWritesWhatTheStandardLibraryWritesAroundEachSevenBitStep(t *testing.T) {
	for _, v := range []uint64{0, 1, 0x7f, 0x80, 0x81, 0x3fff, 0x4000, 1<<63 - 1, 1 << 63, ^uint64(0)} {
		require.Equal(t, binary.AppendUvarint(nil, v), appendUvarint(nil, v), "%#x", v)
	}
}

func TestAnEmptyPublicKeyIsWrappedAsProtobufWritesIt(t *testing.T) {
	empty := &secp256k1.PubKey{}
	want, err := empty.Marshal()
	require.NoError(t, err)
	require.Empty(t, want)
	got := PubKeyToAny(empty)
	require.Equal(t, secp256k1.TypeURL, got.TypeUrl)
	require.Equal(t, want, got.Value)
}
