package distribution

import (
	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/distribution/types"
	"github.com/stakechain/stakechain/x/staking"
)

// Errors of MsgCommunityPoolSpend, with the codes of Cosmos's
// x/distribution. They sit here rather than in errors.go so that the change
// adding them touches no existing file; the codes are consensus-critical and
// never renumbered.
var (
	ErrInsufficientPool  = core.Register(ModuleName, 9, "community pool does not have sufficient coins to distribute")
	ErrBadSpendAmount    = core.Register(ModuleName, 10, "invalid community pool spend amount")
	ErrBadSpendRecipient = core.Register(ModuleName, 11, "invalid community pool spend recipient")
)

// CommunityPoolSpend is a MsgCommunityPoolSpend with its addresses decoded
// and its amount checked.
type CommunityPoolSpend struct {
	Authority authtypes.Address
	Recipient authtypes.Address
	Amount    core.Coins
}

// ParseMsgCommunityPoolSpend checks a MsgCommunityPoolSpend without state:
// the authority and recipient decode as account addresses and the amount is
// a non-empty, canonical set of positive coins.
func ParseMsgCommunityPoolSpend(m *types.MsgCommunityPoolSpend) (CommunityPoolSpend, error) {
	authority, err := authtypes.ParseAddress(m.Authority)
	if err != nil {
		return CommunityPoolSpend{}, core.ErrInvalidAddress.Wrapf("authority: %v", err)
	}
	if m.Recipient == "" {
		return CommunityPoolSpend{}, ErrBadSpendRecipient.Wrap("recipient is missing")
	}
	recipient, err := authtypes.ParseAddress(m.Recipient)
	if err != nil {
		return CommunityPoolSpend{}, core.ErrInvalidAddress.Wrapf("recipient: %v", err)
	}
	if len(m.Amount) == 0 {
		return CommunityPoolSpend{}, ErrBadSpendAmount.Wrap("amount is missing")
	}
	amount, err := authtypes.CoinsFromProto(m.Amount)
	if err != nil {
		return CommunityPoolSpend{}, ErrBadSpendAmount.Wrap(err.Error())
	}
	return CommunityPoolSpend{Authority: authority, Recipient: recipient, Amount: amount}, nil
}

// CommunityPoolSpend pays m.Amount out of the community pool to
// m.Recipient if m is signed by authority, the chain's parameter authority
// (the gov module account). The coins leave the distribution module
// account and the pool shrinks by the same amount, so CheckInvariant keeps
// holding. It fails, changing nothing, for any other signer
// (ErrUnauthorized), a recipient that is a module account distribution
// knows of (ErrBadSpendRecipient), or a pool short of any coin
// (ErrInsufficientPool).
//
// NOTE: distribution sees only its own, the fee collector's and staking's
// module accounts; the application refuses a recipient that is any other
// module account before calling this (auth.Keeper.ModuleAccountName).
func (k Keeper) CommunityPoolSpend(w store.Writer, ev *core.Events, authority authtypes.Address, m CommunityPoolSpend) error {
	if !m.Authority.Equal(authority) {
		return ErrUnauthorized.Wrapf("expected %s, got %s", authority, m.Authority)
	}
	if m.Amount.IsZero() {
		return ErrBadSpendAmount.Wrap("amount is missing")
	}
	if err := m.Amount.Validate(); err != nil {
		return ErrBadSpendAmount.Wrap(err.Error())
	}
	if name, ok := knownModuleAccount(m.Recipient); ok {
		return ErrBadSpendRecipient.Wrapf("%s is the %s module account", m.Recipient, name)
	}
	pool := k.CommunityPool(w)
	rest, ok := pool.SafeSub(NewDecCoinsFromCoins(m.Amount))
	if !ok {
		return ErrInsufficientPool.Wrapf("the pool holds %s, the spend asks for %s", pool, m.Amount)
	}
	// Send first: it fails changing nothing, so the pool is only written
	// once the coins have left.
	if err := k.bank.Send(w, ev, moduleAddress(), m.Recipient, m.Amount); err != nil {
		return err
	}
	setCommunityPool(w, rest)
	ev.Emit("community_pool_spend",
		core.Attr("authority", m.Authority.String()),
		core.Attr("recipient", m.Recipient.String()),
		core.Attr("amount", m.Amount.String()))
	return nil
}

// knownModuleAccount reports whether addr is one of the module accounts
// distribution works with, and its name.
func knownModuleAccount(addr authtypes.Address) (string, bool) {
	specs := append(ModuleAccounts(), staking.ModuleAccounts()...)
	specs = append(specs, auth.ModuleAccountSpec{Name: auth.FeeCollectorName})
	for _, s := range specs {
		if authtypes.ModuleAddress(s.Name).Equal(addr) {
			return s.Name, true
		}
	}
	return "", false
}
