package keyring

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/btcsuite/btcd/btcutil/bech32"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/auth/keys"
)

func TestMain(m *testing.M) {
	// Cheap derivations keep the tests fast; the format stores the cost.
	defaultScrypt = scryptParams{N: 1 << 10, R: 8, P: 1}
	os.Exit(m.Run())
}

// faucetMnemonic is the CosmJS faucet mnemonic; at m/44'/118'/0'/0/0 it is
// cosmos1pkptre7fdkl6gfrzlesjjvhxhlc3r4gmmk8rs6.
const faucetMnemonic = "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom lizard educate guess current outdoor pair theory focus wife stone"

// passphrases is a passphrase callback that records its prompts.
type passphrases struct {
	mu      sync.Mutex
	answers map[string]string
	prompts []string
}

func newPassphrases(keyring, export string) *passphrases {
	return &passphrases{answers: map[string]string{
		PromptPassphrase:       keyring,
		PromptNewPassphrase:    keyring,
		PromptExportPassphrase: export,
		PromptImportPassphrase: export,
	}}
}

func (p *passphrases) get(prompt string) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.prompts = append(p.prompts, prompt)
	a, ok := p.answers[prompt]
	if !ok {
		return "", fmt.Errorf("unexpected prompt %q", prompt)
	}
	return a, nil
}

func (p *passphrases) asked() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.prompts...)
}

func open(t *testing.T, backend, dir string, p *passphrases) Keyring {
	t.Helper()
	kr, err := New(backend, dir, p.get)
	require.NoError(t, err)
	return kr
}

var backends = []string{BackendFile, BackendTest}

func forEachBackend(t *testing.T, f func(t *testing.T, backend string)) {
	for _, b := range backends {
		t.Run(b, func(t *testing.T) { f(t, b) })
	}
}

func TestAddGetListSignDelete(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		dir := filepath.Join(t.TempDir(), "keyring")
		kr := open(t, backend, dir, newPassphrases("correct horse", "export pass"))

		bob, err := kr.Add("bob", "", "", "")
		require.NoError(t, err)
		require.Len(t, strings.Fields(bob.Mnemonic), 24, "a generated mnemonic is returned once")
		require.Equal(t, RecordTypeLocal, bob.Type)
		require.Equal(t, keys.KeyTypeSecp256k1, bob.KeyType)
		require.Equal(t, bob.PubKey.Address(), bob.Address)

		alice, err := kr.Add("alice", "", keys.DefaultHDPath, keys.KeyTypeEd25519)
		require.NoError(t, err)
		require.Equal(t, keys.KeyTypeEd25519, alice.KeyType)

		got, err := kr.Get("bob")
		require.NoError(t, err)
		require.Empty(t, got.Mnemonic, "the mnemonic is not stored")
		require.Equal(t, bob.Address, got.Address)
		require.Equal(t, bob.PubKey.Bytes(), got.PubKey.Bytes())

		byAddr, err := kr.GetByAddress(alice.Address)
		require.NoError(t, err)
		require.Equal(t, "alice", byAddr.Name)

		list, err := kr.List()
		require.NoError(t, err)
		require.Len(t, list, 2)
		require.Equal(t, "alice", list[0].Name, "sorted by name")
		require.Equal(t, "bob", list[1].Name)

		for _, r := range list {
			sk, err := kr.Signer(r.Name)
			require.NoError(t, err)
			require.Equal(t, r.KeyType, sk.Type())
			sig, err := sk.Sign([]byte("sign doc"))
			require.NoError(t, err)
			require.True(t, r.PubKey.VerifySignature([]byte("sign doc"), sig))
		}

		require.NoError(t, kr.Delete("bob"))
		_, err = kr.Get("bob")
		require.ErrorIs(t, err, ErrKeyNotFound)
		require.ErrorIs(t, kr.Delete("bob"), ErrKeyNotFound)
		_, err = kr.Signer("bob")
		require.ErrorIs(t, err, ErrKeyNotFound)
		list, err = kr.List()
		require.NoError(t, err)
		require.Len(t, list, 1)

		// A second Keyring on the directory sees the same keys.
		again := open(t, backend, dir, newPassphrases("correct horse", ""))
		r, err := again.Get("alice")
		require.NoError(t, err)
		require.Equal(t, alice.Address, r.Address)
	})
}

func TestMnemonicRecoveryGivesTheSameAddress(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		kr := open(t, backend, t.TempDir(), newPassphrases("correct horse", ""))

		// The CosmJS faucet mnemonic gives the CosmJS address bytes.
		faucet, err := kr.Add("faucet", faucetMnemonic, "", "")
		require.NoError(t, err)
		require.Empty(t, faucet.Mnemonic)
		_, data, err := bech32.Decode("cosmos1pkptre7fdkl6gfrzlesjjvhxhlc3r4gmmk8rs6")
		require.NoError(t, err)
		want, err := bech32.ConvertBits(data, 5, 8, false)
		require.NoError(t, err)
		require.Equal(t, want, []byte(faucet.Address))

		for _, kt := range keys.KeyTypes {
			gen, err := kr.Add("gen-"+kt, "", "", kt)
			require.NoError(t, err)
			require.NoError(t, kr.Delete("gen-"+kt))
			rec, err := kr.Add("recovered-"+kt, "  "+gen.Mnemonic+"\n", "", kt)
			require.NoError(t, err)
			require.Equal(t, gen.Address, rec.Address)
			require.Equal(t, gen.PubKey.Bytes(), rec.PubKey.Bytes())
		}
	})
}

func TestDuplicatesAndBadInputAreRejected(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		kr := open(t, backend, t.TempDir(), newPassphrases("correct horse", ""))
		_, err := kr.Add("faucet", faucetMnemonic, "", "")
		require.NoError(t, err)

		_, err = kr.Add("faucet", "", "", "")
		require.ErrorIs(t, err, ErrKeyExists)
		_, err = kr.Add("faucet2", faucetMnemonic, "", "")
		require.ErrorIs(t, err, ErrKeyExists, "the same address under another name")
		require.ErrorContains(t, err, `"faucet"`)

		_, err = kr.Add("other-path", faucetMnemonic, "m/44'/118'/0'/0/1", "")
		require.NoError(t, err, "another index is another address")

		for _, name := range []string{"", "a/b", "../x", "a b", "é", strings.Repeat("a", 65), "x\x00"} {
			_, err = kr.Add(name, "", "", "")
			require.ErrorIs(t, err, ErrInvalidName, "%q", name)
			_, err = kr.Get(name)
			require.ErrorIs(t, err, ErrInvalidName, "%q", name)
		}
		_, err = kr.Add(strings.Repeat("a", 64), "", "", "")
		require.NoError(t, err)
		_, err = kr.Add("A-z_0.9", "", "", "")
		require.NoError(t, err)

		_, err = kr.Add("bad-mnemonic", "abandon abandon abandon", "", "")
		require.ErrorIs(t, err, keys.ErrInvalidMnemonic)
		_, err = kr.Add("bad-type", "", "", "sr25519")
		require.ErrorIs(t, err, keys.ErrUnknownKeyType)
		_, err = kr.Add("bad-path", "", "44'/118'", "")
		require.ErrorIs(t, err, keys.ErrInvalidHDPath)
		_, err = kr.Get("nobody")
		require.ErrorIs(t, err, ErrKeyNotFound)
	})
}

func TestFilesArePrivate(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		dir := filepath.Join(t.TempDir(), "new", "keyring")
		kr := open(t, backend, dir, newPassphrases("correct horse", ""))
		_, err := kr.Add("alice", "", "", "")
		require.NoError(t, err)

		st, err := os.Stat(dir)
		require.NoError(t, err)
		require.Equal(t, os.FileMode(0o700), st.Mode().Perm())
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		want := map[string]bool{"alice" + map[string]string{BackendFile: ".key", BackendTest: ".json"}[backend]: true}
		if backend == BackendFile {
			want[keyhashFile] = true
		}
		require.Len(t, entries, len(want), "no temporary files are left")
		for _, e := range entries {
			require.True(t, want[e.Name()], e.Name())
			info, err := e.Info()
			require.NoError(t, err)
			require.Equal(t, os.FileMode(0o600), info.Mode().Perm(), e.Name())
		}
	})
}

func TestFileBackendPassphrase(t *testing.T) {
	dir := t.TempDir()
	p := newPassphrases("correct horse", "")
	kr := open(t, BackendFile, dir, p)

	// Reading an empty keyring asks nothing.
	list, err := kr.List()
	require.NoError(t, err)
	require.Empty(t, list)
	_, err = kr.Get("alice")
	require.ErrorIs(t, err, ErrKeyNotFound)
	require.Empty(t, p.asked())

	// The first key asks for a new passphrase, once.
	_, err = kr.Add("alice", "", "", "")
	require.NoError(t, err)
	_, err = kr.Add("bob", "", "", "")
	require.NoError(t, err)
	_, err = kr.List()
	require.NoError(t, err)
	_, err = kr.Signer("alice")
	require.NoError(t, err)
	require.Equal(t, []string{PromptNewPassphrase}, p.asked())

	// A new Keyring asks for the passphrase once.
	p2 := newPassphrases("correct horse", "")
	kr2 := open(t, BackendFile, dir, p2)
	_, err = kr2.List()
	require.NoError(t, err)
	_, err = kr2.Get("bob")
	require.NoError(t, err)
	require.Equal(t, []string{PromptPassphrase}, p2.asked())

	// A wrong passphrase is told apart from a corrupted file.
	for _, op := range map[string]func(Keyring) error{
		"list":   func(k Keyring) error { _, err := k.List(); return err },
		"get":    func(k Keyring) error { _, err := k.Get("alice"); return err },
		"signer": func(k Keyring) error { _, err := k.Signer("alice"); return err },
		"add":    func(k Keyring) error { _, err := k.Add("carol", "", "", ""); return err },
		"delete": func(k Keyring) error { return k.Delete("alice") },
	} {
		err := op(open(t, BackendFile, dir, newPassphrases("wrong horse", "")))
		require.ErrorIs(t, err, ErrWrongPassphrase)
		require.NotErrorIs(t, err, ErrCorrupted)
		require.ErrorContains(t, err, "wrong passphrase")
	}
	list, err = kr2.List()
	require.NoError(t, err)
	require.Len(t, list, 2, "failed operations changed nothing")

	// A short passphrase is refused for a new keyring.
	_, err = open(t, BackendFile, t.TempDir(), newPassphrases("short", "")).Add("x", "", "", "")
	require.ErrorContains(t, err, "at least 8 characters")

	// The callback's error is passed on.
	failing, err := New(BackendFile, t.TempDir(), func(string) (string, error) { return "", errors.New("no terminal") })
	require.NoError(t, err)
	_, err = failing.Add("x", "", "", "")
	require.ErrorContains(t, err, "no terminal")
}

func TestFileBackendEncryptsAndAuthenticates(t *testing.T) {
	dir := t.TempDir()
	kr := open(t, BackendFile, dir, newPassphrases("correct horse", ""))
	alice, err := kr.Add("alice", faucetMnemonic, "", "")
	require.NoError(t, err)
	_, err = kr.Add("bob", "", "", "")
	require.NoError(t, err)
	sk, err := kr.Signer("alice")
	require.NoError(t, err)

	raw, err := os.ReadFile(filepath.Join(dir, "alice.key"))
	require.NoError(t, err)
	for _, secret := range []string{
		string(sk.Bytes()),
		base64.StdEncoding.EncodeToString(sk.Bytes()),
		fmt.Sprintf("%x", sk.Bytes()),
		alice.Address.String(),
		"economy",
	} {
		require.NotContains(t, string(raw), secret, "nothing is stored in the clear")
	}

	fresh := func() Keyring { return open(t, BackendFile, dir, newPassphrases("correct horse", "")) }

	// Flip one bit of the ciphertext.
	var sf sealedFile
	require.NoError(t, json.Unmarshal(raw, &sf))
	sf.Ciphertext[len(sf.Ciphertext)/2] ^= 1
	tampered, err := json.Marshal(sf)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "alice.key"), tampered, 0o600))
	_, err = fresh().Get("alice")
	require.ErrorIs(t, err, ErrCorrupted)
	require.ErrorContains(t, err, "authentication failed")
	_, err = fresh().List()
	require.ErrorIs(t, err, ErrCorrupted)

	// Put bob's file under alice's name.
	bobRaw, err := os.ReadFile(filepath.Join(dir, "bob.key"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "alice.key"), bobRaw, 0o600))
	_, err = fresh().Get("alice")
	require.ErrorIs(t, err, ErrCorrupted)

	// Restore: readable again.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "alice.key"), raw, 0o600))
	got, err := fresh().Get("alice")
	require.NoError(t, err)
	require.Equal(t, alice.Address, got.Address)

	// A key file from another keyring with its own passphrase does not open.
	other := t.TempDir()
	_, err = open(t, BackendFile, other, newPassphrases("correct horse", "")).Add("alice", "", "", "")
	require.NoError(t, err)
	otherRaw, err := os.ReadFile(filepath.Join(other, "alice.key"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "alice.key"), otherRaw, 0o600))
	_, err = fresh().Get("alice")
	require.ErrorIs(t, err, ErrCorrupted)

	// Missing or damaged keyhash.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "alice.key"), raw, 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, keyhashFile), []byte(`{"version":1,"kdf":"scrypt","n":1073741824,"r":8,"p":1}`), 0o600))
	_, err = fresh().Get("alice")
	require.ErrorIs(t, err, ErrCorrupted)
	require.NoError(t, os.Remove(filepath.Join(dir, keyhashFile)))
	_, err = fresh().Get("alice")
	require.ErrorIs(t, err, ErrCorrupted)
	require.ErrorContains(t, err, "no keyhash")
}

func TestTestBackendDetectsInconsistentFiles(t *testing.T) {
	dir := t.TempDir()
	kr := open(t, BackendTest, dir, nil2())
	_, err := kr.Add("alice", faucetMnemonic, "", "")
	require.NoError(t, err)
	bob, err := kr.Add("bob", "", "", "")
	require.NoError(t, err)
	path := filepath.Join(dir, "alice.json")
	raw, err := os.ReadFile(path)
	require.NoError(t, err)

	var s storedKey
	require.NoError(t, json.Unmarshal(raw, &s))
	require.Equal(t, "alice", s.Name)
	require.Equal(t, keys.DefaultHDPath, s.HDPath)

	edits := map[string]func(s *storedKey){
		"another address":     func(s *storedKey) { s.Address = bob.Address.String() },
		"another public key":  func(s *storedKey) { s.PubKey = bob.PubKey.Bytes() },
		"another name":        func(s *storedKey) { s.Name = "bob" },
		"a flipped key bit":   func(s *storedKey) { s.PrivKey[3] ^= 1 },
		"an unknown key type": func(s *storedKey) { s.KeyType = "rsa" },
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			var c storedKey
			require.NoError(t, json.Unmarshal(raw, &c))
			edit(&c)
			bz, err := json.Marshal(c)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(path, bz, 0o600))
			_, err = kr.Get("alice")
			require.ErrorIs(t, err, ErrCorrupted)
		})
	}
	require.NoError(t, os.WriteFile(path, []byte("{not json"), 0o600))
	_, err = kr.Get("alice")
	require.ErrorIs(t, err, ErrCorrupted)
}

// nil2 is a passphrase source for the test backend that fails every prompt.
func nil2() *passphrases { return &passphrases{answers: map[string]string{}} }

func TestExportImport(t *testing.T) {
	for _, from := range backends {
		for _, to := range backends {
			t.Run(from+"_to_"+to, func(t *testing.T) {
				src := open(t, from, t.TempDir(), newPassphrases("correct horse", "export pass"))
				dst := open(t, to, t.TempDir(), newPassphrases("battery staple", "export pass"))
				for _, kt := range keys.KeyTypes {
					r, err := src.Add("k-"+kt, "", "", kt)
					require.NoError(t, err)
					armored, err := src.Export("k-" + kt)
					require.NoError(t, err)
					require.True(t, strings.HasPrefix(armored, armorBegin+"\n"))
					require.Contains(t, armored, "key-type: "+kt+"\n")
					require.Contains(t, armored, "address: "+r.Address.String()+"\n")

					require.NoError(t, dst.Import("imported-"+kt, armored))
					got, err := dst.Get("imported-" + kt)
					require.NoError(t, err)
					require.Equal(t, r.Address, got.Address)
					require.Equal(t, kt, got.KeyType)

					require.ErrorIs(t, dst.Import("imported-"+kt, armored), ErrKeyExists)
					require.ErrorIs(t, dst.Import("again-"+kt, armored), ErrKeyExists, "same address")
				}
			})
		}
	}
}

func TestImportRejectsWrongPassphraseAndTampering(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		src := open(t, backend, t.TempDir(), newPassphrases("correct horse", "export pass"))
		_, err := src.Add("alice", faucetMnemonic, "", "")
		require.NoError(t, err)
		other, err := src.Add("bob", "", "", "")
		require.NoError(t, err)
		armored, err := src.Export("alice")
		require.NoError(t, err)

		dst := open(t, backend, t.TempDir(), newPassphrases("correct horse", "not the export pass"))
		require.ErrorIs(t, dst.Import("alice", armored), ErrWrongPassphrase)

		good := open(t, backend, t.TempDir(), newPassphrases("correct horse", "export pass"))
		lines := strings.Split(armored, "\n")
		replace := func(prefix, with string) string {
			out := append([]string(nil), lines...)
			for i, l := range out {
				if strings.HasPrefix(l, prefix) {
					out[i] = with
				}
			}
			return strings.Join(out, "\n")
		}
		body := lines[len(lines)-3]
		flipped := []byte(body)
		if flipped[5] == 'A' {
			flipped[5] = 'B'
		} else {
			flipped[5] = 'A'
		}
		cases := map[string]string{
			"another address header": replace("address: ", "address: "+other.Address.String()),
			"another key type":       replace("key-type: ", "key-type: ed25519"),
			"a lower cost":           replace("scrypt-n: ", "scrypt-n: 512"),
			"a changed body":         replace(body, string(flipped)),
		}
		for name, text := range cases {
			err := good.Import("alice", text)
			require.Error(t, err, name)
			require.True(t, errors.Is(err, ErrWrongPassphrase) || errors.Is(err, ErrCorrupted), "%s: %v", name, err)
		}
		for name, text := range map[string]string{
			"no armor":         "hello",
			"missing end":      strings.Replace(armored, armorEnd, "", 1),
			"missing header":   replace("cipher: ", ""),
			"unknown cipher":   replace("cipher: ", "cipher: aes"),
			"huge cost":        replace("scrypt-n: ", "scrypt-n: 4294967296"),
			"bad salt":         replace("salt: ", "salt: AAAA"),
			"repeated header":  replace("version: ", "kdf: scrypt"),
			"bad key type":     replace("key-type: ", "key-type: rsa"),
			"malformed header": replace("version: ", "version=1"),
		} {
			require.ErrorIs(t, good.Import("alice", text), ErrCorrupted, name)
		}
		require.NoError(t, good.Import("alice", armored))

		// The export passphrase must be long enough.
		short := open(t, backend, t.TempDir(), newPassphrases("correct horse", "short"))
		_, err = short.Add("x", "", "", "")
		require.NoError(t, err)
		_, err = short.Export("x")
		require.ErrorContains(t, err, "at least 8 characters")
	})
}

func TestConcurrentUse(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		dir := t.TempDir()
		kr := open(t, backend, dir, newPassphrases("correct horse", ""))
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := kr.Add(fmt.Sprintf("k%d", i), "", "", ""); err != nil {
					errs <- err
				}
				if _, err := kr.List(); err != nil {
					errs <- err
				}
			}()
		}
		// Two Keyrings racing for one name: exactly one wins.
		other := open(t, backend, dir, newPassphrases("correct horse", ""))
		results := make(chan error, 2)
		for _, k := range []Keyring{kr, other} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := k.Add("contested", "", "", "")
				results <- err
			}()
		}
		wg.Wait()
		close(errs)
		close(results)
		for err := range errs {
			require.NoError(t, err)
		}
		var ok, exists int
		for err := range results {
			switch {
			case err == nil:
				ok++
			case errors.Is(err, ErrKeyExists):
				exists++
			default:
				t.Fatal(err)
			}
		}
		require.Equal(t, 1, ok)
		require.Equal(t, 1, exists)
		list, err := kr.List()
		require.NoError(t, err)
		require.Len(t, list, 9)
	})
}

func TestNewRejectsBadArguments(t *testing.T) {
	_, err := New("os", t.TempDir(), nil)
	require.ErrorIs(t, err, ErrUnknownBackend)
	_, err = New(BackendFile, t.TempDir(), nil)
	require.ErrorIs(t, err, ErrNoPassphrase)
	_, err = New(BackendTest, "", nil)
	require.Error(t, err)

	kr, err := New(BackendTest, t.TempDir(), nil)
	require.NoError(t, err)
	_, err = kr.Add("a", "", "", "")
	require.NoError(t, err)
	_, err = kr.Export("a")
	require.ErrorIs(t, err, ErrNoPassphrase, "export needs a passphrase source")
}

func TestRecordJSON(t *testing.T) {
	kr := open(t, BackendTest, t.TempDir(), nil2())
	r, err := kr.Add("faucet", faucetMnemonic, "", "")
	require.NoError(t, err)
	bz, err := json.Marshal(r)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(bz, &m))
	require.Equal(t, map[string]any{
		"name":     "faucet",
		"type":     "local",
		"key_type": "secp256k1",
		"address":  r.Address.String(),
		"pubkey": map[string]any{
			"@type": "/cosmos.crypto.secp256k1.PubKey",
			"key":   base64.StdEncoding.EncodeToString(r.PubKey.Bytes()),
		},
	}, m)

	gen, err := kr.Add("gen", "", "", "")
	require.NoError(t, err)
	bz, err = json.Marshal(gen)
	require.NoError(t, err)
	require.Contains(t, string(bz), `"mnemonic":"`+gen.Mnemonic+`"`)
}

func TestAnEthereumKeyIsStoredAtMetaMasksPathWithItsEthereumAddress(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		dir := t.TempDir()
		kr := open(t, backend, dir, newPassphrases("correct horse", ""))
		r, err := kr.Add("eth", "test test test test test test test test test test test junk", "", keys.KeyTypeEthSecp256k1)
		require.NoError(t, err)
		require.Equal(t, keys.KeyTypeEthSecp256k1, r.KeyType)
		require.Equal(t, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", r.Address.Hex())
		require.Equal(t, "/cosmos.evm.crypto.v1.ethsecp256k1.PubKey", r.PubKey.TypeURL())

		got, err := kr.Get("eth")
		require.NoError(t, err)
		require.Equal(t, r.Address, got.Address)
		sk, err := kr.Signer("eth")
		require.NoError(t, err)
		require.Equal(t, "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", hex.EncodeToString(sk.Bytes()))
		if backend == BackendTest {
			raw, err := os.ReadFile(filepath.Join(dir, "eth.json"))
			require.NoError(t, err)
			var s storedKey
			require.NoError(t, json.Unmarshal(raw, &s))
			require.Equal(t, "m/44'/60'/0'/0/0", s.HDPath)
		}
	})
}
