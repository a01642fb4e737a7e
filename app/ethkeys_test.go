package app

import (
	"crypto/sha256"
	"strings"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/x/auth/keys"
	"github.com/stakechain/stakechain/x/auth/keys/ethsecp256k1"
	"github.com/stakechain/stakechain/x/auth/keys/secp256k1"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	ballottypes "github.com/stakechain/stakechain/x/ballot/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
	distributiontypes "github.com/stakechain/stakechain/x/distribution/types"
	govtypes "github.com/stakechain/stakechain/x/gov/types"
	stakingtypes "github.com/stakechain/stakechain/x/staking/types"
	tokentypes "github.com/stakechain/stakechain/x/token/types"
)

// testEthKey returns a deterministic eth_secp256k1 key for a name.
func testCosmosEthKey(name string) keys.PrivKey {
	secret := sha256.Sum256([]byte(name))
	sk, err := ethsecp256k1.PrivKeyFromSecret(secret[:])
	if err != nil {
		panic(err)
	}
	return keys.WrapEthSecp256k1(sk)
}

// newEthChain starts a chain without inflation where the Ethereum key of
// "erin" holds 1000ustake.
func newEthChain(t *testing.T) (*testChain, keys.PrivKey) {
	t.Helper()
	erin := testCosmosEthKey("erin")
	g, err := GenesisAddAccount(genesisWith(t, nil), addrOf(erin), "1000ustake")
	require.NoError(t, err)
	return newTestChainWithConfig(t, Config{}, g), erin
}

// resign replaces the signature of a signed tx.
func resign(t *testing.T, tx []byte, sig func(old []byte) []byte) []byte {
	t.Helper()
	var raw authtypes.TxRaw
	require.NoError(t, raw.Unmarshal(tx))
	raw.Signatures[0] = sig(raw.Signatures[0])
	out, err := raw.Marshal()
	require.NoError(t, err)
	return out
}

func TestACosmosTxSignedByAnEthereumKeyIsAcceptedForItsEthereumAddress(t *testing.T) {
	c, erin := newEthChain(t)
	bob := addrOf(testKey("bob"))
	hex := erin.PubKey().Address().Hex()
	require.Len(t, hex, 42)

	tx := c.sign(c.send(erin, bob, "40ustake"))
	var raw authtypes.TxRaw
	require.NoError(t, raw.Unmarshal(tx))
	require.Len(t, raw.Signatures[0], ethsecp256k1.SignatureSize, "R || S || V")

	check := c.checkTx(tx)
	require.Zero(t, check.Code, check.Log)
	res := c.block(tx)
	require.Zero(t, res.TxResults[0].Code, res.TxResults[0].Log)
	require.Equal(t, "960", c.balance(addrOf(erin), "ustake"))
	require.Equal(t, "960", c.balance(hex, "ustake"), "the 0x spelling is the same account")
	require.Equal(t, "40", c.balance(bob, "ustake"))

	// The account now holds the key under cosmos/evm's type URL.
	acc := c.account(hex)
	require.NotNil(t, acc)
	require.Equal(t, "/cosmos.evm.crypto.v1.ethsecp256k1.PubKey", acc.PubKey.TypeUrl)
	require.Equal(t, addrOf(erin), acc.Address)
	require.Equal(t, uint64(1), acc.Sequence)

	// A signature without V, as some wallets send it, is accepted too.
	next := resign(t, c.sign(c.send(erin, bob, "1ustake")), func(old []byte) []byte { return old[:64] })
	require.Zero(t, c.checkTx(next).Code)
	res = c.block(next)
	require.Zero(t, res.TxResults[0].Code, res.TxResults[0].Log)
	require.Equal(t, "959", c.balance(hex, "ustake"))
}

func TestACosmosTxWithAWrongEthereumSignatureIsRefusedAndChangesNothing(t *testing.T) {
	c, erin := newEthChain(t)
	bob := addrOf(testKey("bob"))
	// A first tx records the key, so that every later check knows it.
	require.Zero(t, c.block(c.sign(c.send(erin, bob, "1ustake"))).TxResults[0].Code)

	// The same scalar signing the sign bytes with SHA-256, as a Cosmos
	// secp256k1 key does.
	cosmos, err := secp256k1.PrivKeyFromSecret(erin.Bytes())
	require.NoError(t, err)

	for _, tc := range []struct {
		name string
		sig  func(s sendSpec, old []byte) []byte
	}{
		{"a flipped bit of S", func(_ sendSpec, old []byte) []byte {
			b := append([]byte(nil), old...)
			b[40] ^= 1
			return b
		}},
		{"the other recovery id", func(_ sendSpec, old []byte) []byte {
			b := append([]byte(nil), old...)
			b[64] ^= 1
			return b
		}},
		{"a signature of the SHA-256 of the sign bytes", func(s sendSpec, old []byte) []byte {
			var raw authtypes.TxRaw
			require.NoError(t, raw.Unmarshal(c.sign(s)))
			doc := authtypes.SignDoc{BodyBytes: raw.BodyBytes, AuthInfoBytes: raw.AuthInfoBytes, ChainId: s.chainID, AccountNumber: s.accNum}
			bz, err := doc.Marshal()
			require.NoError(t, err)
			sig, err := cosmos.Sign(bz)
			require.NoError(t, err)
			return sig
		}},
		{"another Ethereum key's signature", func(s sendSpec, _ []byte) []byte {
			s.from = testCosmosEthKey("mallory")
			var raw authtypes.TxRaw
			require.NoError(t, raw.Unmarshal(c.sign(s)))
			return raw.Signatures[0]
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := c.send(erin, bob, "10ustake")
			tx := resign(t, c.sign(s), func(old []byte) []byte { return tc.sig(s, old) })
			before := c.stateDump()

			check := c.checkTx(tx)
			require.Equal(t, core.ErrUnauthorized.Codespace(), check.Codespace, check.Log)
			require.Equal(t, core.ErrUnauthorized.Code(), check.Code, check.Log)

			proc, err := c.app.ProcessProposal(t.Context(), &abci.RequestProcessProposal{Txs: [][]byte{tx}, Height: c.height + 1, Time: c.time})
			require.NoError(t, err)
			require.Equal(t, abci.ResponseProcessProposal_REJECT, proc.Status)

			res := c.finalize([][]byte{tx})
			require.Equal(t, core.ErrUnauthorized.Code(), res.TxResults[0].Code, res.TxResults[0].Log)
			require.Equal(t, before, c.stateDump(), "the state must not change")
			require.Equal(t, "999", c.balance(addrOf(erin), "ustake"))
		})
	}
}

func TestTheEthereumKeyUnderTheCosmosTypeURLIsNotTheSameAccount(t *testing.T) {
	c, erin := newEthChain(t)
	// The same scalar as a Cosmos secp256k1 key: the same 33 bytes, but
	// its address is RIPEMD160(SHA256(key)), not erin's.
	sk, err := secp256k1.PrivKeyFromSecret(erin.Bytes())
	require.NoError(t, err)
	cosmos := keys.WrapSecp256k1(sk)
	require.Equal(t, erin.PubKey().Bytes(), cosmos.PubKey().Bytes())

	msg, err := client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: addrOf(erin), ToAddress: addrOf(testKey("bob")),
		Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "5"}}})
	require.NoError(t, err)
	acc := c.account(addrOf(erin))
	tx, err := client.Sign(client.TxSpec{Msgs: []*gogotypes.Any{msg}, Fee: core.Coins{}, GasLimit: 200_000, ChainID: testChainID,
		AccountNumber: acc.AccountNumber, Sequence: acc.Sequence}, cosmos)
	require.NoError(t, err)
	check := c.checkTx(tx)
	require.Equal(t, core.ErrInvalidPubKey.Code(), check.Code, check.Log)
	require.Contains(t, check.Log, "public key is of "+addrOf(cosmos))
}

// TestEveryQueryOfAnAccountTakesItsEthereumSpelling asks each query that
// takes an account address with the bech32 and with the 0x spelling, and
// wants the same answer.
func TestEveryQueryOfAnAccountTakesItsEthereumSpelling(t *testing.T) {
	c, _ := newStakingChain(t)
	v1 := testKey("v1")
	alice := testKey("alice")
	valoper := v1.PubKey().Address().Valoper()
	code, log := c.deliver(alice, ballottypes.TypeURLMsgCreateBallot, &ballottypes.MsgCreateBallot{Chairperson: addrOf(alice),
		Title: "lunch", ProposalNames: []string{"soup", "salad"}, VotingEnd: &gogotypes.Timestamp{Seconds: testGenesisTime.Unix() + 3600}})
	require.Zero(t, code, log)
	code, log = c.deliver(alice, tokentypes.TypeURLMsgCreateToken, &tokentypes.MsgCreateToken{Creator: addrOf(alice), Symbol: "GOLD",
		Name: "Gold", Decimals: 6, MaxSupply: "1000000", InitialSupply: "1000"})
	require.Zero(t, code, log)
	gold := "token/" + addrOf(alice) + "/GOLD"

	type request interface{ Marshal() ([]byte, error) }
	queries := []struct {
		path string
		req  func(addr string) request
	}{
		{"/cosmos.auth.v1beta1.Query/Account", func(a string) request { return &authtypes.QueryAccountRequest{Address: a} }},
		{"/cosmos.bank.v1beta1.Query/Balance", func(a string) request { return &banktypes.QueryBalanceRequest{Address: a, Denom: "ustake"} }},
		{"/cosmos.bank.v1beta1.Query/AllBalances", func(a string) request { return &banktypes.QueryAllBalancesRequest{Address: a} }},
		{"/cosmos.staking.v1beta1.Query/Delegation", func(a string) request {
			return &stakingtypes.QueryDelegationRequest{DelegatorAddr: a, ValidatorAddr: valoper}
		}},
		{"/cosmos.staking.v1beta1.Query/DelegatorDelegations", func(a string) request {
			return &stakingtypes.QueryDelegatorDelegationsRequest{DelegatorAddr: a}
		}},
		{"/cosmos.staking.v1beta1.Query/UnbondingDelegation", func(a string) request {
			return &stakingtypes.QueryUnbondingDelegationRequest{DelegatorAddr: a, ValidatorAddr: valoper}
		}},
		{"/cosmos.staking.v1beta1.Query/DelegatorUnbondingDelegations", func(a string) request {
			return &stakingtypes.QueryDelegatorUnbondingDelegationsRequest{DelegatorAddr: a}
		}},
		{"/cosmos.distribution.v1beta1.Query/DelegationRewards", func(a string) request {
			return &distributiontypes.QueryDelegationRewardsRequest{DelegatorAddress: a, ValidatorAddress: valoper}
		}},
		{"/cosmos.distribution.v1beta1.Query/DelegationTotalRewards", func(a string) request {
			return &distributiontypes.QueryDelegationTotalRewardsRequest{DelegatorAddress: a}
		}},
		{"/cosmos.distribution.v1beta1.Query/DelegatorValidators", func(a string) request {
			return &distributiontypes.QueryDelegatorValidatorsRequest{DelegatorAddress: a}
		}},
		{"/cosmos.distribution.v1beta1.Query/DelegatorWithdrawAddress", func(a string) request {
			return &distributiontypes.QueryDelegatorWithdrawAddressRequest{DelegatorAddress: a}
		}},
		{govtypes.QueryPathProposals, func(a string) request { return &govtypes.QueryProposalsRequest{Voter: a} }},
		{govtypes.QueryPathProposals, func(a string) request { return &govtypes.QueryProposalsRequest{Depositor: a} }},
		{govtypes.QueryPathVote, func(a string) request { return &govtypes.QueryVoteRequest{ProposalId: 1, Voter: a} }},
		{govtypes.QueryPathDeposit, func(a string) request { return &govtypes.QueryDepositRequest{ProposalId: 1, Depositor: a} }},
		{tokentypes.QueryPathAllowance, func(a string) request {
			return &tokentypes.QueryAllowanceRequest{Owner: a, Spender: addrOf(alice), Denom: gold}
		}},
		{tokentypes.QueryPathAllowance, func(a string) request {
			return &tokentypes.QueryAllowanceRequest{Owner: addrOf(alice), Spender: a, Denom: gold}
		}},
		{ballottypes.QueryPathVoter, func(a string) request { return &ballottypes.QueryVoterRequest{Id: 1, Address: a} }},
		{authtypes.QueryPathPendingAccount, func(a string) request { return &authtypes.QueryPendingAccountRequest{Address: a} }},
	}
	for _, who := range []keys.PrivKey{v1, alice} {
		bech := addrOf(who)
		hex := who.PubKey().Address().Hex()
		for _, q := range queries {
			t.Run(q.path, func(t *testing.T) {
				want := c.query(q.path, q.req(bech), nil)
				require.NotEqual(t, core.ErrInvalidAddress.Code(), want.Code, want.Log)
				for _, spelling := range []string{hex, strings.ToLower(hex), "0x" + strings.ToUpper(hex[2:])} {
					got := c.query(q.path, q.req(spelling), nil)
					require.Equal(t, want.Code, got.Code, "%s: %s", spelling, got.Log)
					require.Equal(t, want.Value, got.Value, spelling)
				}
				// A mistyped checksum is refused, with the reason.
				bad := c.query(q.path, q.req(badChecksum(hex)), nil)
				require.Equal(t, core.ErrInvalidAddress.Code(), bad.Code, bad.Log)
				require.Contains(t, bad.Log, "EIP-55 checksum")
			})
		}
	}
}

// badChecksum flips the case of the first letter of a checksummed 0x address.
func badChecksum(hex string) string {
	b := []byte(hex)
	for i := 2; i < len(b); i++ {
		switch {
		case b[i] >= 'a' && b[i] <= 'f':
			b[i] -= 'a' - 'A'
			return string(b)
		case b[i] >= 'A' && b[i] <= 'F':
			b[i] += 'a' - 'A'
			return string(b)
		}
	}
	panic("no letter in " + hex)
}
