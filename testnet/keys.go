package testnet

import (
	"fmt"

	"github.com/stakechain/stakechain/cmd/client/keyring"
	"github.com/stakechain/stakechain/x/auth/keys"
)

// newKey is a key created for the network.
type newKey struct {
	Address  string
	Mnemonic string
}

// createKeys adds a new secp256k1 key (default HD path, fresh mnemonic) for
// each name to a keyring of backend test in dir.
func createKeys(dir string, names []string) ([]newKey, error) {
	kr, err := keyring.New(keyring.BackendTest, dir, nil)
	if err != nil {
		return nil, err
	}
	out := make([]newKey, 0, len(names))
	for _, name := range names {
		rec, err := kr.Add(name, "", keys.DefaultHDPath, keys.KeyTypeSecp256k1)
		if err != nil {
			return nil, fmt.Errorf("add key %q: %w", name, err)
		}
		out = append(out, newKey{Address: rec.Address.String(), Mnemonic: rec.Mnemonic})
	}
	return out, nil
}
