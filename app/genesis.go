package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"

	dbm "github.com/cometbft/cometbft-db"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stakechain/stakechain/x/auth"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/ballot"
	"github.com/stakechain/stakechain/x/bank"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/distribution"
	"github.com/stakechain/stakechain/x/gov"
	"github.com/stakechain/stakechain/x/mint"
	"github.com/stakechain/stakechain/x/slashing"
	"github.com/stakechain/stakechain/x/staking"
	"github.com/stakechain/stakechain/x/token"
)

// GenesisState is the app_state of genesis.json: one section per module.
type GenesisState struct {
	Auth         auth.GenesisState         `json:"auth"`
	Bank         bank.GenesisState         `json:"bank"`
	Staking      staking.GenesisState      `json:"staking"`
	Slashing     slashing.GenesisState     `json:"slashing"`
	Mint         mint.GenesisState         `json:"mint"`
	Distribution distribution.GenesisState `json:"distribution"`
	Token        token.GenesisState        `json:"token"`
	Ballot       ballot.GenesisState       `json:"ballot"`
	Gov          gov.GenesisState          `json:"gov"`
	Genutil      GenutilState              `json:"genutil"`
}

// GenutilState holds the genesis transactions: signed txs (base64 TxRaw)
// that InitChain executes after the modules' genesis, such as each genesis
// validator's MsgCreateValidator. They are signed with account number 0.
type GenutilState struct {
	GenTxs []string `json:"gen_txs"`
}

// DefaultGenesis returns the app_state of a new chain with no accounts.
func DefaultGenesis() json.RawMessage {
	bz, err := json.MarshalIndent(GenesisState{
		Auth:         auth.DefaultGenesis(),
		Bank:         bank.DefaultGenesis(),
		Staking:      staking.DefaultGenesis(),
		Slashing:     slashing.DefaultGenesis(),
		Mint:         mint.DefaultGenesis(),
		Distribution: distribution.DefaultGenesis(),
		Token:        token.DefaultGenesis(),
		Ballot:       ballot.DefaultGenesis(),
		Gov:          gov.DefaultGenesis(),
		Genutil:      GenutilState{GenTxs: []string{}},
	}, "", "  ")
	if err != nil {
		panic(err)
	}
	return bz
}

// ParseGenesis decodes an app_state strictly: unknown fields are errors, so
// that a misspelt parameter is not silently ignored.
func ParseGenesis(appState json.RawMessage) (GenesisState, error) {
	var g GenesisState
	dec := json.NewDecoder(bytes.NewReader(appState))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		return g, fmt.Errorf("app_state: %w", err)
	}
	// Decode reads one value; anything after it is not part of a genesis.
	if _, err := dec.Token(); err != io.EOF {
		return GenesisState{}, fmt.Errorf("app_state: data after the JSON document")
	}
	return g, nil
}

// ValidateGenesis checks an app_state document.
func ValidateGenesis(appState json.RawMessage) error {
	g, err := ParseGenesis(appState)
	if err != nil {
		return err
	}
	for _, v := range []interface{ Validate() error }{g.Auth, g.Bank, g.Staking, g.Slashing, g.Mint, g.Distribution, g.Token, g.Ballot, g.Gov} {
		if err := v.Validate(); err != nil {
			return err
		}
	}
	for i, s := range g.Genutil.GenTxs {
		if _, err := base64.StdEncoding.DecodeString(s); err != nil {
			return fmt.Errorf("genutil gen_txs[%d]: not base64: %w", i, err)
		}
	}
	return nil
}

// GenesisAddAccount returns appState with an account at addr (bech32) that
// holds coins (for example "1000ustake,5foo"). Coins are added to the
// account's genesis balance if it already has one.
func GenesisAddAccount(appState json.RawMessage, addr, coins string) (json.RawMessage, error) {
	g, err := ParseGenesis(appState)
	if err != nil {
		return nil, err
	}
	if _, err := authtypes.ParseAddress(addr); err != nil {
		return nil, err
	}
	amt, err := core.ParseCoins(coins)
	if err != nil {
		return nil, err
	}
	found := false
	for _, a := range g.Auth.Accounts {
		if a.Address == addr {
			found = true
		}
	}
	if !found {
		g.Auth.Accounts = append(g.Auth.Accounts, auth.GenesisAccount{Address: addr})
	}
	found = false
	for i, b := range g.Bank.Balances {
		if b.Address == addr {
			have, err := core.ParseCoins(b.Coins)
			if err != nil {
				return nil, err
			}
			g.Bank.Balances[i].Coins = have.Add(amt).String()
			found = true
		}
	}
	if !found && !amt.IsZero() {
		g.Bank.Balances = append(g.Bank.Balances, bank.Balance{Address: addr, Coins: amt.String()})
	}
	return json.MarshalIndent(g, "", "  ")
}

// GenesisSetGenTxs returns appState with its genesis transactions replaced
// by txs (encoded TxRaw), as collect-gentxs writes them.
func GenesisSetGenTxs(appState json.RawMessage, txs [][]byte) (json.RawMessage, error) {
	g, err := ParseGenesis(appState)
	if err != nil {
		return nil, err
	}
	g.Genutil.GenTxs = make([]string, len(txs))
	for i, tx := range txs {
		g.Genutil.GenTxs[i] = base64.StdEncoding.EncodeToString(tx)
	}
	return json.MarshalIndent(g, "", "  ")
}

// GenesisUpdate returns appState changed by edit, for tools that set
// parameters of a new network.
func GenesisUpdate(appState json.RawMessage, edit func(*GenesisState)) (json.RawMessage, error) {
	g, err := ParseGenesis(appState)
	if err != nil {
		return nil, err
	}
	edit(&g)
	return json.MarshalIndent(g, "", "  ")
}

// CheckGenesisTxs runs InitChain of appState on a scratch state and reports
// whether it starts: every gentx must execute, and the gentxs must make a
// non-empty validator set.
func CheckGenesisTxs(chainID string, appState json.RawMessage) error {
	a, err := New(Config{DB: dbm.NewMemDB()})
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.InitChain(context.Background(), &abci.RequestInitChain{ChainId: chainID, InitialHeight: 1, AppStateBytes: appState})
	if err != nil {
		return err
	}
	if len(res.Validators) == 0 {
		return fmt.Errorf("the genesis transactions bond no validator with power (stake at least one power reduction's worth)")
	}
	return nil
}
