package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/btcsuite/btcd/btcutil/bech32"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/auth/types"
)

// keysTestFaucetMnemonic is the CosmJS faucet mnemonic, whose first Cosmos
// account is cosmos1pkptre7fdkl6gfrzlesjjvhxhlc3r4gmmk8rs6.
const keysTestFaucetMnemonic = "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom lizard educate guess current outdoor pair theory focus wife stone"

func keysTestFaucetAddress(t *testing.T) string {
	t.Helper()
	_, data, err := bech32.Decode("cosmos1pkptre7fdkl6gfrzlesjjvhxhlc3r4gmmk8rs6")
	require.NoError(t, err)
	raw, err := bech32.ConvertBits(data, 5, 8, false)
	require.NoError(t, err)
	return types.Address(raw).String()
}

// keysTestRun runs the keys command under a root with the global flags,
// feeding stdin, and returns stdout, stderr and the error.
func keysTestRun(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	root := &cobra.Command{Use: "stakechain", SilenceErrors: true, SilenceUsage: true}
	root.PersistentFlags().String("home", filepath.Join(t.TempDir(), "unused-home"), "")
	root.PersistentFlags().String("log-level", "info", "")
	root.PersistentFlags().StringP("output", "o", "text", "")
	root.AddCommand(keysCommand())
	var out, errOut bytes.Buffer
	root.SetIn(strings.NewReader(stdin))
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(args)
	err := root.Execute()
	return out.String(), errOut.String(), err
}

func keysTestMustRun(t *testing.T, stdin string, args ...string) (string, string) {
	t.Helper()
	out, errOut, err := keysTestRun(t, stdin, args...)
	require.NoError(t, err, "stakechain %s\nstderr: %s", strings.Join(args, " "), errOut)
	return out, errOut
}

type keysTestRecord struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	KeyType string `json:"key_type"`
	Address string `json:"address"`
	PubKey  struct {
		Type string `json:"@type"`
		Key  []byte `json:"key"`
	} `json:"pubkey"`
	Mnemonic string `json:"mnemonic"`
}

func TestKeysAddShowListDeleteWithTheTestBackend(t *testing.T) {
	t.Setenv(keysPassphraseEnv, "")
	dir := t.TempDir()
	kr := []string{"--keyring-backend", "test", "--keyring-dir", dir}
	args := func(a ...string) []string { return append(append([]string{"keys"}, a...), kr...) }

	// A new key: the record on stdout, the mnemonic and its warning on stderr.
	out, errOut := keysTestMustRun(t, "", args("add", "bob")...)
	require.Contains(t, out, "- name: bob\n")
	require.Contains(t, out, "  key_type: secp256k1\n")
	require.Contains(t, out, `"@type":"/cosmos.crypto.secp256k1.PubKey"`)
	require.Contains(t, errOut, "write this mnemonic phrase down")
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	require.Len(t, strings.Fields(lines[len(lines)-1]), 24)

	// A recovered key has the address Cosmos gives the mnemonic.
	out, _ = keysTestMustRun(t, keysTestFaucetMnemonic+"\n", append(args("add", "faucet", "--recover"), "-o", "json")...)
	var faucet keysTestRecord
	require.NoError(t, json.Unmarshal([]byte(out), &faucet))
	require.Equal(t, "faucet", faucet.Name)
	require.Equal(t, "local", faucet.Type)
	require.Equal(t, "secp256k1", faucet.KeyType)
	require.Equal(t, keysTestFaucetAddress(t), faucet.Address)
	require.Equal(t, "/cosmos.crypto.secp256k1.PubKey", faucet.PubKey.Type)
	require.Len(t, faucet.PubKey.Key, 33)
	require.Empty(t, faucet.Mnemonic, "a recovered mnemonic is not echoed")

	// An ed25519 key, in JSON with its mnemonic.
	out, _ = keysTestMustRun(t, "", append(args("add", "val", "--key-type", "ed25519"), "-o", "json")...)
	var val keysTestRecord
	require.NoError(t, json.Unmarshal([]byte(out), &val))
	require.Equal(t, "ed25519", val.KeyType)
	require.Equal(t, "/cosmos.crypto.ed25519.PubKey", val.PubKey.Type)
	require.Len(t, strings.Fields(val.Mnemonic), 24)

	// show
	out, _ = keysTestMustRun(t, "", args("show", "faucet", "--address")...)
	require.Equal(t, faucet.Address+"\n", out)
	out, _ = keysTestMustRun(t, "", args("show", "faucet", "-a", "--bech", "val")...)
	addr, err := types.ParseAddress(faucet.Address)
	require.NoError(t, err)
	require.Equal(t, addr.Valoper()+"\n", out)
	out, _ = keysTestMustRun(t, "", append(args("show", "faucet", "--bech", "val"), "-o", "json")...)
	var shown keysTestRecord
	require.NoError(t, json.Unmarshal([]byte(out), &shown))
	require.Equal(t, addr.Valoper(), shown.Address)
	out, _ = keysTestMustRun(t, "", args("show", faucet.Address)...)
	require.Contains(t, out, "- name: faucet\n", "a key can be shown by address")
	_, _, err = keysTestRun(t, "", args("show", "faucet", "--bech", "foo")...)
	require.ErrorContains(t, err, "--bech")
	_, _, err = keysTestRun(t, "", args("show", "nobody")...)
	require.ErrorContains(t, err, "key not found")

	// list: sorted, one JSON document.
	out, _ = keysTestMustRun(t, "", append(args("list"), "-o", "json")...)
	var list []keysTestRecord
	require.NoError(t, json.Unmarshal([]byte(out), &list))
	require.Len(t, list, 3)
	require.Equal(t, []string{"bob", "faucet", "val"}, []string{list[0].Name, list[1].Name, list[2].Name})
	out, _ = keysTestMustRun(t, "", args("list")...)
	require.Equal(t, 3, strings.Count(out, "- name: "))

	// Duplicates are refused.
	_, _, err = keysTestRun(t, keysTestFaucetMnemonic+"\n", args("add", "faucet2", "--recover")...)
	require.ErrorContains(t, err, "already stored as \"faucet\"")
	_, _, err = keysTestRun(t, "", args("add", "bob")...)
	require.ErrorContains(t, err, "key already exists")
	_, _, err = keysTestRun(t, "not a mnemonic\n", args("add", "x", "--recover")...)
	require.ErrorContains(t, err, "invalid mnemonic")
	_, _, err = keysTestRun(t, "", args("add", "x", "--key-type", "rsa")...)
	require.ErrorContains(t, err, "unknown public key type")
	_, _, err = keysTestRun(t, "", args("add", "bad/name")...)
	require.ErrorContains(t, err, "invalid key name")

	// delete: asks unless -y.
	_, _, err = keysTestRun(t, "n\n", args("delete", "bob")...)
	require.ErrorContains(t, err, "aborted")
	out, _ = keysTestMustRun(t, "yes\n", args("delete", "bob")...)
	require.Contains(t, out, `Key "bob" deleted`)
	out, _ = keysTestMustRun(t, "", append(args("delete", "val", "-y"), "-o", "json")...)
	require.JSONEq(t, `{"name":"val","address":"`+val.Address+`","deleted":true}`, out)
	out, _ = keysTestMustRun(t, "", append(args("list"), "-o", "json")...)
	require.NoError(t, json.Unmarshal([]byte(out), &list))
	require.Len(t, list, 1)
}

func TestKeysFileBackendPassphrases(t *testing.T) {
	t.Setenv(keysPassphraseEnv, "")
	dir := t.TempDir()
	kr := []string{"--keyring-dir", dir} // the file backend is the default
	args := func(a ...string) []string { return append(append([]string{"keys"}, a...), kr...) }

	// Without a terminal, the mnemonic then the passphrase are lines of stdin.
	out, _ := keysTestMustRun(t, keysTestFaucetMnemonic+"\ncorrect horse\n", args("add", "faucet", "--recover", "-o", "json")...)
	var faucet keysTestRecord
	require.NoError(t, json.Unmarshal([]byte(out), &faucet))
	require.Equal(t, keysTestFaucetAddress(t), faucet.Address)
	info, err := os.Stat(filepath.Join(dir, "faucet.key"))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	_, _, err = keysTestRun(t, "wrong horse\n", args("list")...)
	require.ErrorContains(t, err, "wrong passphrase")
	_, _, err = keysTestRun(t, "", args("list")...)
	require.ErrorContains(t, err, keysPassphraseEnv, "no passphrase available says how to give one")

	t.Setenv(keysPassphraseEnv, "correct horse")
	out, _ = keysTestMustRun(t, "", args("show", "faucet", "-a")...)
	require.Equal(t, faucet.Address+"\n", out)

	// export, then import into another keyring.
	armored, _ := keysTestMustRun(t, "", args("export", "faucet")...)
	require.True(t, strings.HasPrefix(armored, "-----BEGIN STAKECHAIN PRIVATE KEY-----\n"))
	file := filepath.Join(t.TempDir(), "faucet.armor")
	require.NoError(t, os.WriteFile(file, []byte(armored), 0o600))

	other := t.TempDir()
	out, _ = keysTestMustRun(t, "", "keys", "import", "imported", file, "--keyring-backend", "test", "--keyring-dir", other, "-o", "json")
	var imported keysTestRecord
	require.NoError(t, json.Unmarshal([]byte(out), &imported))
	require.Equal(t, "imported", imported.Name)
	require.Equal(t, faucet.Address, imported.Address)

	t.Setenv(keysPassphraseEnv, "")
	_, _, err = keysTestRun(t, "not the passphrase\n", "keys", "import", "again", file, "--keyring-backend", "test", "--keyring-dir", t.TempDir())
	require.ErrorContains(t, err, "wrong passphrase")
}

func TestKeysKeyringDirDefaultsToHome(t *testing.T) {
	t.Setenv(keysPassphraseEnv, "")
	home := t.TempDir()
	_, _ = keysTestMustRun(t, "", "keys", "add", "a", "--keyring-backend", "test", "--home", home)
	_, err := os.Stat(filepath.Join(home, "keyring", "a.json"))
	require.NoError(t, err)

	// Without a --home flag: ~/.stakechain/keyring.
	userHome := t.TempDir()
	t.Setenv("HOME", userHome)
	cmd := keysCommand()
	cmd.SetArgs([]string{"add", "b", "--keyring-backend", "test"})
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	require.NoError(t, cmd.Execute())
	_, err = os.Stat(filepath.Join(userHome, ".stakechain", "keyring", "b.json"))
	require.NoError(t, err)
}
