package ed25519_test

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/auth/keys/ed25519"
)

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

func TestSignatureRoundTrip(t *testing.T) {
	sk := ed25519.GenPrivKey()
	pk := sk.PubKey()
	require.NoError(t, pk.Validate())
	msg := []byte("sign doc bytes")
	sig, err := sk.Sign(msg)
	require.NoError(t, err)
	require.Len(t, sig, ed25519.SignatureSize)
	require.True(t, pk.VerifySignature(msg, sig))
	require.False(t, pk.VerifySignature([]byte("sign doc bytez"), sig))
	require.False(t, ed25519.GenPrivKey().PubKey().VerifySignature(msg, sig))
}

func TestRFC8032TestVector1(t *testing.T) {
	sk, err := ed25519.PrivKeyFromSeed(mustHex(t, "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
	require.NoError(t, err)
	require.Equal(t, "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", hex.EncodeToString(sk.PubKey().Bytes()))
	sig, err := sk.Sign(nil)
	require.NoError(t, err)
	require.Equal(t, "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b", hex.EncodeToString(sig))

	again, err := ed25519.PrivKeyFromBytes(sk.Bytes())
	require.NoError(t, err)
	require.Equal(t, sk.Bytes(), again.Bytes())
	require.Equal(t, sk.Seed(), again.Seed())
}

func TestVerifySignatureRejectsMalformedInput(t *testing.T) {
	sk := ed25519.GenPrivKey()
	pk := sk.PubKey()
	msg := []byte("m")
	sig, err := sk.Sign(msg)
	require.NoError(t, err)

	nonCanonicalS := append([]byte(nil), sig...)
	nonCanonicalS[63] |= 0xf0

	cases := []struct {
		name string
		pk   *ed25519.PubKey
		sig  []byte
	}{
		{"a truncated signature", pk, sig[:63]},
		{"a long signature", pk, append(append([]byte(nil), sig...), 0)},
		{"no signature", pk, nil},
		{"S not below the group order", pk, nonCanonicalS},
		{"a nil key", nil, sig},
		{"a short key", &ed25519.PubKey{Key: pk.Key[:31]}, sig},
		{"a long key", &ed25519.PubKey{Key: append(append([]byte(nil), pk.Key...), 0)}, sig},
		{"a key that is not a point", &ed25519.PubKey{Key: notAPoint(t)}, sig},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.False(t, c.pk.VerifySignature(msg, c.sig))
		})
	}
}

// notAPoint returns a 32-byte encoding whose y has no x on the curve.
func notAPoint(t *testing.T) []byte {
	t.Helper()
	for y := byte(2); y < 255; y++ {
		key := make([]byte, 32)
		key[0] = y
		if (&ed25519.PubKey{Key: key}).Validate() != nil {
			return key
		}
	}
	t.Fatal("every candidate decoded")
	return nil
}

func TestValidateRejectsMalformedKeys(t *testing.T) {
	require.ErrorIs(t, (&ed25519.PubKey{Key: make([]byte, 31)}).Validate(), ed25519.ErrInvalidPubKey)
	require.ErrorIs(t, (&ed25519.PubKey{Key: notAPoint(t)}).Validate(), ed25519.ErrInvalidPubKey)
	require.ErrorIs(t, (*ed25519.PubKey)(nil).Validate(), ed25519.ErrInvalidPubKey)

	_, err := ed25519.PrivKeyFromSeed(make([]byte, 31))
	require.ErrorIs(t, err, ed25519.ErrInvalidPrivKey)
	bad := append([]byte(nil), ed25519.GenPrivKey().Bytes()...)
	bad[40] ^= 1
	_, err = ed25519.PrivKeyFromBytes(bad)
	require.ErrorIs(t, err, ed25519.ErrInvalidPrivKey)
	_, err = (&ed25519.PrivKey{Key: make([]byte, 10)}).Sign(nil)
	require.ErrorIs(t, err, ed25519.ErrInvalidPrivKey)
}

func TestAddressIsTruncatedSHA256(t *testing.T) {
	pk := ed25519.GenPrivKey().PubKey()
	h := sha256.Sum256(pk.Key)
	require.Equal(t, h[:20], []byte(pk.Address()))
	require.Equal(t, ed25519.TypeURL, pk.TypeURL())
	require.Regexp(t, `^stake1[02-9ac-hj-np-z]{38}$`, pk.Address().String())
}
