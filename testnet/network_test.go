package testnet_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	dbm "github.com/cometbft/cometbft-db"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cometbft/cometbft/privval"
	"github.com/cometbft/cometbft/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app"
	"github.com/stakechain/stakechain/cmd/client/keyring"
	"github.com/stakechain/stakechain/config"
	"github.com/stakechain/stakechain/testnet"
)

func TestInitFilesWritesALocalNetwork(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "net")
	net, err := testnet.InitFiles(testnet.Options{Validators: 4, OutputDir: dir})
	require.NoError(t, err)
	require.Equal(t, testnet.DefaultChainID, net.ChainID)
	require.Len(t, net.Nodes, 4)

	t.Run("every node has its config, keys and genesis", func(t *testing.T) {
		for i := range 4 {
			home := filepath.Join(dir, fmt.Sprintf("node%d", i))
			for _, f := range []string{
				"config/config.toml", "config/app.toml", "config/genesis.json",
				"config/node_key.json", "config/priv_validator_key.json",
				"data/priv_validator_state.json",
			} {
				require.FileExists(t, filepath.Join(home, f))
			}
			require.Equal(t, home, net.Nodes[i].Home)
		}
	})

	t.Run("all nodes share one genesis that passes validation", func(t *testing.T) {
		first, err := os.ReadFile(filepath.Join(dir, "node0/config/genesis.json"))
		require.NoError(t, err)
		for i := 1; i < 4; i++ {
			other, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("node%d/config/genesis.json", i)))
			require.NoError(t, err)
			require.Equal(t, string(first), string(other), "genesis of node%d", i)
		}
		genDoc, err := types.GenesisDocFromJSON(first)
		require.NoError(t, err)
		require.Equal(t, testnet.DefaultChainID, genDoc.ChainID)
		require.NoError(t, app.ValidateGenesis(genDoc.AppState))
	})

	t.Run("the genesis transactions make the nodes' consensus keys validators with equal power", func(t *testing.T) {
		genDoc, err := types.GenesisDocFromFile(filepath.Join(dir, "node0/config/genesis.json"))
		require.NoError(t, err)
		require.Empty(t, genDoc.Validators, "the validator set comes from stake, not from genesis.json")
		a, err := app.New(app.Config{DB: dbm.NewMemDB()})
		require.NoError(t, err)
		res, err := a.InitChain(t.Context(), &abci.RequestInitChain{ChainId: genDoc.ChainID, InitialHeight: 1,
			Time: genDoc.GenesisTime, AppStateBytes: genDoc.AppState})
		require.NoError(t, err)
		require.Len(t, res.Validators, 4)
		got := map[string]int64{}
		for _, v := range res.Validators {
			got[string(v.PubKey.GetEd25519())] = v.Power
		}
		for i := range 4 {
			home := filepath.Join(dir, fmt.Sprintf("node%d", i))
			pv := privval.LoadFilePV(filepath.Join(home, "config/priv_validator_key.json"), filepath.Join(home, "data/priv_validator_state.json"))
			require.Equal(t, int64(testnet.ValidatorPower), got[string(pv.Key.PubKey.Bytes())], "validator %d", i)
		}
	})

	t.Run("node i listens on 127.0.0.1 with ports shifted by 10*i", func(t *testing.T) {
		for i, n := range net.Nodes {
			c, err := config.LoadCometConfig(n.Home)
			require.NoError(t, err)
			require.Equal(t, fmt.Sprintf("tcp://127.0.0.1:%d", 26657+10*i), c.RPC.ListenAddress)
			require.Equal(t, fmt.Sprintf("tcp://127.0.0.1:%d", 26656+10*i), c.P2P.ListenAddress)
			require.Equal(t, fmt.Sprintf("tcp://127.0.0.1:%d", 26658+10*i), c.ProxyApp)
			require.Equal(t, fmt.Sprintf("127.0.0.1:%d", 26660+10*i), c.Instrumentation.PrometheusListenAddr)
			require.False(t, c.Instrumentation.Prometheus)
			require.Empty(t, c.RPC.PprofListenAddress)
			require.Empty(t, c.RPC.GRPCListenAddress)
			require.True(t, c.P2P.AllowDuplicateIP)
			require.False(t, c.P2P.AddrBookStrict)
			require.Equal(t, "kv", c.TxIndex.Indexer)
			require.Equal(t, testnet.DefaultTimeoutCommit, c.Consensus.TimeoutCommit)
			require.Equal(t, testnet.DefaultMempoolSize, c.Mempool.Size)
			require.Equal(t, fmt.Sprintf("node%d", i), c.Moniker)
		}
	})

	t.Run("each node's persistent peers are all the other nodes", func(t *testing.T) {
		for i, n := range net.Nodes {
			c, err := config.LoadCometConfig(n.Home)
			require.NoError(t, err)
			var want []string
			for j, other := range net.Nodes {
				if j != i {
					want = append(want, fmt.Sprintf("%s@127.0.0.1:%d", other.NodeID, 26656+10*j))
				}
			}
			require.Equal(t, strings.Join(want, ","), c.P2P.PersistentPeers)
		}
	})

	t.Run("the keyring holds the funded faucet and validator keys", func(t *testing.T) {
		kr, err := keyring.New(keyring.BackendTest, filepath.Join(dir, "keyring"), nil)
		require.NoError(t, err)
		genDoc, err := types.GenesisDocFromFile(filepath.Join(dir, "node0/config/genesis.json"))
		require.NoError(t, err)
		accounts := append([]testnet.Account{net.Faucet}, net.Validators...)
		require.Len(t, accounts, 5)
		require.Equal(t, "faucet", accounts[0].Name)
		for i, acc := range accounts[1:] {
			require.Equal(t, fmt.Sprintf("validator%d", i), acc.Name)
			require.Equal(t, testnet.DefaultValidatorCoins, acc.Coins)
		}
		require.Equal(t, testnet.DefaultFaucetCoins, net.Faucet.Coins)
		for _, acc := range accounts {
			rec, err := kr.Get(acc.Name)
			require.NoError(t, err, acc.Name)
			require.Equal(t, acc.Address, rec.Address.String())
			require.NotEmpty(t, acc.Mnemonic)
			require.Contains(t, string(genDoc.AppState), acc.Address, "%s is in app_state", acc.Name)
		}
	})

	t.Run("Load reads back what InitFiles wrote", func(t *testing.T) {
		loaded, err := testnet.Load(dir)
		require.NoError(t, err)
		require.Equal(t, net, loaded)
	})

	t.Run("a directory that holds a network is not overwritten", func(t *testing.T) {
		_, err := testnet.InitFiles(testnet.Options{Validators: 4, OutputDir: dir})
		require.ErrorContains(t, err, "already holds a network")
	})
}

func TestInitFilesWithHostnamesLaysOutOneNodePerHost(t *testing.T) {
	dir := t.TempDir()
	hosts := []string{"val-a", "val-b", "val-c"}
	net, err := testnet.InitFiles(testnet.Options{Validators: 3, OutputDir: dir, ChainID: "multi-1", Hostnames: hosts})
	require.NoError(t, err)
	require.Equal(t, "multi-1", net.ChainID)
	for i, n := range net.Nodes {
		c, err := config.LoadCometConfig(n.Home)
		require.NoError(t, err)
		require.Equal(t, "tcp://0.0.0.0:26657", c.RPC.ListenAddress)
		require.Equal(t, "tcp://0.0.0.0:26656", c.P2P.ListenAddress)
		require.Equal(t, hosts[i]+":26656", c.P2P.ExternalAddress)
		require.Equal(t, hosts[i], c.Moniker)
		require.Equal(t, "tcp://127.0.0.1:26657", n.RPCAddr())
		for j, other := range net.Nodes {
			peer := fmt.Sprintf("%s@%s:26656", other.NodeID, hosts[j])
			if j == i {
				require.NotContains(t, c.P2P.PersistentPeers, peer)
			} else {
				require.Contains(t, c.P2P.PersistentPeers, peer)
			}
		}
	}
}

func TestInitFilesRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name    string
		opts    testnet.Options
		wantErr string
	}{
		{name: "no output directory", opts: testnet.Options{Validators: 1}, wantErr: "no output directory"},
		{name: "a negative validator count", opts: testnet.Options{Validators: -1, OutputDir: "x"}, wantErr: "at least 1 validator"},
		{name: "fewer hostnames than validators", opts: testnet.Options{Validators: 3, OutputDir: "x", Hostnames: []string{"a", "b"}}, wantErr: "2 hostnames for 3 validators"},
		{name: "a hostname with a port", opts: testnet.Options{Validators: 1, OutputDir: "x", Hostnames: []string{"a:1"}}, wantErr: "invalid hostname"},
		{name: "a base port whose last node would pass 65535", opts: testnet.Options{Validators: 4, OutputDir: "x", BasePort: 65530}, wantErr: "base port 65530"},
		{name: "a chain id that is too long", opts: testnet.Options{Validators: 1, OutputDir: "x", ChainID: strings.Repeat("c", 51)}, wantErr: "invalid chain id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.opts.OutputDir != "" {
				tc.opts.OutputDir = filepath.Join(t.TempDir(), tc.opts.OutputDir)
			}
			_, err := testnet.InitFiles(tc.opts)
			require.ErrorContains(t, err, tc.wantErr)
		})
	}
}

func TestABasePortShiftsEveryNodesPortsAndPeers(t *testing.T) {
	net, err := testnet.InitFiles(testnet.Options{Validators: 2, OutputDir: t.TempDir(), BasePort: 36100})
	require.NoError(t, err)
	for i, want := range []struct{ p2p, rpc, abci, prom string }{
		{"tcp://127.0.0.1:36100", "tcp://127.0.0.1:36101", "tcp://127.0.0.1:36102", "127.0.0.1:36104"},
		{"tcp://127.0.0.1:36110", "tcp://127.0.0.1:36111", "tcp://127.0.0.1:36112", "127.0.0.1:36114"},
	} {
		c, err := config.LoadCometConfig(net.Nodes[i].Home)
		require.NoError(t, err)
		require.Equal(t, want.p2p, c.P2P.ListenAddress, "node%d", i)
		require.Equal(t, want.rpc, c.RPC.ListenAddress, "node%d", i)
		require.Equal(t, want.abci, c.ProxyApp, "node%d", i)
		require.Equal(t, want.prom, c.Instrumentation.PrometheusListenAddr, "node%d", i)
		other := net.Nodes[1-i]
		require.Equal(t, other.NodeID+"@"+strings.TrimPrefix(other.P2P, "tcp://"), c.P2P.PersistentPeers, "node%d's peer", i)
	}
}

func TestStopAndStatusOfANetworkThatIsNotRunning(t *testing.T) {
	dir := t.TempDir()
	net, err := testnet.InitFiles(testnet.Options{Validators: 2, OutputDir: dir})
	require.NoError(t, err)
	// A PID file left by a crash names a process that is not the node.
	require.NoError(t, os.WriteFile(net.Nodes[1].PIDFile(), []byte(fmt.Sprintf("%d\n", os.Getpid())), 0o644))

	_, statuses, err := testnet.Status(t.Context(), dir)
	require.NoError(t, err)
	require.Len(t, statuses, 2)
	for _, s := range statuses {
		require.False(t, s.Running, "node%d", s.Index)
		require.Zero(t, s.PID)
	}

	stopped, err := testnet.Stop(dir, time.Second)
	require.NoError(t, err)
	require.Empty(t, stopped)
	require.NoFileExists(t, net.Nodes[1].PIDFile())
}

// The end-to-end tests write their networks with InitFiles on ports of
// their own before `localnet start`, which creates a network with the
// defaults when its directory holds none: the two must differ only in
// their ports (and keys).
func TestANetworkOnOtherPortsIsTheLocalnetsInAllButItsPorts(t *testing.T) {
	localnet, err := testnet.InitFiles(testnet.Options{Validators: 2, OutputDir: filepath.Join(t.TempDir(), "localnet")})
	require.NoError(t, err)
	moved, err := testnet.InitFiles(testnet.Options{Validators: 2, OutputDir: filepath.Join(t.TempDir(), "moved"), BasePort: 36100})
	require.NoError(t, err)
	require.Equal(t, testnet.P2PPort, localnet.BasePort())
	require.Equal(t, 36100, moved.BasePort())

	t.Run("the genesis has the localnet presets and the same parameters", func(t *testing.T) {
		params := func(n *testnet.Network) (map[string]json.RawMessage, types.ConsensusParams) {
			genDoc, err := types.GenesisDocFromFile(filepath.Join(n.Nodes[0].Home, "config/genesis.json"))
			require.NoError(t, err)
			var modules map[string]map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(genDoc.AppState, &modules))
			out := map[string]json.RawMessage{}
			for name, m := range modules {
				if p, ok := m["params"]; ok {
					out[name] = p
				}
			}
			return out, *genDoc.ConsensusParams
		}
		want, wantConsensus := params(localnet)
		got, gotConsensus := params(moved)
		require.NotEmpty(t, want)
		require.Equal(t, want, got)
		require.Equal(t, wantConsensus, gotConsensus)
		var staking struct {
			UnbondingTime string `json:"unbonding_time"`
		}
		require.NoError(t, json.Unmarshal(got["staking"], &staking))
		require.Equal(t, "60s", staking.UnbondingTime, "the localnet's short unbonding (testnet.LocalnetUnbondingTime)")
	})

	t.Run("each node's config differs only in its ports and peers", func(t *testing.T) {
		for i := range localnet.Nodes {
			want, err := config.LoadCometConfig(localnet.Nodes[i].Home)
			require.NoError(t, err)
			got, err := config.LoadCometConfig(moved.Nodes[i].Home)
			require.NoError(t, err)
			require.NotEqual(t, want.RPC.ListenAddress, got.RPC.ListenAddress)
			got.SetRoot(want.RootDir)
			got.RPC.ListenAddress, got.P2P.ListenAddress, got.ProxyApp = want.RPC.ListenAddress, want.P2P.ListenAddress, want.ProxyApp
			got.Instrumentation.PrometheusListenAddr = want.Instrumentation.PrometheusListenAddr
			got.P2P.PersistentPeers = want.P2P.PersistentPeers
			require.Equal(t, want, got, "node%d", i)
		}
	})
}
