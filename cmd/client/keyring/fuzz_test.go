package keyring

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

const fuzzPassphrase = "correct horse battery"

// cheapToDerive bounds the scrypt work the fuzz target does per input: the
// format allows costs that take seconds, which would stall the fuzzer.
func cheapToDerive(p scryptParams) bool { return p.N*p.R*p.P <= 1<<14 }

// FuzzKeyringFiles reads arbitrary bytes as each file of the keyring
// format: the plaintext key record of the test backend, the keyhash and
// the sealed key file of the file backend, and an exported key. Reading
// must never panic: a file that is not what the keyring wrote is refused
// with ErrCorrupted (or, for sealed data, ErrWrongPassphrase), and a key
// that is accepted is consistent (its address is its public key's, and the
// signer has that public key). The seed corpus in
// testdata/fuzz/FuzzKeyringFiles holds the files of a real keyring.
func FuzzKeyringFiles(f *testing.F) {
	// The seeds' own scrypt cost is the smallest the format allows, so
	// that most of the fuzzer's time goes to parsing, not to scrypt.
	saved := defaultScrypt
	defaultScrypt = scryptParams{N: 2, R: 1, P: 1}
	f.Cleanup(func() { defaultScrypt = saved })
	keyhashData, sealed, plain, armor := seedKeyringFiles(f)
	f.Add(keyhashData, sealed, plain, armor)
	f.Add([]byte("{}"), []byte("{}"), []byte("{}"), "")
	if root := os.Getenv("STAKECHAIN_WRITE_FUZZ_SEEDS"); root != "" {
		// How the committed corpus was made: the files of a real keyring.
		body := "go test fuzz v1\n" +
			"[]byte(" + strconv.Quote(string(keyhashData)) + ")\n" +
			"[]byte(" + strconv.Quote(string(sealed)) + ")\n" +
			"[]byte(" + strconv.Quote(string(plain)) + ")\n" +
			"string(" + strconv.Quote(armor) + ")\n"
		write(f, filepath.Join(root, "FuzzKeyringFiles", "real-keyring"), []byte(body))
	}

	f.Fuzz(func(t *testing.T, keyhashData, sealed, plain []byte, armor string) {
		dir := t.TempDir()

		// The test backend: the record in plaintext.
		testDir := filepath.Join(dir, "test")
		write(t, filepath.Join(testDir, "k.json"), plain)
		kr, err := New(BackendTest, testDir, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkRead(t, kr, ErrCorrupted)
		if _, err := kr.List(); err != nil && !errors.Is(err, ErrCorrupted) {
			t.Fatalf("List: %v", err)
		}

		// The file backend: the keyhash and the sealed record.
		kh, err := parseKeyhash(keyhashData)
		if err != nil && !errors.Is(err, ErrCorrupted) {
			t.Fatalf("parseKeyhash: %v", err)
		}
		if err == nil {
			if kh.check() != nil {
				t.Fatal("a keyhash accepted with out-of-range scrypt costs")
			}
			if cheapToDerive(kh.scryptParams) {
				fileDir := filepath.Join(dir, "file")
				write(t, filepath.Join(fileDir, keyhashFile), keyhashData)
				write(t, filepath.Join(fileDir, "k.key"), sealed)
				kr, err := New(BackendFile, fileDir, func(string) (string, error) { return fuzzPassphrase, nil })
				if err != nil {
					t.Fatal(err)
				}
				checkRead(t, kr, ErrCorrupted, ErrWrongPassphrase)
			}
		}

		// An export, imported into the test keyring.
		a, err := parseArmor(armor)
		if err != nil && !errors.Is(err, ErrCorrupted) {
			t.Fatalf("parseArmor: %v", err)
		}
		if err == nil && cheapToDerive(a.params) {
			importDir := filepath.Join(dir, "import")
			kr, err := New(BackendTest, importDir, func(string) (string, error) { return fuzzPassphrase, nil })
			if err != nil {
				t.Fatal(err)
			}
			err = kr.Import("imported", armor)
			if err != nil {
				if !errors.Is(err, ErrCorrupted) && !errors.Is(err, ErrWrongPassphrase) {
					t.Fatalf("Import: %v", err)
				}
				return
			}
			r, err := kr.Get("imported")
			if err != nil {
				t.Fatalf("an imported key does not read back: %v", err)
			}
			if r.Address.String() != a.address {
				t.Fatalf("imported %s from an export of %s", r.Address, a.address)
			}
		}
	})
}

// checkRead reads key "k" and its signer: an error must be one of allowed,
// a record must be consistent.
func checkRead(t *testing.T, kr Keyring, allowed ...error) {
	t.Helper()
	r, err := kr.Get("k")
	if err != nil {
		for _, a := range allowed {
			if errors.Is(err, a) {
				return
			}
		}
		t.Fatalf("Get: unexpected error %v", err)
	}
	if r.PubKey == nil || !r.PubKey.Address().Equal(r.Address) {
		t.Fatalf("a record whose address is not its key's")
	}
	sk, err := kr.Signer("k")
	if err != nil {
		t.Fatalf("Signer after Get: %v", err)
	}
	if string(sk.PubKey().Bytes()) != string(r.PubKey.Bytes()) {
		t.Fatal("the signer's key is not the record's")
	}
}

func write(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// seedKeyringFiles makes the files of a real keyring holding the key "k":
// the file backend's keyhash and sealed key, the test backend's plaintext
// key, and an export of the key.
func seedKeyringFiles(f *testing.F) (keyhashData, sealed, plain []byte, armor string) {
	dir := f.TempDir()
	pass := func(string) (string, error) { return fuzzPassphrase, nil }
	fileKR, err := New(BackendFile, filepath.Join(dir, "file"), pass)
	if err != nil {
		f.Fatal(err)
	}
	if _, err := fileKR.Add("k", faucetMnemonic, "", ""); err != nil {
		f.Fatal(err)
	}
	testKR, err := New(BackendTest, filepath.Join(dir, "test"), pass)
	if err != nil {
		f.Fatal(err)
	}
	if _, err := testKR.Add("k", faucetMnemonic, "", "ed25519"); err != nil {
		f.Fatal(err)
	}
	if armor, err = fileKR.Export("k"); err != nil {
		f.Fatal(err)
	}
	read := func(path string) []byte {
		bz, err := os.ReadFile(filepath.Join(dir, path))
		if err != nil {
			f.Fatal(err)
		}
		return bz
	}
	return read("file/keyhash"), read("file/k.key"), read("test/k.json"), armor
}
