package ethtx

import (
	"bytes"
	"testing"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/core"
)

// FuzzDecodeEthereumTx feeds arbitrary bytes to Decode and Validate. Neither
// panics; every refusal is a registered code of this package; what Decode
// accepts is an Ethereum tx by IsEthereum, re-encodes to exactly its bytes,
// and hashes to keccak-256 of them; what Validate accepts has a sender that
// a second validation returns again.
func FuzzDecodeEthereumTx(f *testing.F) {
	seeds := [][]byte{
		sign(f, legacy()), sign(f, accessList()), sign(f, transfer()), sign(f, create(40)),
		sign(f, blobTx()), sign(f, setCodeTx()), signWith(f, types.HomesteadSigner{}, legacy()),
		highS(f, transfer()), {}, {0x02}, {0xc0}, {0x0a, 0x01, 0x00},
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		tx, err := Decode(raw)
		if err != nil {
			requireOwnCode(t, err)
			return
		}
		require.True(t, IsEthereum(raw), "decoded, yet routed to the Cosmos decoder: % x", raw[:1])
		again, err := tx.MarshalBinary()
		require.NoError(t, err)
		require.True(t, bytes.Equal(raw, again), "decoded % x, re-encodes as % x", raw, again)
		require.Equal(t, crypto.Keccak256Hash(raw), tx.Hash())

		from, err := Validate(tx, testLimits)
		if err != nil {
			requireOwnCode(t, err)
			return
		}
		second, err := Validate(tx, testLimits)
		require.NoError(t, err)
		require.Equal(t, from, second)
	})
}

// requireOwnCode fails unless err carries one of this package's codes.
func requireOwnCode(t *testing.T, err error) {
	t.Helper()
	space, code, log := core.ABCIInfo(err)
	require.Equal(t, Codespace, space, log)
	require.True(t, code >= 2 && code <= 19, "code %d: %s", code, log)
	require.NotEmpty(t, log)
}
