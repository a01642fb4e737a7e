package ethsecp256k1

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/hex"
	"math/big"
	"testing"

	secp "github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"
)

// hardhatKey is the private key of the first account of Hardhat and Anvil,
// derived from "test test ... junk" at m/44'/60'/0'/0/0, and hardhatAddress
// its well-known address.
const (
	hardhatKey     = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
	hardhatAddress = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
)

func mustKey(t testing.TB, hexKey string) *PrivKey {
	t.Helper()
	raw, err := hex.DecodeString(hexKey)
	require.NoError(t, err)
	sk, err := PrivKeyFromSecret(raw)
	require.NoError(t, err)
	return sk
}

func TestTheAddressOfAKeyIsItsEthereumAddress(t *testing.T) {
	sk := mustKey(t, hardhatKey)
	pk := sk.PubKey()
	require.Len(t, pk.Key, PubKeySize)
	require.NoError(t, pk.Validate())
	require.Equal(t, hardhatAddress, common.BytesToAddress(pk.Address()).Hex())

	// go-ethereum's own derivation from the same scalar agrees.
	ek, err := crypto.ToECDSA(sk.Bytes())
	require.NoError(t, err)
	require.Equal(t, crypto.PubkeyToAddress(ek.PublicKey).Bytes(), []byte(pk.Address()))
	require.Equal(t, crypto.CompressPubkey(&ek.PublicKey), pk.Key)
}

func TestTheTypeURLsAreThoseOfCosmosEVM(t *testing.T) {
	require.Equal(t, "/cosmos.evm.crypto.v1.ethsecp256k1.PubKey", (&PubKey{}).TypeURL())
	require.Equal(t, "/cosmos.evm.crypto.v1.ethsecp256k1.PrivKey", PrivKeyTypeURL)
	require.Equal(t, "eth_secp256k1", (&PrivKey{}).Type())
}

func TestASignatureIsSixtyFiveBytesThatGoEthereumRecoversOverTheKeccakOfTheMessage(t *testing.T) {
	sk := mustKey(t, hardhatKey)
	msg := []byte("a sign doc")
	sig, err := sk.Sign(msg)
	require.NoError(t, err)
	require.Len(t, sig, SignatureSize)
	require.LessOrEqual(t, sig[64], byte(1))

	pub, err := crypto.Ecrecover(crypto.Keccak256(msg), sig)
	require.NoError(t, err)
	require.Equal(t, sk.PubKey().Key, crypto.CompressPubkey(mustUnmarshal(t, pub)))
	require.True(t, sk.PubKey().VerifySignature(msg, sig))

	// Deterministic: the same message, the same signature.
	again, err := sk.Sign(msg)
	require.NoError(t, err)
	require.Equal(t, sig, again)
}

func mustUnmarshal(t *testing.T, pub []byte) *ecdsa.PublicKey {
	t.Helper()
	k, err := crypto.UnmarshalPubkey(pub)
	require.NoError(t, err)
	return k
}

// order is n, the order of the curve.
var order = secp.S256().N

// highS returns sig with S replaced by n - S: the same signature in its
// other, malleated form.
func highS(sig []byte) []byte {
	out := append([]byte(nil), sig...)
	s := new(big.Int).SetBytes(sig[32:64])
	new(big.Int).Sub(order, s).FillBytes(out[32:64])
	if len(out) == SignatureSize {
		out[64] ^= 1 // negating S flips the recovery id
	}
	return out
}

func TestVerifySignatureAcceptsOnlyTheRightSignatureInItsTwoForms(t *testing.T) {
	sk := mustKey(t, hardhatKey)
	pk := sk.PubKey()
	msg := []byte("a sign doc")
	sig, err := sk.Sign(msg)
	require.NoError(t, err)
	other := GenPrivKey()
	otherSig, err := other.Sign(msg)
	require.NoError(t, err)
	sha := sha256.Sum256(msg)
	shaSig, err := crypto.Sign(sha[:], mustECDSA(t, sk))
	require.NoError(t, err)

	wrongV := append([]byte(nil), sig...)
	wrongV[64] ^= 1
	v27 := append([]byte(nil), sig...)
	v27[64] += 27
	zeroR := append(make([]byte, 32), sig[32:]...)
	overR := append(order.FillBytes(make([]byte, 32)), sig[32:]...)

	tests := []struct {
		name string
		msg  []byte
		sig  []byte
		want bool
	}{
		{"R || S || V as go-ethereum signs", msg, sig, true},
		{"R || S without V, as some wallets send", msg, sig[:64], true},
		{"the recovery id of the other point", msg, wrongV, false},
		{"V written as 27 or 28", msg, v27, false},
		{"S in the upper half, with V", msg, highS(sig), false},
		{"S in the upper half, without V", msg, highS(sig[:64]), false},
		{"another message", []byte("a sign doc!"), sig, false},
		{"another key's signature", msg, otherSig, false},
		{"a signature of SHA-256 of the message, not keccak", msg, shaSig, false},
		{"R zero", msg, zeroR, false},
		{"R equal to the order", msg, overR, false},
		{"63 bytes", msg, sig[:63], false},
		{"66 bytes", msg, append(append([]byte(nil), sig...), 0), false},
		{"empty", msg, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, pk.VerifySignature(tt.msg, tt.sig))
			require.Equal(t, tt.want, verify(pk.Key, tt.msg, tt.sig, pureCurve), "the Go curve")
		})
	}
	// The two high-S forms are valid ECDSA: only the rule refuses them.
	h := [32]byte(crypto.Keccak256(msg))
	require.True(t, verifyDigestPure(pk.Key, &h, highS(sig[:64])))
}

func mustECDSA(t *testing.T, sk *PrivKey) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.ToECDSA(sk.Bytes())
	require.NoError(t, err)
	return k
}

func TestValidateRefusesKeysThatAreNotCompressedPoints(t *testing.T) {
	good := mustKey(t, hardhatKey).PubKey().Key
	notOnCurve := append([]byte{0x02}, make([]byte, 32)...)
	badPrefix := append([]byte{0x04}, good[1:]...)
	ek, err := crypto.ToECDSA(mustKey(t, hardhatKey).Bytes())
	require.NoError(t, err)
	uncompressed := crypto.FromECDSAPub(&ek.PublicKey)
	for name, key := range map[string][]byte{
		"empty":        nil,
		"32 bytes":     good[:32],
		"uncompressed": uncompressed,
		"not on curve": notOnCurve,
		"prefix 0x04":  badPrefix,
	} {
		t.Run(name, func(t *testing.T) {
			pk := &PubKey{Key: key}
			require.ErrorIs(t, pk.Validate(), ErrInvalidPubKey)
			require.Nil(t, pk.Address())
			require.False(t, pk.VerifySignature([]byte("m"), make([]byte, 65)))
		})
	}
	var nilKey *PubKey
	require.ErrorIs(t, nilKey.Validate(), ErrInvalidPubKey)
	require.False(t, nilKey.VerifySignature([]byte("m"), make([]byte, 65)))
}

func TestPrivKeyFromSecretRefusesScalarsOutsideTheOrder(t *testing.T) {
	for name, secret := range map[string][]byte{
		"zero":      make([]byte, 32),
		"the order": order.FillBytes(make([]byte, 32)),
		"31 bytes":  make([]byte, 31),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := PrivKeyFromSecret(secret)
			require.ErrorIs(t, err, ErrInvalidPrivKey)
		})
	}
	one := make([]byte, 32)
	one[31] = 1
	sk, err := PrivKeyFromSecret(one)
	require.NoError(t, err)
	one[31] = 2
	require.Equal(t, byte(1), sk.Key[31], "the key is a copy of the secret")

	_, err = (&PrivKey{Key: make([]byte, 32)}).Sign([]byte("m"))
	require.ErrorIs(t, err, ErrInvalidPrivKey)
}

func TestGeneratedKeysAreDistinctAndSign(t *testing.T) {
	a, b := GenPrivKey(), GenPrivKey()
	require.NotEqual(t, a.Key, b.Key)
	sig, err := a.Sign([]byte("m"))
	require.NoError(t, err)
	require.True(t, a.PubKey().VerifySignature([]byte("m"), sig))
	require.False(t, b.PubKey().VerifySignature([]byte("m"), sig))
}

func TestTheKeyEncodesAsTheCosmosEVMProtobufMessage(t *testing.T) {
	pk := mustKey(t, hardhatKey).PubKey()
	bz, err := pk.Marshal()
	require.NoError(t, err)
	require.Equal(t, append([]byte{0x0a, 33}, pk.Key...), bz)
	var back PubKey
	require.NoError(t, back.Unmarshal(bz))
	require.Equal(t, pk.Key, back.Key)
}
