package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/stakechain/stakechain/cmd/client/keyring"
	"github.com/stakechain/stakechain/x/auth/keys"
	"github.com/stakechain/stakechain/x/auth/types"
)

// Flags and environment of the keys commands.
const (
	keysFlagKeyringBackend = "keyring-backend"
	keysFlagKeyringDir     = "keyring-dir"
	keysFlagRecover        = "recover"
	keysFlagKeyType        = "key-type"
	keysFlagHDPath         = "hd-path"
	keysFlagAddress        = "address"
	keysFlagBech           = "bech"
	keysFlagEth            = "eth"
	keysFlagYes            = "yes"
	keysFlagUnarmoredHex   = "unarmored-hex"
	keysFlagUnsafe         = "unsafe"

	// keysPassphraseEnv, when set and not empty, answers every passphrase
	// prompt: the keyring's and those of export and import.
	keysPassphraseEnv = "STAKECHAIN_KEYRING_PASSPHRASE"

	keysDirName = "keyring"
)

// keysCommand returns the "keys" command: the local keyring.
func keysCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "Manage the keys of the local keyring",
		Long: `Manage the keys of the local keyring.

The "file" backend keeps keys encrypted under a passphrase, taken from
` + keysPassphraseEnv + ` when it is set, otherwise asked on the terminal,
otherwise read as a line from standard input. The "test" backend keeps keys
in plaintext, for local test networks only.`,
	}
	cmd.PersistentFlags().String(keysFlagKeyringBackend, keyring.BackendFile, `keyring backend: "file" (encrypted) or "test" (plaintext, for local networks)`)
	cmd.PersistentFlags().String(keysFlagKeyringDir, "", "keyring directory (default: the --home directory + /keyring)")
	cmd.AddCommand(
		keysAddCommand(),
		keysListCommand(),
		keysShowCommand(),
		keysDeleteCommand(),
		keysExportCommand(),
		keysImportCommand(),
	)
	return cmd
}

// keysInput reads a command's standard input: mnemonics, confirmations and
// passphrases share one buffered reader so that lines are taken in order.
type keysInput struct {
	in     io.Reader
	errOut io.Writer
	r      *bufio.Reader
}

func keysNewInput(cmd *cobra.Command) *keysInput {
	in := cmd.InOrStdin()
	return &keysInput{in: in, errOut: cmd.ErrOrStderr(), r: bufio.NewReader(in)}
}

// terminal returns the descriptor of standard input when it is a terminal.
func (k *keysInput) terminal() (int, bool) {
	f, ok := k.in.(*os.File)
	if !ok {
		return 0, false
	}
	fd := int(f.Fd())
	return fd, term.IsTerminal(fd)
}

// line reads one line, without its line ending.
func (k *keysInput) line() (string, error) {
	s, err := k.r.ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && s != "") {
		if errors.Is(err, io.EOF) {
			return "", io.ErrUnexpectedEOF
		}
		return "", err
	}
	return strings.TrimRight(s, "\r\n"), nil
}

// passphrase answers a keyring prompt: from the environment, from the
// terminal without echo (twice for a new passphrase), or as a line of
// standard input.
func (k *keysInput) passphrase(prompt string) (string, error) {
	if p := os.Getenv(keysPassphraseEnv); p != "" {
		return p, nil
	}
	fd, isTerm := k.terminal()
	if !isTerm {
		p, err := k.line()
		if err != nil {
			return "", fmt.Errorf("%s: set %s or enter it on standard input: %w", prompt, keysPassphraseEnv, err)
		}
		return p, nil
	}
	read := func(p string) (string, error) {
		fmt.Fprint(k.errOut, p+": ")
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(k.errOut)
		return string(b), err
	}
	p, err := read(prompt)
	if err != nil {
		return "", err
	}
	if prompt == keyring.PromptNewPassphrase || prompt == keyring.PromptExportPassphrase {
		again, err := read("Repeat the passphrase")
		if err != nil {
			return "", err
		}
		if again != p {
			return "", errors.New("the passphrases do not match")
		}
	}
	return p, nil
}

// confirm asks a yes/no question; only "y" or "yes" is yes.
func (k *keysInput) confirm(question string) (bool, error) {
	fmt.Fprintf(k.errOut, "%s [y/N]: ", question)
	answer, err := k.line()
	if err != nil {
		return false, err
	}
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "y", "yes":
		return true, nil
	default:
		return false, nil
	}
}

// keysKeyringDir is --keyring-dir, or the --home directory + /keyring.
func keysKeyringDir(cmd *cobra.Command) (string, error) {
	if dir, err := cmd.Flags().GetString(keysFlagKeyringDir); err == nil && dir != "" {
		return expandHome(dir), nil
	}
	return filepath.Join(homeDir(cmd), keysDirName), nil
}

// keysOpenKeyring opens the keyring selected by --keyring-backend and
// --keyring-dir, asking for passphrases through in. Commands of this package
// that sign (tx ...) can use it with the same two flags.
func keysOpenKeyring(cmd *cobra.Command, in *keysInput) (keyring.Keyring, error) {
	backend, err := cmd.Flags().GetString(keysFlagKeyringBackend)
	if err != nil || backend == "" {
		backend = keyring.BackendFile
	}
	dir, err := keysKeyringDir(cmd)
	if err != nil {
		return nil, err
	}
	return keyring.New(backend, dir, in.passphrase)
}

// keysPrintJSON writes v as one indented JSON document.
func keysPrintJSON(cmd *cobra.Command, v any) error {
	bz, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s\n", bz)
	return err
}

// keysPubKeyJSON is the one-line JSON of a public key shown in text output.
func keysPubKeyJSON(pk keys.PubKey) string {
	bz, err := json.Marshal(struct {
		Type string `json:"@type"`
		Key  []byte `json:"key"`
	}{pk.TypeURL(), pk.Bytes()})
	if err != nil {
		return ""
	}
	return string(bz)
}

// keysWriteText writes records as a YAML list, as Cosmos does.
func keysWriteText(w io.Writer, records []keyring.Record) {
	for _, r := range records {
		fmt.Fprintf(w, "- name: %s\n", r.Name)
		fmt.Fprintf(w, "  type: %s\n", r.Type)
		fmt.Fprintf(w, "  key_type: %s\n", r.KeyType)
		fmt.Fprintf(w, "  address: %s\n", r.Address)
		if r.KeyType == keys.KeyTypeEthSecp256k1 {
			fmt.Fprintf(w, "  eth_address: %s\n", r.Address.Hex())
		}
		fmt.Fprintf(w, "  pubkey: '%s'\n", keysPubKeyJSON(r.PubKey))
	}
}

// keysPrintRecord writes one record: JSON with -o json, text otherwise.
func keysPrintRecord(cmd *cobra.Command, r keyring.Record) error {
	if wantJSON(cmd) {
		return keysPrintJSON(cmd, r)
	}
	keysWriteText(cmd.OutOrStdout(), []keyring.Record{r})
	return nil
}

func keysAddCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Create a key, or recover one from its mnemonic",
		Long: `Create a key from a new 24-word BIP-39 mnemonic, shown once, or with
--recover from a mnemonic read as one line from standard input. Keys are
derived at --hd-path (Cosmos' m/44'/118'/0'/0/0 by default), so a mnemonic
gives the same secp256k1 address here as in Cosmos wallets. Derivation of
ed25519 keys from a mnemonic is specific to StakeChain.

--key-type eth_secp256k1 makes an Ethereum key: its account address is its
Ethereum address (keys show --eth prints the 0x form), and it derives at
m/44'/60'/0'/0/0 by default, as MetaMask does, so the same mnemonic gives
the same account here and in MetaMask.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			if err := keyring.ValidateName(name); err != nil {
				return err
			}
			keyType, _ := cmd.Flags().GetString(keysFlagKeyType)
			if err := keys.ValidateKeyType(keyType); err != nil {
				return err
			}
			hdPath, _ := cmd.Flags().GetString(keysFlagHDPath)
			recoverKey, _ := cmd.Flags().GetBool(keysFlagRecover)
			in := keysNewInput(cmd)
			kr, err := keysOpenKeyring(cmd, in)
			if err != nil {
				return err
			}
			mnemonic := ""
			if recoverKey {
				if _, isTerm := in.terminal(); isTerm {
					fmt.Fprint(cmd.ErrOrStderr(), "Enter your BIP-39 mnemonic: ")
				}
				if mnemonic, err = in.line(); err != nil {
					return fmt.Errorf("reading the mnemonic: %w", err)
				}
				mnemonic = keys.NormalizeMnemonic(mnemonic)
				if mnemonic == "" {
					return errors.New("the mnemonic is empty")
				}
				if _, err := keys.Seed(mnemonic, ""); err != nil {
					return err
				}
			}
			r, err := kr.Add(name, mnemonic, hdPath, keyType)
			if err != nil {
				return err
			}
			if err := keysPrintRecord(cmd, r); err != nil {
				return err
			}
			if r.Mnemonic != "" && !wantJSON(cmd) {
				fmt.Fprintf(cmd.ErrOrStderr(), "\n**Important** write this mnemonic phrase down and keep it in a safe place.\n"+
					"It is the only way to recover your key if you lose the keyring or forget its passphrase.\n\n%s\n", r.Mnemonic)
			}
			return nil
		},
	}
	cmd.Flags().Bool(keysFlagRecover, false, "recover the key from a mnemonic read from standard input")
	cmd.Flags().String(keysFlagKeyType, keys.KeyTypeSecp256k1, `key algorithm: "secp256k1", "ed25519" or "eth_secp256k1"`)
	cmd.Flags().String(keysFlagHDPath, "", "BIP-32 derivation path (default "+keys.DefaultHDPath+", or "+keys.EthHDPath+" for eth_secp256k1)")
	return cmd
}

func keysListCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the keys of the keyring",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			kr, err := keysOpenKeyring(cmd, keysNewInput(cmd))
			if err != nil {
				return err
			}
			records, err := kr.List()
			if err != nil {
				return err
			}
			if wantJSON(cmd) {
				return keysPrintJSON(cmd, records)
			}
			if len(records) == 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "No keys in %s\n", kr.Dir())
				return nil
			}
			keysWriteText(cmd.OutOrStdout(), records)
			return nil
		},
	}
}

// keysGet finds a key by name, or by its account address.
func keysGet(kr keyring.Keyring, nameOrAddress string) (keyring.Record, error) {
	r, err := kr.Get(nameOrAddress)
	if err == nil || !(errors.Is(err, keyring.ErrKeyNotFound) || errors.Is(err, keyring.ErrInvalidName)) {
		return r, err
	}
	if addr, aerr := types.ParseAccountInput(nameOrAddress); aerr == nil {
		return kr.GetByAddress(addr)
	}
	return r, err
}

func keysShowCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "show NAME",
		Short: "Show a key, or only its address",
		Long: `Show a key (NAME may also be its account address, stake1... or 0x...).
--bech selects the address form: "acc" (stake1...), "val" (stakevaloper1...)
or "cons" (stakevalcons1...). --eth prints only the account's Ethereum
form, 0x with the EIP-55 checksum: for an eth_secp256k1 key, the address
MetaMask shows for it.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			bech, _ := cmd.Flags().GetString(keysFlagBech)
			prefix := ""
			switch bech {
			case "acc":
				prefix = types.AccountPrefix
			case "val":
				prefix = types.ValoperPrefix
			case "cons":
				prefix = types.ConsensusPrefix
			default:
				return fmt.Errorf(`--bech must be "acc", "val" or "cons", got %q`, bech)
			}
			kr, err := keysOpenKeyring(cmd, keysNewInput(cmd))
			if err != nil {
				return err
			}
			r, err := keysGet(kr, args[0])
			if err != nil {
				return err
			}
			if eth, _ := cmd.Flags().GetBool(keysFlagEth); eth {
				return keysShowEth(cmd, r)
			}
			addr, err := types.Bech32(prefix, r.Address)
			if err != nil {
				return err
			}
			if only, _ := cmd.Flags().GetBool(keysFlagAddress); only {
				_, err := fmt.Fprintln(cmd.OutOrStdout(), addr)
				return err
			}
			if wantJSON(cmd) {
				bz, err := json.Marshal(r)
				if err != nil {
					return err
				}
				var doc map[string]any
				if err := json.Unmarshal(bz, &doc); err != nil {
					return err
				}
				doc["address"] = addr
				return keysPrintJSON(cmd, doc)
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "- name: %s\n  type: %s\n  key_type: %s\n  address: %s\n  pubkey: '%s'\n",
				r.Name, r.Type, r.KeyType, addr, keysPubKeyJSON(r.PubKey))
			return nil
		},
	}
	cmd.Flags().BoolP(keysFlagAddress, "a", false, "print only the address")
	cmd.Flags().String(keysFlagBech, "acc", `address form: "acc", "val" or "cons"`)
	cmd.Flags().Bool(keysFlagEth, false, "print only the Ethereum form of the account address (0x, EIP-55)")
	cmd.MarkFlagsMutuallyExclusive(keysFlagEth, keysFlagAddress)
	return cmd
}

// keysShowEth prints the 0x form of a key's account address. Any 20-byte
// address has one, but only an eth_secp256k1 key is the key of that
// Ethereum account, so for the others a note on standard error says so.
func keysShowEth(cmd *cobra.Command, r keyring.Record) error {
	eth := r.Address.Hex()
	if eth == "" {
		return fmt.Errorf("key %q: its %d-byte address has no Ethereum form", r.Name, len(r.Address))
	}
	if r.KeyType != keys.KeyTypeEthSecp256k1 {
		fmt.Fprintf(cmd.ErrOrStderr(), "Note: %q is a %s key. %s is its account's 0x spelling, but Ethereum wallets "+
			"importing this key derive another address; an eth_secp256k1 key (keys add --key-type eth_secp256k1) is an Ethereum account.\n",
			r.Name, r.KeyType, eth)
	}
	if wantJSON(cmd) {
		return keysPrintJSON(cmd, map[string]string{"name": r.Name, "address": r.Address.String(), "eth_address": eth})
	}
	_, err := fmt.Fprintln(cmd.OutOrStdout(), eth)
	return err
}

func keysDeleteCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "delete NAME",
		Short: "Delete a key from the keyring",
		Long:  "Delete a key from the keyring. Without its mnemonic or an export, the key is lost.",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			in := keysNewInput(cmd)
			kr, err := keysOpenKeyring(cmd, in)
			if err != nil {
				return err
			}
			r, err := kr.Get(name)
			if err != nil {
				return err
			}
			if yes, _ := cmd.Flags().GetBool(keysFlagYes); !yes {
				ok, err := in.confirm(fmt.Sprintf("Delete key %q (%s)? It cannot be recovered without its mnemonic.", r.Name, r.Address))
				if err != nil {
					return fmt.Errorf("reading the confirmation (use -y to skip it): %w", err)
				}
				if !ok {
					return errors.New("aborted: the key was not deleted")
				}
			}
			if err := kr.Delete(name); err != nil {
				return err
			}
			if wantJSON(cmd) {
				return keysPrintJSON(cmd, map[string]any{"name": r.Name, "address": r.Address.String(), "deleted": true})
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Key %q deleted\n", r.Name)
			return err
		},
	}
	cmd.Flags().BoolP(keysFlagYes, "y", false, "delete without asking for confirmation")
	return cmd
}

func keysExportCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export NAME",
		Short: "Print a key encrypted under a passphrase, for keys import",
		Long: `Print a key encrypted under a passphrase, for keys import.

With --unarmored-hex --unsafe, print instead the raw private key in hex,
unencrypted: for an eth_secp256k1 key, the private key MetaMask and other
Ethereum wallets import. Anyone who sees it controls the account.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			unarmored, _ := cmd.Flags().GetBool(keysFlagUnarmoredHex)
			unsafe, _ := cmd.Flags().GetBool(keysFlagUnsafe)
			switch {
			case unarmored && !unsafe:
				return errors.New("--unarmored-hex prints the private key unencrypted, and anyone who sees it controls the account: add --unsafe to confirm")
			case unsafe && !unarmored:
				return errors.New("--unsafe goes only with --unarmored-hex")
			}
			kr, err := keysOpenKeyring(cmd, keysNewInput(cmd))
			if err != nil {
				return err
			}
			r, err := kr.Get(args[0])
			if err != nil {
				return err
			}
			if unarmored {
				return keysExportHex(cmd, kr, r)
			}
			armored, err := kr.Export(args[0])
			if err != nil {
				return err
			}
			if wantJSON(cmd) {
				return keysPrintJSON(cmd, map[string]any{"name": r.Name, "address": r.Address.String(), "armor": armored})
			}
			_, err = fmt.Fprint(cmd.OutOrStdout(), armored)
			return err
		},
	}
	cmd.Flags().Bool(keysFlagUnarmoredHex, false, "print the raw private key in hex, unencrypted (needs --unsafe)")
	cmd.Flags().Bool(keysFlagUnsafe, false, "confirm --unarmored-hex")
	return cmd
}

// keysExportHex prints the raw private key of r in hex, after a warning on
// standard error.
func keysExportHex(cmd *cobra.Command, kr keyring.Keyring, r keyring.Record) error {
	sk, err := kr.Signer(r.Name)
	if err != nil {
		return err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "WARNING: below is the unencrypted private key of %q (%s). "+
		"Anyone who sees it can spend everything the account holds: do not share it, paste it only into a wallet you trust.\n",
		r.Name, r.Address)
	secret := hex.EncodeToString(sk.Bytes())
	if wantJSON(cmd) {
		doc := map[string]string{"name": r.Name, "key_type": r.KeyType, "address": r.Address.String(), "private_key_hex": secret}
		if r.KeyType == keys.KeyTypeEthSecp256k1 {
			doc["eth_address"] = r.Address.Hex()
		}
		return keysPrintJSON(cmd, doc)
	}
	_, err = fmt.Fprintln(cmd.OutOrStdout(), secret)
	return err
}

func keysImportCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "import NAME FILE",
		Short: "Store a key written by keys export under NAME",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			if err := keyring.ValidateName(name); err != nil {
				return err
			}
			armored, err := os.ReadFile(args[1])
			if err != nil {
				return err
			}
			kr, err := keysOpenKeyring(cmd, keysNewInput(cmd))
			if err != nil {
				return err
			}
			if err := kr.Import(name, string(armored)); err != nil {
				return err
			}
			r, err := kr.Get(name)
			if err != nil {
				return err
			}
			return keysPrintRecord(cmd, r)
		},
	}
}
