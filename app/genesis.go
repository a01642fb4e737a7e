package app

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	"github.com/stakechain/stakechain/x/core"
)

// GenesisState is the app_state of genesis.json: one section per module.
type GenesisState struct {
	Auth auth.GenesisState `json:"auth"`
	Bank bank.GenesisState `json:"bank"`
}

// DefaultGenesis returns the app_state of a new chain with no accounts.
func DefaultGenesis() json.RawMessage {
	bz, err := json.MarshalIndent(GenesisState{Auth: auth.DefaultGenesis(), Bank: bank.DefaultGenesis()}, "", "  ")
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
	return g, nil
}

// ValidateGenesis checks an app_state document.
func ValidateGenesis(appState json.RawMessage) error {
	g, err := ParseGenesis(appState)
	if err != nil {
		return err
	}
	if err := g.Auth.Validate(); err != nil {
		return err
	}
	return g.Bank.Validate()
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
