package staking

import (
	"fmt"
	"time"

	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/x/auth/keys/ed25519"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/staking/types"
)

// The stored values of staking are the cosmos.staking.v1beta1 messages
// that Cosmos stores and queries return: Validator, Delegation,
// UnbondingDelegation and Redelegation, with bech32 addresses, Int and Dec
// fields as strings and times as Timestamps. Each has one encode and one
// decode function here; the queries use the same conversions. Index
// entries are empty, powers are 8 big-endian bytes and operator addresses
// in indexes are raw bytes (keys.go).

func encodeValidator(v Validator) []byte { return core.MarshalValue(ValidatorToProto(v)) }

func decodeValidator(bz []byte) Validator {
	var m types.Validator
	if err := m.Unmarshal(bz); err != nil {
		panic(fmt.Sprintf("staking: corrupt validator: %v", err))
	}
	v, err := validatorFromProto(&m)
	if err != nil {
		panic(fmt.Sprintf("staking: corrupt validator %s: %v", m.OperatorAddress, err))
	}
	return v
}

// validatorFromProto is the inverse of ValidatorToProto. The consensus key
// is taken as stored: it was checked when the validator was created.
func validatorFromProto(m *types.Validator) (Validator, error) {
	op, err := authtypes.ParseValoper(m.OperatorAddress)
	if err != nil {
		return Validator{}, err
	}
	if m.ConsensusPubkey == nil || m.ConsensusPubkey.TypeUrl != ed25519.TypeURL {
		return Validator{}, fmt.Errorf("consensus key is not %s", ed25519.TypeURL)
	}
	var pk ed25519.PubKey
	if err := pk.Unmarshal(m.ConsensusPubkey.Value); err != nil {
		return Validator{}, fmt.Errorf("consensus key: %w", err)
	}
	v := Validator{
		Operator:        op,
		ConsPubKey:      pk.Key,
		Jailed:          m.Jailed,
		Status:          BondStatus(m.Status),
		UnbondingHeight: m.UnbondingHeight,
	}
	if v.Tokens, err = core.IntFromProto(m.Tokens); err != nil {
		return Validator{}, fmt.Errorf("tokens: %w", err)
	}
	if v.DelegatorShares, err = core.DecFromProto(m.DelegatorShares); err != nil {
		return Validator{}, fmt.Errorf("delegator shares: %w", err)
	}
	if v.MinSelfDelegation, err = core.IntFromProto(m.MinSelfDelegation); err != nil {
		return Validator{}, fmt.Errorf("min self delegation: %w", err)
	}
	if m.Description != nil {
		v.Description = descriptionFromProto(m.Description)
	}
	if v.UnbondingTime, err = timeFromProto(m.UnbondingTime); err != nil {
		return Validator{}, fmt.Errorf("unbonding time: %w", err)
	}
	if m.Commission == nil {
		return Validator{}, fmt.Errorf("commission is missing")
	}
	if v.Commission, err = parseRates(m.Commission.CommissionRates); err != nil {
		return Validator{}, err
	}
	if v.CommissionUpdated, err = timeFromProto(m.Commission.UpdateTime); err != nil {
		return Validator{}, fmt.Errorf("commission update time: %w", err)
	}
	return v, nil
}

func delegationToProto(d Delegation) *types.Delegation {
	return &types.Delegation{DelegatorAddress: d.Delegator.String(), ValidatorAddress: d.Validator.Valoper(), Shares: core.DecToProto(d.Shares)}
}

func encodeDelegation(d Delegation) []byte { return core.MarshalValue(delegationToProto(d)) }

func decodeDelegation(bz []byte) Delegation {
	var m types.Delegation
	if err := m.Unmarshal(bz); err != nil {
		panic(fmt.Sprintf("staking: corrupt delegation: %v", err))
	}
	del, err := authtypes.ParseAddress(m.DelegatorAddress)
	if err != nil {
		panic(fmt.Sprintf("staking: corrupt delegation: delegator: %v", err))
	}
	val, err := authtypes.ParseValoper(m.ValidatorAddress)
	if err != nil {
		panic(fmt.Sprintf("staking: corrupt delegation: validator: %v", err))
	}
	shares, err := core.DecFromProto(m.Shares)
	if err != nil {
		panic(fmt.Sprintf("staking: corrupt delegation: shares: %v", err))
	}
	return Delegation{Delegator: del, Validator: val, Shares: shares}
}

func unbondingToProto(u UnbondingDelegation) *types.UnbondingDelegation {
	out := &types.UnbondingDelegation{DelegatorAddress: u.Delegator.String(), ValidatorAddress: u.Validator.Valoper()}
	for _, e := range u.Entries {
		out.Entries = append(out.Entries, &types.UnbondingDelegationEntry{
			CreationHeight: e.CreationHeight, CompletionTime: timestamp(e.CompletionTime),
			InitialBalance: core.IntToProto(e.InitialBalance), Balance: core.IntToProto(e.Balance)})
	}
	return out
}

func encodeUnbonding(u UnbondingDelegation) []byte { return core.MarshalValue(unbondingToProto(u)) }

func decodeUnbonding(bz []byte) UnbondingDelegation {
	var m types.UnbondingDelegation
	if err := m.Unmarshal(bz); err != nil {
		panic(fmt.Sprintf("staking: corrupt unbonding delegation: %v", err))
	}
	u, err := unbondingFromProto(&m)
	if err != nil {
		panic(fmt.Sprintf("staking: corrupt unbonding delegation: %v", err))
	}
	return u
}

func unbondingFromProto(m *types.UnbondingDelegation) (UnbondingDelegation, error) {
	del, err := authtypes.ParseAddress(m.DelegatorAddress)
	if err != nil {
		return UnbondingDelegation{}, fmt.Errorf("delegator: %w", err)
	}
	val, err := authtypes.ParseValoper(m.ValidatorAddress)
	if err != nil {
		return UnbondingDelegation{}, fmt.Errorf("validator: %w", err)
	}
	u := UnbondingDelegation{Delegator: del, Validator: val, Entries: make([]UnbondingEntry, len(m.Entries))}
	for i, e := range m.Entries {
		out := &u.Entries[i]
		out.CreationHeight = e.CreationHeight
		if out.CompletionTime, err = timeFromProto(e.CompletionTime); err != nil {
			return UnbondingDelegation{}, fmt.Errorf("completion time: %w", err)
		}
		if out.InitialBalance, err = core.IntFromProto(e.InitialBalance); err != nil {
			return UnbondingDelegation{}, fmt.Errorf("initial balance: %w", err)
		}
		if out.Balance, err = core.IntFromProto(e.Balance); err != nil {
			return UnbondingDelegation{}, fmt.Errorf("balance: %w", err)
		}
	}
	return u, nil
}

func redelegationToProto(red Redelegation) *types.Redelegation {
	out := &types.Redelegation{DelegatorAddress: red.Delegator.String(), ValidatorSrcAddress: red.Src.Valoper(), ValidatorDstAddress: red.Dst.Valoper()}
	for _, e := range red.Entries {
		out.Entries = append(out.Entries, &types.RedelegationEntry{
			CreationHeight: e.CreationHeight, CompletionTime: timestamp(e.CompletionTime),
			InitialBalance: core.IntToProto(e.InitialBalance), SharesDst: core.DecToProto(e.SharesDst)})
	}
	return out
}

func encodeRedelegation(red Redelegation) []byte { return core.MarshalValue(redelegationToProto(red)) }

func decodeRedelegation(bz []byte) Redelegation {
	var m types.Redelegation
	if err := m.Unmarshal(bz); err != nil {
		panic(fmt.Sprintf("staking: corrupt redelegation: %v", err))
	}
	red, err := redelegationFromProto(&m)
	if err != nil {
		panic(fmt.Sprintf("staking: corrupt redelegation: %v", err))
	}
	return red
}

func redelegationFromProto(m *types.Redelegation) (Redelegation, error) {
	del, err := authtypes.ParseAddress(m.DelegatorAddress)
	if err != nil {
		return Redelegation{}, fmt.Errorf("delegator: %w", err)
	}
	src, err := authtypes.ParseValoper(m.ValidatorSrcAddress)
	if err != nil {
		return Redelegation{}, fmt.Errorf("source validator: %w", err)
	}
	dst, err := authtypes.ParseValoper(m.ValidatorDstAddress)
	if err != nil {
		return Redelegation{}, fmt.Errorf("destination validator: %w", err)
	}
	red := Redelegation{Delegator: del, Src: src, Dst: dst, Entries: make([]RedelegationEntry, len(m.Entries))}
	for i, e := range m.Entries {
		out := &red.Entries[i]
		out.CreationHeight = e.CreationHeight
		if out.CompletionTime, err = timeFromProto(e.CompletionTime); err != nil {
			return Redelegation{}, fmt.Errorf("completion time: %w", err)
		}
		if out.InitialBalance, err = core.IntFromProto(e.InitialBalance); err != nil {
			return Redelegation{}, fmt.Errorf("initial balance: %w", err)
		}
		if out.SharesDst, err = core.DecFromProto(e.SharesDst); err != nil {
			return Redelegation{}, fmt.Errorf("destination shares: %w", err)
		}
	}
	return red, nil
}

// timestamp is t as a Timestamp. The zero time, which a validator that
// never unbonded has, is written as the Unix epoch, as Cosmos writes it.
func timestamp(t time.Time) *gogotypes.Timestamp {
	if t.IsZero() {
		t = time.Unix(0, 0).UTC()
	}
	return &gogotypes.Timestamp{Seconds: t.Unix(), Nanos: int32(t.Nanosecond())}
}

// timeFromProto reads a Timestamp in UTC; an absent one is the epoch.
func timeFromProto(ts *gogotypes.Timestamp) (time.Time, error) {
	if ts == nil {
		return time.Unix(0, 0).UTC(), nil
	}
	return gogotypes.TimestampFromProto(ts)
}
