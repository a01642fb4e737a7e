package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	dbm "github.com/cometbft/cometbft-db"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/bank"
)

// TestAGenesisWithDataAfterItsJSONIsRefused: json.Decoder reads one value
// and would ignore what follows it, so "{...}garbage" passed as a genesis.
func TestAGenesisWithDataAfterItsJSONIsRefused(t *testing.T) {
	g := DefaultGenesis()
	_, err := ParseGenesis(g)
	require.NoError(t, err)
	_, err = ParseGenesis(append(append([]byte{}, g...), "\n\t "...))
	require.NoError(t, err, "trailing white space is fine")
	for _, tail := range []string{"0", "{}", "garbage", `{"auth":{}}`} {
		_, err := ParseGenesis(append(append([]byte{}, g...), tail...))
		require.ErrorContains(t, err, "data after the JSON document", tail)
		require.Error(t, ValidateGenesis(append(append([]byte{}, g...), tail...)))
	}
}

// initChainHash runs InitChain of appState on a new application and returns
// the app hash, or InitChain's error after checking that it wrote nothing.
func initChainHash(t *testing.T, appState []byte) ([]byte, error) {
	t.Helper()
	a, err := New(Config{DB: dbm.NewMemDB()})
	require.NoError(t, err)
	defer a.Close()
	empty := a.tree.Hash()
	res, err := a.InitChain(context.Background(), &abci.RequestInitChain{ChainId: testChainID, InitialHeight: 1,
		AppStateBytes: appState, Time: testGenesisTime,
		ConsensusParams: &cmtproto.ConsensusParams{Block: &cmtproto.BlockParams{MaxBytes: 4 << 20, MaxGas: -1}}})
	if err != nil {
		require.Nil(t, res)
		require.Zero(t, a.tree.Version())
		require.Equal(t, empty, a.tree.Hash(), "a refused genesis wrote nothing")
		return nil, err
	}
	return res.AppHash, nil
}

// reversed returns the JSON object doc with its keys in reverse order and
// spaced out, the objects at the keys in deep reversed the same way.
func reversed(t *testing.T, doc []byte, deep ...string) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(doc))
	tok, err := dec.Token()
	require.NoError(t, err)
	require.Equal(t, json.Delim('{'), tok)
	var keys []string
	values := map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		require.NoError(t, err)
		var v json.RawMessage
		require.NoError(t, dec.Decode(&v))
		keys = append(keys, tok.(string))
		values[tok.(string)] = v
	}
	var b bytes.Buffer
	b.WriteString("{\n")
	for i := len(keys) - 1; i >= 0; i-- {
		v := values[keys[i]]
		if slices.Contains(deep, keys[i]) {
			v = reversed(t, v)
		}
		fmt.Fprintf(&b, "  %q \t:\r\n  %s", keys[i], v)
		if i > 0 {
			b.WriteString(" ,\n")
		}
	}
	b.WriteString("\n}\n")
	return b.Bytes()
}

// TestGenesisListsAreReadAgainWhereTheyLie: InitChain reads the accounts and
// balances from the document when their module's turn comes, wherever and
// however spaced they are. A genesis with its sections in another order, or
// with bank's before auth's, makes the same state as the canonical one:
// account numbers follow the auth list, then the bank list.
func TestGenesisListsAreReadAgainWhereTheyLie(t *testing.T) {
	canonical := genesisWith(t, map[string]string{"alice": "5ustake", "bob": "7ustake,3foo"}, "alice", "bob")
	// carol holds coins but is not in the auth list: her account comes last.
	canonical, err := GenesisUpdate(canonical, func(g *GenesisState) {
		g.Bank.Balances = append(g.Bank.Balances, bank.Balance{Address: addrOf(testKey("carol")), Coins: "9ustake"})
	})
	require.NoError(t, err)
	want, err := initChainHash(t, canonical)
	require.NoError(t, err)

	shuffled := reversed(t, canonical, "auth", "bank")
	require.Less(t, bytes.Index(shuffled, []byte(`"bank"`)), bytes.Index(shuffled, []byte(`"auth"`)))
	got, err := initChainHash(t, shuffled)
	require.NoError(t, err)
	require.Equal(t, want, got)

	// Without carol's balance the state differs: the test can see the lists.
	g, err := ParseGenesis(shuffled)
	require.NoError(t, err)
	g.Bank.Balances = g.Bank.Balances[:2]
	fewer, err := json.Marshal(g)
	require.NoError(t, err)
	other, err := initChainHash(t, fewer)
	require.NoError(t, err)
	require.NotEqual(t, want, other)

	// null lists are empty ones.
	empty, err := GenesisUpdate(DefaultGenesis(), func(g *GenesisState) {})
	require.NoError(t, err)
	want, err = initChainHash(t, empty)
	require.NoError(t, err)
	nulls := bytes.Replace(bytes.Replace(empty, []byte(`"accounts": []`), []byte(`"accounts": null`), 1), []byte(`"balances": []`), []byte(`"balances":null`), 1)
	require.NotEqual(t, empty, nulls)
	got, err = initChainHash(t, nulls)
	require.NoError(t, err)
	require.Equal(t, want, got)
	g, err = ParseGenesis(nulls)
	require.NoError(t, err)
	require.Nil(t, g.Auth.Accounts, "null reads back as null")
}

// TestGenesisErrorsSayWhere: a genesis InitChain refuses names the place of
// its fault, and leaves the state empty.
func TestGenesisErrorsSayWhere(t *testing.T) {
	good := string(genesisWith(t, map[string]string{"alice": "5ustake"}, "alice"))
	alice := addrOf(testKey("alice"))
	for _, c := range []struct{ name, from, to, want string }{
		{"unknown section", `"auth":`, `"oath": {}, "auth":`, `app_state: unknown field "oath"`},
		{"section given twice", `"auth":`, `"bank": {}, "auth":`, `app_state: field "bank" is given twice`},
		{"unknown auth field", `"accounts":`, `"acounts": [], "accounts":`, `app_state.auth: unknown field "acounts"`},
		{"unknown field of an account", `"accounts": [`, `"accounts": [{"name": "x", "address": "` + addrOf(testKey("bob")) + `"},`, `app_state.auth.accounts[0]: json: unknown field "name"`},
		{"accounts not a list", `"accounts": [`, `"accounts": 5, "x": [`, `app_state.auth.accounts: expected a list`},
		{"bad address", `"address": "` + alice + `"`, `"address": "cosmos1nothing"`, `auth account 0`},
		{"account listed twice", `"accounts": [`, `"accounts": [{"address": "` + alice + `"},`, `listed twice`},
		{"balance listed twice", `"balances": [`, `"balances": [{"address": "` + alice + `", "coins": "1ustake"},`, `bank balance of ` + alice + ` is listed twice`},
		{"bad coins", `"coins": "5ustake"`, `"coins": "5 ustake"`, `bank balance of ` + alice},
		{"unknown field of a section", `"params": {`, `"params": {"fee": 1,`, `app_state.auth.params: json: unknown field "fee"`},
		{"broken JSON", `"accounts": [`, `"accounts": [}`, `app_state.auth.accounts`},
		{"bad auth params", `"tx_sig_limit": "7"`, `"tx_sig_limit": "0"`, `auth params: tx_sig_limit must be positive`},
		{"bad bank params", `"send_gas": "10000"`, `"send_gas": "0"`, `bank params: send_gas must be positive`},
	} {
		t.Run(c.name, func(t *testing.T) {
			bad := strings.Replace(good, c.from, c.to, 1)
			require.NotEqual(t, good, bad, "the case changes the genesis")
			_, err := initChainHash(t, []byte(bad))
			require.ErrorContains(t, err, c.want)
			require.ErrorContains(t, ValidateGenesis([]byte(bad)), c.want)
		})
	}
}

// TestFundedAccountsNeedNotBeListedTwice: the bank balances create the
// accounts of their holders, in the order listed, after the auth list's. A
// genesis that lists funded accounts only in the balances makes the same
// state as one that also lists them, in the same order, in auth.
func TestFundedAccountsNeedNotBeListedTwice(t *testing.T) {
	names := []string{"alice", "bob", "carol"}
	funds := map[string]string{"alice": "5ustake", "bob": "7ustake", "carol": "9ustake,1foo"}
	both := genesisWith(t, funds, names...)
	g, err := ParseGenesis(both)
	require.NoError(t, err)
	require.Len(t, g.Auth.Accounts, 3)
	g.Auth.Accounts = nil
	once, err := json.Marshal(g)
	require.NoError(t, err)
	want, err := initChainHash(t, both)
	require.NoError(t, err)
	got, err := initChainHash(t, once)
	require.NoError(t, err)
	require.Equal(t, want, got)
}
