// Package keyring stores the named account keys of the command line and of
// generated local networks, in one directory.
//
// # Backends
//
// "test" keeps each key in NAME.json, plaintext JSON, mode 0600: for local
// test networks only. "file" keeps each key in NAME.key, encrypted, mode
// 0600, with a keyhash file beside them; the directory is created 0700.
//
// # The file backend
//
// The keyhash file holds a random 32-byte salt, the scrypt cost (N, r, p;
// 2^15, 8, 1 for new keyrings) and check = HMAC-SHA256(K, "stakechain
// keyring passphrase check v1"), where K = scrypt(passphrase, salt) is the
// 32-byte keyring secret. A wrong passphrase gives a different check, and
// ErrWrongPassphrase. The passphrase is asked for once per Keyring, when it
// first needs K; a keyring without keys asks for a new passphrase (at
// least MinPassphraseLength characters) when its first key is written.
//
// A key file is JSON {"version": 1, "cipher": "chacha20poly1305", "salt",
// "nonce", "ciphertext"} (base64 byte fields): the key record sealed with
// ChaCha20-Poly1305 under HKDF-SHA256(K, salt, "stakechain keyring key file
// v1"), with a fresh random salt and nonce per file and "stakechain keyring
// v1\x00" + NAME as associated data. A modified file, or one renamed to
// another key's name, fails authentication with ErrCorrupted.
//
// The key record (the whole content of a test key file) is JSON
// {"version": 1, "name", "type": "local", "key_type", "address" (bech32),
// "pubkey", "priv_key" (base64), "hd_path" (when derived from a
// mnemonic)}. Mnemonics are never stored. On every read the private key is
// checked against the public key and address.
//
// # Export format
//
// Export writes the private key encrypted under a passphrase of its own:
//
//	-----BEGIN STAKECHAIN PRIVATE KEY-----
//	version: 1
//	kdf: scrypt
//	scrypt-n: 32768
//	scrypt-r: 8
//	scrypt-p: 1
//	salt: <32 random bytes, base64>
//	cipher: chacha20poly1305
//	key-type: secp256k1
//	address: stake1...
//
//	<base64 of nonce (12 bytes) || ciphertext, 64 characters a line>
//	-----END STAKECHAIN PRIVATE KEY-----
//
// The ciphertext is the raw private key (Bytes of keys.PrivKey: 32 bytes
// for secp256k1 and eth_secp256k1, 64 for ed25519) sealed with ChaCha20-Poly1305 under
// scrypt(passphrase, salt, N, r, p) with the header lines, exactly as
// written above and each ending in "\n", as associated data: no header can
// be changed without failing authentication. Import also checks that the
// key has the address of the header.
package keyring
