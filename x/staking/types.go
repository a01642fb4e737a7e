package staking

import (
	"fmt"
	"time"

	"cosmossdk.io/math"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// BondStatus is a validator's status, numbered as in Cosmos.
type BondStatus int32

// Validator statuses.
const (
	Unbonded  BondStatus = 1
	Unbonding BondStatus = 2
	Bonded    BondStatus = 3
)

func (s BondStatus) String() string {
	switch s {
	case Unbonded:
		return "BOND_STATUS_UNBONDED"
	case Unbonding:
		return "BOND_STATUS_UNBONDING"
	case Bonded:
		return "BOND_STATUS_BONDED"
	default:
		return fmt.Sprintf("BOND_STATUS_%d", int32(s))
	}
}

// Description is what a validator says of itself.
type Description struct {
	Moniker         string `json:"moniker"`
	Identity        string `json:"identity"`
	Website         string `json:"website"`
	SecurityContact string `json:"security_contact"`
	Details         string `json:"details"`
}

// Description field limits, as in Cosmos.
const (
	MaxMonikerLength         = 70
	MaxIdentityLength        = 3000
	MaxWebsiteLength         = 140
	MaxSecurityContactLength = 140
	MaxDetailsLength         = 280
)

// Validate checks the description's lengths; the moniker is required.
func (d Description) Validate() error {
	switch {
	case d.Moniker == "":
		return ErrBadDescription.Wrap("moniker is required")
	case len(d.Moniker) > MaxMonikerLength:
		return ErrBadDescription.Wrapf("moniker is longer than %d", MaxMonikerLength)
	case len(d.Identity) > MaxIdentityLength:
		return ErrBadDescription.Wrapf("identity is longer than %d", MaxIdentityLength)
	case len(d.Website) > MaxWebsiteLength:
		return ErrBadDescription.Wrapf("website is longer than %d", MaxWebsiteLength)
	case len(d.SecurityContact) > MaxSecurityContactLength:
		return ErrBadDescription.Wrapf("security contact is longer than %d", MaxSecurityContactLength)
	case len(d.Details) > MaxDetailsLength:
		return ErrBadDescription.Wrapf("details are longer than %d", MaxDetailsLength)
	}
	return nil
}

// CommissionRates are a validator's commission: the rate it takes, the most
// it may ever take, and the most the rate may change in a day.
type CommissionRates struct {
	Rate          math.LegacyDec `json:"rate"`
	MaxRate       math.LegacyDec `json:"max_rate"`
	MaxChangeRate math.LegacyDec `json:"max_change_rate"`
}

// Validate checks 0 ≤ rate ≤ max rate ≤ 1 and 0 ≤ max change ≤ max rate,
// and rate ≥ the chain's minimum.
func (c CommissionRates) Validate(minRate math.LegacyDec) error {
	switch {
	case c.Rate.IsNil() || c.MaxRate.IsNil() || c.MaxChangeRate.IsNil():
		return ErrBadCommission.Wrap("rate, max rate and max change rate are required")
	case c.MaxRate.IsNegative() || c.MaxRate.GT(math.LegacyOneDec()):
		return ErrBadCommission.Wrap("max rate must be between 0 and 1")
	case c.Rate.IsNegative():
		return ErrBadCommission.Wrap("rate must not be negative")
	case c.Rate.GT(c.MaxRate):
		return ErrBadCommission.Wrap("rate is above the max rate")
	case c.MaxChangeRate.IsNegative() || c.MaxChangeRate.GT(c.MaxRate):
		return ErrBadCommission.Wrap("max change rate must be between 0 and the max rate")
	case c.Rate.LT(minRate):
		return ErrBadCommission.Wrapf("rate is below the chain's minimum of %s", minRate)
	}
	return nil
}

// Validator is a validator's state.
type Validator struct {
	Operator authtypes.Address `json:"operator"`
	// ConsPubKey is the ed25519 key the validator signs blocks with.
	ConsPubKey      []byte         `json:"cons_pubkey"`
	Jailed          bool           `json:"jailed"`
	Status          BondStatus     `json:"status"`
	Tokens          math.Int       `json:"tokens"`
	DelegatorShares math.LegacyDec `json:"delegator_shares"`
	Description     Description    `json:"description"`
	// UnbondingHeight and UnbondingTime are when the validator last began
	// unbonding and when that completes.
	UnbondingHeight   int64           `json:"unbonding_height"`
	UnbondingTime     time.Time       `json:"unbonding_time"`
	Commission        CommissionRates `json:"commission"`
	CommissionUpdated time.Time       `json:"commission_updated"`
	MinSelfDelegation math.Int        `json:"min_self_delegation"`
}

// ConsAddress is the validator's consensus address: the first 20 bytes of
// SHA-256 of its ed25519 key, as CometBFT computes it.
func (v Validator) ConsAddress() []byte { return consAddress(v.ConsPubKey) }

// Power is the validator's voting power: its tokens divided by the power
// reduction, or 0 if it is jailed.
func (v Validator) Power(reduction math.Int) int64 {
	if v.Jailed {
		return 0
	}
	return tokensToPower(v.Tokens, reduction)
}

// TokensFromShares is what shares of this validator are worth, truncated.
func (v Validator) TokensFromShares(shares math.LegacyDec) math.LegacyDec {
	return shares.MulInt(v.Tokens).Quo(v.DelegatorShares)
}

// SharesFromTokens is how many shares tokens buy, truncated.
func (v Validator) SharesFromTokens(tokens math.Int) (math.LegacyDec, error) {
	if v.Tokens.IsZero() {
		return math.LegacyZeroDec(), ErrZeroExchangeRate
	}
	return v.DelegatorShares.MulInt(tokens).QuoInt(v.Tokens), nil
}

// Delegation is a delegator's shares of one validator.
type Delegation struct {
	Delegator authtypes.Address
	Validator authtypes.Address
	Shares    math.LegacyDec
}

// UnbondingEntry is one undelegation on its way back to the delegator.
type UnbondingEntry struct {
	CreationHeight int64     `json:"creation_height"`
	CompletionTime time.Time `json:"completion_time"`
	InitialBalance math.Int  `json:"initial_balance"`
	// Balance is what will be paid out: less than InitialBalance if the
	// validator was slashed for an infraction before the entry began.
	Balance math.Int `json:"balance"`
}

// UnbondingDelegation holds the unbonding entries of one delegator with one
// validator.
type UnbondingDelegation struct {
	Delegator authtypes.Address `json:"delegator"`
	Validator authtypes.Address `json:"validator"`
	Entries   []UnbondingEntry  `json:"entries"`
}

// RedelegationEntry is one move of stake between validators, exposed to the
// source validator's slashing until it completes.
type RedelegationEntry struct {
	CreationHeight int64          `json:"creation_height"`
	CompletionTime time.Time      `json:"completion_time"`
	InitialBalance math.Int       `json:"initial_balance"`
	SharesDst      math.LegacyDec `json:"shares_dst"`
}

// Redelegation holds the entries of one delegator from one validator to
// another.
type Redelegation struct {
	Delegator authtypes.Address   `json:"delegator"`
	Src       authtypes.Address   `json:"src"`
	Dst       authtypes.Address   `json:"dst"`
	Entries   []RedelegationEntry `json:"entries"`
}

func tokensToPower(tokens, reduction math.Int) int64 {
	p := tokens.Quo(reduction)
	if !p.IsInt64() {
		return 1<<62 - 1 // far above any real stake; keeps the sum in int64
	}
	return p.Int64()
}
