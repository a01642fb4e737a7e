package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Hardhat's and Anvil's development mnemonic, and its first account at
// m/44'/60'/0'/0/0, the one MetaMask derives first.
const (
	keysTestHardhatMnemonic = "test test test test test test test test test test test junk"
	keysTestHardhatAddress  = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
	keysTestHardhatKey      = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
)

func TestAnEthereumKeyIsMetaMasksAccountShownInBothSpellingsAndExportedInHex(t *testing.T) {
	t.Setenv(keysPassphraseEnv, "")
	dir := t.TempDir()
	kr := []string{"--keyring-backend", "test", "--keyring-dir", dir}
	args := func(a ...string) []string { return append(append([]string{"keys"}, a...), kr...) }

	out, _ := keysTestMustRun(t, keysTestHardhatMnemonic+"\n", args("add", "eth", "--recover", "--key-type", "eth_secp256k1")...)
	require.Contains(t, out, "  key_type: eth_secp256k1\n")
	require.Contains(t, out, "  eth_address: "+keysTestHardhatAddress+"\n")
	require.Contains(t, out, `"@type":"/cosmos.evm.crypto.v1.ethsecp256k1.PubKey"`)

	// --eth prints the EIP-55 form only; the key is found by either spelling.
	out, errOut := keysTestMustRun(t, "", args("show", "eth", "--eth")...)
	require.Equal(t, keysTestHardhatAddress+"\n", out)
	require.Empty(t, errOut)
	bech := strings.TrimSpace(mustOut(t, args("show", "eth", "-a")...))
	require.True(t, strings.HasPrefix(bech, "stake1"), bech)
	for _, name := range []string{bech, strings.ToLower(keysTestHardhatAddress), keysTestHardhatAddress} {
		require.Equal(t, keysTestHardhatAddress+"\n", mustOut(t, args("show", name, "--eth")...), name)
		require.Equal(t, bech+"\n", mustOut(t, args("show", name, "-a")...), name)
	}
	var rec keysTestRecord
	require.NoError(t, json.Unmarshal([]byte(mustOut(t, append(args("show", "eth"), "-o", "json")...)), &rec))
	require.Equal(t, bech, rec.Address)

	// The hex private key, only with --unsafe, with a warning beside it.
	_, _, err := keysTestRun(t, "", args("export", "eth", "--unarmored-hex")...)
	require.ErrorContains(t, err, "add --unsafe to confirm")
	_, _, err = keysTestRun(t, "", args("export", "eth", "--unsafe")...)
	require.ErrorContains(t, err, "--unsafe goes only with --unarmored-hex")
	out, errOut = keysTestMustRun(t, "", args("export", "eth", "--unarmored-hex", "--unsafe")...)
	require.Equal(t, keysTestHardhatKey+"\n", out)
	require.Contains(t, errOut, "WARNING")
	require.Contains(t, errOut, "unencrypted private key")
	var exp map[string]string
	out, _ = keysTestMustRun(t, "", append(args("export", "eth", "--unarmored-hex", "--unsafe"), "-o", "json")...)
	require.NoError(t, json.Unmarshal([]byte(out), &exp))
	require.Equal(t, keysTestHardhatKey, exp["private_key_hex"])
	require.Equal(t, keysTestHardhatAddress, exp["eth_address"])

	// A Cosmos key at the same path is another account; its --eth is its
	// account's 0x spelling, with a note that wallets derive another.
	out, _ = keysTestMustRun(t, keysTestHardhatMnemonic+"\n", args("add", "cosmos", "--recover", "--hd-path", "m/44'/60'/0'/0/0")...)
	require.NotContains(t, out, "eth_address")
	out, errOut = keysTestMustRun(t, "", args("show", "cosmos", "--eth")...)
	require.NotEqual(t, keysTestHardhatAddress+"\n", out)
	require.Regexp(t, "^0x[0-9a-fA-F]{40}\n$", out)
	require.Contains(t, errOut, "Ethereum wallets importing this key derive another address")

	_, _, err = keysTestRun(t, "", args("show", "eth", "--eth", "-a")...)
	require.ErrorContains(t, err, "none of the others can be")
}

func TestAnEthereumKeyDerivesAtMetaMasksPathUnlessToldOtherwise(t *testing.T) {
	t.Setenv(keysPassphraseEnv, "")
	dir := t.TempDir()
	kr := []string{"--keyring-backend", "test", "--keyring-dir", dir}
	args := func(a ...string) []string { return append(append([]string{"keys"}, a...), kr...) }

	keysTestMustRun(t, keysTestHardhatMnemonic+"\n", args("add", "second", "--recover", "--key-type", "eth_secp256k1", "--hd-path", "m/44'/60'/0'/0/1")...)
	require.Equal(t, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8\n", mustOut(t, args("show", "second", "--eth")...))

	// The default key type keeps Cosmos' path: the CosmJS faucet mnemonic
	// gives the CosmJS address.
	keysTestMustRun(t, keysTestFaucetMnemonic+"\n", args("add", "faucet", "--recover")...)
	require.Equal(t, keysTestFaucetAddress(t)+"\n", mustOut(t, args("show", "faucet", "-a")...))
}

func mustOut(t *testing.T, args ...string) string {
	t.Helper()
	out, _ := keysTestMustRun(t, "", args...)
	return out
}
