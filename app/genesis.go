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
	"github.com/stakechain/stakechain/x/evm"
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
	// EVM may be left out: a genesis without it gets evm.DefaultGenesis.
	EVM     evm.Genesis  `json:"evm"`
	Genutil GenutilState `json:"genutil"`
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
		EVM:          evm.DefaultGenesis(),
		Genutil:      GenutilState{GenTxs: []string{}},
	}, "", "  ")
	if err != nil {
		panic(err)
	}
	return bz
}

// ParseGenesis decodes an app_state strictly: unknown fields, a field given
// twice and anything after the document are errors, so that a misspelt
// parameter is not silently ignored. The names of the sections, and of the
// fields of auth and bank, match exactly.
func ParseGenesis(appState json.RawMessage) (GenesisState, error) {
	d, err := readGenesis(appState, genesisEntries{
		account: func(g *GenesisState, a auth.GenesisAccount) error {
			g.Auth.Accounts = append(g.Auth.Accounts, a)
			return nil
		},
		balance: func(g *GenesisState, b bank.Balance) error {
			g.Bank.Balances = append(g.Bank.Balances, b)
			return nil
		},
	})
	return d.GenesisState, err
}

// ValidateGenesis checks an app_state document: its form, each module's
// section and that the genesis transactions are base64. It reads the
// accounts and balances one at a time, as InitChain does.
func ValidateGenesis(appState json.RawMessage) error {
	d, err := readCheckedGenesis(appState)
	if err != nil {
		return err
	}
	// d's auth and bank sections hold no list entries: their Validate
	// checks the params.
	for _, v := range []interface{ Validate() error }{d.Auth, d.Bank, d.Staking, d.Slashing, d.Mint, d.Distribution, d.Token, d.Ballot, d.Gov, d.EVM} {
		if err := v.Validate(); err != nil {
			return err
		}
	}
	for i, s := range d.Genutil.GenTxs {
		if _, err := base64.StdEncoding.DecodeString(s); err != nil {
			return fmt.Errorf("genutil gen_txs[%d]: not base64: %w", i, err)
		}
	}
	return nil
}

// A genesis of a million accounts is a document of some 200 MB, most of it
// the auth accounts and the bank balances. Decoded whole it would take
// twice that again (encoding/json's Decoder buffers a value it decodes, and
// each entry becomes strings of its own); so InitChain reads the document
// as a stream of tokens, decoding one entry of those lists at a time and
// every other section whole, and remembers where the two lists are. Each
// module then reads its list again from the document when its turn comes.

// genesisDoc is an app_state read by readGenesis: every section except the
// two lists (left empty), and where those lists are in the document.
type genesisDoc struct {
	GenesisState
	doc []byte
	// accountsAt and balancesAt are the offsets in doc just past the lists'
	// keys ("accounts" and "balances"), or -1 where a list is absent.
	accountsAt, balancesAt int
}

// genesisEntries receives the lists' entries as readGenesis reads them.
type genesisEntries struct {
	account func(*GenesisState, auth.GenesisAccount) error
	balance func(*GenesisState, bank.Balance) error
}

// readCheckedGenesis reads an app_state and checks its lists' entries, with
// the modules' checks, as they go by.
func readCheckedGenesis(appState []byte) (genesisDoc, error) {
	accounts, balances := auth.NewAccountCheck(), bank.NewBalanceCheck()
	return readGenesis(appState, genesisEntries{
		account: func(_ *GenesisState, a auth.GenesisAccount) error { return accounts.Check(a) },
		balance: func(_ *GenesisState, b bank.Balance) error { return balances.Check(b) },
	})
}

// accounts returns the auth accounts of the document, read one at a time.
func (d *genesisDoc) accounts() core.List[auth.GenesisAccount] {
	return listAt[auth.GenesisAccount](d.doc, d.accountsAt, "auth.accounts")
}

// balances returns the bank balances of the document, read one at a time.
func (d *genesisDoc) balances() core.List[bank.Balance] {
	return listAt[bank.Balance](d.doc, d.balancesAt, "bank.balances")
}

// listAt reads the list whose key ends at offset at of doc.
func listAt[T any](doc []byte, at int, name string) core.List[T] {
	return func(fn func(T) error) error {
		if at < 0 {
			return nil
		}
		// Between a key and its value there is a colon and whitespace.
		dec := json.NewDecoder(bytes.NewReader(bytes.TrimLeft(doc[at:], " \t\r\n:")))
		dec.DisallowUnknownFields()
		_, err := readList(dec, "app_state."+name, fn)
		return err
	}
}

// readGenesis reads appState strictly (see ParseGenesis), calling entries'
// functions for each account and balance in document order.
func readGenesis(appState []byte, entries genesisEntries) (genesisDoc, error) {
	d := genesisDoc{doc: appState, accountsAt: -1, balancesAt: -1}
	g := &d.GenesisState
	g.EVM = evm.DefaultGenesis()
	dec := json.NewDecoder(bytes.NewReader(appState))
	dec.DisallowUnknownFields()
	whole := func(path string, v any) func() error {
		return func() error {
			if err := dec.Decode(v); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			return nil
		}
	}
	err := readObject(dec, "app_state", map[string]func() error{
		"auth": func() error {
			return readObject(dec, "app_state.auth", map[string]func() error{
				"params": whole("app_state.auth.params", &g.Auth.Params),
				"accounts": listField(dec, "app_state.auth.accounts", &d.accountsAt, &g.Auth.Accounts,
					func(a auth.GenesisAccount) error { return entries.account(g, a) }),
			})
		},
		"bank": func() error {
			return readObject(dec, "app_state.bank", map[string]func() error{
				"params": whole("app_state.bank.params", &g.Bank.Params),
				"balances": listField(dec, "app_state.bank.balances", &d.balancesAt, &g.Bank.Balances,
					func(b bank.Balance) error { return entries.balance(g, b) }),
			})
		},
		"staking":      whole("app_state.staking", &g.Staking),
		"slashing":     whole("app_state.slashing", &g.Slashing),
		"mint":         whole("app_state.mint", &g.Mint),
		"distribution": whole("app_state.distribution", &g.Distribution),
		"token":        whole("app_state.token", &g.Token),
		"ballot":       whole("app_state.ballot", &g.Ballot),
		"gov":          whole("app_state.gov", &g.Gov),
		"evm":          whole("app_state.evm", &g.EVM),
		"genutil":      whole("app_state.genutil", &g.Genutil),
	})
	if err != nil {
		return genesisDoc{}, err
	}
	// The document is one value; anything after it is not part of a genesis.
	if _, err := dec.Token(); err != io.EOF {
		return genesisDoc{}, fmt.Errorf("app_state: data after the JSON document")
	}
	return d, nil
}

// listField returns the reader of a list at a key of an object: it records
// in at where the list is, passes each entry to fn, and leaves *list
// non-nil but empty (for fn to fill) unless the list is null.
func listField[T any](dec *json.Decoder, path string, at *int, list *[]T, fn func(T) error) func() error {
	return func() error {
		*at = int(dec.InputOffset())
		*list = []T{}
		null, err := readList(dec, path, fn)
		if null {
			*list = nil
		}
		return err
	}
}

// readObject reads a JSON object from dec, calling fields[key] to read the
// value of each key. A key with no entry in fields, or given twice, is an
// error; null stands for an empty object.
func readObject(dec *json.Decoder, path string, fields map[string]func() error) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if tok == nil {
		return nil
	}
	if tok != json.Delim('{') {
		return fmt.Errorf("%s: expected an object, found %v", path, tok)
	}
	seen := make(map[string]bool, len(fields))
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		key, _ := tok.(string)
		read, ok := fields[key]
		switch {
		case !ok:
			return fmt.Errorf("%s: unknown field %q", path, key)
		case seen[key]:
			return fmt.Errorf("%s: field %q is given twice", path, key)
		}
		seen[key] = true
		if err := read(); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// readList reads a JSON array from dec, decoding one entry at a time into
// fn. It reports whether the list was null, which stands for an empty one.
func readList[T any](dec *json.Decoder, path string, fn func(T) error) (null bool, err error) {
	tok, err := dec.Token()
	if err != nil {
		return false, fmt.Errorf("%s: %w", path, err)
	}
	if tok == nil {
		return true, nil
	}
	if tok != json.Delim('[') {
		return false, fmt.Errorf("%s: expected a list, found %v", path, tok)
	}
	for i := 0; dec.More(); i++ {
		var v T
		if err := dec.Decode(&v); err != nil {
			return false, fmt.Errorf("%s[%d]: %w", path, i, err)
		}
		if err := fn(v); err != nil {
			return false, err
		}
	}
	if _, err := dec.Token(); err != nil {
		return false, fmt.Errorf("%s: %w", path, err)
	}
	return false, nil
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
