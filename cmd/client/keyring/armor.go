package keyring

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/stakechain/stakechain/x/auth/keys"
)

const (
	armorBegin = "-----BEGIN STAKECHAIN PRIVATE KEY-----"
	armorEnd   = "-----END STAKECHAIN PRIVATE KEY-----"
	armorWidth = 64
)

// armorHeaders lists the header names of an export, in the order they are
// written and authenticated.
var armorHeaders = []string{"version", "kdf", "scrypt-n", "scrypt-r", "scrypt-p", "salt", "cipher", "key-type", "address"}

// armored is a parsed export.
type armored struct {
	headers map[string]string
	params  scryptParams
	salt    []byte
	keyType string
	address string
	body    []byte // nonce || ciphertext
}

// headerBlock is the canonical text of the headers: the associated data of
// the encryption, so that no header can be changed.
func headerBlock(h map[string]string) string {
	var b strings.Builder
	for _, name := range armorHeaders {
		b.WriteString(name)
		b.WriteString(": ")
		b.WriteString(h[name])
		b.WriteByte('\n')
	}
	return b.String()
}

// armorKey encrypts sk under passphrase in the export format.
func armorKey(sk keys.PrivKey, passphrase string) (string, error) {
	params := defaultScrypt
	salt := randomBytes(saltSize)
	secret, err := params.derive(passphrase, salt)
	if err != nil {
		return "", err
	}
	defer clear(secret)
	aead, err := chacha20poly1305.New(secret)
	if err != nil {
		return "", err
	}
	h := map[string]string{
		"version":  "1",
		"kdf":      "scrypt",
		"scrypt-n": strconv.Itoa(params.N),
		"scrypt-r": strconv.Itoa(params.R),
		"scrypt-p": strconv.Itoa(params.P),
		"salt":     base64.StdEncoding.EncodeToString(salt),
		"cipher":   "chacha20poly1305",
		"key-type": sk.Type(),
		"address":  sk.PubKey().Address().String(),
	}
	hb := headerBlock(h)
	nonce := randomBytes(aead.NonceSize())
	body := aead.Seal(nonce, nonce, sk.Bytes(), []byte(hb))
	enc := base64.StdEncoding.EncodeToString(body)

	var b strings.Builder
	b.WriteString(armorBegin + "\n")
	b.WriteString(hb)
	b.WriteString("\n")
	for len(enc) > armorWidth {
		b.WriteString(enc[:armorWidth] + "\n")
		enc = enc[armorWidth:]
	}
	b.WriteString(enc + "\n")
	b.WriteString(armorEnd + "\n")
	return b.String(), nil
}

func parseArmor(text string) (*armored, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: exported key: %s", ErrCorrupted, fmt.Sprintf(format, args...))
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	state := 0 // 0 before BEGIN, 1 headers, 2 body, 3 after END
	h := map[string]string{}
	var body strings.Builder
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch state {
		case 0:
			if line == armorBegin {
				state = 1
			}
		case 1:
			if line == "" {
				state = 2
				continue
			}
			name, value, ok := strings.Cut(line, ": ")
			if !ok {
				return nil, bad("malformed header line %q", line)
			}
			if _, dup := h[name]; dup {
				return nil, bad("header %q repeated", name)
			}
			h[name] = value
		case 2:
			if line == armorEnd {
				state = 3
				continue
			}
			body.WriteString(line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, bad("%v", err)
	}
	if state != 3 {
		return nil, bad("missing %q or %q line", armorBegin, armorEnd)
	}
	if len(h) != len(armorHeaders) {
		return nil, bad("want headers %s", strings.Join(armorHeaders, ", "))
	}
	for _, name := range armorHeaders {
		if _, ok := h[name]; !ok {
			return nil, bad("missing header %q", name)
		}
	}
	if h["version"] != "1" || h["kdf"] != "scrypt" || h["cipher"] != "chacha20poly1305" {
		return nil, bad("unsupported version %q, kdf %q or cipher %q", h["version"], h["kdf"], h["cipher"])
	}
	a := &armored{headers: h, keyType: h["key-type"], address: h["address"]}
	var err error
	if a.params.N, err = strconv.Atoi(h["scrypt-n"]); err != nil {
		return nil, bad("scrypt-n: %v", err)
	}
	if a.params.R, err = strconv.Atoi(h["scrypt-r"]); err != nil {
		return nil, bad("scrypt-r: %v", err)
	}
	if a.params.P, err = strconv.Atoi(h["scrypt-p"]); err != nil {
		return nil, bad("scrypt-p: %v", err)
	}
	if err := a.params.check(); err != nil {
		return nil, bad("%v", err)
	}
	if a.salt, err = base64.StdEncoding.DecodeString(h["salt"]); err != nil || len(a.salt) != saltSize {
		return nil, bad("malformed salt")
	}
	if err := keys.ValidateKeyType(a.keyType); err != nil {
		return nil, bad("%v", err)
	}
	if a.body, err = base64.StdEncoding.DecodeString(body.String()); err != nil {
		return nil, bad("body: %v", err)
	}
	if len(a.body) < chacha20poly1305.NonceSize+chacha20poly1305.Overhead {
		return nil, bad("body too short")
	}
	return a, nil
}

// open decrypts the export with passphrase.
func (a *armored) open(passphrase string) (keys.PrivKey, error) {
	secret, err := a.params.derive(passphrase, a.salt)
	if err != nil {
		return nil, err
	}
	defer clear(secret)
	aead, err := chacha20poly1305.New(secret)
	if err != nil {
		return nil, err
	}
	n := aead.NonceSize()
	raw, err := aead.Open(nil, a.body[:n], a.body[n:], []byte(headerBlock(a.headers)))
	if err != nil {
		return nil, fmt.Errorf("%w for the exported key, or the export was modified", ErrWrongPassphrase)
	}
	defer clear(raw)
	sk, err := keys.PrivKeyFromBytes(a.keyType, raw)
	if err != nil {
		return nil, fmt.Errorf("%w: exported key: %v", ErrCorrupted, err)
	}
	if got := sk.PubKey().Address().String(); got != a.address {
		return nil, fmt.Errorf("%w: exported key: address header %s, key address %s", ErrCorrupted, a.address, got)
	}
	return sk, nil
}
