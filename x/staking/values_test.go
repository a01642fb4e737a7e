package staking

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/staking/types"
)

func TestStoredStakingValuesDecodeToWhatWasStored(t *testing.T) {
	at := time.Date(2026, 3, 4, 5, 6, 7, 8, time.UTC)
	v := Validator{
		Operator: addr("val"), ConsPubKey: consKey("val"), Jailed: true, Status: Unbonding,
		Tokens: math.NewInt(123456789), DelegatorShares: math.LegacyMustNewDecFromStr("123456789.123456789012345678"),
		Description:     Description{Moniker: "m", Identity: "i", Website: "w", SecurityContact: "s", Details: "d"},
		UnbondingHeight: 42, UnbondingTime: at,
		Commission: CommissionRates{Rate: math.LegacyMustNewDecFromStr("0.1"), MaxRate: math.LegacyMustNewDecFromStr("0.2"),
			MaxChangeRate: math.LegacyMustNewDecFromStr("0.01")},
		CommissionUpdated: at.Add(-time.Hour), MinSelfDelegation: math.NewInt(7),
	}
	d := Delegation{Delegator: addr("del"), Validator: addr("val"), Shares: math.LegacyMustNewDecFromStr("0.000000000000000001")}
	u := UnbondingDelegation{Delegator: addr("del"), Validator: addr("val"), Entries: []UnbondingEntry{
		{CreationHeight: 3, CompletionTime: at, InitialBalance: math.NewInt(10), Balance: math.NewInt(9)},
		{CreationHeight: 4, CompletionTime: at.Add(time.Second), InitialBalance: math.NewInt(5), Balance: math.NewInt(5)},
	}}
	red := Redelegation{Delegator: addr("del"), Src: addr("src"), Dst: addr("dst"), Entries: []RedelegationEntry{
		{CreationHeight: 5, CompletionTime: at, InitialBalance: math.NewInt(11), SharesDst: math.LegacyMustNewDecFromStr("10.5")},
	}}

	tests := []struct {
		name string
		got  func() any
		want any
	}{
		{"a validator with every field set", func() any { return decodeValidator(encodeValidator(v)) }, v},
		{"a delegation of the smallest share", func() any { return decodeDelegation(encodeDelegation(d)) }, d},
		{"an unbonding delegation with two entries", func() any { return decodeUnbonding(encodeUnbonding(u)) }, u},
		{"a redelegation", func() any { return decodeRedelegation(encodeRedelegation(red)) }, red},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, tc.got())
		})
	}
}

func TestAValidatorThatNeverUnbondedIsStoredWithTheEpochAsCosmosWritesIt(t *testing.T) {
	e := newEnv(t, "val")
	e.createValidator("val", 10)
	var m types.Validator
	require.NoError(t, m.Unmarshal(e.w.Get(validatorKey(addr("val")))))
	require.Equal(t, addr("val").Valoper(), m.OperatorAddress)
	require.Equal(t, int64(0), m.UnbondingTime.Seconds)
	require.Equal(t, "10000000", m.Tokens)
	require.Equal(t, e.block.Time.Unix(), m.Commission.UpdateTime.Seconds)

	v, ok := e.k.Validator(e.w, addr("val"))
	require.True(t, ok)
	require.Equal(t, time.Unix(0, 0).UTC(), v.UnbondingTime)
}

func TestStoredStakingRecordsAreTheCosmosMessages(t *testing.T) {
	e := newEnv(t, "val", "del")
	e.createValidator("val", 10)
	e.endBlock(time.Second)
	_, err := e.k.Delegate(e.w, &e.ev, addr("del"), addr("val"), e.stake(3))
	require.NoError(t, err)
	_, _, err = e.k.Undelegate(e.w, &e.ev, e.block, addr("del"), addr("val"), e.stake(1))
	require.NoError(t, err)

	var del types.Delegation
	require.NoError(t, del.Unmarshal(e.w.Get(delegationKey(addr("del"), addr("val")))))
	require.Equal(t, types.Delegation{DelegatorAddress: addr("del").String(), ValidatorAddress: addr("val").Valoper(),
		Shares: "2000000000000000000000000"}, del)

	var ubd types.UnbondingDelegation
	require.NoError(t, ubd.Unmarshal(e.w.Get(unbondingKey(addr("del"), addr("val")))))
	require.Len(t, ubd.Entries, 1)
	require.Equal(t, "1000000", ubd.Entries[0].Balance)
	require.Equal(t, []byte{}, e.w.Get(ubdByValKey(addr("val"), addr("del"))))
}
