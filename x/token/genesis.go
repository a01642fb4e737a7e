package token

import (
	"fmt"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// GenesisState is the token section of the genesis app_state. Token
// balances are not listed here: they are bank balances, in the bank
// section, and a token's supply is the bank's supply of its denom.
type GenesisState struct {
	Tokens     []GenesisToken     `json:"tokens"`
	Allowances []GenesisAllowance `json:"allowances"`
}

// GenesisToken is one token at genesis. MaxSupply is a base-10 integer.
type GenesisToken struct {
	Denom     string `json:"denom"`
	Creator   string `json:"creator"`
	Admin     string `json:"admin"`
	Symbol    string `json:"symbol"`
	Name      string `json:"name"`
	Decimals  uint32 `json:"decimals"`
	MaxSupply string `json:"max_supply"`
}

// GenesisAllowance is what spender may move of owner's denom at genesis.
// Amount is a positive base-10 integer.
type GenesisAllowance struct {
	Owner   string `json:"owner"`
	Spender string `json:"spender"`
	Denom   string `json:"denom"`
	Amount  string `json:"amount"`
}

// DefaultGenesis is the token section of a new chain: no tokens.
func DefaultGenesis() GenesisState {
	return GenesisState{Tokens: []GenesisToken{}, Allowances: []GenesisAllowance{}}
}

// Validate checks every token by the rules of MsgCreateToken, that its
// denom is token/<creator>/<symbol> and listed once, and that every
// allowance is positive, listed once and of a listed token.
func (g GenesisState) Validate() error {
	_, err := g.parse()
	return err
}

type parsedGenesis struct {
	tokens     []Token
	allowances []parsedAllowance
}

type parsedAllowance struct {
	owner, spender authtypes.Address
	amount         core.Coin
}

func (g GenesisState) parse() (parsedGenesis, error) {
	var out parsedGenesis
	denoms := make(map[string]bool, len(g.Tokens))
	for i, gt := range g.Tokens {
		t, err := gt.parse()
		if err != nil {
			return parsedGenesis{}, fmt.Errorf("token %d (%s): %w", i, gt.Denom, err)
		}
		if denoms[t.Denom] {
			return parsedGenesis{}, fmt.Errorf("token %s is listed twice: %w", t.Denom, ErrTokenExists)
		}
		denoms[t.Denom] = true
		out.tokens = append(out.tokens, t)
	}
	seen := make(map[string]bool, len(g.Allowances))
	for i, ga := range g.Allowances {
		owner, err := parseAddress("owner", ga.Owner)
		if err != nil {
			return parsedGenesis{}, fmt.Errorf("allowance %d: %w", i, err)
		}
		spender, err := parseAddress("spender", ga.Spender)
		if err != nil {
			return parsedGenesis{}, fmt.Errorf("allowance %d: %w", i, err)
		}
		if !denoms[ga.Denom] {
			return parsedGenesis{}, fmt.Errorf("allowance %d: %w", i, ErrTokenNotFound.Wrapf("denom %q is not a genesis token", ga.Denom))
		}
		amt, err := parsePositive(ga.Amount)
		if err != nil {
			return parsedGenesis{}, fmt.Errorf("allowance %d: %w", i, err)
		}
		key := string(allowanceKey(owner, spender, ga.Denom))
		if seen[key] {
			return parsedGenesis{}, fmt.Errorf("allowance of %s to %s for %s is listed twice", ga.Owner, ga.Spender, ga.Denom)
		}
		seen[key] = true
		out.allowances = append(out.allowances, parsedAllowance{owner: owner, spender: spender, amount: core.Coin{Denom: ga.Denom, Amount: amt}})
	}
	return out, nil
}

func (gt GenesisToken) parse() (Token, error) {
	creator, err := parseAddress("creator", gt.Creator)
	if err != nil {
		return Token{}, err
	}
	admin, err := parseAddress("admin", gt.Admin)
	if err != nil {
		return Token{}, err
	}
	max, err := parseInt(gt.MaxSupply)
	if err != nil {
		return Token{}, ErrBadMaxSupply.Wrapf("max_supply %q", gt.MaxSupply)
	}
	m := CreateTokenMsg{Creator: creator, Symbol: gt.Symbol, Name: gt.Name, Decimals: gt.Decimals, MaxSupply: max, InitialSupply: math.ZeroInt()}
	if err := m.validate(); err != nil {
		return Token{}, err
	}
	if want := Denom(creator, gt.Symbol); gt.Denom != want {
		return Token{}, ErrBadDenom.Wrapf("denom %q should be %q", gt.Denom, want)
	}
	return Token{Denom: gt.Denom, Creator: creator, Admin: admin, Symbol: gt.Symbol, Name: gt.Name, Decimals: gt.Decimals, MaxSupply: max}, nil
}

// InitGenesis writes the tokens and allowances, and checks them against the
// bank: no token's supply may be above its max supply, and no coins of a
// token denom may exist without their token.
//
// CONTRACT: runs after the bank genesis.
func (k Keeper) InitGenesis(w store.Writer, g GenesisState) error {
	p, err := g.parse()
	if err != nil {
		return err
	}
	for _, t := range p.tokens {
		k.setToken(w, t)
	}
	for _, a := range p.allowances {
		k.setAllowance(w, a.owner, a.spender, a.amount.Denom, a.amount.Amount)
	}
	return k.CheckInvariant(w)
}

// ExportGenesis returns the tokens and allowances in the state, in key
// order, as InitGenesis reads them.
func (k Keeper) ExportGenesis(r store.Reader) GenesisState {
	g := DefaultGenesis()
	for _, t := range k.Tokens(r) {
		g.Tokens = append(g.Tokens, GenesisToken{
			Denom: t.Denom, Creator: t.Creator.String(), Admin: t.Admin.String(), Symbol: t.Symbol,
			Name: t.Name, Decimals: t.Decimals, MaxSupply: t.MaxSupply.String(),
		})
	}
	r.Iterate(allowancePrefix, store.PrefixEnd(allowancePrefix), func(key, value []byte) bool {
		owner, spender, denom := splitAllowanceKey(key[len(allowancePrefix):])
		g.Allowances = append(g.Allowances, GenesisAllowance{
			Owner: owner.String(), Spender: spender.String(), Denom: denom, Amount: decodeAmount(value).String(),
		})
		return true
	})
	return g
}
