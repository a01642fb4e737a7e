package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	cmtcfg "github.com/cometbft/cometbft/config"
	"github.com/cometbft/cometbft/crypto"
	cmtjson "github.com/cometbft/cometbft/libs/json"
	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/privval"
	"github.com/spf13/viper"
)

// CometConfigPath returns the path of CometBFT's config.toml under home.
func CometConfigPath(home string) string {
	return filepath.Join(home, cmtcfg.DefaultConfigDir, cmtcfg.DefaultConfigFileName)
}

// DefaultCometConfig returns CometBFT's configuration for a new node at home
// with StakeChain's choices: RPC on 127.0.0.1 only, the "kv" transaction
// indexer on so transactions can be found by hash, and the application
// running in the same process (proxy_app is unused).
func DefaultCometConfig(home, moniker string) *cmtcfg.Config {
	c := cmtcfg.DefaultConfig()
	c.SetRoot(home)
	c.Moniker = moniker
	c.RPC.ListenAddress = "tcp://127.0.0.1:26657"
	// Metrics, when turned on, are served on this host only, as the RPC is;
	// CometBFT's default listens on every interface.
	c.Instrumentation.PrometheusListenAddr = "127.0.0.1:26660"
	c.TxIndex.Indexer = "kv"
	return c
}

// LoadCometConfig reads HOME/config/config.toml over CometBFT's defaults and
// checks it.
func LoadCometConfig(home string) (*cmtcfg.Config, error) {
	path := CometConfigPath(home)
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s does not exist: run `stakechain init` first or pass the right --home", path)
		}
		return nil, err
	}
	v := viper.New()
	v.SetConfigFile(path)
	v.SetConfigType("toml")
	if err := v.ReadInConfig(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	c := cmtcfg.DefaultConfig()
	if err := v.Unmarshal(c); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	c.SetRoot(home)
	if err := c.ValidateBasic(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// NodeKeys are the public parts of a node's two keys.
type NodeKeys struct {
	// NodeID identifies the node on the P2P network (from node_key.json).
	NodeID p2p.ID
	// ValidatorPubKey is the consensus key (from priv_validator_key.json).
	ValidatorPubKey crypto.PubKey
}

// InitHome writes a node's files under c.RootDir: config/config.toml from c,
// config/app.toml from app, and the keys config/node_key.json,
// config/priv_validator_key.json and data/priv_validator_state.json. Keys
// that already exist are kept, so running it again only rewrites the two
// config files. It does not touch genesis.json.
func InitHome(c *cmtcfg.Config, app AppConfig) (NodeKeys, error) {
	home := c.RootDir
	if home == "" {
		return NodeKeys{}, errors.New("no home directory")
	}
	if err := c.ValidateBasic(); err != nil {
		return NodeKeys{}, fmt.Errorf("config.toml: %w", err)
	}
	for _, dir := range []string{
		filepath.Join(home, cmtcfg.DefaultConfigDir),
		filepath.Join(home, cmtcfg.DefaultDataDir),
		filepath.Dir(c.PrivValidatorKeyFile()),
		filepath.Dir(c.PrivValidatorStateFile()),
		filepath.Dir(c.NodeKeyFile()),
	} {
		if err := os.MkdirAll(dir, cmtcfg.DefaultDirPerm); err != nil {
			return NodeKeys{}, err
		}
	}

	nodeKey, err := p2p.LoadOrGenNodeKey(c.NodeKeyFile())
	if err != nil {
		return NodeKeys{}, fmt.Errorf("node key %s: %w", c.NodeKeyFile(), err)
	}
	pub, err := ensureValidatorKey(c.PrivValidatorKeyFile(), c.PrivValidatorStateFile())
	if err != nil {
		return NodeKeys{}, err
	}

	cmtcfg.WriteConfigFile(CometConfigPath(home), c)
	if err := Write(home, app); err != nil {
		return NodeKeys{}, err
	}
	return NodeKeys{NodeID: nodeKey.ID(), ValidatorPubKey: pub}, nil
}

// ensureValidatorKey creates the consensus key and its sign state if the
// key file does not exist, and recreates a missing state file for an
// existing key.
func ensureValidatorKey(keyFile, stateFile string) (crypto.PubKey, error) {
	if _, err := os.Stat(keyFile); errors.Is(err, os.ErrNotExist) {
		pv := privval.GenFilePV(keyFile, stateFile)
		pv.Save()
		return pv.Key.PubKey, nil
	} else if err != nil {
		return nil, err
	}
	pub, err := LoadValidatorPubKey(keyFile)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(stateFile); errors.Is(err, os.ErrNotExist) {
		privval.LoadFilePVEmptyState(keyFile, stateFile).Save()
	}
	return pub, nil
}

// LoadValidatorPubKey reads the public key from a priv_validator_key.json
// file, reporting problems as errors (CometBFT's loader exits the process).
func LoadValidatorPubKey(keyFile string) (crypto.PubKey, error) {
	bz, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("validator key: %w", err)
	}
	var key privval.FilePVKey
	if err := cmtjson.Unmarshal(bz, &key); err != nil {
		return nil, fmt.Errorf("validator key %s: %w", keyFile, err)
	}
	if key.PrivKey == nil {
		return nil, fmt.Errorf("validator key %s: no private key", keyFile)
	}
	return key.PrivKey.PubKey(), nil
}

// LoadFilePV loads a node's consensus key and sign state after checking
// that both files exist and parse, so that CometBFT's loader, which exits
// the process on failure, only sees good files.
func LoadFilePV(c *cmtcfg.Config) (*privval.FilePV, error) {
	if _, err := LoadValidatorPubKey(c.PrivValidatorKeyFile()); err != nil {
		return nil, err
	}
	bz, err := os.ReadFile(c.PrivValidatorStateFile())
	if err != nil {
		return nil, fmt.Errorf("validator state: %w", err)
	}
	var state privval.FilePVLastSignState
	if err := cmtjson.Unmarshal(bz, &state); err != nil {
		return nil, fmt.Errorf("validator state %s: %w", c.PrivValidatorStateFile(), err)
	}
	return privval.LoadFilePV(c.PrivValidatorKeyFile(), c.PrivValidatorStateFile()), nil
}
