package secp256k1_test

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	secp "github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/auth/keys/secp256k1"
)

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

func TestSignatureRoundTrip(t *testing.T) {
	sk := secp256k1.GenPrivKey()
	pk := sk.PubKey()
	require.Len(t, pk.Key, secp256k1.PubKeySize)
	require.NoError(t, pk.Validate())

	msg := []byte("sign doc bytes")
	sig, err := sk.Sign(msg)
	require.NoError(t, err)
	require.Len(t, sig, secp256k1.SignatureSize)
	require.True(t, pk.VerifySignature(msg, sig))

	again, err := sk.Sign(msg)
	require.NoError(t, err)
	require.Equal(t, sig, again, "signatures are deterministic")
}

func TestSignaturesMatchPublishedRFC6979Vectors(t *testing.T) {
	// The classic secp256k1 + SHA-256 deterministic ECDSA vectors
	// (bitcointalk topic 285142), with S in canonical low form.
	cases := []struct {
		key, msg, r, s string
	}{
		{
			"0000000000000000000000000000000000000000000000000000000000000001",
			"Satoshi Nakamoto",
			"934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8",
			"2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5",
		},
		{
			"0000000000000000000000000000000000000000000000000000000000000001",
			"All those moments will be lost in time, like tears in rain. Time to die...",
			"8600dbd41e348fe5c9465ab92d23e3db8b98b873beecd930736488696438cb6b",
			"547fe64427496db33bf66019dacbf0039c04199abb0122918601db38a72cfc21",
		},
		{
			"fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140",
			"Satoshi Nakamoto",
			"fd567d121db66e382991534ada77a6bd3106f0a1098c231e47993447cd6af2d0",
			"6b39cd0eb1bc8603e159ef5c20a5c8ad685a45b06ce9bebed3f153d10d93bed5",
		},
	}
	for _, c := range cases {
		sk, err := secp256k1.PrivKeyFromSecret(mustHex(t, c.key))
		require.NoError(t, err)
		sig, err := sk.Sign([]byte(c.msg))
		require.NoError(t, err)
		require.Equal(t, c.r+c.s, hex.EncodeToString(sig), c.msg)
		require.True(t, sk.PubKey().VerifySignature([]byte(c.msg), sig))
	}
}

// highS returns the same signature with S replaced by n - S, which plain
// ECDSA accepts as well.
func highS(t *testing.T, sig []byte) []byte {
	t.Helper()
	var s secp.ModNScalar
	require.False(t, s.SetByteSlice(sig[32:]))
	require.False(t, s.IsOverHalfOrder(), "Sign produces low S")
	s.Negate()
	require.True(t, s.IsOverHalfOrder())
	out := append([]byte(nil), sig...)
	s.PutBytesUnchecked(out[32:])
	return out
}

func TestHighSSignatureIsRejected(t *testing.T) {
	sk := secp256k1.GenPrivKey()
	pk := sk.PubKey()
	msg := []byte("malleable?")
	sig, err := sk.Sign(msg)
	require.NoError(t, err)
	malleated := highS(t, sig)

	// The malleated signature is valid ECDSA ...
	pub, err := secp.ParsePubKey(pk.Key)
	require.NoError(t, err)
	var r, s secp.ModNScalar
	r.SetByteSlice(malleated[:32])
	s.SetByteSlice(malleated[32:])
	hash := sha256.Sum256(msg)
	require.True(t, ecdsa.NewSignature(&r, &s).Verify(hash[:], pub))

	// ... but not accepted by StakeChain.
	require.False(t, pk.VerifySignature(msg, malleated))
}

func TestVerifySignatureRejects(t *testing.T) {
	sk := secp256k1.GenPrivKey()
	pk := sk.PubKey()
	msg := []byte("message")
	sig, err := sk.Sign(msg)
	require.NoError(t, err)
	other := secp256k1.GenPrivKey().PubKey()

	zero32 := make([]byte, 32)
	overN := mustHex(t, "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141") // = n
	cases := []struct {
		name string
		pk   *secp256k1.PubKey
		msg  []byte
		sig  []byte
	}{
		{"a different message", pk, []byte("massage"), sig},
		{"a different key", other, msg, sig},
		{"a truncated signature", pk, msg, sig[:63]},
		{"a signature with a trailing byte", pk, msg, append(append([]byte(nil), sig...), 0)},
		{"a DER signature", pk, msg, derOf(t, sig)},
		{"an empty signature", pk, msg, nil},
		{"R = 0", pk, msg, append(append([]byte(nil), zero32...), sig[32:]...)},
		{"S = 0", pk, msg, append(append([]byte(nil), sig[:32]...), zero32...)},
		{"R = n", pk, msg, append(append([]byte(nil), overN...), sig[32:]...)},
		{"S = n", pk, msg, append(append([]byte(nil), sig[:32]...), overN...)},
		{"a nil key", nil, msg, sig},
		{"an empty key", &secp256k1.PubKey{}, msg, sig},
		{"an uncompressed key", &secp256k1.PubKey{Key: uncompressed(t, pk)}, msg, sig},
		{"a key with a bad prefix", &secp256k1.PubKey{Key: append([]byte{0x05}, pk.Key[1:]...)}, msg, sig},
		{"a key off the curve", &secp256k1.PubKey{Key: offCurveKey(t)}, msg, sig},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.False(t, c.pk.VerifySignature(c.msg, c.sig))
		})
	}
}

func derOf(t *testing.T, sig []byte) []byte {
	t.Helper()
	var r, s secp.ModNScalar
	r.SetByteSlice(sig[:32])
	s.SetByteSlice(sig[32:])
	return ecdsa.NewSignature(&r, &s).Serialize()
}

func uncompressed(t *testing.T, pk *secp256k1.PubKey) []byte {
	t.Helper()
	p, err := secp.ParsePubKey(pk.Key)
	require.NoError(t, err)
	return p.SerializeUncompressed()
}

// offCurveKey returns a 33-byte compressed encoding whose x has no point.
func offCurveKey(t *testing.T) []byte {
	t.Helper()
	key := make([]byte, 33)
	key[0] = 0x02
	for x := byte(1); x < 255; x++ {
		key[32] = x
		if _, err := secp.ParsePubKey(key); err != nil {
			return key
		}
	}
	t.Fatal("no off-curve x found")
	return nil
}

func TestValidateRejectsMalformedKeys(t *testing.T) {
	pk := secp256k1.GenPrivKey().PubKey()
	fieldPrime := append([]byte{0x02}, mustHex(t, "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f")...)
	for name, key := range map[string][]byte{
		"empty":             nil,
		"32 bytes":          pk.Key[:32],
		"34 bytes":          append(append([]byte(nil), pk.Key...), 1),
		"uncompressed form": uncompressed(t, pk),
		"prefix 0x04":       append([]byte{0x04}, pk.Key[1:]...),
		"x off the curve":   offCurveKey(t),
		"x = field prime":   fieldPrime,
	} {
		require.ErrorIs(t, (&secp256k1.PubKey{Key: key}).Validate(), secp256k1.ErrInvalidPubKey, name)
	}
	require.ErrorIs(t, (*secp256k1.PubKey)(nil).Validate(), secp256k1.ErrInvalidPubKey)
}

func TestPrivKeyFromSecretRejectsOutOfRangeScalars(t *testing.T) {
	for name, secret := range map[string][]byte{
		"zero":     make([]byte, 32),
		"n":        mustHex(t, "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"),
		"all ones": mustHex(t, "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
		"31 bytes": make([]byte, 31),
	} {
		_, err := secp256k1.PrivKeyFromSecret(secret)
		require.ErrorIs(t, err, secp256k1.ErrInvalidPrivKey, name)
	}
	_, err := (&secp256k1.PrivKey{Key: make([]byte, 32)}).Sign([]byte("x"))
	require.ErrorIs(t, err, secp256k1.ErrInvalidPrivKey)
}

func TestAddressIsRIPEMD160OfSHA256(t *testing.T) {
	// Cosmos fundraiser vector: the key at m/44'/118'/0'/0/0 of "barrel
	// original fuel morning among eternal filter ball stove pluck matrix
	// mechanic" and its address bytes.
	sk, err := secp256k1.PrivKeyFromSecret(mustHex(t, "bfcb217c058d8bbafd5e186eae936106ca3e943889b0b4a093ae13822fd3170c"))
	require.NoError(t, err)
	pk := sk.PubKey()
	require.Equal(t, "02c44af294758a8404fda5107ae43b7ef21b2118174d22e2fad903f2e716d3d148", hex.EncodeToString(pk.Bytes()))
	require.Equal(t, "be7434e29d0dcb806309c6d515c1042bb3de76c3", hex.EncodeToString(pk.Address()))
	require.Len(t, pk.Address(), 20)
	require.Regexp(t, `^stake1[02-9ac-hj-np-z]{38}$`, pk.Address().String())
	require.Equal(t, secp256k1.TypeURL, pk.TypeURL())
	require.Equal(t, "secp256k1", sk.Type())
}
