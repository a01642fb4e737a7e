package staking

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/core"
)

// queuedValidators counts the entries of the validator unbonding queue.
func (e *env) queuedValidators() int {
	n := 0
	e.w.Iterate(valQueuePrefix, store.PrefixEnd(valQueuePrefix), func(_, _ []byte) bool {
		n++
		return true
	})
	return n
}

func TestAValidatorThatRebondsWhileUnbondingLeavesNothingInTheUnbondingQueue(t *testing.T) {
	e := newEnv(t, "a", "b")
	e.createValidator("a", 10)
	e.createValidator("b", 10)
	e.endBlock(time.Second)
	e.k.Jail(e.w, &e.ev, consAddress(consKey("a")))
	e.endBlock(time.Second)
	require.Equal(t, Unbonding, e.validator("a").Status)
	require.Equal(t, 1, e.queuedValidators())

	require.NoError(t, e.k.Unjail(e.w, &e.ev, addr("a")))
	e.endBlock(time.Second)
	require.Equal(t, Bonded, e.validator("a").Status)
	require.Equal(t, 0, e.queuedValidators(), "the entry of the unbonding that bonding ended is gone")

	e.endBlock(2 * time.Hour) // past the old unbonding time
	require.Equal(t, Bonded, e.validator("a").Status)
	e.supplyHolds()
}

func TestEndBlockEmitsAValidatorSetEventOnlyWhenTheSetChanges(t *testing.T) {
	e := newEnv(t, "a", "b")
	e.createValidator("a", 10)
	e.createValidator("b", 10)
	e.ev = core.Events{}
	e.endBlock(time.Second)
	var changes []string
	for _, ev := range e.ev.List() {
		if ev.Type == "validator_set_update" {
			require.Len(t, ev.Attributes, 1)
			changes = append(changes, ev.Attributes[0].Key+"="+ev.Attributes[0].Value)
		}
	}
	require.Equal(t, []string{"changes=2"}, changes)

	e.ev = core.Events{}
	require.Empty(t, e.endBlock(time.Second))
	for _, ev := range e.ev.List() {
		require.NotEqual(t, "validator_set_update", ev.Type, "no change, no event")
	}
}

func TestUndelegatingFromAValidatorSlashedToNoTokensSaysItsExchangeRateIsZero(t *testing.T) {
	e := newEnv(t, "a")
	e.createValidator("a", 10)
	e.endBlock(time.Second)
	e.k.Slash(e.w, &e.ev, e.block, consAddress(consKey("a")), e.block.Height, 10, math.LegacyOneDec(), nil)
	require.True(t, e.validator("a").Tokens.IsZero())
	_, _, err := e.k.Undelegate(e.w, &e.ev, e.block, addr("a"), addr("a"), e.stake(1))
	require.ErrorIs(t, err, ErrZeroExchangeRate)
}

func TestSlashingAnUnbondingValidatorThatAllItsDelegatorsLeftKeepsItUntilItsUnbondingEnds(t *testing.T) {
	e := newEnv(t, "a", "b")
	e.createValidator("a", 10)
	e.createValidator("b", 10)
	e.endBlock(time.Second)
	_, _, err := e.k.Undelegate(e.w, &e.ev, e.block, addr("a"), addr("a"), e.stake(10))
	require.NoError(t, err)
	e.endBlock(time.Second)
	v := e.validator("a")
	require.Equal(t, Unbonding, v.Status)
	require.True(t, v.DelegatorShares.IsZero())

	// An infraction after the stake left: nothing is left to burn.
	burned := e.k.Slash(e.w, &e.ev, e.block, consAddress(consKey("a")), e.block.Height, 10, math.LegacyMustNewDecFromStr("0.05"), nil)
	require.True(t, burned.IsZero())
	require.Equal(t, Unbonding, e.validator("a").Status, "still unbonding, still known")
	require.Equal(t, 1, e.queuedValidators())

	e.endBlock(2 * time.Hour)
	e.endBlock(time.Second)
	_, ok := e.k.Validator(e.w, addr("a"))
	require.False(t, ok, "removed once its unbonding ended")
	e.supplyHolds()
}
