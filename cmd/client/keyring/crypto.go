package keyring

import (
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/scrypt"
)

// scryptParams are the cost parameters of a passphrase derivation; they are
// stored next to the salt so that they can be raised for new keyrings
// without breaking old ones.
type scryptParams struct {
	N int `json:"n"`
	R int `json:"r"`
	P int `json:"p"`
}

// defaultScrypt is the cost of new keyrings and exports: N = 2^15, r = 8,
// p = 1 (32 MiB, tens of milliseconds). Tests lower it.
var defaultScrypt = scryptParams{N: 1 << 15, R: 8, P: 1}

// maxScryptMemory bounds the memory a stored scrypt cost may ask for (the
// default takes 32 MiB).
const maxScryptMemory = 1 << 30

// MinPassphraseLength is the shortest passphrase accepted for a new file
// keyring or an export.
const MinPassphraseLength = 8

const (
	saltSize   = 32
	secretSize = 32

	keyhashLabel = "stakechain keyring passphrase check v1"
	fileKeyInfo  = "stakechain keyring key file v1"
	fileADPrefix = "stakechain keyring v1\x00"
)

// check rejects parameters that are out of the range this package writes,
// so that a tampered file cannot make the derivation unbounded.
func (p scryptParams) check() error {
	if p.N < 2 || p.N > 1<<20 || p.N&(p.N-1) != 0 {
		return fmt.Errorf("scrypt N = %d: want a power of two up to 2^20", p.N)
	}
	if p.R < 1 || p.R > 32 || p.P < 1 || p.P > 16 {
		return fmt.Errorf("scrypt r = %d, p = %d out of range", p.R, p.P)
	}
	// scrypt allocates 128·N·r bytes: N = 2^20 with r = 32 would be 4 GiB.
	if 128*p.N*p.R > maxScryptMemory {
		return fmt.Errorf("scrypt N = %d, r = %d would take %d MiB, above %d MiB", p.N, p.R, 128*p.N*p.R>>20, maxScryptMemory>>20)
	}
	return nil
}

func (p scryptParams) derive(passphrase string, salt []byte) ([]byte, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return scrypt.Key([]byte(passphrase), salt, p.N, p.R, p.P, secretSize)
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("keyring: reading randomness: %v", err))
	}
	return b
}

// keyhash is the content of the keyhash file of a file keyring: the salt
// and cost of the passphrase derivation and a check value that tells a
// wrong passphrase from a right one.
type keyhash struct {
	Version int    `json:"version"`
	KDF     string `json:"kdf"`
	scryptParams
	Salt  []byte `json:"salt"`
	Check []byte `json:"check"`
}

func keyhashCheck(secret []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(keyhashLabel))
	return m.Sum(nil)
}

// newKeyhash derives the keyring secret for a new passphrase.
func newKeyhash(passphrase string) (keyhash, []byte, error) {
	kh := keyhash{Version: 1, KDF: "scrypt", scryptParams: defaultScrypt, Salt: randomBytes(saltSize)}
	secret, err := kh.derive(passphrase, kh.Salt)
	if err != nil {
		return keyhash{}, nil, err
	}
	kh.Check = keyhashCheck(secret)
	return kh, secret, nil
}

func parseKeyhash(data []byte) (keyhash, error) {
	var kh keyhash
	if err := json.Unmarshal(data, &kh); err != nil {
		return keyhash{}, fmt.Errorf("%w: keyhash: %v", ErrCorrupted, err)
	}
	if kh.Version != 1 || kh.KDF != "scrypt" || len(kh.Salt) != saltSize || len(kh.Check) != sha256.Size {
		return keyhash{}, fmt.Errorf("%w: keyhash: unsupported version or malformed fields", ErrCorrupted)
	}
	if err := kh.check(); err != nil {
		return keyhash{}, fmt.Errorf("%w: keyhash: %v", ErrCorrupted, err)
	}
	return kh, nil
}

// unlock derives the keyring secret and checks it against the keyhash.
func (kh keyhash) unlock(passphrase string) ([]byte, error) {
	secret, err := kh.derive(passphrase, kh.Salt)
	if err != nil {
		return nil, err
	}
	if !hmac.Equal(keyhashCheck(secret), kh.Check) {
		return nil, ErrWrongPassphrase
	}
	return secret, nil
}

// sealedFile is the content of an encrypted key file: the record JSON
// sealed with ChaCha20-Poly1305 under HKDF-SHA256(keyring secret, salt),
// with the key name as associated data so files cannot be swapped.
type sealedFile struct {
	Version    int    `json:"version"`
	Cipher     string `json:"cipher"`
	Salt       []byte `json:"salt"`
	Nonce      []byte `json:"nonce"`
	Ciphertext []byte `json:"ciphertext"`
}

func fileAEAD(secret, salt []byte) (cipher.AEAD, error) {
	key, err := hkdf.Key(sha256.New, secret, salt, fileKeyInfo, chacha20poly1305.KeySize)
	if err != nil {
		return nil, err
	}
	return chacha20poly1305.New(key)
}

func sealRecord(secret []byte, name string, plaintext []byte) ([]byte, error) {
	salt := randomBytes(saltSize)
	aead, err := fileAEAD(secret, salt)
	if err != nil {
		return nil, err
	}
	nonce := randomBytes(aead.NonceSize())
	sf := sealedFile{
		Version:    1,
		Cipher:     "chacha20poly1305",
		Salt:       salt,
		Nonce:      nonce,
		Ciphertext: aead.Seal(nil, nonce, plaintext, []byte(fileADPrefix+name)),
	}
	return json.Marshal(sf)
}

func openRecord(secret []byte, name string, data []byte) ([]byte, error) {
	var sf sealedFile
	if err := json.Unmarshal(data, &sf); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupted, err)
	}
	if sf.Version != 1 || sf.Cipher != "chacha20poly1305" || len(sf.Salt) != saltSize || len(sf.Nonce) != chacha20poly1305.NonceSize {
		return nil, fmt.Errorf("%w: unsupported version or malformed fields", ErrCorrupted)
	}
	aead, err := fileAEAD(secret, sf.Salt)
	if err != nil {
		return nil, err
	}
	plaintext, err := aead.Open(nil, sf.Nonce, sf.Ciphertext, []byte(fileADPrefix+name))
	if err != nil {
		return nil, fmt.Errorf("%w: authentication failed (the file was modified, renamed, or belongs to another keyring)", ErrCorrupted)
	}
	return plaintext, nil
}

var errShortPassphrase = errors.New("passphrase too short")

func checkNewPassphrase(p string) error {
	if len(p) < MinPassphraseLength {
		return fmt.Errorf("%w: want at least %d characters", errShortPassphrase, MinPassphraseLength)
	}
	return nil
}
