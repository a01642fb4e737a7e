package keys

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/btcsuite/btcd/btcutil/base58"
	"github.com/btcsuite/btcd/btcutil/bech32"
	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

// xprvParts returns the chain code and private key of a serialized BIP-32
// extended private key (version 4 | depth 1 | fingerprint 4 | child 4 |
// chain code 32 | 0x00 key 33 | checksum 4).
func xprvParts(t *testing.T, xprv string) (chain, key []byte) {
	t.Helper()
	raw := base58.Decode(xprv)
	require.Len(t, raw, 82, xprv)
	require.Equal(t, byte(0), raw[45])
	return raw[13:45], raw[46:78]
}

// TestBIP32OfficialVectors checks the derivation against test vectors 1 and
// 2 of bip-0032.mediawiki (every chain, hardened and normal children).
func TestBIP32OfficialVectors(t *testing.T) {
	vectors := []struct {
		seed   string
		chains [][2]string // path, ext prv
	}{
		{
			seed: "000102030405060708090a0b0c0d0e0f",
			chains: [][2]string{
				{"m", "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"},
				{"m/0H", "xprv9uHRZZhk6KAJC1avXpDAp4MDc3sQKNxDiPvvkX8Br5ngLNv1TxvUxt4cV1rGL5hj6KCesnDYUhd7oWgT11eZG7XnxHrnYeSvkzY7d2bhkJ7"},
				{"m/0H/1", "xprv9wTYmMFdV23N2TdNG573QoEsfRrWKQgWeibmLntzniatZvR9BmLnvSxqu53Kw1UmYPxLgboyZQaXwTCg8MSY3H2EU4pWcQDnRnrVA1xe8fs"},
				{"m/0H/1/2H", "xprv9z4pot5VBttmtdRTWfWQmoH1taj2axGVzFqSb8C9xaxKymcFzXBDptWmT7FwuEzG3ryjH4ktypQSAewRiNMjANTtpgP4mLTj34bhnZX7UiM"},
				{"m/0H/1/2H/2", "xprvA2JDeKCSNNZky6uBCviVfJSKyQ1mDYahRjijr5idH2WwLsEd4Hsb2Tyh8RfQMuPh7f7RtyzTtdrbdqqsunu5Mm3wDvUAKRHSC34sJ7in334"},
				{"m/0H/1/2H/2/1000000000", "xprvA41z7zogVVwxVSgdKUHDy1SKmdb533PjDz7J6N6mV6uS3ze1ai8FHa8kmHScGpWmj4WggLyQjgPie1rFSruoUihUZREPSL39UNdE3BBDu76"},
			},
		},
		{
			seed: "fffcf9f6f3f0edeae7e4e1dedbd8d5d2cfccc9c6c3c0bdbab7b4b1aeaba8a5a29f9c999693908d8a8784817e7b7875726f6c696663605d5a5754514e4b484542",
			chains: [][2]string{
				{"m", "xprv9s21ZrQH143K31xYSDQpPDxsXRTUcvj2iNHm5NUtrGiGG5e2DtALGdso3pGz6ssrdK4PFmM8NSpSBHNqPqm55Qn3LqFtT2emdEXVYsCzC2U"},
				{"m/0", "xprv9vHkqa6EV4sPZHYqZznhT2NPtPCjKuDKGY38FBWLvgaDx45zo9WQRUT3dKYnjwih2yJD9mkrocEZXo1ex8G81dwSM1fwqWpWkeS3v86pgKt"},
				{"m/0/2147483647H", "xprv9wSp6B7kry3Vj9m1zSnLvN3xH8RdsPP1Mh7fAaR7aRLcQMKTR2vidYEeEg2mUCTAwCd6vnxVrcjfy2kRgVsFawNzmjuHc2YmYRmagcEPdU9"},
				{"m/0/2147483647H/1", "xprv9zFnWC6h2cLgpmSA46vutJzBcfJ8yaJGg8cX1e5StJh45BBciYTRXSd25UEPVuesF9yog62tGAQtHjXajPPdbRCHuWS6T8XA2ECKADdw4Ef"},
				{"m/0/2147483647H/1/2147483646H", "xprvA1RpRA33e1JQ7ifknakTFpgNXPmW2YvmhqLQYMmrj4xJXXWYpDPS3xz7iAxn8L39njGVyuoseXzU6rcxFLJ8HFsTjSyQbLYnMpCqE2VbFWc"},
				{"m/0/2147483647H/1/2147483646H/2", "xprvA2nrNbFZABcdryreWet9Ea4LvTJcGsqrMzxHx98MMrotbir7yrKCEXw7nadnHM8Dq38EGfSh6dqA9QWTyefMLEcBYJUuekgW4BYPJcr9E7j"},
			},
		},
	}
	for _, v := range vectors {
		seed := mustHex(t, v.seed)
		for _, c := range v.chains {
			path, err := ParseHDPath(c[0])
			require.NoError(t, err, c[0])
			x, err := deriveBIP32(seed, path)
			require.NoError(t, err, c[0])
			wantChain, wantKey := xprvParts(t, c[1])
			require.Equal(t, hex.EncodeToString(wantKey), hex.EncodeToString(x.key[:]), "key at %s", c[0])
			require.Equal(t, hex.EncodeToString(wantChain), hex.EncodeToString(x.chain[:]), "chain code at %s", c[0])
		}
	}
}

// TestSLIP10Ed25519Vector1 checks the ed25519 derivation against SLIP-0010
// "Test vector 1 for ed25519" (seed 000102...0f).
func TestSLIP10Ed25519Vector1(t *testing.T) {
	seed := mustHex(t, "000102030405060708090a0b0c0d0e0f")
	for path, want := range map[string]string{
		"m":                         "2b4be7f19ee27bbf30c667b642d5f4aa69fd169872f8fc3059c08ebae2eb19e7",
		"m/0'":                      "68e0fe46dfb67e368c75379acec591dad19df3cde26e63b93a8e704f1dade7a3",
		"m/0'/1'":                   "b1d0bad404bf35da785a64ca1ac54b2617211d2777696fbffaf208f746ae84f2",
		"m/0'/1'/2'/2'/1000000000'": "8f94d394a8e8fd6b1bc2f3f49f5c47e385281d5c17e65324b0f62483e37e8793",
		// Normal indexes are promoted to hardened.
		"m/0/1/2/2/1000000000": "8f94d394a8e8fd6b1bc2f3f49f5c47e385281d5c17e65324b0f62483e37e8793",
	} {
		p, err := ParseHDPath(path)
		require.NoError(t, err)
		got := deriveSLIP10Ed25519(seed, p)
		require.Equal(t, want, hex.EncodeToString(got[:]), path)
	}
}

func bech32Bytes(t *testing.T, s string) []byte {
	t.Helper()
	_, data, err := bech32.Decode(s)
	require.NoError(t, err)
	raw, err := bech32.ConvertBits(data, 5, 8, false)
	require.NoError(t, err)
	return raw
}

// TestCosmosMnemonicsGiveTheSameAddresses checks DefaultHDPath derivation
// against addresses that Cosmos software derives from the same mnemonics.
func TestCosmosMnemonicsGiveTheSameAddresses(t *testing.T) {
	t.Run("CosmJS faucet key", func(t *testing.T) {
		// cosmos/cosmjs packages/cli/examples/local_faucet.ts: the faucet
		// mnemonic at HdPaths.cosmos(0) = m/44'/118'/0'/0/0.
		const mnemonic = "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom lizard educate guess current outdoor pair theory focus wife stone"
		sk, err := DeriveSecp256k1(mnemonic, "", DefaultHDPath)
		require.NoError(t, err)
		addr := sk.PubKey().Address()
		require.Equal(t, bech32Bytes(t, "cosmos1pkptre7fdkl6gfrzlesjjvhxhlc3r4gmmk8rs6"), []byte(addr))
		require.True(t, strings.HasPrefix(addr.String(), "stake1"))
	})

	// The Cosmos fundraiser vectors (private key, compressed public key and
	// address bytes at m/44'/118'/0'/0/0); the first private key is also in
	// cosmos-sdk crypto/hd/hdpath_test.go (ExampleSomeBIP32TestVecs).
	fundraiser := []struct{ mnemonic, priv, pub, addr string }{
		{
			"barrel original fuel morning among eternal filter ball stove pluck matrix mechanic",
			"bfcb217c058d8bbafd5e186eae936106ca3e943889b0b4a093ae13822fd3170c",
			"02c44af294758a8404fda5107ae43b7ef21b2118174d22e2fad903f2e716d3d148",
			"be7434e29d0dcb806309c6d515c1042bb3de76c3",
		},
		{
			"drill direct lady member also flash cause leave fault route enroll mention",
			"1ea54a90375cceea7a7cb653e1bf1822bc951d9ad32c526e6e11d87451230c7f",
			"02468d2b7aeeb2574d8e2ebdbed55475713ce875b0e70a1eb89c294013df3b400f",
			"e412a91ab5a0daa203336a5acdaac78971351b71",
		},
		{
			"faint person illness welcome clump oil acoustic cycle common dash also essay",
			"f90019f199a8aca8662192ab417420e5f30843c9e0ffcd03d535dd25d2c06fa0",
			"03b98c37504d1aed954c9feb038fa7f86a02ca7b2edbc1a1d2230ab62fac9700e9",
			"6947641b402ca8fad54b38249f227710b1da9591",
		},
	}
	for _, f := range fundraiser {
		t.Run(f.mnemonic, func(t *testing.T) {
			sk, err := DeriveSecp256k1(f.mnemonic, "", "")
			require.NoError(t, err)
			require.Equal(t, f.priv, hex.EncodeToString(sk.Key))
			require.Equal(t, f.pub, hex.EncodeToString(sk.PubKey().Key))
			require.Equal(t, f.addr, hex.EncodeToString(sk.PubKey().Address()))
		})
	}
}

func TestDerivationDependsOnPassphraseAndPath(t *testing.T) {
	const mnemonic = "barrel original fuel morning among eternal filter ball stove pluck matrix mechanic"
	base, err := DeriveSecp256k1(mnemonic, "", DefaultHDPath)
	require.NoError(t, err)
	withPass, err := DeriveSecp256k1(mnemonic, "TREZOR", DefaultHDPath)
	require.NoError(t, err)
	nextIndex, err := DeriveSecp256k1(mnemonic, "", "m/44'/118'/0'/0/1")
	require.NoError(t, err)
	require.NotEqual(t, base.Key, withPass.Key)
	require.NotEqual(t, base.Key, nextIndex.Key)

	// Untidy white space in a typed mnemonic does not change the key.
	messy, err := DeriveSecp256k1("  barrel original fuel morning among eternal\tfilter ball stove pluck matrix mechanic\n", "", DefaultHDPath)
	require.NoError(t, err)
	require.Equal(t, base.Key, messy.Key)

	ed, err := DeriveEd25519(mnemonic, "", DefaultHDPath)
	require.NoError(t, err)
	ed2, err := DeriveEd25519(mnemonic, "", "")
	require.NoError(t, err)
	require.Equal(t, ed.Key, ed2.Key, "empty path means the default path")
	require.NotEqual(t, ed.Seed(), base.Key, "the ed25519 key is not the secp256k1 scalar")
	edNext, err := DeriveEd25519(mnemonic, "", "m/44'/118'/0'/0/1")
	require.NoError(t, err)
	require.NotEqual(t, ed.Key, edNext.Key)
}

func TestInvalidMnemonicsAreRejected(t *testing.T) {
	for name, m := range map[string]string{
		"empty":          "",
		"bad checksum":   "barrel original fuel morning among eternal filter ball stove pluck matrix matrix",
		"unknown word":   "barrel original fuel morning among eternal filter ball stove pluck matrix stakechain",
		"too few words":  "barrel original fuel",
		"capital letter": "Barrel original fuel morning among eternal filter ball stove pluck matrix mechanic",
	} {
		_, err := DeriveSecp256k1(m, "", DefaultHDPath)
		require.ErrorIs(t, err, ErrInvalidMnemonic, name)
		_, err = DeriveEd25519(m, "", DefaultHDPath)
		require.ErrorIs(t, err, ErrInvalidMnemonic, name)
	}
}

func TestParseHDPath(t *testing.T) {
	const h = HardenedOffset
	good := map[string][]uint32{
		"m":                   {},
		"m/44'/118'/0'/0/0":   {44 + h, 118 + h, h, 0, 0},
		"m/0H/1/2h":           {h, 1, 2 + h},
		"m/2147483647'":       {2147483647 + h},
		"m/0/1":               {0, 1},
		"m/44'/118'/52'/1/41": {44 + h, 118 + h, 52 + h, 1, 41},
	}
	for path, want := range good {
		got, err := ParseHDPath(path)
		require.NoError(t, err, path)
		require.Equal(t, want, got, path)
	}
	for _, path := range []string{
		"", "44'/118'/0'/0/0", "M/0", "m/", "m//0", "m/0/", "m/-1", "m/+1", "m/ 1", "m/1 ",
		"m/2147483648", "m/2147483648'", "m/4294967296", "m/a", "m/1''", "m/0x10", "/44'/0",
	} {
		_, err := ParseHDPath(path)
		require.ErrorIs(t, err, ErrInvalidHDPath, "%q", path)
	}
}

func TestNewMnemonicIs24ValidWords(t *testing.T) {
	a, err := NewMnemonic()
	require.NoError(t, err)
	b, err := NewMnemonic()
	require.NoError(t, err)
	require.Len(t, strings.Fields(a), 24)
	require.NotEqual(t, a, b)
	_, err = Seed(a, "")
	require.NoError(t, err)
	for _, kt := range KeyTypes {
		sk, err := DerivePrivKey(kt, a, "", DefaultHDPath)
		require.NoError(t, err)
		require.Equal(t, kt, sk.Type())
		msg := []byte("hello")
		sig, err := sk.Sign(msg)
		require.NoError(t, err)
		require.True(t, sk.PubKey().VerifySignature(msg, sig))
	}
	_, err = DerivePrivKey("sr25519", a, "", DefaultHDPath)
	require.ErrorIs(t, err, ErrUnknownKeyType)
}

// hardhatMnemonic is the mnemonic of Hardhat's and Anvil's development
// accounts; the first, at m/44'/60'/0'/0/0, is hardhatAddress.
const (
	hardhatMnemonic = "test test test test test test test test test test test junk"
	hardhatAddress  = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
	hardhatSecond   = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" // m/44'/60'/0'/0/1
)

func TestAnEthereumKeyDerivesAtMetaMasksPathByDefault(t *testing.T) {
	require.Equal(t, "m/44'/60'/0'/0/0", DefaultHDPathFor(KeyTypeEthSecp256k1))
	require.Equal(t, DefaultHDPath, DefaultHDPathFor(KeyTypeSecp256k1))
	require.Equal(t, DefaultHDPath, DefaultHDPathFor(KeyTypeEd25519))

	for _, path := range []string{"", EthHDPath} {
		sk, err := DerivePrivKey(KeyTypeEthSecp256k1, hardhatMnemonic, "", path)
		require.NoError(t, err)
		require.Equal(t, KeyTypeEthSecp256k1, sk.Type())
		require.Equal(t, hardhatAddress, common.BytesToAddress(sk.PubKey().Address()).Hex(), "path %q", path)
		require.Equal(t, "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", hex.EncodeToString(sk.Bytes()))
	}
	second, err := DerivePrivKey(KeyTypeEthSecp256k1, hardhatMnemonic, "", "m/44'/60'/0'/0/1")
	require.NoError(t, err)
	require.Equal(t, hardhatSecond, common.BytesToAddress(second.PubKey().Address()).Hex())

	// The scalar is the secp256k1 one at the same path; only the address
	// differs.
	first, err := DerivePrivKey(KeyTypeEthSecp256k1, hardhatMnemonic, "", "")
	require.NoError(t, err)
	cosmos, err := DeriveSecp256k1(hardhatMnemonic, "", EthHDPath)
	require.NoError(t, err)
	require.Equal(t, cosmos.Key, first.Bytes())
	require.Equal(t, cosmos.PubKey().Key, first.PubKey().Bytes())
	require.NotEqual(t, cosmos.PubKey().Address(), first.PubKey().Address())

	_, err = DerivePrivKey(KeyTypeEthSecp256k1, hardhatMnemonic+" test", "", "")
	require.ErrorIs(t, err, ErrInvalidMnemonic)
	_, err = DerivePrivKey(KeyTypeEthSecp256k1, hardhatMnemonic, "", "m/44'/60'/x")
	require.ErrorIs(t, err, ErrInvalidHDPath)
}
