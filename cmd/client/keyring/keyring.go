package keyring

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/stakechain/stakechain/x/auth/keys"
	"github.com/stakechain/stakechain/x/auth/types"
)

// Backends.
const (
	// BackendFile keeps keys encrypted at rest under a passphrase.
	BackendFile = "file"
	// BackendTest keeps keys in plaintext; for local test networks only.
	BackendTest = "test"
)

// RecordTypeLocal is the type of a key whose private key is in the keyring.
const RecordTypeLocal = "local"

// Prompts passed to the passphrase callback. A callback that reads from a
// terminal should ask twice, and compare, for PromptNewPassphrase and
// PromptExportPassphrase.
const (
	PromptPassphrase       = "Enter keyring passphrase"
	PromptNewPassphrase    = "Enter a passphrase to encrypt the new keyring"
	PromptExportPassphrase = "Enter a passphrase to encrypt the exported key"
	PromptImportPassphrase = "Enter the passphrase of the exported key"
)

// Errors. Callers test them with errors.Is; the messages carry the details.
var (
	ErrKeyExists       = errors.New("key already exists")
	ErrKeyNotFound     = errors.New("key not found")
	ErrWrongPassphrase = errors.New("wrong passphrase")
	ErrInvalidName     = errors.New("invalid key name")
	ErrCorrupted       = errors.New("keyring file is corrupted")
	ErrUnknownBackend  = errors.New("unknown keyring backend")
	ErrNoPassphrase    = errors.New("no passphrase available")
)

const (
	keyhashFile = "keyhash"
	maxNameLen  = 64
	dirPerm     = 0o700
	filePerm    = 0o600
)

// PassphraseFunc returns a passphrase for the given prompt (one of the
// Prompt constants).
type PassphraseFunc func(prompt string) (string, error)

// Record describes a key of the keyring; it never holds the private key.
type Record struct {
	Name    string
	Type    string // RecordTypeLocal
	KeyType string // one of keys.KeyTypes
	PubKey  keys.PubKey
	Address types.Address
	// Mnemonic is set only in the Record returned by Add when Add generated
	// the mnemonic, so that it can be shown once. It is never stored.
	Mnemonic string
}

type pubKeyJSON struct {
	Type string `json:"@type"`
	Key  []byte `json:"key"`
}

type recordJSON struct {
	Name       string     `json:"name"`
	Type       string     `json:"type"`
	KeyType    string     `json:"key_type"`
	Address    string     `json:"address"`
	EthAddress string     `json:"eth_address,omitempty"`
	PubKey     pubKeyJSON `json:"pubkey"`
	Mnemonic   string     `json:"mnemonic,omitempty"`
}

// MarshalJSON writes the record as {"name", "type", "key_type", "address"
// (bech32), "pubkey": {"@type", "key" (base64)}}, plus "eth_address" (0x,
// EIP-55) for an eth_secp256k1 key and "mnemonic" when set.
func (r Record) MarshalJSON() ([]byte, error) {
	j := recordJSON{Name: r.Name, Type: r.Type, KeyType: r.KeyType, Mnemonic: r.Mnemonic}
	if r.Address != nil {
		j.Address = r.Address.String()
		if r.KeyType == keys.KeyTypeEthSecp256k1 {
			j.EthAddress = r.Address.Hex()
		}
	}
	if r.PubKey != nil {
		j.PubKey = pubKeyJSON{Type: r.PubKey.TypeURL(), Key: r.PubKey.Bytes()}
	}
	return json.Marshal(j)
}

// Keyring stores named keys in a directory.
//
// CONTRACT: a Keyring is safe for concurrent use by goroutines. Separate
// processes may share a directory: a name is claimed atomically, but two
// processes adding the same key under different names at the same moment
// are not detected.
type Keyring interface {
	// Backend is BackendFile or BackendTest.
	Backend() string
	// Dir is the directory holding the key files.
	Dir() string
	// Add stores the key derived from mnemonic at hdPath (default
	// keys.DefaultHDPathFor(keyType): m/44'/60'/0'/0/0 for eth_secp256k1)
	// of keyType (default secp256k1). An empty mnemonic means a new 24-word
	// one, returned in Record.Mnemonic.
	Add(name, mnemonic, hdPath, keyType string) (Record, error)
	// Get returns the key with the given name.
	Get(name string) (Record, error)
	// GetByAddress returns the key with the given address.
	GetByAddress(addr types.Address) (Record, error)
	// List returns every key, sorted by name.
	List() ([]Record, error)
	// Delete removes a key.
	Delete(name string) error
	// Export returns the private key encrypted under a new passphrase, in
	// the armored format described in the package documentation.
	Export(name string) (string, error)
	// Import stores a key exported by Export under name.
	Import(name, armored string) error
	// Signer returns the private key, to sign with.
	Signer(name string) (keys.PrivKey, error)
}

type keyring struct {
	backend    string
	dir        string
	suffix     string
	passphrase PassphraseFunc

	mu     sync.Mutex
	secret []byte // file backend: the unlocked keyring secret
}

// New opens the keyring of the given backend in dir. The directory is
// created (mode 0700) when the first key is written. For the file backend
// passphrase is required; it is called at most once per Keyring to unlock
// the keyring (PromptPassphrase, or PromptNewPassphrase when the keyring has
// no keys yet), and by Export and Import for the passphrase of the export.
func New(backend, dir string, passphrase func(prompt string) (string, error)) (Keyring, error) {
	if dir == "" {
		return nil, errors.New("keyring directory is empty")
	}
	k := &keyring{backend: backend, dir: dir, passphrase: passphrase}
	switch backend {
	case BackendFile:
		if passphrase == nil {
			return nil, fmt.Errorf("%w: the file backend needs a passphrase source", ErrNoPassphrase)
		}
		k.suffix = ".key"
	case BackendTest:
		k.suffix = ".json"
	default:
		return nil, fmt.Errorf("%w %q: want %q or %q", ErrUnknownBackend, backend, BackendFile, BackendTest)
	}
	return k, nil
}

func (k *keyring) Backend() string { return k.backend }
func (k *keyring) Dir() string     { return k.dir }

// ValidateName checks a key name: 1 to 64 characters from [a-zA-Z0-9_.-].
func ValidateName(name string) error {
	if name == "" || len(name) > maxNameLen {
		return fmt.Errorf("%w %q: want 1 to %d characters", ErrInvalidName, name, maxNameLen)
	}
	for _, c := range name {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
		if !ok {
			return fmt.Errorf("%w %q: only letters, digits, '_', '.' and '-' are allowed", ErrInvalidName, name)
		}
	}
	return nil
}

// storedKey is the plaintext of a key file.
type storedKey struct {
	Version int    `json:"version"`
	Name    string `json:"name"`
	Type    string `json:"type"`
	KeyType string `json:"key_type"`
	Address string `json:"address"`
	PubKey  []byte `json:"pubkey"`
	PrivKey []byte `json:"priv_key"`
	HDPath  string `json:"hd_path,omitempty"`
}

func newStoredKey(name, hdPath string, sk keys.PrivKey) storedKey {
	pk := sk.PubKey()
	return storedKey{
		Version: 1,
		Name:    name,
		Type:    RecordTypeLocal,
		KeyType: sk.Type(),
		Address: pk.Address().String(),
		PubKey:  pk.Bytes(),
		PrivKey: sk.Bytes(),
		HDPath:  hdPath,
	}
}

// decode checks the stored key for internal consistency and returns its
// record and private key.
func (s storedKey) decode(name string) (Record, keys.PrivKey, error) {
	if s.Version != 1 || s.Type != RecordTypeLocal {
		return Record{}, nil, fmt.Errorf("%w: key %q: unsupported version %d or type %q", ErrCorrupted, name, s.Version, s.Type)
	}
	if s.Name != name {
		return Record{}, nil, fmt.Errorf("%w: key file %q holds key %q", ErrCorrupted, name, s.Name)
	}
	sk, err := keys.PrivKeyFromBytes(s.KeyType, s.PrivKey)
	if err != nil {
		return Record{}, nil, fmt.Errorf("%w: key %q: %v", ErrCorrupted, name, err)
	}
	pk := sk.PubKey()
	if !bytes.Equal(pk.Bytes(), s.PubKey) || pk.Address().String() != s.Address {
		return Record{}, nil, fmt.Errorf("%w: key %q: public key or address does not match the private key", ErrCorrupted, name)
	}
	return Record{Name: name, Type: s.Type, KeyType: s.KeyType, PubKey: pk, Address: pk.Address()}, sk, nil
}

func (k *keyring) path(name string) string { return filepath.Join(k.dir, name+k.suffix) }

// askPassphrase calls the passphrase callback.
func (k *keyring) askPassphrase(prompt string) (string, error) {
	if k.passphrase == nil {
		return "", fmt.Errorf("%w: %s", ErrNoPassphrase, prompt)
	}
	p, err := k.passphrase(prompt)
	if err != nil {
		return "", fmt.Errorf("reading passphrase: %w", err)
	}
	return p, nil
}

// unlock makes the keyring secret available (file backend), creating the
// keyhash when create is set and the keyring has none.
func (k *keyring) unlock(create bool) error {
	if k.backend != BackendFile || k.secret != nil {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(k.dir, keyhashFile))
	if errors.Is(err, fs.ErrNotExist) {
		if !create {
			return fmt.Errorf("%w: %s has key files but no %s file", ErrCorrupted, k.dir, keyhashFile)
		}
		return k.createKeyhash()
	}
	if err != nil {
		return err
	}
	kh, err := parseKeyhash(data)
	if err != nil {
		return err
	}
	p, err := k.askPassphrase(PromptPassphrase)
	if err != nil {
		return err
	}
	secret, err := kh.unlock(p)
	if err != nil {
		return fmt.Errorf("%w for the keyring in %s", err, k.dir)
	}
	k.secret = secret
	return nil
}

func (k *keyring) createKeyhash() error {
	p, err := k.askPassphrase(PromptNewPassphrase)
	if err != nil {
		return err
	}
	if err := checkNewPassphrase(p); err != nil {
		return err
	}
	kh, secret, err := newKeyhash(p)
	if err != nil {
		return err
	}
	data, err := json.Marshal(kh)
	if err != nil {
		return err
	}
	if err := k.ensureDir(); err != nil {
		return err
	}
	if err := writeNew(filepath.Join(k.dir, keyhashFile), data); err != nil {
		if errors.Is(err, fs.ErrExist) {
			// Another process created the keyring first: use its keyhash.
			data, err := os.ReadFile(filepath.Join(k.dir, keyhashFile))
			if err != nil {
				return err
			}
			other, err := parseKeyhash(data)
			if err != nil {
				return err
			}
			if secret, err = other.unlock(p); err != nil {
				return fmt.Errorf("%w for the keyring in %s", err, k.dir)
			}
		} else {
			return err
		}
	}
	k.secret = secret
	return nil
}

func (k *keyring) ensureDir() error {
	if err := os.MkdirAll(k.dir, dirPerm); err != nil {
		return fmt.Errorf("creating keyring directory: %w", err)
	}
	return nil
}

// read loads and checks the key file of name.
func (k *keyring) read(name string) (Record, keys.PrivKey, error) {
	data, err := os.ReadFile(k.path(name))
	if errors.Is(err, fs.ErrNotExist) {
		return Record{}, nil, fmt.Errorf("%w: %q in %s", ErrKeyNotFound, name, k.dir)
	}
	if err != nil {
		return Record{}, nil, err
	}
	if k.backend == BackendFile {
		if err := k.unlock(false); err != nil {
			return Record{}, nil, err
		}
		if data, err = openRecord(k.secret, name, data); err != nil {
			return Record{}, nil, fmt.Errorf("key %q: %w", name, err)
		}
	}
	var s storedKey
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Record{}, nil, fmt.Errorf("%w: key %q: %v", ErrCorrupted, name, err)
	}
	return s.decode(name)
}

// names lists the key names present in the directory, sorted.
func (k *keyring) names() ([]string, error) {
	entries, err := os.ReadDir(k.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), k.suffix)
		if !ok || !e.Type().IsRegular() || ValidateName(name) != nil {
			continue
		}
		out = append(out, name)
	}
	sort.Strings(out)
	return out, nil
}

func (k *keyring) list() ([]Record, error) {
	names, err := k.names()
	if err != nil {
		return nil, err
	}
	out := make([]Record, 0, len(names))
	for _, n := range names {
		r, _, err := k.read(n)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// store writes a new key under name, refusing taken names and addresses.
func (k *keyring) store(name, hdPath string, sk keys.PrivKey) (Record, error) {
	if _, err := os.Stat(k.path(name)); err == nil {
		return Record{}, fmt.Errorf("%w: %q in %s", ErrKeyExists, name, k.dir)
	}
	existing, err := k.list()
	if err != nil {
		return Record{}, err
	}
	addr := sk.PubKey().Address()
	for _, r := range existing {
		if r.Address.Equal(addr) {
			return Record{}, fmt.Errorf("%w: address %s is already stored as %q", ErrKeyExists, addr, r.Name)
		}
	}
	plaintext, err := json.Marshal(newStoredKey(name, hdPath, sk))
	if err != nil {
		return Record{}, err
	}
	data := plaintext
	if k.backend == BackendFile {
		if err := k.unlock(true); err != nil {
			return Record{}, err
		}
		if data, err = sealRecord(k.secret, name, plaintext); err != nil {
			return Record{}, err
		}
		clear(plaintext)
	}
	if err := k.ensureDir(); err != nil {
		return Record{}, err
	}
	if err := writeNew(k.path(name), data); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return Record{}, fmt.Errorf("%w: %q in %s", ErrKeyExists, name, k.dir)
		}
		return Record{}, err
	}
	pk := sk.PubKey()
	return Record{Name: name, Type: RecordTypeLocal, KeyType: sk.Type(), PubKey: pk, Address: pk.Address()}, nil
}

func (k *keyring) Add(name, mnemonic, hdPath, keyType string) (Record, error) {
	if err := ValidateName(name); err != nil {
		return Record{}, err
	}
	if keyType == "" {
		keyType = keys.KeyTypeSecp256k1
	}
	if err := keys.ValidateKeyType(keyType); err != nil {
		return Record{}, err
	}
	if hdPath == "" {
		hdPath = keys.DefaultHDPathFor(keyType)
	}
	if _, err := keys.ParseHDPath(hdPath); err != nil {
		return Record{}, err
	}
	generated := ""
	if strings.TrimSpace(mnemonic) == "" {
		m, err := keys.NewMnemonic()
		if err != nil {
			return Record{}, err
		}
		mnemonic, generated = m, m
	}
	sk, err := keys.DerivePrivKey(keyType, mnemonic, "", hdPath)
	if err != nil {
		return Record{}, err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	r, err := k.store(name, hdPath, sk)
	if err != nil {
		return Record{}, err
	}
	r.Mnemonic = generated
	return r, nil
}

func (k *keyring) Get(name string) (Record, error) {
	if err := ValidateName(name); err != nil {
		return Record{}, err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	r, _, err := k.read(name)
	return r, err
}

func (k *keyring) GetByAddress(addr types.Address) (Record, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	all, err := k.list()
	if err != nil {
		return Record{}, err
	}
	for _, r := range all {
		if r.Address.Equal(addr) {
			return r, nil
		}
	}
	return Record{}, fmt.Errorf("%w: no key with address %s in %s", ErrKeyNotFound, addr, k.dir)
}

func (k *keyring) List() ([]Record, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.list()
}

func (k *keyring) Delete(name string) error {
	if err := ValidateName(name); err != nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	// Reading first proves the passphrase (file backend) and the name.
	if _, _, err := k.read(name); err != nil {
		return err
	}
	if err := os.Remove(k.path(name)); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%w: %q in %s", ErrKeyNotFound, name, k.dir)
		}
		return err
	}
	return nil
}

func (k *keyring) Signer(name string) (keys.PrivKey, error) {
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	_, sk, err := k.read(name)
	return sk, err
}

func (k *keyring) Export(name string) (string, error) {
	if err := ValidateName(name); err != nil {
		return "", err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	_, sk, err := k.read(name)
	if err != nil {
		return "", err
	}
	p, err := k.askPassphrase(PromptExportPassphrase)
	if err != nil {
		return "", err
	}
	if err := checkNewPassphrase(p); err != nil {
		return "", err
	}
	return armorKey(sk, p)
}

func (k *keyring) Import(name, armored string) error {
	if err := ValidateName(name); err != nil {
		return err
	}
	a, err := parseArmor(armored)
	if err != nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, err := os.Stat(k.path(name)); err == nil {
		return fmt.Errorf("%w: %q in %s", ErrKeyExists, name, k.dir)
	}
	p, err := k.askPassphrase(PromptImportPassphrase)
	if err != nil {
		return err
	}
	sk, err := a.open(p)
	if err != nil {
		return err
	}
	_, err = k.store(name, "", sk)
	return err
}

// writeNew writes data to a new file at path with mode 0600, atomically
// where the file system allows: the file appears complete or not at all. It
// fails with an error matching fs.ErrExist when path exists.
func writeNew(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".tmp-")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	defer func() {
		if rmErr := os.Remove(tmpName); rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) && err == nil {
			err = rmErr
		}
	}()
	if err := tmp.Chmod(filePerm); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// A hard link never replaces an existing file.
	if err := os.Link(tmpName, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return err
		}
		// No hard links here: fall back to an exclusive create.
		f, ferr := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, filePerm)
		if ferr != nil {
			return ferr
		}
		if _, werr := f.Write(data); werr != nil {
			f.Close()
			os.Remove(path)
			return werr
		}
		if serr := f.Sync(); serr != nil {
			f.Close()
			return serr
		}
		return f.Close()
	}
	return nil
}
