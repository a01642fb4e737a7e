package testnet

import (
	"fmt"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/cmd/client/keyring"
	"github.com/stakechain/stakechain/x/auth/keys"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/staking"
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

// genesisTxs signs, with each validator's operator key, the genesis
// transaction that creates its validator with ValidatorPower STAKE bonded.
func genesisTxs(keyringDir, chainID string, nodes []Node, consKeys [][]byte) ([][]byte, error) {
	kr, err := keyring.New(keyring.BackendTest, keyringDir, nil)
	if err != nil {
		return nil, err
	}
	txs := make([][]byte, len(nodes))
	for i, n := range nodes {
		key, err := kr.Signer(ValidatorKeyName(i))
		if err != nil {
			return nil, err
		}
		spec := client.ValidatorSpec{
			ConsPubKey:        consKeys[i],
			Moniker:           n.Moniker,
			Amount:            core.Coin{Denom: BondDenom, Amount: math.NewInt(ValidatorPower).Mul(staking.DefaultPowerReduction)},
			CommissionRate:    math.LegacyMustNewDecFromStr("0.10"),
			CommissionMax:     math.LegacyMustNewDecFromStr("0.20"),
			CommissionMaxRate: math.LegacyMustNewDecFromStr("0.01"),
			MinSelfDelegation: math.OneInt(),
		}
		if txs[i], err = client.GenTx(key, chainID, spec); err != nil {
			return nil, fmt.Errorf("gentx of node%d: %w", i, err)
		}
	}
	return txs, nil
}
