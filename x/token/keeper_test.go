package token

import (
	"math/big"
	"strings"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/token/types"
)

func TestCreateTokenMakesTheDenomFromCreatorAndSymbolAndGivesTheInitialSupplyToTheCreator(t *testing.T) {
	e := newEnv(t, "alice")
	denom := e.create("alice", "GOLD", 1_000_000, 250_000)
	require.Equal(t, "token/"+addr("alice").String()+"/GOLD", denom)
	require.NoError(t, core.ValidateDenom(denom))

	tok, ok := e.k.Token(e.w, denom)
	require.True(t, ok)
	require.Equal(t, Token{Denom: denom, Creator: addr("alice"), Admin: addr("alice"), Symbol: "GOLD", Name: "GOLD coin", Decimals: 6, MaxSupply: n(1_000_000)}, tok)
	require.Equal(t, n(250_000), e.balance("alice", denom))
	e.holds(denom, "alice")
}

func TestATokenMayStartWithNoSupply(t *testing.T) {
	e := newEnv(t)
	denom := e.create("alice", "NIL", 10, 0)
	require.True(t, e.bank.Supply(e.w, denom).IsZero())
	e.holds(denom)
}

func TestASymbolIsThreeToTwelveCharactersAnUpperCaseLetterThenUpperCaseLettersOrDigits(t *testing.T) {
	for _, good := range []string{"ABC", "A1B2", "X99", "ABCDEFGHIJKL"} {
		require.NoError(t, ValidateSymbol(good), good)
	}
	for _, bad := range []string{"", "AB", "ABCDEFGHIJKLM", "abc", "Abc", "1ABC", "AB-C", "AB/C", "AB C", "ÄBC", "ABC\n"} {
		require.ErrorIs(t, ValidateSymbol(bad), ErrBadSymbol, bad)
		e := newEnv(t)
		_, err := e.k.CreateToken(e.w, &e.ev, CreateTokenMsg{Creator: addr("a"), Symbol: bad, Name: "n", MaxSupply: n(1), InitialSupply: n(0)})
		require.ErrorIs(t, err, ErrBadSymbol, bad)
	}
}

func TestANameIsOneToSixtyFourCharactersOfValidUTF8WithoutControlCharacters(t *testing.T) {
	for _, good := range []string{"G", "Gold coin", strings.Repeat("x", 64), strings.Repeat("é", 64)} {
		require.NoError(t, ValidateName(good), good)
	}
	for _, bad := range []string{"", strings.Repeat("x", 65), strings.Repeat("é", 65), "\xff\xfe", "tab\there", "new\nline"} {
		require.ErrorIs(t, ValidateName(bad), ErrBadName, bad)
	}
}

func TestDecimalsAreAtMostEighteen(t *testing.T) {
	e := newEnv(t)
	_, err := e.k.CreateToken(e.w, &e.ev, CreateTokenMsg{Creator: addr("a"), Symbol: "DEC", Name: "n", Decimals: 19, MaxSupply: n(1), InitialSupply: n(0)})
	require.ErrorIs(t, err, ErrBadDecimals)
	_, err = e.k.CreateToken(e.w, &e.ev, CreateTokenMsg{Creator: addr("a"), Symbol: "DEC", Name: "n", Decimals: 18, MaxSupply: n(1), InitialSupply: n(0)})
	require.NoError(t, err)
}

func TestTheMaxSupplyMustBeAPositiveIntegerOfAtMost256Bits(t *testing.T) {
	msg := func(max string) *types.MsgCreateToken {
		return &types.MsgCreateToken{Creator: addr("a").String(), Symbol: "MAX", Name: "n", MaxSupply: max}
	}
	for _, bad := range []string{"", "0", "-1", "+5", "1.5", "1e6", "0x10", "1_000", " 1", strings.Repeat("9", 78)} {
		_, err := ParseCreateToken(msg(bad))
		require.ErrorIs(t, err, ErrBadMaxSupply, bad)
	}
	m, err := ParseCreateToken(msg("115792089237316195423570985008687907853269984665640564039457584007913129639935")) // 2^256-1
	require.NoError(t, err)
	require.Equal(t, 256, m.MaxSupply.BigInt().BitLen())
	require.True(t, m.InitialSupply.IsZero(), "an empty initial supply is zero")

	e := newEnv(t)
	_, err = e.k.CreateToken(e.w, &e.ev, CreateTokenMsg{Creator: addr("a"), Symbol: "MAX", Name: "n", MaxSupply: n(0), InitialSupply: n(0)})
	require.ErrorIs(t, err, ErrBadMaxSupply)
}

func TestTheInitialSupplyMayNotExceedTheMaxSupply(t *testing.T) {
	_, err := ParseCreateToken(&types.MsgCreateToken{Creator: addr("a").String(), Symbol: "CAP", Name: "n", MaxSupply: "100", InitialSupply: "101"})
	require.ErrorIs(t, err, ErrInitialAboveMax)
	_, err = ParseCreateToken(&types.MsgCreateToken{Creator: addr("a").String(), Symbol: "CAP", Name: "n", MaxSupply: "100", InitialSupply: "-1"})
	require.ErrorIs(t, err, ErrInitialAboveMax)

	e := newEnv(t)
	_, err = e.k.CreateToken(e.w, &e.ev, CreateTokenMsg{Creator: addr("a"), Symbol: "CAP", Name: "n", MaxSupply: n(100), InitialSupply: n(101)})
	require.ErrorIs(t, err, ErrInitialAboveMax)
	require.Equal(t, n(100), e.balance("a", e.create("a", "CAP", 100, 100)), "equal is allowed")
}

func TestOneCreatorCannotCreateTheSameSymbolTwiceButAnotherCreatorCan(t *testing.T) {
	e := newEnv(t)
	mine := e.create("alice", "ABC", 100, 10)
	before := e.snapshot()
	_, err := e.k.CreateToken(e.w, &e.ev, CreateTokenMsg{Creator: addr("alice"), Symbol: "ABC", Name: "again", MaxSupply: n(5), InitialSupply: n(5)})
	require.ErrorIs(t, err, ErrTokenExists)
	require.Equal(t, before, e.snapshot(), "a refused creation changes nothing")

	theirs := e.create("bob", "ABC", 100, 20)
	require.NotEqual(t, mine, theirs)
	require.Equal(t, n(10), e.bank.Supply(e.w, mine))
	require.Equal(t, n(20), e.bank.Supply(e.w, theirs))
	require.Len(t, e.k.Tokens(e.w), 2)
}

func TestTokenDenomsPassValidateDenomAndNeverLookLikeNativeDenoms(t *testing.T) {
	long := make(authtypes.Address, 32)
	for i := range long {
		long[i] = 0xff
	}
	for _, creator := range []authtypes.Address{addr("a"), long} {
		d := Denom(creator, "ABCDEFGHIJKL")
		require.NoError(t, core.ValidateDenom(d), d)
		require.True(t, IsTokenDenom(d))
	}
	require.False(t, IsTokenDenom("ustake"))
	_, err := ParseMint(&types.MsgMint{Admin: addr("a").String(), Denom: "token/x/ABC\x00", Amount: "1"})
	require.ErrorIs(t, err, ErrBadDenom)
}

func TestOnlyTheAdminMayMint(t *testing.T) {
	e := newEnv(t)
	denom := e.create("alice", "GOLD", 1000, 0)
	before := e.snapshot()
	require.ErrorIs(t, e.mint("mallory", denom, 5, "mallory"), ErrNotAdmin)
	require.Equal(t, before, e.snapshot())
	require.NoError(t, e.mint("alice", denom, 5, "bob"))
	require.Equal(t, n(5), e.balance("bob", denom))
	e.holds(denom, "bob")
}

func TestMintNeverTakesTheSupplyPastTheMaxSupplyButBurningMakesRoom(t *testing.T) {
	e := newEnv(t)
	denom := e.create("alice", "CAP", 100, 60)
	require.NoError(t, e.mint("alice", denom, 30, "alice"))
	before := e.snapshot()
	require.ErrorIs(t, e.mint("alice", denom, 11, "alice"), ErrMaxSupplyExceeded)
	require.Equal(t, before, e.snapshot())
	require.NoError(t, e.mint("alice", denom, 10, "alice"))
	require.Equal(t, n(100), e.bank.Supply(e.w, denom))
	require.ErrorIs(t, e.mint("alice", denom, 1, "alice"), ErrMaxSupplyExceeded)

	require.NoError(t, e.k.Burn(e.w, &e.ev, BurnMsg{Admin: addr("alice"), Denom: denom, Amount: n(7)}))
	require.ErrorIs(t, e.mint("alice", denom, 8, "alice"), ErrMaxSupplyExceeded)
	require.NoError(t, e.mint("alice", denom, 7, "alice"))
	e.holds(denom, "alice")
}

func TestAMintToTheLargestMaxSupplyDoesNotOverflow(t *testing.T) {
	e := newEnv(t)
	max := math.NewIntFromBigInt(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)))
	denom, err := e.k.CreateToken(e.w, &e.ev, CreateTokenMsg{Creator: addr("a"), Symbol: "BIG", Name: "n", MaxSupply: max, InitialSupply: max})
	require.NoError(t, err)
	err = e.k.Mint(e.w, &e.ev, MintMsg{Admin: addr("a"), Denom: denom, Amount: max, Recipient: addr("a")})
	require.ErrorIs(t, err, ErrMaxSupplyExceeded)
	e.holds(denom, "a")
}

func TestAMintWithoutRecipientGoesToTheAdmin(t *testing.T) {
	m, err := ParseMint(&types.MsgMint{Admin: addr("alice").String(), Denom: "token/x/ABC", Amount: "5"})
	require.NoError(t, err)
	require.Equal(t, addr("alice"), m.Recipient)
	require.Equal(t, addr("alice"), m.Signer())
	m, err = ParseMint(&types.MsgMint{Admin: addr("alice").String(), Denom: "token/x/ABC", Amount: "5", Recipient: addr("bob").String()})
	require.NoError(t, err)
	require.Equal(t, addr("bob"), m.Recipient)
	_, err = ParseMint(&types.MsgMint{Admin: addr("alice").String(), Denom: "token/x/ABC", Amount: "5", Recipient: "cosmos1xyz"})
	require.ErrorIs(t, err, core.ErrInvalidAddress)
}

func TestBurnIsOnlyByTheAdminAndOnlyOfTheAdminsOwnBalance(t *testing.T) {
	e := newEnv(t)
	denom := e.create("alice", "GOLD", 1000, 100)
	require.NoError(t, e.mint("alice", denom, 50, "bob"))

	before := e.snapshot()
	err := e.k.Burn(e.w, &e.ev, BurnMsg{Admin: addr("bob"), Denom: denom, Amount: n(10)})
	require.ErrorIs(t, err, ErrNotAdmin, "a holder who is not the admin may not burn, even their own coins")
	err = e.k.Burn(e.w, &e.ev, BurnMsg{Admin: addr("alice"), Denom: denom, Amount: n(101)})
	require.ErrorIs(t, err, core.ErrInsufficientFunds, "the admin burns only from its own balance")
	require.Equal(t, before, e.snapshot())

	require.NoError(t, e.k.Burn(e.w, &e.ev, BurnMsg{Admin: addr("alice"), Denom: denom, Amount: n(100)}))
	require.True(t, e.balance("alice", denom).IsZero())
	require.Equal(t, n(50), e.balance("bob", denom), "other holders are untouched")
	require.Equal(t, n(50), e.bank.Supply(e.w, denom))
	e.holds(denom, "alice", "bob")
}

func TestZeroAndNegativeAmountsAreRejectedEverywhere(t *testing.T) {
	a, b := addr("a").String(), addr("b").String()
	const d = "token/x/ABC"
	for _, amt := range []string{"0", "-1", "", "00x1"} {
		_, err := ParseMint(&types.MsgMint{Admin: a, Denom: d, Amount: amt})
		require.ErrorIs(t, err, ErrBadAmount, "mint %q", amt)
		_, err = ParseBurn(&types.MsgBurn{Owner: a, Denom: d, Amount: amt})
		require.ErrorIs(t, err, ErrBadAmount, "burn %q", amt)
		_, err = ParseTransferFrom(&types.MsgTransferFrom{Spender: a, Owner: b, Recipient: a, Amount: &authtypes.Coin{Denom: d, Amount: amt}})
		require.ErrorIs(t, err, ErrBadAmount, "transfer-from %q", amt)
	}
	for _, amt := range []string{"-1", "", "1.0"} {
		_, err := ParseApprove(&types.MsgApprove{Owner: a, Spender: b, Amount: &authtypes.Coin{Denom: d, Amount: amt}})
		require.ErrorIs(t, err, ErrBadAmount, "approve %q", amt)
	}
	_, err := ParseApprove(&types.MsgApprove{Owner: a, Spender: b})
	require.ErrorIs(t, err, ErrBadAmount, "a missing amount")
	_, err = ParseTransferFrom(&types.MsgTransferFrom{Spender: a, Owner: b, Recipient: a})
	require.ErrorIs(t, err, ErrBadAmount, "a missing amount")

	e := newEnv(t)
	denom := e.create("a", "ABC", 100, 50)
	require.NoError(t, e.approve("a", "b", denom, 10))
	before := e.snapshot()
	for _, amt := range []int64{0, -5} {
		require.ErrorIs(t, e.mint("a", denom, amt, "a"), ErrBadAmount)
		require.ErrorIs(t, e.k.Burn(e.w, &e.ev, BurnMsg{Admin: addr("a"), Denom: denom, Amount: n(amt)}), ErrBadAmount)
		require.ErrorIs(t, e.transferFrom("b", "a", "b", denom, amt), ErrBadAmount)
	}
	require.ErrorIs(t, e.approve("a", "b", denom, -1), ErrBadAmount)
	_, err = e.k.CreateToken(e.w, &e.ev, CreateTokenMsg{Creator: addr("a"), Symbol: "NEG", Name: "n", MaxSupply: n(10), InitialSupply: n(-1)})
	require.ErrorIs(t, err, ErrInitialAboveMax)
	require.Equal(t, before, e.snapshot())
}

func TestApproveAndTransferFromAreOnlyForTokensOfThisModule(t *testing.T) {
	a, b := addr("a").String(), addr("b").String()
	_, err := ParseApprove(&types.MsgApprove{Owner: a, Spender: b, Amount: &authtypes.Coin{Denom: "ustake", Amount: "5"}})
	require.ErrorIs(t, err, ErrNotTokenDenom)
	_, err = ParseTransferFrom(&types.MsgTransferFrom{Spender: b, Owner: a, Recipient: b, Amount: &authtypes.Coin{Denom: "ustake", Amount: "5"}})
	require.ErrorIs(t, err, ErrNotTokenDenom)

	e := newEnv(t, "a", "b")
	before := e.snapshot()
	require.ErrorIs(t, e.approve("a", "b", "ustake", 5), ErrNotTokenDenom)
	require.ErrorIs(t, e.transferFrom("b", "a", "b", "ustake", 5), ErrNotTokenDenom)
	missing := Denom(addr("a"), "NONE")
	require.ErrorIs(t, e.approve("a", "b", missing, 5), ErrTokenNotFound)
	require.ErrorIs(t, e.transferFrom("b", "a", "b", missing, 5), ErrTokenNotFound)
	require.ErrorIs(t, e.mint("a", missing, 5, "a"), ErrTokenNotFound)
	require.ErrorIs(t, e.mint("a", "ustake", 5, "a"), ErrNotTokenDenom)
	require.Equal(t, before, e.snapshot())
}

func TestApproveReplacesTheAllowanceAndZeroRevokesIt(t *testing.T) {
	e := newEnv(t)
	denom := e.create("owner", "ABC", 1000, 1000)
	require.NoError(t, e.approve("owner", "spender", denom, 100))
	require.Equal(t, n(100), e.k.Allowance(e.w, addr("owner"), addr("spender"), denom))
	require.NoError(t, e.approve("owner", "spender", denom, 30))
	require.Equal(t, n(30), e.k.Allowance(e.w, addr("owner"), addr("spender"), denom), "replaced, not added")
	require.True(t, e.k.Allowance(e.w, addr("spender"), addr("owner"), denom).IsZero(), "allowances are one-way")

	require.NoError(t, e.approve("owner", "spender", denom, 0))
	require.True(t, e.k.Allowance(e.w, addr("owner"), addr("spender"), denom).IsZero())
	require.Nil(t, e.w.Get(allowanceKey(addr("owner"), addr("spender"), denom)), "a zero allowance is never stored")
	require.ErrorIs(t, e.transferFrom("spender", "owner", "spender", denom, 1), ErrInsufficientAllowance)
}

func TestTransferFromAboveTheAllowanceFailsAndChangesNothing(t *testing.T) {
	e := newEnv(t)
	denom := e.create("owner", "ABC", 1000, 1000)
	require.NoError(t, e.approve("owner", "spender", denom, 100))
	before := e.snapshot()
	require.ErrorIs(t, e.transferFrom("spender", "owner", "carol", denom, 101), ErrInsufficientAllowance)
	require.ErrorIs(t, e.transferFrom("carol", "owner", "carol", denom, 1), ErrInsufficientAllowance, "no allowance at all")
	require.Equal(t, before, e.snapshot())

	require.NoError(t, e.transferFrom("spender", "owner", "carol", denom, 60))
	require.NoError(t, e.transferFrom("spender", "owner", "spender", denom, 40))
	require.True(t, e.k.Allowance(e.w, addr("owner"), addr("spender"), denom).IsZero(), "spent exactly")
	require.ErrorIs(t, e.transferFrom("spender", "owner", "carol", denom, 1), ErrInsufficientAllowance)
	require.Equal(t, n(900), e.balance("owner", denom))
	e.holds(denom, "owner", "spender", "carol")
}

func TestTransferFromAboveTheOwnersBalanceFailsAndChangesNothing(t *testing.T) {
	e := newEnv(t)
	denom := e.create("owner", "ABC", 1000, 50)
	require.NoError(t, e.approve("owner", "spender", denom, 100))
	before := e.snapshot()
	require.ErrorIs(t, e.transferFrom("spender", "owner", "carol", denom, 51), core.ErrInsufficientFunds)
	require.Equal(t, before, e.snapshot())
	require.Equal(t, n(100), e.k.Allowance(e.w, addr("owner"), addr("spender"), denom), "the allowance is not spent")
}

func TestOnlyTheAdminMayChangeTheAdminAndOnlyToAValidAddress(t *testing.T) {
	e := newEnv(t)
	denom := e.create("alice", "ABC", 1000, 0)
	before := e.snapshot()
	err := e.k.ChangeAdmin(e.w, &e.ev, ChangeAdminMsg{Admin: addr("mallory"), Denom: denom, NewAdmin: addr("mallory")})
	require.ErrorIs(t, err, ErrNotAdmin)
	err = e.k.ChangeAdmin(e.w, &e.ev, ChangeAdminMsg{Admin: addr("alice"), Denom: denom, NewAdmin: authtypes.Address{1, 2, 3}})
	require.ErrorIs(t, err, core.ErrInvalidAddress)
	require.Equal(t, before, e.snapshot())
	for _, bad := range []string{"", "cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqnrql8a", "stake1invalid", addr("bob").Valoper()} {
		_, err = ParseChangeAdmin(&types.MsgChangeAdmin{Admin: addr("alice").String(), Denom: denom, NewAdmin: bad})
		require.ErrorIs(t, err, core.ErrInvalidAddress, bad)
	}

	m, err := ParseChangeAdmin(&types.MsgChangeAdmin{Admin: addr("alice").String(), Denom: denom, NewAdmin: addr("bob").String()})
	require.NoError(t, err)
	require.NoError(t, e.k.ChangeAdmin(e.w, &e.ev, m))
	tok, _ := e.k.Token(e.w, denom)
	require.Equal(t, addr("bob"), tok.Admin)
	require.Equal(t, addr("alice"), tok.Creator, "the creator, and so the denom, stay")
	require.ErrorIs(t, e.mint("alice", denom, 1, "alice"), ErrNotAdmin, "the old admin lost its rights")
	require.NoError(t, e.mint("bob", denom, 1, "bob"))
	require.ErrorIs(t, e.k.ChangeAdmin(e.w, &e.ev, ChangeAdminMsg{Admin: addr("alice"), Denom: denom, NewAdmin: addr("alice")}), ErrNotAdmin)
}

func TestModuleAccountsMayNotReceiveTokens(t *testing.T) {
	e := newEnv(t)
	denom := e.create("alice", "ABC", 1000, 100)
	require.NoError(t, e.approve("alice", "bob", denom, 100))
	before := e.snapshot()
	for _, mod := range []string{ModuleName, otherModule} {
		to := authtypes.ModuleAddress(mod)
		err := e.k.Mint(e.w, &e.ev, MintMsg{Admin: addr("alice"), Denom: denom, Amount: n(1), Recipient: to})
		require.ErrorIs(t, err, ErrBlockedRecipient, mod)
		err = e.k.TransferFrom(e.w, &e.ev, TransferFromMsg{Spender: addr("bob"), Owner: addr("alice"), Recipient: to, Amount: core.Coin{Denom: denom, Amount: n(1)}})
		require.ErrorIs(t, err, ErrBlockedRecipient, mod)
	}
	require.Equal(t, before, e.snapshot())
}

func TestAFullFlowKeepsTheBankSupplyEqualToTheTokensSupply(t *testing.T) {
	e := newEnv(t, "alice", "bob", "carol")
	holders := []string{"alice", "bob", "carol", "dave"}

	// create
	cm, err := ParseCreateToken(&types.MsgCreateToken{Creator: addr("alice").String(), Symbol: "GOLD", Name: "Gold", Decimals: 6, MaxSupply: "1000000", InitialSupply: "1000"})
	require.NoError(t, err)
	denom, err := e.k.CreateToken(e.w, &e.ev, cm)
	require.NoError(t, err)
	e.holds(denom, holders...)

	// mint to bob
	mm, err := ParseMint(&types.MsgMint{Admin: addr("alice").String(), Denom: denom, Amount: "500", Recipient: addr("bob").String()})
	require.NoError(t, err)
	require.NoError(t, e.k.Mint(e.w, &e.ev, mm))
	e.holds(denom, holders...)

	// bob sends with the bank, as MsgSend does: token balances are bank balances
	require.NoError(t, e.bank.Send(e.w, &e.ev, addr("bob"), addr("carol"), core.Coins{{Denom: denom, Amount: n(200)}}))
	require.Equal(t, n(300), e.balance("bob", denom))
	require.Equal(t, n(200), e.balance("carol", denom))
	e.holds(denom, holders...)

	// carol lets dave spend 150 of hers
	am, err := ParseApprove(&types.MsgApprove{Owner: addr("carol").String(), Spender: addr("dave").String(), Amount: &authtypes.Coin{Denom: denom, Amount: "150"}})
	require.NoError(t, err)
	require.NoError(t, e.k.Approve(e.w, &e.ev, am))

	// dave moves 120 of carol's to alice
	tm, err := ParseTransferFrom(&types.MsgTransferFrom{Spender: addr("dave").String(), Owner: addr("carol").String(), Recipient: addr("alice").String(), Amount: &authtypes.Coin{Denom: denom, Amount: "120"}})
	require.NoError(t, err)
	require.Equal(t, addr("dave"), tm.Signer())
	require.NoError(t, e.k.TransferFrom(e.w, &e.ev, tm))
	require.Equal(t, n(80), e.balance("carol", denom))
	require.Equal(t, n(1120), e.balance("alice", denom))
	require.Equal(t, n(30), e.k.Allowance(e.w, addr("carol"), addr("dave"), denom))
	e.holds(denom, holders...)

	// alice burns 620 of her own
	bm, err := ParseBurn(&types.MsgBurn{Owner: addr("alice").String(), Denom: denom, Amount: "620"})
	require.NoError(t, err)
	require.NoError(t, e.k.Burn(e.w, &e.ev, bm))
	require.Equal(t, n(500), e.balance("alice", denom))
	e.holds(denom, holders...)

	resp, err := e.k.QueryToken(e.w, &types.QueryTokenRequest{Denom: denom})
	require.NoError(t, err)
	require.Equal(t, "880", resp.Token.Supply)
	require.Equal(t, e.bank.Supply(e.w, denom).String(), resp.Token.Supply)
	require.Equal(t, n(1000+500-620), e.bank.Supply(e.w, denom))
	require.Equal(t, n(1_000_000_000), e.balance("alice", "ustake"), "ustake is untouched")
	require.True(t, e.bank.Balances(e.w, moduleAddress()).IsZero())

	var kinds []string
	for _, ev := range e.ev.List() {
		switch ev.Type {
		case EventTypeCreateToken, EventTypeMint, EventTypeBurn, EventTypeApprove, EventTypeTransferFrom, EventTypeChangeAdmin:
			if ev.Type == EventTypeBurn && ev.Attributes[0].Key != AttributeKeyDenom {
				continue // the bank's own burn event
			}
			kinds = append(kinds, ev.Type)
		}
	}
	require.Equal(t, []string{"create_token", "mint", "approve", "transfer_from", "burn"}, kinds)
}

func TestEveryMessageEmitsItsEventWithStringAttributes(t *testing.T) {
	e := newEnv(t)
	last := func() (string, map[string]string) {
		t.Helper()
		l := e.ev.List()
		require.NotEmpty(t, l)
		ev := l[len(l)-1]
		attrs := map[string]string{}
		for _, a := range ev.Attributes {
			attrs[a.Key] = a.Value
		}
		return ev.Type, attrs
	}
	denom := e.create("alice", "EVT", 1000, 10)
	typ, attrs := last()
	require.Equal(t, "create_token", typ)
	require.Equal(t, map[string]string{"denom": denom, "creator": addr("alice").String(), "symbol": "EVT", "name": "EVT coin",
		"decimals": "6", "max_supply": "1000", "initial_supply": "10"}, attrs)

	require.NoError(t, e.mint("alice", denom, 5, "bob"))
	typ, attrs = last()
	require.Equal(t, "mint", typ)
	require.Equal(t, map[string]string{"denom": denom, "admin": addr("alice").String(), "recipient": addr("bob").String(), "amount": "5" + denom}, attrs)

	require.NoError(t, e.k.Burn(e.w, &e.ev, BurnMsg{Admin: addr("alice"), Denom: denom, Amount: n(3)}))
	typ, attrs = last()
	require.Equal(t, "burn", typ)
	require.Equal(t, map[string]string{"denom": denom, "owner": addr("alice").String(), "amount": "3" + denom}, attrs)

	require.NoError(t, e.approve("bob", "carol", denom, 4))
	typ, attrs = last()
	require.Equal(t, "approve", typ)
	require.Equal(t, map[string]string{"denom": denom, "owner": addr("bob").String(), "spender": addr("carol").String(), "amount": "4" + denom}, attrs)

	require.NoError(t, e.transferFrom("carol", "bob", "dave", denom, 2))
	typ, attrs = last()
	require.Equal(t, "transfer_from", typ)
	require.Equal(t, map[string]string{"denom": denom, "spender": addr("carol").String(), "owner": addr("bob").String(), "recipient": addr("dave").String(), "amount": "2" + denom}, attrs)

	require.NoError(t, e.k.ChangeAdmin(e.w, &e.ev, ChangeAdminMsg{Admin: addr("alice"), Denom: denom, NewAdmin: addr("bob")}))
	typ, attrs = last()
	require.Equal(t, "change_admin", typ)
	require.Equal(t, map[string]string{"denom": denom, "admin": addr("alice").String(), "new_admin": addr("bob").String()}, attrs)
}

func TestParseReadsEverySignerAndRefusesBadAddresses(t *testing.T) {
	a, b, c := addr("a").String(), addr("b").String(), addr("c").String()
	coin := &authtypes.Coin{Denom: "token/x/ABC", Amount: "1"}
	ct, err := ParseCreateToken(&types.MsgCreateToken{Creator: a, Symbol: "ABC", Name: "n", MaxSupply: "1"})
	require.NoError(t, err)
	require.Equal(t, addr("a"), ct.Signer())
	bu, err := ParseBurn(&types.MsgBurn{Owner: a, Denom: "token/x/ABC", Amount: "1"})
	require.NoError(t, err)
	require.Equal(t, addr("a"), bu.Signer())
	ap, err := ParseApprove(&types.MsgApprove{Owner: a, Spender: b, Amount: &authtypes.Coin{Denom: "token/x/ABC", Amount: "0"}})
	require.NoError(t, err, "a zero approval is a revocation")
	require.Equal(t, addr("a"), ap.Signer())
	tf, err := ParseTransferFrom(&types.MsgTransferFrom{Spender: c, Owner: a, Recipient: b, Amount: coin})
	require.NoError(t, err)
	require.Equal(t, addr("c"), tf.Signer())
	ca, err := ParseChangeAdmin(&types.MsgChangeAdmin{Admin: a, Denom: "token/x/ABC", NewAdmin: b})
	require.NoError(t, err)
	require.Equal(t, addr("a"), ca.Signer())

	const bad = "stake1notanaddress"
	for name, err := range map[string]error{
		"create creator":        second(ParseCreateToken(&types.MsgCreateToken{Creator: bad, Symbol: "ABC", Name: "n", MaxSupply: "1"})),
		"mint admin":            second(ParseMint(&types.MsgMint{Admin: bad, Denom: "token/x/ABC", Amount: "1"})),
		"burn owner":            second(ParseBurn(&types.MsgBurn{Owner: bad, Denom: "token/x/ABC", Amount: "1"})),
		"approve owner":         second(ParseApprove(&types.MsgApprove{Owner: bad, Spender: b, Amount: coin})),
		"approve spender":       second(ParseApprove(&types.MsgApprove{Owner: a, Spender: bad, Amount: coin})),
		"transfer-from spender": second(ParseTransferFrom(&types.MsgTransferFrom{Spender: bad, Owner: a, Recipient: b, Amount: coin})),
		"transfer-from owner":   second(ParseTransferFrom(&types.MsgTransferFrom{Spender: c, Owner: bad, Recipient: b, Amount: coin})),
		"transfer-from to":      second(ParseTransferFrom(&types.MsgTransferFrom{Spender: c, Owner: a, Recipient: bad, Amount: coin})),
		"change-admin admin":    second(ParseChangeAdmin(&types.MsgChangeAdmin{Admin: bad, Denom: "token/x/ABC", NewAdmin: b})),
	} {
		require.ErrorIs(t, err, core.ErrInvalidAddress, name)
	}
}

func second[T any](_ T, err error) error { return err }

func TestTokenErrorCodesAreUniqueAndInTheTokenCodespace(t *testing.T) {
	seen := map[uint32]string{}
	for _, e := range core.RegisteredErrors() {
		if e.Codespace() != ModuleName {
			continue
		}
		prev, dup := seen[e.Code()]
		require.False(t, dup, "code %d is used by %q and %q", e.Code(), prev, e.Error())
		seen[e.Code()] = e.Error()
	}
	require.Len(t, seen, 14)
	space, code, _ := core.ABCIInfo(ErrInsufficientAllowance.Wrap("x"))
	require.Equal(t, "token", space)
	require.Equal(t, uint32(13), code)
}
