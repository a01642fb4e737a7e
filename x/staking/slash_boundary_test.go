package staking

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

// Stake that left a validator in the block of its infraction was bonded to
// it when it misbehaved, so a later slash cuts the unbonding and
// redelegation entries made at the infraction height, as the Cosmos SDK
// does (it spares only entries created before the infraction). A slash for
// an infraction of the current block visits no entry at all: the stake that
// left in this block has already left the validator's tokens, which pay.
func TestASlashCutsTheEntriesMadeAtTheInfractionHeightAndNoEarlierOnes(t *testing.T) {
	for _, c := range []struct {
		name string
		// entriesAfter is how many blocks after the infraction x unbonds
		// and y redelegates (-1: the block before it).
		entriesAfter int64
		// slashAfter is how many blocks after the infraction the slash
		// comes (0: in the infraction's own block, after the entries).
		slashAfter int64
		cut        bool
	}{
		{"entries made in the block of the infraction are cut by a later slash", 0, 1, true},
		{"entries made in the block before the infraction are not cut", -1, 1, false},
		{"a slash in the block of the infraction cuts no entry made in it", 0, 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, "a", "b", "x", "y")
			e.createValidator("a", 10)
			e.createValidator("b", 10)
			_, err := e.k.Delegate(e.w, &e.ev, addr("x"), addr("a"), e.stake(10))
			require.NoError(t, err)
			_, err = e.k.Delegate(e.w, &e.ev, addr("y"), addr("a"), e.stake(10))
			require.NoError(t, err)
			e.endBlock(time.Second)
			e.endBlock(time.Second)
			infraction := e.block.Height + 1 // so that entries can be made in the block before it

			for e.block.Height < infraction+c.entriesAfter {
				e.endBlock(time.Second)
			}
			_, _, err = e.k.Undelegate(e.w, &e.ev, e.block, addr("x"), addr("a"), e.stake(10))
			require.NoError(t, err)
			_, err = e.k.BeginRedelegate(e.w, &e.ev, e.block, addr("y"), addr("a"), addr("b"), e.stake(10))
			require.NoError(t, err)
			require.Equal(t, infraction+c.entriesAfter, e.k.UnbondingDelegation(e.w, addr("x"), addr("a")).Entries[0].CreationHeight)
			require.Equal(t, infraction+c.entriesAfter, e.k.Redelegation(e.w, addr("y"), addr("a"), addr("b")).Entries[0].CreationHeight)
			for e.block.Height < infraction+c.slashAfter {
				e.endBlock(time.Second)
			}
			require.Equal(t, infraction+c.slashAfter, e.block.Height)

			// a had 30 STAKE of power at the infraction; slash 10%: 3 STAKE.
			supply := e.bank.Supply(e.w, "ustake")
			burned := e.k.Slash(e.w, &e.ev, e.block, consAddress(consKey("a")), infraction, 30, math.LegacyMustNewDecFromStr("0.1"), nil)
			require.Equal(t, "3000000", burned.String(), "the owed 3 STAKE are burned, from the entries or from a")
			require.Equal(t, supply.Sub(burned).String(), e.bank.Supply(e.w, "ustake").String())

			unbonding := e.k.UnbondingDelegation(e.w, addr("x"), addr("a")).Entries[0]
			d, ok := e.k.Delegation(e.w, addr("y"), addr("b"))
			require.True(t, ok)
			redelegated := e.validator("b").TokensFromShares(d.Shares).TruncateInt()
			if c.cut {
				require.Equal(t, "9000000", unbonding.Balance.String(), "x's unbonding pays 10%")
				require.Equal(t, "9000000", redelegated.String(), "y's redelegated stake pays 10%")
				require.Equal(t, "9000000", e.validator("a").Tokens.String(), "a pays the rest: 1 STAKE")
			} else {
				require.Equal(t, "10000000", unbonding.Balance.String(), "x's unbonding is not cut")
				require.Equal(t, "10000000", redelegated.String(), "y's redelegated stake is not cut")
				require.Equal(t, "7000000", e.validator("a").Tokens.String(), "a pays all 3 STAKE")
			}
			e.supplyHolds()
		})
	}
}
