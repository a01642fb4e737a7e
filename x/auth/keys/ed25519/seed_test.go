package ed25519_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/auth/keys/ed25519"
)

func TestSeedReturnsTheSeedTheKeyWasMadeFromAndNothingForAMalformedKey(t *testing.T) {
	seed := mustHex(t, "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
	sk, err := ed25519.PrivKeyFromSeed(seed)
	require.NoError(t, err)
	require.Equal(t, seed, sk.Seed())

	short := &ed25519.PrivKey{Key: sk.Bytes()[:ed25519.SeedSize]}
	require.Nil(t, short.Seed())
}
