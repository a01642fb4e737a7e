package testnet

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	cmtcfg "github.com/cometbft/cometbft/config"
	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/types"
	cmttime "github.com/cometbft/cometbft/types/time"

	"github.com/stakechain/stakechain/app"
	"github.com/stakechain/stakechain/config"
)

// Defaults of a generated network.
const (
	DefaultValidators     = 4
	DefaultChainID        = "stakechain-localnet"
	DefaultFaucetCoins    = "1000000000000ustake"
	DefaultValidatorCoins = "1000000000ustake"
	// DefaultTimeoutCommit is how long a node waits after committing a
	// block before starting the next height. With the ~0.2 s that
	// proposing and voting take on one host, blocks come about once a
	// second (measured: 1.02 s on average with 4 local validators).
	DefaultTimeoutCommit = 800 * time.Millisecond
	// DefaultMempoolSize is how many transactions a node's mempool holds,
	// twice CometBFT's default, so load tests are not capped by it.
	DefaultMempoolSize = 10000
	// ValidatorPower is the genesis voting power of every validator.
	ValidatorPower = 100
)

// Ports of node 0 on a single host; node i adds PortStep*i. On several
// hosts every node uses node 0's ports.
const (
	P2PPort        = 26656
	RPCPort        = 26657
	ABCIPort       = 26658
	PrometheusPort = 26660
	PortStep       = 10
	// JSONRPCPort is node 0's Ethereum JSON-RPC port on a one-host
	// network with the default base port.
	JSONRPCPort = 8545
)

// Names inside a network directory.
const (
	KeyringDirName = "keyring"
	KeyringBackend = "test"
	FaucetKeyName  = "faucet"
	manifestName   = "network.json"
)

// ValidatorKeyName is the keyring name of validator i's operator key.
func ValidatorKeyName(i int) string { return fmt.Sprintf("validator%d", i) }

// NodeDirName is the home directory name of node i inside a network
// directory.
func NodeDirName(i int) string { return fmt.Sprintf("node%d", i) }

// Options describe a network for InitFiles. Zero values take the defaults
// above.
type Options struct {
	// Validators is the number of validator nodes.
	Validators int
	// OutputDir receives node0..node<N-1> and the keyring. It must not
	// already hold a network.
	OutputDir string
	// ChainID of the genesis.
	ChainID string
	// Hostnames, one per validator, lay the network out for several hosts:
	// every node listens on 0.0.0.0 with the standard ports and reaches its
	// peers by hostname. Without them all nodes run on 127.0.0.1, node i on
	// ports shifted by PortStep*i.
	Hostnames []string
	// FaucetCoins fund the "faucet" key; ValidatorCoins fund each
	// "validator<i>" key.
	FaucetCoins    string
	ValidatorCoins string
	// TimeoutCommit and MempoolSize go to every node's config.toml.
	TimeoutCommit time.Duration
	MempoolSize   int
	// BasePort is node 0's P2P port on a single host (default P2PPort);
	// node i listens for P2P on BasePort+PortStep*i and for RPC, ABCI and
	// Prometheus on the following ports, as the defaults do. It lets two
	// networks run on one host. Ignored with Hostnames.
	BasePort int
	// EditGenesis, if set, changes the genesis app_state after the localnet
	// presets, for networks that need other parameters (tests).
	EditGenesis func(*app.GenesisState)
}

func (o *Options) setDefaults() {
	if o.Validators == 0 {
		o.Validators = DefaultValidators
	}
	if o.ChainID == "" {
		o.ChainID = DefaultChainID
	}
	if o.FaucetCoins == "" {
		o.FaucetCoins = DefaultFaucetCoins
	}
	if o.ValidatorCoins == "" {
		o.ValidatorCoins = DefaultValidatorCoins
	}
	if o.TimeoutCommit == 0 {
		o.TimeoutCommit = DefaultTimeoutCommit
	}
	if o.MempoolSize == 0 {
		o.MempoolSize = DefaultMempoolSize
	}
	if o.BasePort == 0 {
		o.BasePort = P2PPort
	}
}

func (o Options) validate() error {
	if o.OutputDir == "" {
		return errors.New("no output directory")
	}
	if o.Validators < 1 {
		return fmt.Errorf("need at least 1 validator, got %d", o.Validators)
	}
	if len(o.Hostnames) > 0 && len(o.Hostnames) != o.Validators {
		return fmt.Errorf("got %d hostnames for %d validators; give one per validator", len(o.Hostnames), o.Validators)
	}
	for _, h := range o.Hostnames {
		if h == "" || strings.ContainsAny(h, " :@,/") {
			return fmt.Errorf("invalid hostname %q", h)
		}
	}
	if len(o.ChainID) > types.MaxChainIDLen || strings.TrimSpace(o.ChainID) != o.ChainID {
		return fmt.Errorf("invalid chain id %q: at most %d characters, no surrounding spaces", o.ChainID, types.MaxChainIDLen)
	}
	if o.TimeoutCommit < 0 || o.MempoolSize < 0 {
		return errors.New("timeout commit and mempool size must not be negative")
	}
	if last := o.BasePort + PortStep*(o.Validators-1) + (PrometheusPort - P2PPort); o.BasePort < 1024 || last > 65535 {
		return fmt.Errorf("base port %d: the ports of %d nodes must lie in 1024..65535", o.BasePort, o.Validators)
	}
	return nil
}

// Network is a generated network as found on disk.
type Network struct {
	// Dir is the absolute path of the network directory.
	Dir     string `json:"dir"`
	ChainID string `json:"chain_id"`
	Nodes   []Node `json:"nodes"`
	// KeyringDir holds the keys (backend "test") of Faucet and Validators.
	KeyringDir string    `json:"keyring_dir"`
	Faucet     Account   `json:"faucet"`
	Validators []Account `json:"validators"`
}

// Node is one node of a network.
type Node struct {
	Index   int    `json:"index"`
	Moniker string `json:"moniker"`
	// Home is the absolute path of the node's home directory.
	Home   string `json:"home"`
	NodeID string `json:"node_id"`
	// RPC and P2P are the listen addresses from config.toml.
	RPC string `json:"rpc"`
	P2P string `json:"p2p"`
}

// RPCAddr is the address a client on the same host dials to reach the
// node's RPC: the listen address with an unspecified host replaced by
// 127.0.0.1.
func (n Node) RPCAddr() string {
	for _, host := range []string{"0.0.0.0", "[::]"} {
		if strings.Contains(n.RPC, "://"+host+":") {
			return strings.Replace(n.RPC, "://"+host+":", "://127.0.0.1:", 1)
		}
	}
	return n.RPC
}

// BasePort is node 0's P2P port (Options.BasePort of a one-host network;
// P2PPort on several hosts, or when node 0's address cannot be read).
func (n *Network) BasePort() int {
	if len(n.Nodes) == 0 {
		return P2PPort
	}
	_, port, err := net.SplitHostPort(strings.TrimPrefix(n.Nodes[0].P2P, "tcp://"))
	if err != nil {
		return P2PPort
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		return P2PPort
	}
	return p
}

// Account is a funded key of the network's keyring.
type Account struct {
	Name    string `json:"name"`
	Address string `json:"address"`
	Coins   string `json:"coins"`
	// Mnemonic recovers the key elsewhere, such as in a wallet or a
	// client library. The keyring (backend test) holds the key in
	// plaintext anyway; a localnet's keys protect nothing.
	Mnemonic string `json:"mnemonic,omitempty"`
}

// manifest is network.json: what InitFiles created that is not in the
// nodes' own files.
type manifest struct {
	ChainID    string    `json:"chain_id"`
	Faucet     Account   `json:"faucet"`
	Validators []Account `json:"validators"`
}

// Exists reports whether dir holds a network (its node0 has a genesis).
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, NodeDirName(0), cmtcfg.DefaultConfigDir, cmtcfg.DefaultGenesisJSONName))
	return err == nil
}

// InitFiles writes a network for o.Validators validators into o.OutputDir:
// a home per node (config.toml, app.toml, node and consensus keys, and the
// same genesis.json for all), a keyring with the funded keys "faucet" and
// "validator0".."validator<N-1>", and network.json describing it. Every
// validator has the same voting power, from its node's consensus key.
func InitFiles(o Options) (*Network, error) {
	o.setDefaults()
	if err := o.validate(); err != nil {
		return nil, err
	}
	dir, err := filepath.Abs(o.OutputDir)
	if err != nil {
		return nil, err
	}
	if Exists(dir) {
		return nil, fmt.Errorf("%s already holds a network; remove it first", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}

	// Node homes and keys.
	nodes := make([]Node, o.Validators)
	cfgs := make([]*cmtcfg.Config, o.Validators)
	consKeys := make([][]byte, o.Validators)
	for i := range nodes {
		c := nodeConfig(o, dir, i)
		keys, err := config.InitHome(c, localnetAppConfig(o, i))
		if err != nil {
			return nil, fmt.Errorf("node %d: %w", i, err)
		}
		cfgs[i] = c
		nodes[i] = Node{
			Index:   i,
			Moniker: c.Moniker,
			Home:    c.RootDir,
			NodeID:  string(keys.NodeID),
			RPC:     c.RPC.ListenAddress,
			P2P:     c.P2P.ListenAddress,
		}
		consKeys[i] = keys.ValidatorPubKey.Bytes()
	}

	// Peers: every node keeps a connection to every other.
	for i, c := range cfgs {
		var peers []string
		for j := range nodes {
			if j != i {
				peers = append(peers, p2p.IDAddressString(p2p.ID(nodes[j].NodeID), peerHostPort(o, j)))
			}
		}
		c.P2P.PersistentPeers = strings.Join(peers, ",")
		cmtcfg.WriteConfigFile(config.CometConfigPath(c.RootDir), c)
	}

	// Funded keys and the genesis.
	names := []string{FaucetKeyName}
	for i := range nodes {
		names = append(names, ValidatorKeyName(i))
	}
	created, err := createKeys(filepath.Join(dir, KeyringDirName), names)
	if err != nil {
		return nil, fmt.Errorf("keyring: %w", err)
	}
	m := manifest{
		ChainID: o.ChainID,
		Faucet:  Account{Name: FaucetKeyName, Address: created[0].Address, Coins: o.FaucetCoins, Mnemonic: created[0].Mnemonic},
	}
	for i := range nodes {
		k := created[i+1]
		m.Validators = append(m.Validators, Account{Name: ValidatorKeyName(i), Address: k.Address, Coins: o.ValidatorCoins, Mnemonic: k.Mnemonic})
	}
	appState, err := app.GenesisUpdate(app.DefaultGenesis(), func(g *app.GenesisState) {
		localnetParams(g)
		if o.EditGenesis != nil {
			o.EditGenesis(g)
		}
	})
	if err != nil {
		return nil, err
	}
	for _, acc := range append([]Account{m.Faucet}, m.Validators...) {
		if appState, err = app.GenesisAddAccount(appState, acc.Address, acc.Coins); err != nil {
			return nil, fmt.Errorf("genesis account %s (%s): %w", acc.Name, acc.Address, err)
		}
	}
	// The first validator set is stake: each validator's operator key signs
	// a genesis transaction that creates its validator with a self-delegation.
	gentxs, err := genesisTxs(filepath.Join(dir, KeyringDirName), o.ChainID, nodes, consKeys)
	if err != nil {
		return nil, err
	}
	if appState, err = app.GenesisSetGenTxs(appState, gentxs); err != nil {
		return nil, err
	}
	genDoc := types.GenesisDoc{
		ChainID:         o.ChainID,
		GenesisTime:     cmttime.Now(),
		InitialHeight:   1,
		ConsensusParams: types.DefaultConsensusParams(),
		AppState:        appState,
	}
	if err := genDoc.ValidateAndComplete(); err != nil {
		return nil, fmt.Errorf("genesis: %w", err)
	}
	if err := app.ValidateGenesis(genDoc.AppState); err != nil {
		return nil, fmt.Errorf("genesis app_state: %w", err)
	}
	for _, c := range cfgs {
		if err := genDoc.SaveAs(c.GenesisFile()); err != nil {
			return nil, err
		}
	}

	bz, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, manifestName), append(bz, '\n'), 0o644); err != nil {
		return nil, err
	}
	return Load(dir)
}

// nodeConfig is node i's config.toml.
func nodeConfig(o Options, dir string, i int) *cmtcfg.Config {
	name := NodeDirName(i)
	if len(o.Hostnames) > 0 {
		name = o.Hostnames[i]
	}
	c := config.DefaultCometConfig(filepath.Join(dir, NodeDirName(i)), name)

	if len(o.Hostnames) > 0 {
		c.RPC.ListenAddress = fmt.Sprintf("tcp://0.0.0.0:%d", RPCPort)
		c.P2P.ListenAddress = fmt.Sprintf("tcp://0.0.0.0:%d", P2PPort)
		c.P2P.ExternalAddress = fmt.Sprintf("%s:%d", o.Hostnames[i], P2PPort)
		c.ProxyApp = fmt.Sprintf("tcp://127.0.0.1:%d", ABCIPort)
		c.Instrumentation.PrometheusListenAddr = fmt.Sprintf(":%d", PrometheusPort)
	} else {
		p2pPort := o.BasePort + PortStep*i
		c.RPC.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", p2pPort+RPCPort-P2PPort)
		c.P2P.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", p2pPort)
		c.ProxyApp = fmt.Sprintf("tcp://127.0.0.1:%d", p2pPort+ABCIPort-P2PPort)
		c.Instrumentation.PrometheusListenAddr = fmt.Sprintf("127.0.0.1:%d", p2pPort+PrometheusPort-P2PPort)
	}
	// Nothing else listens: no pprof, no gRPC broadcast endpoint, no
	// external signer, Prometheus off (its port above is distinct per node
	// for whoever turns it on).
	c.RPC.PprofListenAddress = ""
	c.RPC.GRPCListenAddress = ""
	c.PrivValidatorListenAddr = ""
	c.Instrumentation.Prometheus = false

	// Private addresses and several nodes per IP are normal here.
	c.P2P.AddrBookStrict = false
	c.P2P.AllowDuplicateIP = true
	// Reconnect to a restarted peer within seconds.
	c.P2P.PersistentPeersMaxDialPeriod = 5 * time.Second

	c.Consensus.TimeoutCommit = o.TimeoutCommit
	c.Mempool.Size = o.MempoolSize
	return c
}

// peerHostPort is how the other nodes reach node j's P2P port.
func peerHostPort(o Options, j int) string {
	if len(o.Hostnames) > 0 {
		return fmt.Sprintf("%s:%d", o.Hostnames[j], P2PPort)
	}
	return fmt.Sprintf("127.0.0.1:%d", o.BasePort+PortStep*j)
}

// Load reads the network in dir: its nodes node0, node1, ... from their
// config.toml and node key, and its accounts from network.json.
func Load(dir string) (*Network, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if !Exists(dir) {
		return nil, fmt.Errorf("%s holds no network (no %s)", dir, filepath.Join(NodeDirName(0), "config", "genesis.json"))
	}
	net := &Network{Dir: dir, KeyringDir: filepath.Join(dir, KeyringDirName)}

	bz, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(bz, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, manifestName), err)
	}
	net.ChainID, net.Faucet, net.Validators = m.ChainID, m.Faucet, m.Validators

	for i := 0; ; i++ {
		home := filepath.Join(dir, NodeDirName(i))
		if _, err := os.Stat(config.CometConfigPath(home)); errors.Is(err, os.ErrNotExist) {
			break
		}
		c, err := config.LoadCometConfig(home)
		if err != nil {
			return nil, err
		}
		key, err := p2p.LoadNodeKey(c.NodeKeyFile())
		if err != nil {
			return nil, fmt.Errorf("node %d key: %w", i, err)
		}
		net.Nodes = append(net.Nodes, Node{
			Index:   i,
			Moniker: c.Moniker,
			Home:    home,
			NodeID:  string(key.ID()),
			RPC:     c.RPC.ListenAddress,
			P2P:     c.P2P.ListenAddress,
		})
	}
	return net, nil
}

// JoinAsFullNode prepares the home of a node made with `stakechain init`
// to join the local network net as node index i (on the network's ports
// shifted by PortStep*i): it copies the network's genesis, writes a
// config.toml like the validators' with every validator as a persistent
// peer and their app.toml, and returns the node. Start it with
// `stakechain start --home HOME`; it syncs as a full node and becomes a
// validator only by staking.
func JoinAsFullNode(net *Network, home string, i int) (Node, error) {
	genesis, err := os.ReadFile(filepath.Join(net.Nodes[0].Home, "config", "genesis.json"))
	if err != nil {
		return Node{}, err
	}
	old, err := config.LoadCometConfig(home)
	if err != nil {
		return Node{}, err
	}
	o := Options{BasePort: net.BasePort()}
	o.setDefaults()
	c := nodeConfig(o, filepath.Dir(home), i)
	c.SetRoot(home)
	c.Moniker = old.Moniker
	var peers []string
	for _, n := range net.Nodes {
		peers = append(peers, p2p.IDAddressString(p2p.ID(n.NodeID), strings.TrimPrefix(n.P2P, "tcp://")))
	}
	c.P2P.PersistentPeers = strings.Join(peers, ",")
	if _, err := config.InitHome(c, localnetAppConfig(o, i)); err != nil {
		return Node{}, err
	}
	if err := os.WriteFile(c.GenesisFile(), genesis, 0o644); err != nil {
		return Node{}, err
	}
	nodeKey, err := p2p.LoadNodeKey(c.NodeKeyFile())
	if err != nil {
		return Node{}, err
	}
	return Node{Index: i, Moniker: c.Moniker, Home: home, NodeID: string(nodeKey.ID()), RPC: c.RPC.ListenAddress, P2P: c.P2P.ListenAddress}, nil
}
