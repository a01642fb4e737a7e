package slashing

import (
	"fmt"
	"time"

	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/slashing/types"
	"github.com/stakechain/stakechain/x/staking"
)

// ValidatorUpdateDelay is the number of blocks between the block whose
// end changes the validator set and the first block the new set signs
// after the next: a set returned by EndBlock at height H signs H+2. It is
// CometBFT's, and Cosmos's constant of the same name.
const ValidatorUpdateDelay = 1

// DoubleSignJailEndTime is when a double-signing validator's jail ends:
// 9999-12-31T23:59:59Z, that is, never.
var DoubleSignJailEndTime = time.Unix(253402300799, 0).UTC()

// Keeper reads and writes slashing state. It holds no state; every method
// takes the state view it works on.
type Keeper struct {
	staking staking.Keeper
	settle  staking.ShareCut
}

// NewKeeper returns a slashing keeper that punishes through staking. settle
// (may be nil) is called before a slash removes shares of a delegation, so
// that the rewards owed on them are paid first.
func NewKeeper(sk staking.Keeper, settle staking.ShareCut) Keeper {
	return Keeper{staking: sk, settle: settle}
}

// SigningInfo is a validator's liveness record, by consensus address.
type SigningInfo struct {
	// Address is the validator's consensus address.
	Address []byte
	// StartHeight is the height from which the validator has been
	// tracked: it cannot be punished for downtime before a whole window
	// has passed since.
	StartHeight int64
	// IndexOffset counts the votes recorded; modulo the window it is the
	// bitmap index of the next one.
	IndexOffset int64
	// JailedUntil is when the validator may unjail.
	JailedUntil time.Time
	// Tombstoned marks a validator punished for double signing: it can
	// never unjail, nor be punished again.
	Tombstoned bool
	// MissedBlocksCounter is the number of missed blocks in the window:
	// the number of bits set in the bitmap.
	MissedBlocksCounter int64
}

// newSigningInfo is the record of a validator first seen at height.
func newSigningInfo(cons []byte, height int64) SigningInfo {
	return SigningInfo{
		Address:     append([]byte(nil), cons...),
		StartHeight: height,
		JailedUntil: time.Unix(0, 0).UTC(),
	}
}

// encodeSigningInfo is the stored form of s: the
// cosmos.slashing.v1beta1.ValidatorSigningInfo the queries return.
// gogoproto's Marshal writes fields in field-number order and the message
// has no maps, so the bytes are a function of the value.
func encodeSigningInfo(s SigningInfo) []byte {
	bz, err := SigningInfoToProto(s).Marshal()
	if err != nil {
		panic(fmt.Sprintf("slashing: encode signing info for %X: %v", s.Address, err))
	}
	return bz
}

// decodeSigningInfo reads the record stored under cons. The message repeats
// the address in bech32, as Cosmos's does; the key's raw bytes are used, so
// that the record read every block for every validator costs no bech32
// decoding.
func decodeSigningInfo(cons, bz []byte) SigningInfo {
	var m types.ValidatorSigningInfo
	if err := m.Unmarshal(bz); err != nil {
		panic(fmt.Sprintf("slashing: corrupt signing info for %X: %v", cons, err))
	}
	jailedUntil, err := gogotypes.TimestampFromProto(m.JailedUntil)
	if err != nil {
		panic(fmt.Sprintf("slashing: corrupt signing info for %X: jailed until: %v", cons, err))
	}
	return SigningInfo{
		Address:             append([]byte(nil), cons...),
		StartHeight:         m.StartHeight,
		IndexOffset:         m.IndexOffset,
		JailedUntil:         jailedUntil,
		Tombstoned:          m.Tombstoned,
		MissedBlocksCounter: m.MissedBlocksCounter,
	}
}

// SigningInfo returns the liveness record of the validator with the given
// consensus address.
func (k Keeper) SigningInfo(r store.Reader, cons []byte) (SigningInfo, bool) {
	bz := r.Get(signingInfoKey(cons))
	if bz == nil {
		return SigningInfo{}, false
	}
	return decodeSigningInfo(cons, bz), true
}

// SigningInfos returns every liveness record in consensus address order.
func (k Keeper) SigningInfos(r store.Reader) []SigningInfo {
	var out []SigningInfo
	r.Iterate(signingInfoPrefix, store.PrefixEnd(signingInfoPrefix), func(key, value []byte) bool {
		out = append(out, decodeSigningInfo(key[len(signingInfoPrefix):], value))
		return true
	})
	return out
}

func (k Keeper) setSigningInfo(w store.Writer, s SigningInfo) {
	w.Set(signingInfoKey(s.Address), encodeSigningInfo(s))
}

// BeginBlock runs slashing's begin-block steps in order: first the
// evidence of misbehaviour CometBFT committed in this block, then the
// liveness record of every validator in the last commit.
//
// NOTE: evidence goes first, so a validator tombstoned for double signing
// is not also slashed for downtime in the same block. (Cosmos apps run the
// slashing module's votes before the evidence module by default.)
func (k Keeper) BeginBlock(w store.Writer, ev *core.Events, b core.Block, votes []core.Vote, evidence []core.Misbehavior, age core.EvidenceAge) {
	p := k.Params(w)
	for _, m := range evidence {
		k.handleMisbehavior(w, ev, b, p, age, m)
	}
	maxMissed := p.MaxMissedBlocks()
	for _, v := range votes {
		k.handleVote(w, ev, b, p, maxMissed, v)
	}
}

// Unjail lets the validator run by operator be ranked again: it must
// exist, meet its minimum self-delegation, be jailed, not be tombstoned,
// and its jail time must have passed. (A jailed validator with no signing
// info was jailed by staking before it ever signed, for its
// self-delegation; it may unjail at once.)
func (k Keeper) Unjail(w store.Writer, ev *core.Events, b core.Block, operator authtypes.Address) error {
	v, ok := k.staking.Validator(w, operator)
	if !ok {
		return ErrNoValidatorForAddress.Wrap(operator.Valoper())
	}
	self, ok := k.staking.Delegation(w, operator, operator)
	if !ok {
		return ErrMissingSelfDelegation.Wrap(operator.Valoper())
	}
	if tokens := v.TokensFromShares(self.Shares).TruncateInt(); tokens.LT(v.MinSelfDelegation) {
		return ErrSelfDelegationTooLowToUnjail.Wrapf("self-delegation %s is below the minimum %s", tokens, v.MinSelfDelegation)
	}
	if !v.Jailed {
		return ErrValidatorNotJailed.Wrap(operator.Valoper())
	}
	cons := v.ConsAddress()
	info, found := k.SigningInfo(w, cons)
	if found {
		if info.Tombstoned {
			return ErrValidatorJailed.Wrapf("%s was tombstoned for double signing and can never be unjailed", operator.Valoper())
		}
		if b.Time.Before(info.JailedUntil) {
			return ErrValidatorJailed.Wrapf("%s is jailed until %s, %s from now; unjail after that",
				operator.Valoper(), info.JailedUntil.Format(time.RFC3339), info.JailedUntil.Sub(b.Time))
		}
	}
	if err := k.staking.Unjail(w, ev, operator); err != nil {
		return err
	}
	if found {
		// The validator returns to the set at the end of this block: as
		// for a newly bonded validator, it is judged only once a whole
		// window has passed.
		info.StartHeight = b.Height
		k.setSigningInfo(w, info)
	}
	return nil
}

// consString is a consensus address in its bech32 form.
func consString(cons []byte) string { return authtypes.MustBech32(authtypes.ConsensusPrefix, cons) }
