package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	dbm "github.com/cometbft/cometbft-db"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/cosmos/gogoproto/proto"
	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	ballottypes "github.com/stakechain/stakechain/x/ballot/types"
	"github.com/stakechain/stakechain/x/bank"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
	distributiontypes "github.com/stakechain/stakechain/x/distribution/types"
	govtypes "github.com/stakechain/stakechain/x/gov/types"
	slashingtypes "github.com/stakechain/stakechain/x/slashing/types"
	stakingtypes "github.com/stakechain/stakechain/x/staking/types"
	tokentypes "github.com/stakechain/stakechain/x/token/types"
)

// The fuzz targets of the application. Each has a committed seed corpus in
// testdata/fuzz/<target>, made from valid inputs (STAKECHAIN_WRITE_FUZZ_SEEDS
// =testdata/fuzz go test -run '^Fuzz' rewrites it), and the same valid
// inputs added with f.Add. `make fuzz-short` runs each briefly, `make fuzz`
// for FUZZTIME.

// requireRegistered fails unless (codespace, code) is a registered error
// other than ErrInternal, the code of panics and unclassified failures.
func requireRegistered(t *testing.T, what, codespace string, code uint32, log string) {
	t.Helper()
	if codespace == core.ErrInternal.Codespace() && code == core.ErrInternal.Code() {
		t.Fatalf("%s: internal error (a panic or an unclassified failure): %s", what, log)
	}
	for _, e := range core.RegisteredErrors() {
		if e.Codespace() == codespace && e.Code() == code {
			if log == "" {
				t.Fatalf("%s: code %s/%d without a log", what, codespace, code)
			}
			return
		}
	}
	t.Fatalf("%s: unregistered code %s/%d: %s", what, codespace, code, log)
}

func requireRegisteredErr(t *testing.T, what string, err error) {
	t.Helper()
	space, code, log := core.ABCIInfo(err)
	requireRegistered(t, what, space, code, log)
}

// dumpChanges renders a cache's pending writes, to compare before and after.
func dumpChanges(c *store.Cache) string {
	var b strings.Builder
	for _, ch := range c.Changes() {
		fmt.Fprintf(&b, "%x=%x;", ch.Key, ch.Value)
	}
	return b.String()
}

// seedTxs are valid signed transactions of newTestChain: a transfer, and
// one with several messages, a memo and a fee.
func seedTxs(c *testChain) map[string][]byte {
	alice, bob := testKey("alice"), addrOf(testKey("bob"))
	multi := c.send(alice, bob, "1ustake,2foo")
	multi.msgs, multi.memo, multi.fee = 3, "rent for march", "200ustake"
	return map[string][]byte{
		"valid-send":  c.sign(c.send(alice, bob, "1ustake")),
		"valid-multi": c.sign(multi),
	}
}

// FuzzCheckTx feeds arbitrary bytes to CheckTx (and so to the tx decoder):
// it must never panic; what it rejects it rejects with a registered code
// and a log, leaving the check-state as it was; what it accepts reports its
// gas.
func FuzzCheckTx(f *testing.F) {
	c := newTestChain(f)
	w := newSeedWriter(f, "FuzzCheckTx")
	for name, tx := range seedTxs(c) {
		f.Add(tx)
		f.Add(tx[:len(tx)/2])
		w.write(name, tx)
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, tx []byte) {
		before := dumpChanges(c.app.checkState)
		res, err := c.app.CheckTx(context.Background(), &abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_New})
		if err != nil {
			t.Fatalf("CheckTx returned an error instead of a result: %v", err)
		}
		if res.Code != 0 {
			requireRegistered(t, "CheckTx", res.Codespace, res.Code, res.Log)
			if dumpChanges(c.app.checkState) != before {
				t.Fatalf("a rejected tx changed the check-state: %s", res.Log)
			}
			return
		}
		if res.GasWanted <= 0 || res.GasUsed <= 0 || res.GasUsed > res.GasWanted {
			t.Fatalf("accepted with gas wanted %d, used %d", res.GasWanted, res.GasUsed)
		}
	})
}

// FuzzDecodeTx feeds arbitrary bytes to the transaction decoder. It must
// never panic; a rejection has a registered code; an accepted tx is within
// every bound, and its canonical re-encoding decodes to the same tx.
func FuzzDecodeTx(f *testing.F) {
	c := newTestChain(f)
	w := newSeedWriter(f, "FuzzDecodeTx")
	for name, tx := range seedTxs(c) {
		f.Add(tx, false)
		f.Add(tx, true)
		w.write(name, tx, false)
	}
	unsigned, err := client.Unsigned(client.TxSpec{Msgs: []*gogotypes.Any{mustPack(f, banktypes.TypeURLMsgSend,
		&banktypes.MsgSend{FromAddress: addrOf(testKey("alice")), ToAddress: addrOf(testKey("bob")), Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "1"}}})},
		Fee: core.Coins{}, ChainID: testChainID}, testKey("alice").PubKey())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(unsigned, true)
	w.write("simulation", unsigned, true)
	base := c.app.limits(c.app.tree.Latest(), false)

	f.Fuzz(func(t *testing.T, bz []byte, simulate bool) {
		lim := base
		lim.simulate = simulate
		tx, err := c.app.decodeTx(bz, lim)
		if err != nil {
			if tx != nil {
				t.Fatal("a tx returned with an error")
			}
			requireRegisteredErr(t, "decodeTx", err)
			return
		}
		switch {
		case uint64(len(bz)) > lim.maxTxBytes:
			t.Fatalf("a tx of %d bytes accepted", len(bz))
		case len(tx.Msgs) == 0 || uint64(len(tx.Msgs)) > lim.maxMsgs:
			t.Fatalf("a tx of %d messages accepted", len(tx.Msgs))
		case uint64(len(tx.Body.Memo)) > lim.maxMemo:
			t.Fatalf("a memo of %d bytes accepted", len(tx.Body.Memo))
		case tx.GasLimit == 0 || tx.GasLimit > maxGasLimit:
			t.Fatalf("gas limit %d accepted", tx.GasLimit)
		case len(tx.Signers) == 0 || uint64(len(tx.Signers)) > lim.maxSigs:
			t.Fatalf("%d signers accepted", len(tx.Signers))
		case len(tx.AuthInfo.SignerInfos) != len(tx.Signers) || len(tx.PubKeys) != len(tx.Signers):
			t.Fatalf("signer infos do not match the signers")
		case !simulate && len(tx.Raw.Signatures) != len(tx.Signers):
			t.Fatalf("%d signatures for %d signers accepted", len(tx.Raw.Signatures), len(tx.Signers))
		}
		// Gas is a function of the tx and the state only.
		if g1, g2 := c.app.gasRequired(c.app.tree.Latest(), c.app.auth.Params(c.app.tree.Latest()), tx),
			c.app.gasRequired(c.app.tree.Latest(), c.app.auth.Params(c.app.tree.Latest()), tx); g1 != g2 || g1 == 0 {
			t.Fatalf("gas %d then %d", g1, g2)
		}

		// The canonical encoding of what was decoded is the same tx.
		re, err := tx.Raw.Marshal()
		if err != nil {
			t.Fatalf("re-encoding an accepted TxRaw: %v", err)
		}
		if uint64(len(re)) > lim.maxTxBytes {
			return // non-canonical input can re-encode larger only by varint padding; nothing to compare
		}
		again, err := c.app.decodeTx(re, lim)
		if err != nil {
			t.Fatalf("the re-encoded tx is refused: %v", err)
		}
		if !bytes.Equal(again.Raw.BodyBytes, tx.Raw.BodyBytes) || !bytes.Equal(again.Raw.AuthInfoBytes, tx.Raw.AuthInfoBytes) ||
			!reflect.DeepEqual(again.Raw.Signatures, tx.Raw.Signatures) || !reflect.DeepEqual(again.Signers, tx.Signers) ||
			again.GasLimit != tx.GasLimit || again.Fee.String() != tx.Fee.String() || len(again.Msgs) != len(tx.Msgs) {
			t.Fatal("the re-encoded tx decodes differently")
		}
		for i := range tx.Msgs {
			if again.Msgs[i].TypeURL() != tx.Msgs[i].TypeURL() {
				t.Fatalf("message %d: %s became %s", i, tx.Msgs[i].TypeURL(), again.Msgs[i].TypeURL())
			}
		}
		// Re-encoding is idempotent: encode(decode(encode(x))) = encode(x).
		re2, err := again.Raw.Marshal()
		if err != nil || !bytes.Equal(re, re2) {
			t.Fatalf("re-encoding is not stable: %v", err)
		}
	})
}

func mustPack(t testing.TB, typeURL string, m interface{ Marshal() ([]byte, error) }) *gogotypes.Any {
	a, err := client.PackMsg(typeURL, m)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// FuzzMessages decodes arbitrary bytes as each message type the router
// accepts (and as unknown types), then runs the handler on a scratch copy
// of a state with validators, a token, a ballot and a proposal. Nothing may
// panic; a refusal, by the stateless checks or by the handler, has a
// registered code; an accepted message has signers, re-encodes to a message
// that decodes the same, and its handler is deterministic and keeps the
// accounting invariants. The committed state never changes.
func FuzzMessages(f *testing.F) {
	c := newFuzzChain(f)
	w := newSeedWriter(f, "FuzzMessages")
	for _, s := range seedMessages(f, c) {
		f.Add(s.typeURL, s.value(f))
		w.write(s.typeURL, s.typeURL, s.value(f))
	}
	f.Add("/cosmos.bank.v1beta1.MsgMultiSend", []byte{})
	base := c.app.tree.Latest()
	hash := string(c.app.tree.Hash())
	b := core.Block{ChainID: testChainID, Height: c.height + 1, Time: c.time.Add(time.Second)}

	exec := func(t *testing.T, m Msg) (string, string, error) {
		st := store.NewCache(base)
		var ev core.Events
		err := m.Exec(st, &ev, b)
		if err == nil {
			if err := c.app.CheckInvariants(st); err != nil {
				t.Fatalf("%s broke an invariant: %v", m.TypeURL(), err)
			}
		}
		return dumpChanges(st), fmt.Sprint(ev.List()), err
	}

	f.Fuzz(func(t *testing.T, typeURL string, value []byte) {
		m, err := c.app.router.decode(typeURL, value)
		if err != nil {
			requireRegisteredErr(t, typeURL, err)
			return
		}
		if m.TypeURL() != typeURL || len(m.Signers()) == 0 {
			t.Fatalf("decoded %s as %s with %d signers", typeURL, m.TypeURL(), len(m.Signers()))
		}
		for _, s := range m.Signers() {
			if len(s) == 0 {
				t.Fatalf("%s: an empty signer", typeURL)
			}
		}
		gas := m.Gas(base)

		// Re-encode the wire message and decode it again.
		rt := proto.MessageType(strings.TrimPrefix(typeURL, "/"))
		if rt == nil {
			t.Fatalf("%s is routed but not a registered proto type", typeURL)
		}
		pm := reflect.New(rt.Elem()).Interface().(interface {
			Unmarshal([]byte) error
			Marshal() ([]byte, error)
		})
		if err := pm.Unmarshal(value); err != nil {
			t.Fatalf("the router decoded what the type refuses: %v", err)
		}
		re, err := pm.Marshal()
		if err != nil {
			t.Fatalf("re-encoding: %v", err)
		}
		m2, err := c.app.router.decode(typeURL, re)
		if err != nil {
			t.Fatalf("the re-encoded message is refused: %v", err)
		}
		if !reflect.DeepEqual(m2.Signers(), m.Signers()) || m2.Gas(base) != gas {
			t.Fatal("the re-encoded message decodes differently")
		}

		// The handler, twice on fresh copies: the same writes, events and
		// result.
		ch1, ev1, err1 := exec(t, m)
		ch2, ev2, err2 := exec(t, m2)
		if ch1 != ch2 || ev1 != ev2 || fmt.Sprint(err1) != fmt.Sprint(err2) {
			t.Fatalf("%s is not deterministic: %v / %v", typeURL, err1, err2)
		}
		if err1 != nil {
			requireRegisteredErr(t, typeURL+" handler", err1)
		}
		if string(c.app.tree.Hash()) != hash {
			t.Fatal("the committed state changed")
		}
	})
}

// querySeeds are valid requests for the query paths, for the state of
// newFuzzChain; paths without an entry are seeded with an empty request.
func querySeeds(t testing.TB, c *testChain) map[string]interface{ Marshal() ([]byte, error) } {
	alice, bob := addrOf(testKey("alice")), addrOf(testKey("bob"))
	v1 := testKey("v1").PubKey().Address()
	sim, err := client.Unsigned(client.TxSpec{Msgs: []*gogotypes.Any{mustPack(t, banktypes.TypeURLMsgSend,
		&banktypes.MsgSend{FromAddress: alice, ToAddress: bob, Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "1"}}})},
		Fee: core.Coins{}, ChainID: testChainID, Sequence: c.account(alice).Sequence}, testKey("alice").PubKey())
	if err != nil {
		t.Fatal(err)
	}
	page := &authtypes.PageRequest{Limit: 2, CountTotal: true}
	return map[string]interface{ Marshal() ([]byte, error) }{
		"/cosmos.auth.v1beta1.Query/Account":                             &authtypes.QueryAccountRequest{Address: alice},
		"/cosmos.auth.v1beta1.Query/ModuleAccountByName":                 &authtypes.QueryModuleAccountByNameRequest{Name: "fee_collector"},
		"/cosmos.bank.v1beta1.Query/Balance":                             &banktypes.QueryBalanceRequest{Address: alice, Denom: "ustake"},
		"/cosmos.bank.v1beta1.Query/AllBalances":                         &banktypes.QueryAllBalancesRequest{Address: alice, Pagination: page},
		"/cosmos.bank.v1beta1.Query/TotalSupply":                         &banktypes.QueryTotalSupplyRequest{Pagination: page},
		"/cosmos.bank.v1beta1.Query/SupplyOf":                            &banktypes.QuerySupplyOfRequest{Denom: "ustake"},
		"/cosmos.tx.v1beta1.Service/Simulate":                            &authtypes.SimulateRequest{TxBytes: sim},
		"/cosmos.staking.v1beta1.Query/Validators":                       &stakingtypes.QueryValidatorsRequest{Pagination: page},
		"/cosmos.staking.v1beta1.Query/Validator":                        &stakingtypes.QueryValidatorRequest{ValidatorAddr: v1.Valoper()},
		"/cosmos.staking.v1beta1.Query/Delegation":                       &stakingtypes.QueryDelegationRequest{DelegatorAddr: v1.String(), ValidatorAddr: v1.Valoper()},
		"/cosmos.staking.v1beta1.Query/DelegatorDelegations":             &stakingtypes.QueryDelegatorDelegationsRequest{DelegatorAddr: v1.String(), Pagination: page},
		"/cosmos.staking.v1beta1.Query/UnbondingDelegation":              &stakingtypes.QueryUnbondingDelegationRequest{DelegatorAddr: v1.String(), ValidatorAddr: v1.Valoper()},
		"/cosmos.staking.v1beta1.Query/DelegatorUnbondingDelegations":    &stakingtypes.QueryDelegatorUnbondingDelegationsRequest{DelegatorAddr: v1.String()},
		"/cosmos.slashing.v1beta1.Query/SigningInfo":                     &slashingtypes.QuerySigningInfoRequest{ConsAddress: consAddrString(t)},
		"/cosmos.slashing.v1beta1.Query/SigningInfos":                    &slashingtypes.QuerySigningInfosRequest{Pagination: page},
		"/cosmos.distribution.v1beta1.Query/ValidatorOutstandingRewards": &distributiontypes.QueryValidatorOutstandingRewardsRequest{ValidatorAddress: v1.Valoper()},
		"/cosmos.distribution.v1beta1.Query/ValidatorCommission":         &distributiontypes.QueryValidatorCommissionRequest{ValidatorAddress: v1.Valoper()},
		"/cosmos.distribution.v1beta1.Query/DelegationRewards":           &distributiontypes.QueryDelegationRewardsRequest{DelegatorAddress: v1.String(), ValidatorAddress: v1.Valoper()},
		"/cosmos.distribution.v1beta1.Query/DelegationTotalRewards":      &distributiontypes.QueryDelegationTotalRewardsRequest{DelegatorAddress: v1.String()},
		"/cosmos.distribution.v1beta1.Query/DelegatorValidators":         &distributiontypes.QueryDelegatorValidatorsRequest{DelegatorAddress: v1.String()},
		"/cosmos.distribution.v1beta1.Query/DelegatorWithdrawAddress":    &distributiontypes.QueryDelegatorWithdrawAddressRequest{DelegatorAddress: v1.String()},
		tokentypes.QueryPathToken:                                        &tokentypes.QueryTokenRequest{Denom: fuzzTokenDenom},
		tokentypes.QueryPathTokens:                                       &tokentypes.QueryTokensRequest{Pagination: page},
		tokentypes.QueryPathAllowance:                                    &tokentypes.QueryAllowanceRequest{Owner: alice, Spender: bob, Denom: fuzzTokenDenom},
		ballottypes.QueryPathBallot:                                      &ballottypes.QueryBallotRequest{Id: 1},
		ballottypes.QueryPathVoter:                                       &ballottypes.QueryVoterRequest{Id: 1, Address: bob},
		ballottypes.QueryPathTallies:                                     &ballottypes.QueryTalliesRequest{Id: 1},
		ballottypes.QueryPathWinner:                                      &ballottypes.QueryWinnerRequest{Id: 1},
		govtypes.QueryPathProposal:                                       &govtypes.QueryProposalRequest{ProposalId: 1},
		govtypes.QueryPathProposals:                                      &govtypes.QueryProposalsRequest{Pagination: page},
		govtypes.QueryPathVote:                                           &govtypes.QueryVoteRequest{ProposalId: 1, Voter: alice},
		govtypes.QueryPathVotes:                                          &govtypes.QueryVotesRequest{ProposalId: 1, Pagination: page},
		govtypes.QueryPathParams:                                         &govtypes.QueryParamsRequest{ParamsType: "deposit"},
		govtypes.QueryPathDeposit:                                        &govtypes.QueryDepositRequest{ProposalId: 1, Depositor: alice},
		govtypes.QueryPathDeposits:                                       &govtypes.QueryDepositsRequest{ProposalId: 1, Pagination: page},
		govtypes.QueryPathTallyResult:                                    &govtypes.QueryTallyResultRequest{ProposalId: 1},
	}
}

func consAddrString(t testing.TB) string {
	addr, err := authtypes.Bech32("stakevalcons", consAddrOf(consPubKey("v1")))
	if err != nil {
		t.Fatal(err)
	}
	return addr
}

type rawRequest []byte

func (r rawRequest) Marshal() ([]byte, error) { return r, nil }

// FuzzQuery sends arbitrary abci_query requests: any path, data, height and
// prove flag. Query must answer (never return an error or panic: it turns a
// panic into an internal error, which fails here), refuse with a registered
// code and a log, answer the same request the same way twice, and never
// change the state.
func FuzzQuery(f *testing.F) {
	c := newFuzzChain(f)
	w := newSeedWriter(f, "FuzzQuery")
	seeds := querySeeds(f, c)
	seeds[StoreKeyPath] = rawRequest("bank/balances")
	seeds[InvariantsPath] = rawRequest(nil)
	paths := make([]string, 0, len(c.app.queries)+2)
	for p := range c.app.queries {
		paths = append(paths, p)
	}
	paths = append(paths, StoreKeyPath, InvariantsPath)
	for _, p := range paths {
		var data []byte
		if req, ok := seeds[p]; ok {
			var err error
			if data, err = req.Marshal(); err != nil {
				f.Fatal(err)
			}
		}
		f.Add(p, data, int64(0), false)
		w.write(p, p, data, int64(0), false)
	}
	f.Add(StoreKeyPath, []byte("bank/balances"), c.height-1, true)
	w.write("store-proof", StoreKeyPath, []byte("bank/balances"), c.height-1, true)
	f.Add("/nope", []byte{}, int64(-1), false)
	version, hash := c.app.tree.Version(), string(c.app.tree.Hash())

	f.Fuzz(func(t *testing.T, path string, data []byte, height int64, prove bool) {
		req := &abci.RequestQuery{Path: path, Data: data, Height: height, Prove: prove}
		res, err := c.app.Query(context.Background(), req)
		if err != nil || res == nil {
			t.Fatalf("Query returned %v, %v", res, err)
		}
		if res.Code != 0 {
			requireRegistered(t, "query "+path, res.Codespace, res.Code, res.Log)
		}
		again, err := c.app.Query(context.Background(), req)
		if err != nil || !reflect.DeepEqual(res, again) {
			t.Fatalf("the same query answered differently: %v", err)
		}
		if c.app.tree.Version() != version || string(c.app.tree.Hash()) != hash {
			t.Fatal("a query changed the state")
		}
	})
}

// FuzzGenesis feeds arbitrary app_state bytes to the genesis checks and to
// InitChain of a fresh application. Nothing may panic; a genesis InitChain
// refuses leaves the state empty; an accepted app_state is one JSON
// document that round-trips, and the state InitChain makes keeps the
// accounting invariants.
func FuzzGenesis(f *testing.F) {
	w := newSeedWriter(f, "FuzzGenesis")
	staking := stakingGenesis(f)
	seeds := map[string][]byte{
		"default":         DefaultGenesis(),
		"funded":          genesisWith(f, map[string]string{"alice": "1000ustake,5foo", "bob": "7ustake"}, "alice", "bob"),
		"with-validators": staking,
	}
	for name, g := range seeds {
		f.Add(g)
		w.write(name, g)
	}
	f.Add([]byte("{}"))
	f.Add([]byte("null"))
	params := &cmtproto.ConsensusParams{Block: &cmtproto.BlockParams{MaxBytes: 4 << 20, MaxGas: -1}}

	f.Fuzz(func(t *testing.T, appState []byte) {
		validateErr := ValidateGenesis(appState)
		g, err := ParseGenesis(appState)
		if err == nil {
			if !json.Valid(appState) {
				t.Fatal("ParseGenesis accepted bytes that are not one JSON document")
			}
			// InitChain reads the two long lists again from where they lie
			// in the document: it must read what ParseGenesis decoded.
			d, err := readGenesis(appState, genesisEntries{
				account: func(*GenesisState, auth.GenesisAccount) error { return nil },
				balance: func(*GenesisState, bank.Balance) error { return nil },
			})
			if err != nil {
				t.Fatalf("readGenesis refuses what ParseGenesis accepts: %v", err)
			}
			var accounts []auth.GenesisAccount
			var balances []bank.Balance
			errA := d.accounts()(func(a auth.GenesisAccount) error { accounts = append(accounts, a); return nil })
			errB := d.balances()(func(b bank.Balance) error { balances = append(balances, b); return nil })
			if errA != nil || errB != nil || !slices.Equal(accounts, g.Auth.Accounts) || !slices.Equal(balances, g.Bank.Balances) {
				t.Fatalf("the lists read again differ: %v, %v", errA, errB)
			}
			bz, err := json.Marshal(g)
			if err != nil {
				t.Fatalf("re-encoding an accepted genesis: %v", err)
			}
			// A missing decimal encodes as "0" and reads back as a zero
			// decimal, which encodes as "0.000000000000000000": compare from
			// the second encoding on.
			for i := 0; i < 2; i++ {
				g2, err := ParseGenesis(bz)
				if err != nil {
					t.Fatalf("the re-encoded genesis is refused: %v", err)
				}
				bz2, err := json.Marshal(g2)
				if err != nil || (i == 1 && !bytes.Equal(bz, bz2)) {
					t.Fatalf("the genesis does not round-trip: %v", err)
				}
				bz = bz2
			}
		}

		a, err := New(Config{DB: dbm.NewMemDB()})
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		empty := string(a.tree.Hash())
		res, err := a.InitChain(context.Background(), &abci.RequestInitChain{ChainId: testChainID, InitialHeight: 1,
			AppStateBytes: appState, ConsensusParams: params, Time: testGenesisTime})
		if err != nil {
			if res != nil {
				t.Fatal("a response with an error")
			}
			if a.tree.Version() != 0 || string(a.tree.Hash()) != empty || a.block != nil {
				t.Fatal("a refused genesis changed the state")
			}
			return
		}
		if validateErr != nil {
			t.Fatalf("InitChain accepted a genesis that ValidateGenesis refuses: %v", validateErr)
		}
		if err := a.CheckInvariants(a.block); err != nil {
			t.Fatalf("the genesis state breaks an invariant: %v", err)
		}
	})
}

// stakingGenesis is the app_state of newStakingChain: accounts and two
// validators made by gentxs.
func stakingGenesis(t testing.TB) []byte {
	g := genesisWith(t, map[string]string{"v1": "100000000ustake", "v2": "100000000ustake", "alice": "1000000000ustake"}, "v1", "v2", "alice")
	var txs [][]byte
	for _, name := range []string{"v1", "v2"} {
		tx, err := client.GenTx(testKey(name), testChainID, validatorSpec(name, 10))
		if err != nil {
			t.Fatal(err)
		}
		txs = append(txs, tx)
	}
	g, err := GenesisSetGenTxs(g, txs)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// FuzzProcessProposal feeds arbitrary transactions to ProcessProposal,
// which must answer (ACCEPT or REJECT) and never panic or change state.
func FuzzProcessProposal(f *testing.F) {
	c := newTestChain(f)
	w := newSeedWriter(f, "FuzzProcessProposal")
	for name, tx := range seedTxs(c) {
		f.Add(tx, []byte("junk"))
		w.write(name, tx, []byte{})
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		before := c.app.tree.Hash()
		res, err := c.app.ProcessProposal(context.Background(), &abci.RequestProcessProposal{Txs: [][]byte{a, b}, Height: c.height + 1})
		if err != nil {
			t.Fatalf("ProcessProposal returned an error: %v", err)
		}
		if res.Status != abci.ResponseProcessProposal_ACCEPT && res.Status != abci.ResponseProcessProposal_REJECT {
			t.Fatalf("status %v", res.Status)
		}
		if string(before) != string(c.app.tree.Hash()) {
			t.Fatal("ProcessProposal changed the state")
		}
	})
}
