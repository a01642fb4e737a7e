package slashing

import (
	"strconv"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/staking"
)

// handleMisbehavior punishes a validator CometBFT found signing two
// conflicting blocks (duplicate votes, or votes behind a light-client
// attack, are treated alike). Evidence is ignored when it is older than
// both of the consensus limits, when the validator is unknown or has
// finished unbonding (its stake is no longer at risk), or when it is
// already tombstoned.
func (k Keeper) handleMisbehavior(w store.Writer, ev *core.Events, b core.Block, p Params, age core.EvidenceAge, m core.Misbehavior) {
	if m.Kind != core.DuplicateVote && m.Kind != core.LightClientAttack {
		return
	}
	if b.Height-m.Height > age.MaxAgeNumBlocks && b.Time.Sub(m.Time) > age.MaxAgeDuration {
		return
	}
	v, ok := k.staking.ValidatorByConsAddr(w, m.ConsAddr)
	if !ok || v.Status == staking.Unbonded {
		return
	}
	cons := m.ConsAddr
	info, found := k.SigningInfo(w, cons)
	if !found {
		info = newSigningInfo(cons, b.Height)
	}
	if info.Tombstoned {
		return
	}

	// The block at m.Height was signed by the set chosen
	// ValidatorUpdateDelay blocks before it: stake that left the validator
	// from then on shares the punishment.
	infraction := m.Height - ValidatorUpdateDelay
	burned := k.staking.Slash(w, ev, b, cons, infraction, m.Power, p.SlashFractionDoubleSign, k.settle)
	ev.Emit(EventTypeSlash,
		core.Attr(AttributeKeyAddress, consString(cons)),
		core.Attr(AttributeKeyPower, strconv.FormatInt(m.Power, 10)),
		core.Attr(AttributeKeyReason, AttributeValueDoubleSign),
		core.Attr(AttributeKeyBurnedCoins, burned.String()))
	if !v.Jailed {
		k.staking.Jail(w, ev, cons)
		ev.Emit(EventTypeSlash, core.Attr(AttributeKeyJailed, consString(cons)))
	}
	info.JailedUntil = DoubleSignJailEndTime
	info.Tombstoned = true
	k.setSigningInfo(w, info)
}
