package token

import (
	"math/big"
	"unicode"
	"unicode/utf8"

	"cosmossdk.io/math"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/token/types"
)

// The stateless checks of the token messages: each Parse function reads a
// wire message into the keeper's terms or says what is wrong with it. The
// keeper repeats these checks, so its methods are safe to call directly.

// Gas of the token messages. Each is fixed: a message touches a bounded
// number of keys whatever the state. A mint or a burn is two bank moves
// plus a supply update; a transfer-from is one bank send plus an allowance
// write.
const (
	GasCreateToken  = 50_000
	GasMint         = 30_000
	GasBurn         = 30_000
	GasApprove      = 15_000
	GasTransferFrom = 30_000
	GasChangeAdmin  = 15_000
)

// Limits of a token's description.
const (
	MinSymbolLen = 3
	MaxSymbolLen = 12
	MaxNameLen   = 64
	MaxDecimals  = 18
)

// CreateTokenMsg is a MsgCreateToken: Creator signs and becomes the admin.
// InitialSupply may be zero.
type CreateTokenMsg struct {
	Creator       authtypes.Address
	Symbol        string
	Name          string
	Decimals      uint32
	MaxSupply     math.Int
	InitialSupply math.Int
}

// Signer is the account that must sign.
func (m CreateTokenMsg) Signer() authtypes.Address { return m.Creator }

// MintMsg is a MsgMint: Admin signs; Recipient is never empty once parsed.
type MintMsg struct {
	Admin     authtypes.Address
	Denom     string
	Amount    math.Int
	Recipient authtypes.Address
}

// Signer is the account that must sign.
func (m MintMsg) Signer() authtypes.Address { return m.Admin }

// BurnMsg is a MsgBurn: Admin (the wire message's owner) signs and burns
// from its own balance.
type BurnMsg struct {
	Admin  authtypes.Address
	Denom  string
	Amount math.Int
}

// Signer is the account that must sign.
func (m BurnMsg) Signer() authtypes.Address { return m.Admin }

// ApproveMsg is a MsgApprove: Owner signs. A zero Amount revokes.
type ApproveMsg struct {
	Owner, Spender authtypes.Address
	Amount         core.Coin
}

// Signer is the account that must sign.
func (m ApproveMsg) Signer() authtypes.Address { return m.Owner }

// TransferFromMsg is a MsgTransferFrom: Spender signs.
type TransferFromMsg struct {
	Spender, Owner, Recipient authtypes.Address
	Amount                    core.Coin
}

// Signer is the account that must sign.
func (m TransferFromMsg) Signer() authtypes.Address { return m.Spender }

// ChangeAdminMsg is a MsgChangeAdmin: Admin signs.
type ChangeAdminMsg struct {
	Admin    authtypes.Address
	Denom    string
	NewAdmin authtypes.Address
}

// Signer is the account that must sign.
func (m ChangeAdminMsg) Signer() authtypes.Address { return m.Admin }

// ParseCreateToken reads a MsgCreateToken.
func ParseCreateToken(m *types.MsgCreateToken) (CreateTokenMsg, error) {
	creator, err := parseAddress("creator", m.Creator)
	if err != nil {
		return CreateTokenMsg{}, err
	}
	maxSupply, err := parseInt(m.MaxSupply)
	if err != nil || !maxSupply.IsPositive() {
		return CreateTokenMsg{}, ErrBadMaxSupply.Wrapf("max_supply %q", m.MaxSupply)
	}
	initial := math.ZeroInt()
	if m.InitialSupply != "" {
		if initial, err = parseInt(m.InitialSupply); err != nil {
			return CreateTokenMsg{}, ErrInitialAboveMax.Wrapf("initial_supply %q", m.InitialSupply)
		}
	}
	out := CreateTokenMsg{Creator: creator, Symbol: m.Symbol, Name: m.Name, Decimals: m.Decimals, MaxSupply: maxSupply, InitialSupply: initial}
	if err := out.validate(); err != nil {
		return CreateTokenMsg{}, err
	}
	return out, nil
}

// ParseMint reads a MsgMint; an empty recipient is the admin.
func ParseMint(m *types.MsgMint) (MintMsg, error) {
	admin, err := parseAddress("admin", m.Admin)
	if err != nil {
		return MintMsg{}, err
	}
	recipient := admin
	if m.Recipient != "" {
		if recipient, err = parseAddress("recipient", m.Recipient); err != nil {
			return MintMsg{}, err
		}
	}
	if err := validateTokenDenom(m.Denom); err != nil {
		return MintMsg{}, err
	}
	amt, err := parsePositive(m.Amount)
	if err != nil {
		return MintMsg{}, err
	}
	return MintMsg{Admin: admin, Denom: m.Denom, Amount: amt, Recipient: recipient}, nil
}

// ParseBurn reads a MsgBurn.
func ParseBurn(m *types.MsgBurn) (BurnMsg, error) {
	admin, err := parseAddress("owner", m.Owner)
	if err != nil {
		return BurnMsg{}, err
	}
	if err := validateTokenDenom(m.Denom); err != nil {
		return BurnMsg{}, err
	}
	amt, err := parsePositive(m.Amount)
	if err != nil {
		return BurnMsg{}, err
	}
	return BurnMsg{Admin: admin, Denom: m.Denom, Amount: amt}, nil
}

// ParseApprove reads a MsgApprove. Its amount may be zero (a revocation).
func ParseApprove(m *types.MsgApprove) (ApproveMsg, error) {
	owner, err := parseAddress("owner", m.Owner)
	if err != nil {
		return ApproveMsg{}, err
	}
	spender, err := parseAddress("spender", m.Spender)
	if err != nil {
		return ApproveMsg{}, err
	}
	amt, err := parseCoin(m.Amount, true)
	if err != nil {
		return ApproveMsg{}, err
	}
	return ApproveMsg{Owner: owner, Spender: spender, Amount: amt}, nil
}

// ParseTransferFrom reads a MsgTransferFrom.
func ParseTransferFrom(m *types.MsgTransferFrom) (TransferFromMsg, error) {
	spender, err := parseAddress("spender", m.Spender)
	if err != nil {
		return TransferFromMsg{}, err
	}
	owner, err := parseAddress("owner", m.Owner)
	if err != nil {
		return TransferFromMsg{}, err
	}
	recipient, err := parseAddress("recipient", m.Recipient)
	if err != nil {
		return TransferFromMsg{}, err
	}
	amt, err := parseCoin(m.Amount, false)
	if err != nil {
		return TransferFromMsg{}, err
	}
	return TransferFromMsg{Spender: spender, Owner: owner, Recipient: recipient, Amount: amt}, nil
}

// ParseChangeAdmin reads a MsgChangeAdmin.
func ParseChangeAdmin(m *types.MsgChangeAdmin) (ChangeAdminMsg, error) {
	admin, err := parseAddress("admin", m.Admin)
	if err != nil {
		return ChangeAdminMsg{}, err
	}
	newAdmin, err := parseAddress("new_admin", m.NewAdmin)
	if err != nil {
		return ChangeAdminMsg{}, err
	}
	if err := validateTokenDenom(m.Denom); err != nil {
		return ChangeAdminMsg{}, err
	}
	return ChangeAdminMsg{Admin: admin, Denom: m.Denom, NewAdmin: newAdmin}, nil
}

// validate checks everything about a new token that needs no state.
func (m CreateTokenMsg) validate() error {
	if err := authtypes.ValidateAddressBytes(m.Creator); err != nil {
		return core.ErrInvalidAddress.Wrapf("creator: %v", err)
	}
	if err := ValidateSymbol(m.Symbol); err != nil {
		return err
	}
	if err := ValidateName(m.Name); err != nil {
		return err
	}
	if m.Decimals > MaxDecimals {
		return ErrBadDecimals.Wrapf("decimals %d", m.Decimals)
	}
	if err := validateMaxSupply(m.MaxSupply); err != nil {
		return err
	}
	if m.InitialSupply.IsNil() || m.InitialSupply.IsNegative() || m.InitialSupply.GT(m.MaxSupply) {
		return ErrInitialAboveMax.Wrapf("initial supply %s, max supply %s", m.InitialSupply, m.MaxSupply)
	}
	if err := core.ValidateDenom(Denom(m.Creator, m.Symbol)); err != nil {
		return ErrBadDenom.Wrap(err.Error())
	}
	return nil
}

// ValidateSymbol checks a token symbol: 3 to 12 characters, an upper-case
// ASCII letter and then upper-case ASCII letters or digits.
func ValidateSymbol(s string) error {
	if len(s) < MinSymbolLen || len(s) > MaxSymbolLen {
		return ErrBadSymbol.Wrapf("symbol %q has %d characters", s, len(s))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z') && !(i > 0 && '0' <= c && c <= '9') {
			return ErrBadSymbol.Wrapf("symbol %q", s)
		}
	}
	return nil
}

// ValidateName checks a token name: 1 to 64 characters (Unicode code
// points) of valid UTF-8, none of them control characters.
func ValidateName(s string) error {
	if !utf8.ValidString(s) {
		return ErrBadName.Wrap("name is not valid UTF-8")
	}
	n := utf8.RuneCountInString(s)
	if n < 1 || n > MaxNameLen {
		return ErrBadName.Wrapf("name has %d characters", n)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return ErrBadName.Wrapf("name %q has a control character", s)
		}
	}
	return nil
}

func validateMaxSupply(max math.Int) error {
	if max.IsNil() || !max.IsPositive() {
		return ErrBadMaxSupply
	}
	if max.BigInt().BitLen() > core.MaxAmountBits {
		return ErrBadMaxSupply.Wrap("max supply is too large")
	}
	return nil
}

// validateAmount checks an amount to mint, burn or move.
func validateAmount(amt math.Int) error {
	if amt.IsNil() || !amt.IsPositive() {
		return ErrBadAmount
	}
	if amt.BigInt().BitLen() > core.MaxAmountBits {
		return ErrBadAmount.Wrap("amount is too large")
	}
	return nil
}

// validateTokenDenom checks that denom has the form of a token denom.
func validateTokenDenom(denom string) error {
	if !IsTokenDenom(denom) {
		return ErrNotTokenDenom.Wrapf("denom %q", denom)
	}
	if err := core.ValidateDenom(denom); err != nil {
		return ErrBadDenom.Wrap(err.Error())
	}
	return nil
}

func parseAddress(field, s string) (authtypes.Address, error) {
	a, err := authtypes.ParseAddress(s)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrapf("%s: %v", field, err)
	}
	return a, nil
}

// parsePositive reads an amount to mint, burn or move.
func parsePositive(s string) (math.Int, error) {
	amt, err := parseInt(s)
	if err != nil {
		return math.Int{}, ErrBadAmount.Wrapf("amount %q", s)
	}
	if err := validateAmount(amt); err != nil {
		return math.Int{}, err
	}
	return amt, nil
}

// parseCoin reads a wire coin of a token denom; zeroOK admits a zero amount.
func parseCoin(c *authtypes.Coin, zeroOK bool) (core.Coin, error) {
	if c == nil {
		return core.Coin{}, ErrBadAmount.Wrap("amount is missing")
	}
	if err := validateTokenDenom(c.Denom); err != nil {
		return core.Coin{}, err
	}
	amt, err := parseInt(c.Amount)
	if err != nil {
		return core.Coin{}, ErrBadAmount.Wrapf("amount %q", c.Amount)
	}
	if !(zeroOK && amt.IsZero()) {
		if err := validateAmount(amt); err != nil {
			return core.Coin{}, err
		}
	}
	return core.Coin{Denom: c.Denom, Amount: amt}, nil
}

// errNotInteger marks a string that is not a non-negative base-10 integer
// of at most core.MaxAmountBits bits. Callers turn it into their own code.
var errNotInteger = ErrBadAmount.Wrap("not a non-negative base-10 integer of at most 256 bits")

// parseInt reads a non-negative base-10 integer: digits only, no sign,
// prefix or separator, at most core.MaxAmountBits bits.
func parseInt(s string) (math.Int, error) {
	if s == "" || len(s) > 80 {
		return math.Int{}, errNotInteger
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return math.Int{}, errNotInteger
		}
	}
	bi, ok := new(big.Int).SetString(s, 10)
	if !ok || bi.BitLen() > core.MaxAmountBits {
		return math.Int{}, errNotInteger
	}
	return math.NewIntFromBigInt(bi), nil
}
