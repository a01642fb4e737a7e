package testnet_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"math/big"
	"testing"

	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	"github.com/stretchr/testify/require"
)

func testnetRPC(addr string) (*rpchttp.HTTP, error) {
	return rpchttp.New(addr, "/websocket")
}

// consAddressOf is CometBFT's address of an ed25519 key.
func consAddressOf(pub []byte) []byte {
	h := sha256.Sum256(pub)
	return h[:20]
}

// commitHasSigner reports whether the commit of the block at height holds a
// signature by the validator with the given address.
func commitHasSigner(t *testing.T, ctx context.Context, rpc string, height int64, addr []byte) bool {
	t.Helper()
	c, err := testnetRPC(rpc)
	require.NoError(t, err)
	res, err := c.Commit(ctx, &height)
	if err != nil {
		return false
	}
	for _, s := range res.Commit.Signatures {
		if bytes.Equal(s.ValidatorAddress, addr) && len(s.Signature) > 0 {
			return true
		}
	}
	return false
}

func addInts(t *testing.T, a, b string) string {
	t.Helper()
	x, ok := new(big.Int).SetString(a, 10)
	require.True(t, ok, a)
	y, ok := new(big.Int).SetString(b, 10)
	require.True(t, ok, b)
	return new(big.Int).Add(x, y).String()
}

// percent is p% of a, truncated.
func percent(t *testing.T, a string, p int64) string {
	t.Helper()
	x, ok := new(big.Int).SetString(a, 10)
	require.True(t, ok, a)
	x.Mul(x, big.NewInt(p))
	return x.Quo(x, big.NewInt(100)).String()
}
