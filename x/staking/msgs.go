package staking

import (
	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/x/auth/keys"
	"github.com/stakechain/stakechain/x/auth/keys/ed25519"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/staking/types"
)

// The stateless checks of the staking messages: each Parse function reads a
// wire message into the keeper's terms or says what is wrong with it.

// ParseCreateValidator reads a MsgCreateValidator. Its signer is the
// operator: validator_address as an account. delegator_address, deprecated
// in Cosmos, must be empty or the same account.
func ParseCreateValidator(m *types.MsgCreateValidator) (CreateValidator, error) {
	op, err := authtypes.ParseValoper(m.ValidatorAddress)
	if err != nil {
		return CreateValidator{}, core.ErrInvalidAddress.Wrapf("validator_address: %v", err)
	}
	if m.DelegatorAddress != "" {
		del, err := authtypes.ParseAddress(m.DelegatorAddress)
		if err != nil {
			return CreateValidator{}, core.ErrInvalidAddress.Wrapf("delegator_address: %v", err)
		}
		if !del.Equal(op) {
			return CreateValidator{}, core.ErrInvalidAddress.Wrap("delegator_address must be the operator's own account")
		}
	}
	if m.Pubkey == nil {
		return CreateValidator{}, ErrBadConsKey.Wrap("pubkey is missing")
	}
	pk, err := keys.PubKeyFromAny(m.Pubkey)
	if err != nil {
		return CreateValidator{}, ErrBadConsKey.Wrap(err.Error())
	}
	if _, ok := pk.(*ed25519.PubKey); !ok {
		return CreateValidator{}, ErrBadConsKey.Wrapf("consensus keys are ed25519, got %s", pk.TypeURL())
	}
	if m.Description == nil {
		return CreateValidator{}, ErrBadDescription.Wrap("description is missing")
	}
	rates, err := parseRates(m.Commission)
	if err != nil {
		return CreateValidator{}, err
	}
	msd, err := core.IntFromProto(m.MinSelfDelegation)
	if err != nil {
		return CreateValidator{}, ErrBadMinSelfDelegation.Wrap(err.Error())
	}
	amt, err := parseCoin(m.Value)
	if err != nil {
		return CreateValidator{}, err
	}
	return CreateValidator{
		Operator:          op,
		ConsPubKey:        pk.Bytes(),
		Description:       descriptionFromProto(m.Description),
		Commission:        rates,
		MinSelfDelegation: msd,
		Amount:            amt,
	}, nil
}

// ParseEditValidator reads a MsgEditValidator; an empty commission_rate or
// min_self_delegation leaves it unchanged.
func ParseEditValidator(m *types.MsgEditValidator) (EditValidator, error) {
	op, err := authtypes.ParseValoper(m.ValidatorAddress)
	if err != nil {
		return EditValidator{}, core.ErrInvalidAddress.Wrapf("validator_address: %v", err)
	}
	out := EditValidator{Operator: op, Description: Description{
		Moniker: DoNotModify, Identity: DoNotModify, Website: DoNotModify, SecurityContact: DoNotModify, Details: DoNotModify,
	}}
	if m.Description != nil {
		out.Description = descriptionFromProto(m.Description)
	}
	if m.CommissionRate != "" {
		r, err := core.DecFromProto(m.CommissionRate)
		if err != nil {
			return EditValidator{}, ErrBadCommission.Wrap(err.Error())
		}
		out.CommissionRate = &r
	}
	if m.MinSelfDelegation != "" {
		v, err := core.IntFromProto(m.MinSelfDelegation)
		if err != nil {
			return EditValidator{}, ErrBadMinSelfDelegation.Wrap(err.Error())
		}
		out.MinSelfDelegation = &v
	}
	return out, nil
}

// DelegationMsg is a MsgDelegate or MsgUndelegate: its signer is Delegator.
type DelegationMsg struct {
	Delegator, Validator authtypes.Address
	Amount               core.Coin
}

// ParseDelegate reads a MsgDelegate.
func ParseDelegate(m *types.MsgDelegate) (DelegationMsg, error) {
	return parseDelegation(m.DelegatorAddress, m.ValidatorAddress, m.Amount)
}

// ParseUndelegate reads a MsgUndelegate.
func ParseUndelegate(m *types.MsgUndelegate) (DelegationMsg, error) {
	return parseDelegation(m.DelegatorAddress, m.ValidatorAddress, m.Amount)
}

// RedelegationMsg is a MsgBeginRedelegate: its signer is Delegator.
type RedelegationMsg struct {
	Delegator, Src, Dst authtypes.Address
	Amount              core.Coin
}

// ParseBeginRedelegate reads a MsgBeginRedelegate.
func ParseBeginRedelegate(m *types.MsgBeginRedelegate) (RedelegationMsg, error) {
	d, err := parseDelegation(m.DelegatorAddress, m.ValidatorSrcAddress, m.Amount)
	if err != nil {
		return RedelegationMsg{}, err
	}
	dst, err := authtypes.ParseValoper(m.ValidatorDstAddress)
	if err != nil {
		return RedelegationMsg{}, core.ErrInvalidAddress.Wrapf("validator_dst_address: %v", err)
	}
	return RedelegationMsg{Delegator: d.Delegator, Src: d.Validator, Dst: dst, Amount: d.Amount}, nil
}

func parseDelegation(delegator, validator string, amount *authtypes.Coin) (DelegationMsg, error) {
	del, err := authtypes.ParseAddress(delegator)
	if err != nil {
		return DelegationMsg{}, core.ErrInvalidAddress.Wrapf("delegator_address: %v", err)
	}
	val, err := authtypes.ParseValoper(validator)
	if err != nil {
		return DelegationMsg{}, core.ErrInvalidAddress.Wrapf("validator_address: %v", err)
	}
	amt, err := parseCoin(amount)
	if err != nil {
		return DelegationMsg{}, err
	}
	return DelegationMsg{Delegator: del, Validator: val, Amount: amt}, nil
}

func parseCoin(c *authtypes.Coin) (core.Coin, error) {
	if c == nil {
		return core.Coin{}, ErrBadAmount.Wrap("amount is missing")
	}
	cs, err := authtypes.CoinsFromProto([]*authtypes.Coin{c})
	if err != nil {
		return core.Coin{}, err
	}
	return cs[0], nil
}

func parseRates(c *types.CommissionRates) (CommissionRates, error) {
	if c == nil {
		return CommissionRates{}, ErrBadCommission.Wrap("commission is missing")
	}
	var out CommissionRates
	for _, f := range []struct {
		s   string
		dst *math.LegacyDec
	}{{c.Rate, &out.Rate}, {c.MaxRate, &out.MaxRate}, {c.MaxChangeRate, &out.MaxChangeRate}} {
		d, err := core.DecFromProto(f.s)
		if err != nil {
			return CommissionRates{}, ErrBadCommission.Wrap(err.Error())
		}
		*f.dst = d
	}
	return out, nil
}

func descriptionFromProto(d *types.Description) Description {
	return Description{Moniker: d.Moniker, Identity: d.Identity, Website: d.Website, SecurityContact: d.SecurityContact, Details: d.Details}
}
