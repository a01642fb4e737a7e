package keys_test

import (
	"testing"

	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/auth/keys"
	"github.com/stakechain/stakechain/x/auth/keys/ed25519"
	"github.com/stakechain/stakechain/x/auth/keys/ethsecp256k1"
	"github.com/stakechain/stakechain/x/auth/keys/secp256k1"
)

func TestPubKeyAnyRoundTrip(t *testing.T) {
	for _, kt := range keys.KeyTypes {
		t.Run(kt, func(t *testing.T) {
			sk, err := keys.GenPrivKey(kt)
			require.NoError(t, err)
			pk := sk.PubKey()
			a := keys.PubKeyToAny(pk)
			require.Equal(t, pk.TypeURL(), a.TypeUrl)

			back, err := keys.PubKeyFromAny(a)
			require.NoError(t, err)
			require.Equal(t, pk.Bytes(), back.Bytes())
			require.Equal(t, pk.Address(), back.Address())
			gotType, err := keys.KeyTypeOf(back)
			require.NoError(t, err)
			require.Equal(t, kt, gotType)

			msg := []byte("tx")
			sig, err := sk.Sign(msg)
			require.NoError(t, err)
			require.True(t, back.VerifySignature(msg, sig))

			again, err := keys.PrivKeyFromBytes(kt, sk.Bytes())
			require.NoError(t, err)
			require.Equal(t, pk.Bytes(), again.PubKey().Bytes())
		})
	}
}

func TestPubKeyToAnyMatchesTheProtobufEncoding(t *testing.T) {
	secp := secp256k1.GenPrivKey().PubKey()
	want, err := secp.Marshal()
	require.NoError(t, err)
	require.Equal(t, want, keys.PubKeyToAny(secp).Value)

	ed := ed25519.GenPrivKey().PubKey()
	want, err = ed.Marshal()
	require.NoError(t, err)
	require.Equal(t, want, keys.PubKeyToAny(ed).Value)
	require.Equal(t, "/cosmos.crypto.ed25519.PubKey", keys.PubKeyToAny(ed).TypeUrl)
	require.Equal(t, "/cosmos.crypto.secp256k1.PubKey", keys.PubKeyToAny(secp).TypeUrl)

	eth := ethsecp256k1.GenPrivKey().PubKey()
	want, err = eth.Marshal()
	require.NoError(t, err)
	require.Equal(t, want, keys.PubKeyToAny(eth).Value)
	require.Equal(t, "/cosmos.evm.crypto.v1.ethsecp256k1.PubKey", keys.PubKeyToAny(eth).TypeUrl)
}

func TestTheSameScalarUnderTheTwoSecp256k1TypeURLsIsTwoAccounts(t *testing.T) {
	sk := secp256k1.GenPrivKey()
	ethSK, err := keys.PrivKeyFromBytes(keys.KeyTypeEthSecp256k1, sk.Key)
	require.NoError(t, err)
	key := sk.PubKey().Key
	require.Equal(t, key, ethSK.PubKey().Bytes())

	cosmos, err := keys.PubKeyFromAny(anyOf(t, secp256k1.TypeURL, key))
	require.NoError(t, err)
	eth, err := keys.PubKeyFromAny(anyOf(t, ethsecp256k1.TypeURL, key))
	require.NoError(t, err)
	require.Equal(t, sk.PubKey().Address(), cosmos.Address())
	require.Equal(t, ethSK.PubKey().Address(), eth.Address())
	require.NotEqual(t, cosmos.Address(), eth.Address())
	kt, err := keys.KeyTypeOf(eth)
	require.NoError(t, err)
	require.Equal(t, keys.KeyTypeEthSecp256k1, kt)

	// Each verifies its own hash only: SHA-256 for one, keccak-256 for the other.
	msg := []byte("sign doc")
	cosmosSig, err := sk.Sign(msg)
	require.NoError(t, err)
	ethSig, err := ethSK.Sign(msg)
	require.NoError(t, err)
	require.True(t, cosmos.VerifySignature(msg, cosmosSig))
	require.True(t, eth.VerifySignature(msg, ethSig))
	require.False(t, eth.VerifySignature(msg, cosmosSig))
	require.False(t, cosmos.VerifySignature(msg, ethSig[:64]))
}

func anyOf(t *testing.T, typeURL string, key []byte) *gogotypes.Any {
	t.Helper()
	value, err := (&secp256k1.PubKey{Key: key}).Marshal()
	require.NoError(t, err)
	return &gogotypes.Any{TypeUrl: typeURL, Value: value}
}

func TestPubKeyFromAnyRejectsBadKeys(t *testing.T) {
	secpKey := secp256k1.GenPrivKey().PubKey().Key
	edKey := ed25519.GenPrivKey().PubKey().Key
	offCurve := append([]byte{0x02}, make([]byte, 32)...) // x = 0 has no point on secp256k1
	cases := []struct {
		name string
		any  *gogotypes.Any
		want error
	}{
		{"a missing key", nil, keys.ErrInvalidPubKey},
		{"an unknown type URL", anyOf(t, "/cosmos.crypto.sr25519.PubKey", secpKey), keys.ErrUnknownKeyType},
		{"a multisig key", anyOf(t, "/cosmos.crypto.multisig.LegacyAminoPubKey", secpKey), keys.ErrUnknownKeyType},
		{"an empty type URL", anyOf(t, "", secpKey), keys.ErrUnknownKeyType},
		{"an ed25519 key under the secp256k1 URL", anyOf(t, secp256k1.TypeURL, edKey), keys.ErrInvalidPubKey},
		{"a secp256k1 key under the ed25519 URL", anyOf(t, ed25519.TypeURL, secpKey), keys.ErrInvalidPubKey},
		{"a secp256k1 point not on the curve", anyOf(t, secp256k1.TypeURL, offCurve), keys.ErrInvalidPubKey},
		{"an eth_secp256k1 point not on the curve", anyOf(t, ethsecp256k1.TypeURL, offCurve), keys.ErrInvalidPubKey},
		{"an ed25519 key under the eth_secp256k1 URL", anyOf(t, ethsecp256k1.TypeURL, edKey), keys.ErrInvalidPubKey},
		{"undecodable eth_secp256k1 bytes", &gogotypes.Any{TypeUrl: ethsecp256k1.TypeURL, Value: []byte{0x0a, 0x40, 1}}, keys.ErrInvalidPubKey},
		{"an empty secp256k1 key", anyOf(t, secp256k1.TypeURL, nil), keys.ErrInvalidPubKey},
		{"undecodable bytes", &gogotypes.Any{TypeUrl: secp256k1.TypeURL, Value: []byte{0x0a, 0x40, 1}}, keys.ErrInvalidPubKey},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pk, err := keys.PubKeyFromAny(c.any)
			require.ErrorIs(t, err, c.want)
			require.Nil(t, pk)
		})
	}

	// The error says what was wrong.
	_, err := keys.PubKeyFromAny(anyOf(t, secp256k1.TypeURL, edKey))
	require.ErrorContains(t, err, "length 32, want 33")
	_, err = keys.PubKeyFromAny(anyOf(t, secp256k1.TypeURL, offCurve))
	require.ErrorContains(t, err, "secp256k1 curve")
	_, err = keys.PubKeyFromAny(anyOf(t, "/x.Key", secpKey))
	require.ErrorContains(t, err, `"/x.Key"`)
}

func TestPubKeyFromBytes(t *testing.T) {
	pk := secp256k1.GenPrivKey().PubKey()
	got, err := keys.PubKeyFromBytes(keys.KeyTypeSecp256k1, pk.Key)
	require.NoError(t, err)
	require.Equal(t, pk.Address(), got.Address())
	_, err = keys.PubKeyFromBytes(keys.KeyTypeEd25519, pk.Key)
	require.ErrorIs(t, err, keys.ErrInvalidPubKey)
	_, err = keys.PubKeyFromBytes("rsa", pk.Key)
	require.ErrorIs(t, err, keys.ErrUnknownKeyType)
	_, err = keys.PrivKeyFromBytes(keys.KeyTypeSecp256k1, make([]byte, 32))
	require.ErrorIs(t, err, keys.ErrInvalidPrivKey)
	require.NoError(t, keys.ValidateKeyType("ed25519"))
	require.NoError(t, keys.ValidateKeyType("eth_secp256k1"))
	_, err = keys.PubKeyFromBytes(keys.KeyTypeEthSecp256k1, pk.Key[:32])
	require.ErrorIs(t, err, keys.ErrInvalidPubKey)
	got, err = keys.PubKeyFromBytes(keys.KeyTypeEthSecp256k1, pk.Key)
	require.NoError(t, err)
	require.Equal(t, ethsecp256k1.TypeURL, got.TypeURL())
	_, err = keys.PrivKeyFromBytes(keys.KeyTypeEthSecp256k1, make([]byte, 32))
	require.ErrorIs(t, err, keys.ErrInvalidPrivKey)
	require.ErrorIs(t, keys.ValidateKeyType("ED25519"), keys.ErrUnknownKeyType)
}
