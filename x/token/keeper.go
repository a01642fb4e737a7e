package token

import (
	"fmt"
	"strconv"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/token/types"
)

// Keeper creates tokens, mints and burns them through the bank, and keeps
// allowances. It holds no state; every method takes the state view it works
// on.
type Keeper struct {
	auth auth.Keeper
	bank bank.Keeper
}

// NewKeeper returns a token keeper. The auth keeper must know the module
// accounts of ModuleAccounts; it also tells which addresses are module
// accounts, which may not receive tokens.
func NewKeeper(ak auth.Keeper, bk bank.Keeper) Keeper { return Keeper{auth: ak, bank: bk} }

// ModuleAccounts are the module accounts the token module needs: its own,
// which mints and burns.
func ModuleAccounts() []auth.ModuleAccountSpec {
	return []auth.ModuleAccountSpec{{Name: ModuleName, Permissions: []string{"minter", "burner"}}}
}

// Token is a token's description. Its supply is the bank's supply of Denom.
type Token struct {
	Denom     string
	Creator   authtypes.Address
	Admin     authtypes.Address
	Symbol    string
	Name      string
	Decimals  uint32
	MaxSupply math.Int
}

// Token returns the token of denom.
func (k Keeper) Token(r store.Reader, denom string) (Token, bool) {
	bz := r.Get(tokenKey(denom))
	if bz == nil {
		return Token{}, false
	}
	return decodeToken(bz), true
}

// Tokens returns every token in denom order.
func (k Keeper) Tokens(r store.Reader) []Token {
	var out []Token
	r.Iterate(tokenPrefix, store.PrefixEnd(tokenPrefix), func(_, bz []byte) bool {
		out = append(out, decodeToken(bz))
		return true
	})
	return out
}

// Allowance returns how much of denom spender may still move out of
// owner's balance.
func (k Keeper) Allowance(r store.Reader, owner, spender authtypes.Address, denom string) math.Int {
	return decodeAmount(r.Get(allowanceKey(owner, spender, denom)))
}

// CreateToken creates the token of m, makes its creator the admin and mints
// the initial supply to the creator. It returns the new denom.
func (k Keeper) CreateToken(w store.Writer, ev *core.Events, m CreateTokenMsg) (string, error) {
	if err := m.validate(); err != nil {
		return "", err
	}
	denom := Denom(m.Creator, m.Symbol)
	if w.Has(tokenKey(denom)) {
		return "", ErrTokenExists.Wrapf("%s exists", denom)
	}
	if !k.bank.Supply(w, denom).IsZero() {
		// Only a genesis that skipped this module's checks could do this.
		return "", ErrTokenExists.Wrapf("coins of %s already exist", denom)
	}
	k.setToken(w, Token{Denom: denom, Creator: m.Creator, Admin: m.Creator, Symbol: m.Symbol, Name: m.Name, Decimals: m.Decimals, MaxSupply: m.MaxSupply})
	if m.InitialSupply.IsPositive() {
		if err := k.mintTo(w, ev, m.Creator, core.Coin{Denom: denom, Amount: m.InitialSupply}); err != nil {
			return "", err
		}
	}
	ev.Emit(EventTypeCreateToken,
		core.IndexedAttr(AttributeKeyDenom, denom),
		core.Attr(AttributeKeyCreator, m.Creator.String()),
		core.Attr(AttributeKeySymbol, m.Symbol),
		core.Attr(AttributeKeyName, m.Name),
		core.Attr(AttributeKeyDecimals, strconv.FormatUint(uint64(m.Decimals), 10)),
		core.Attr(AttributeKeyMaxSupply, m.MaxSupply.String()),
		core.Attr(AttributeKeyInitialSupply, m.InitialSupply.String()))
	return denom, nil
}

// Mint creates m.Amount of the token for m.Recipient. Only the admin may,
// and never past the max supply.
func (k Keeper) Mint(w store.Writer, ev *core.Events, m MintMsg) error {
	if err := validateAmount(m.Amount); err != nil {
		return err
	}
	t, err := k.adminToken(w, m.Denom, m.Admin)
	if err != nil {
		return err
	}
	if err := k.checkRecipient(m.Recipient); err != nil {
		return err
	}
	room := t.MaxSupply.Sub(k.bank.Supply(w, m.Denom))
	if m.Amount.GT(room) {
		return ErrMaxSupplyExceeded.Wrapf("supply %s, max supply %s, mint %s", k.bank.Supply(w, m.Denom), t.MaxSupply, m.Amount)
	}
	amt := core.Coin{Denom: m.Denom, Amount: m.Amount}
	if err := k.mintTo(w, ev, m.Recipient, amt); err != nil {
		return err
	}
	ev.Emit(EventTypeMint,
		core.IndexedAttr(AttributeKeyDenom, m.Denom),
		core.Attr(AttributeKeyAdmin, m.Admin.String()),
		core.Attr(AttributeKeyRecipient, m.Recipient.String()),
		core.Attr(AttributeKeyAmount, amt.String()))
	return nil
}

// Burn destroys m.Amount of the token from the admin's own balance. Only
// the admin may. A balance too small fails with core.ErrInsufficientFunds,
// changing nothing.
func (k Keeper) Burn(w store.Writer, ev *core.Events, m BurnMsg) error {
	if err := validateAmount(m.Amount); err != nil {
		return err
	}
	if _, err := k.adminToken(w, m.Denom, m.Admin); err != nil {
		return err
	}
	amt := core.Coin{Denom: m.Denom, Amount: m.Amount}
	if err := k.bank.Send(w, ev, m.Admin, moduleAddress(), core.Coins{amt}); err != nil {
		return err
	}
	if err := k.bank.Burn(w, ev, ModuleName, core.Coins{amt}); err != nil {
		return err
	}
	ev.Emit(EventTypeBurn,
		core.IndexedAttr(AttributeKeyDenom, m.Denom),
		core.Attr(AttributeKeyOwner, m.Admin.String()),
		core.Attr(AttributeKeyAmount, amt.String()))
	return nil
}

// Approve sets owner's allowance to spender for the token of m.Amount,
// replacing any earlier one; a zero amount deletes it.
func (k Keeper) Approve(w store.Writer, ev *core.Events, m ApproveMsg) error {
	if m.Amount.Amount.IsNil() || m.Amount.Amount.IsNegative() {
		return ErrBadAmount.Wrap("an allowance may not be negative")
	}
	if !m.Amount.Amount.IsZero() {
		if err := validateAmount(m.Amount.Amount); err != nil {
			return err
		}
	}
	if _, err := k.existingToken(w, m.Amount.Denom); err != nil {
		return err
	}
	if err := authtypes.ValidateAddressBytes(m.Spender); err != nil {
		return core.ErrInvalidAddress.Wrapf("spender: %v", err)
	}
	k.setAllowance(w, m.Owner, m.Spender, m.Amount.Denom, m.Amount.Amount)
	ev.Emit(EventTypeApprove,
		core.IndexedAttr(AttributeKeyDenom, m.Amount.Denom),
		core.Attr(AttributeKeyOwner, m.Owner.String()),
		core.Attr(AttributeKeySpender, m.Spender.String()),
		core.Attr(AttributeKeyAmount, m.Amount.String()))
	return nil
}

// TransferFrom moves m.Amount from the owner to the recipient on the
// spender's behalf and lowers the allowance by as much. If the amount is
// above the allowance (ErrInsufficientAllowance) or the owner's balance
// (core.ErrInsufficientFunds), it fails and changes nothing.
func (k Keeper) TransferFrom(w store.Writer, ev *core.Events, m TransferFromMsg) error {
	if err := validateAmount(m.Amount.Amount); err != nil {
		return err
	}
	if _, err := k.existingToken(w, m.Amount.Denom); err != nil {
		return err
	}
	if err := k.checkRecipient(m.Recipient); err != nil {
		return err
	}
	allowed := k.Allowance(w, m.Owner, m.Spender, m.Amount.Denom)
	if m.Amount.Amount.GT(allowed) {
		return ErrInsufficientAllowance.Wrapf("%s may move %s%s of %s's, not %s", m.Spender, allowed, m.Amount.Denom, m.Owner, m.Amount)
	}
	// bank.Send checks the balance before it writes anything.
	if err := k.bank.Send(w, ev, m.Owner, m.Recipient, core.Coins{m.Amount}); err != nil {
		return err
	}
	k.setAllowance(w, m.Owner, m.Spender, m.Amount.Denom, allowed.Sub(m.Amount.Amount))
	ev.Emit(EventTypeTransferFrom,
		core.IndexedAttr(AttributeKeyDenom, m.Amount.Denom),
		core.Attr(AttributeKeySpender, m.Spender.String()),
		core.Attr(AttributeKeyOwner, m.Owner.String()),
		core.Attr(AttributeKeyRecipient, m.Recipient.String()),
		core.Attr(AttributeKeyAmount, m.Amount.String()))
	return nil
}

// ChangeAdmin hands the token's admin rights to m.NewAdmin. Only the
// current admin may.
func (k Keeper) ChangeAdmin(w store.Writer, ev *core.Events, m ChangeAdminMsg) error {
	if err := authtypes.ValidateAddressBytes(m.NewAdmin); err != nil {
		return core.ErrInvalidAddress.Wrapf("new_admin: %v", err)
	}
	t, err := k.adminToken(w, m.Denom, m.Admin)
	if err != nil {
		return err
	}
	t.Admin = append(authtypes.Address(nil), m.NewAdmin...)
	k.setToken(w, t)
	ev.Emit(EventTypeChangeAdmin,
		core.IndexedAttr(AttributeKeyDenom, m.Denom),
		core.Attr(AttributeKeyAdmin, m.Admin.String()),
		core.Attr(AttributeKeyNewAdmin, m.NewAdmin.String()))
	return nil
}

// mintTo mints amt into the module account and sends it on to the
// recipient, so that the module account ends as empty as it began.
func (k Keeper) mintTo(w store.Writer, ev *core.Events, to authtypes.Address, amt core.Coin) error {
	if err := k.bank.Mint(w, ev, ModuleName, core.Coins{amt}); err != nil {
		return err
	}
	return k.bank.Send(w, ev, moduleAddress(), to, core.Coins{amt})
}

// existingToken returns the token of denom, or why there is none.
func (k Keeper) existingToken(r store.Reader, denom string) (Token, error) {
	if err := validateTokenDenom(denom); err != nil {
		return Token{}, err
	}
	t, ok := k.Token(r, denom)
	if !ok {
		return Token{}, ErrTokenNotFound.Wrapf("denom %q", denom)
	}
	return t, nil
}

// adminToken returns the token of denom if signer is its admin.
func (k Keeper) adminToken(r store.Reader, denom string, signer authtypes.Address) (Token, error) {
	t, err := k.existingToken(r, denom)
	if err != nil {
		return Token{}, err
	}
	if !t.Admin.Equal(signer) {
		return Token{}, ErrNotAdmin.Wrapf("%s is not the admin of %s", signer, denom)
	}
	return t, nil
}

// checkRecipient refuses module accounts: their balances are accounted for
// by their modules (the distribution account, the staking pools), and the
// token account must stay empty.
func (k Keeper) checkRecipient(to authtypes.Address) error {
	if err := authtypes.ValidateAddressBytes(to); err != nil {
		return core.ErrInvalidAddress.Wrapf("recipient: %v", err)
	}
	if name, ok := k.auth.ModuleAccountName(to); ok {
		return ErrBlockedRecipient.Wrapf("%s is the %s module account", to, name)
	}
	return nil
}

func (k Keeper) setToken(w store.Writer, t Token) {
	bz, err := tokenToProto(t, "").Marshal()
	if err != nil {
		panic(fmt.Sprintf("token: encode %s: %v", t.Denom, err))
	}
	w.Set(tokenKey(t.Denom), bz)
}

// setAllowance stores an allowance; a zero allowance is deleted, never
// stored.
func (k Keeper) setAllowance(w store.Writer, owner, spender authtypes.Address, denom string, amt math.Int) {
	key := allowanceKey(owner, spender, denom)
	if amt.IsZero() {
		w.Delete(key)
		return
	}
	w.Set(key, core.EncodeAmount(amt))
}

// tokenToProto is t in its wire form with the given supply ("" in stored
// state, where the bank holds the supply).
func tokenToProto(t Token, supply string) *types.Token {
	return &types.Token{
		Denom:     t.Denom,
		Creator:   t.Creator.String(),
		Admin:     t.Admin.String(),
		Symbol:    t.Symbol,
		Name:      t.Name,
		Decimals:  t.Decimals,
		MaxSupply: t.MaxSupply.String(),
		Supply:    supply,
	}
}

func decodeToken(bz []byte) Token {
	var p types.Token
	if err := p.Unmarshal(bz); err != nil {
		panic(fmt.Sprintf("token: corrupt token: %v", err))
	}
	creator, err := authtypes.ParseAddress(p.Creator)
	if err != nil {
		panic(fmt.Sprintf("token: corrupt creator of %s: %v", p.Denom, err))
	}
	admin, err := authtypes.ParseAddress(p.Admin)
	if err != nil {
		panic(fmt.Sprintf("token: corrupt admin of %s: %v", p.Denom, err))
	}
	max, err := parseInt(p.MaxSupply)
	if err != nil {
		panic(fmt.Sprintf("token: corrupt max supply of %s: %v", p.Denom, err))
	}
	return Token{Denom: p.Denom, Creator: creator, Admin: admin, Symbol: p.Symbol, Name: p.Name, Decimals: p.Decimals, MaxSupply: max}
}

func decodeAmount(bz []byte) math.Int {
	a, err := core.DecodeAmount(bz)
	if err != nil {
		panic(fmt.Sprintf("token: %v", err))
	}
	return a
}
