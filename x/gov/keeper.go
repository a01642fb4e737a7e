package gov

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"time"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/gov/types"
	"github.com/stakechain/stakechain/x/staking"
)

// Staking is what gov reads of staking to tally: the bonded validators and
// a voter's delegations. staking.Keeper satisfies it.
type Staking interface {
	BondedValidators(r store.Reader) []staking.Validator
	DelegatorDelegations(r store.Reader, del authtypes.Address) []staking.Delegation
}

// Keeper keeps proposals, deposits and votes, and tallies. It holds no
// state; every method takes the state view it works on.
type Keeper struct {
	bank    bank.Keeper
	staking Staking
}

// NewKeeper returns a gov keeper. The bank's auth keeper must know the
// module accounts of ModuleAccounts.
func NewKeeper(bk bank.Keeper, sk Staking) Keeper { return Keeper{bank: bk, staking: sk} }

// ModuleAccounts are the module accounts gov needs: its own, which holds
// deposits and burns them.
func ModuleAccounts() []auth.ModuleAccountSpec {
	return []auth.ModuleAccountSpec{{Name: ModuleName, Permissions: []string{"burner"}}}
}

// Msg is a proposal message as an Any: its type URL and its protobuf bytes.
type Msg struct {
	TypeURL string `json:"type_url"`
	Value   []byte `json:"value"`
}

// Proposal is a proposal's state. Times are block times; the voting times
// are zero until the deposit reaches the minimum.
type Proposal struct {
	ID              uint64               `json:"id"`
	Messages        []Msg                `json:"messages"`
	Status          types.ProposalStatus `json:"status"`
	FinalTally      TallyResult          `json:"final_tally"`
	SubmitTime      time.Time            `json:"submit_time"`
	DepositEndTime  time.Time            `json:"deposit_end_time"`
	TotalDeposit    core.Coins           `json:"total_deposit"`
	VotingStartTime time.Time            `json:"voting_start_time"`
	VotingEndTime   time.Time            `json:"voting_end_time"`
	Metadata        string               `json:"metadata"`
	Title           string               `json:"title"`
	Summary         string               `json:"summary"`
	Proposer        authtypes.Address    `json:"proposer"`
	FailedReason    string               `json:"failed_reason"`
}

// WeightedOption is one part of a vote.
type WeightedOption struct {
	Option types.VoteOption `json:"option"`
	Weight math.LegacyDec   `json:"weight"`
}

// Vote is a voter's current vote on a proposal.
type Vote struct {
	ProposalID uint64            `json:"proposal_id"`
	Voter      authtypes.Address `json:"voter"`
	Options    []WeightedOption  `json:"options"`
	Metadata   string            `json:"metadata"`
}

// Deposit is what one depositor has put into a proposal.
type Deposit struct {
	ProposalID uint64
	Depositor  authtypes.Address
	Amount     core.Coins
}

// Proposal returns proposal id.
func (k Keeper) Proposal(r store.Reader, id uint64) (Proposal, bool) {
	bz := r.Get(proposalKey(id))
	if bz == nil {
		return Proposal{}, false
	}
	return decodeProposal(bz), true
}

// Proposals returns every proposal in id order.
func (k Keeper) Proposals(r store.Reader) []Proposal {
	var out []Proposal
	r.Iterate(proposalPrefix, store.PrefixEnd(proposalPrefix), func(_, bz []byte) bool {
		out = append(out, decodeProposal(bz))
		return true
	})
	return out
}

// Vote returns voter's vote on proposal id.
func (k Keeper) Vote(r store.Reader, id uint64, voter authtypes.Address) (Vote, bool) {
	bz := r.Get(voteKey(id, voter))
	if bz == nil {
		return Vote{}, false
	}
	return decodeVote(bz), true
}

// Votes returns the votes on proposal id, by voter address.
func (k Keeper) Votes(r store.Reader, id uint64) []Vote {
	prefix := votesOf(id)
	var out []Vote
	r.Iterate(prefix, store.PrefixEnd(prefix), func(_, bz []byte) bool {
		out = append(out, decodeVote(bz))
		return true
	})
	return out
}

// Deposit returns depositor's deposit on proposal id.
func (k Keeper) Deposit(r store.Reader, id uint64, depositor authtypes.Address) (Deposit, bool) {
	bz := r.Get(depositKey(id, depositor))
	if bz == nil {
		return Deposit{}, false
	}
	return decodeDeposit(bz), true
}

// Deposits returns the deposits on proposal id, by depositor address.
func (k Keeper) Deposits(r store.Reader, id uint64) []Deposit {
	prefix := depositsOf(id)
	var out []Deposit
	r.Iterate(prefix, store.PrefixEnd(prefix), func(_, bz []byte) bool {
		out = append(out, decodeDeposit(bz))
		return true
	})
	return out
}

// SubmitProposal stores a new proposal in its deposit period and adds the
// initial deposit, which may start its voting period at once. It returns
// the proposal's id.
//
// CONTRACT: the caller has checked that every message decodes, is routable
// and has Authority as its only signer; gov stores them as they are.
func (k Keeper) SubmitProposal(w store.Writer, ev *core.Events, b core.Block, m SubmitProposalMsg) (uint64, error) {
	if err := m.validate(); err != nil {
		return 0, err
	}
	p := k.Params(w)
	if err := checkInitialDeposit(p, m.InitialDeposit); err != nil {
		return 0, err
	}
	id := k.nextID(w)
	prop := Proposal{
		ID: id, Messages: m.Messages, Status: types.ProposalStatus_PROPOSAL_STATUS_DEPOSIT_PERIOD,
		FinalTally: ZeroTally(), SubmitTime: b.Time, DepositEndTime: b.Time.Add(p.MaxDepositPeriod.D()),
		TotalDeposit: core.Coins{}, Metadata: m.Metadata, Title: m.Title, Summary: m.Summary, Proposer: m.Proposer,
	}
	k.setProposal(w, prop)
	w.Set(queueKey(inactivePrefix, prop.DepositEndTime, id), []byte{})
	typeURLs := make([]byte, 0, 64)
	for i, msg := range m.Messages {
		if i > 0 {
			typeURLs = append(typeURLs, ',')
		}
		typeURLs = append(typeURLs, msg.TypeURL...)
	}
	ev.Emit(EventTypeSubmitProposal,
		core.IndexedAttr(AttributeKeyProposalID, strconv.FormatUint(id, 10)),
		core.Attr(AttributeKeyProposalMessages, string(typeURLs)))
	if !m.InitialDeposit.IsZero() {
		if err := k.AddDeposit(w, ev, b, DepositMsg{ProposalID: id, Depositor: m.Proposer, Amount: m.InitialDeposit}); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// checkInitialDeposit applies min_initial_deposit_ratio: the initial
// deposit must hold that share of the minimum deposit in every denom.
func checkInitialDeposit(p Params, initial core.Coins) error {
	if p.MinInitialDepositRatio.IsZero() {
		return nil
	}
	for _, c := range p.MinDeposit {
		need := c.Amount.ToLegacyDec().Mul(p.MinInitialDepositRatio).TruncateInt()
		if initial.AmountOf(c.Denom).LT(need) {
			return ErrMinDepositTooSmall.Wrapf("need at least %s%s", need, c.Denom)
		}
	}
	return nil
}

// AddDeposit moves m.Amount from the depositor to the gov module account
// and adds it to the proposal's deposit. A proposal in its deposit period
// whose deposit reaches MinDeposit begins its voting period at b.Time.
func (k Keeper) AddDeposit(w store.Writer, ev *core.Events, b core.Block, m DepositMsg) error {
	prop, ok := k.Proposal(w, m.ProposalID)
	if !ok {
		return ErrUnknownProposal.Wrapf("proposal %d", m.ProposalID)
	}
	if prop.Status != types.ProposalStatus_PROPOSAL_STATUS_DEPOSIT_PERIOD && prop.Status != types.ProposalStatus_PROPOSAL_STATUS_VOTING_PERIOD {
		return ErrInactiveProposal.Wrapf("proposal %d is %s", m.ProposalID, prop.Status)
	}
	p := k.Params(w)
	if err := checkDeposit(p, m.Amount); err != nil {
		return err
	}
	if err := k.bank.Send(w, ev, m.Depositor, Authority(), m.Amount); err != nil {
		return err
	}
	prev, ok := k.Deposit(w, m.ProposalID, m.Depositor)
	if !ok {
		prev = Deposit{ProposalID: m.ProposalID, Depositor: m.Depositor}
	}
	prev.Amount = prev.Amount.Add(m.Amount)
	w.Set(depositKey(m.ProposalID, m.Depositor), encodeDeposit(prev))
	prop.TotalDeposit = prop.TotalDeposit.Add(m.Amount)
	ev.Emit(EventTypeProposalDeposit,
		core.IndexedAttr(AttributeKeyProposalID, strconv.FormatUint(prop.ID, 10)),
		core.Attr(AttributeKeyDepositor, m.Depositor.String()),
		core.Attr(AttributeKeyAmount, m.Amount.String()))
	if prop.Status == types.ProposalStatus_PROPOSAL_STATUS_DEPOSIT_PERIOD && prop.TotalDeposit.IsAllGTE(p.MinDeposit) {
		w.Delete(queueKey(inactivePrefix, prop.DepositEndTime, prop.ID))
		prop.Status = types.ProposalStatus_PROPOSAL_STATUS_VOTING_PERIOD
		prop.VotingStartTime = b.Time
		prop.VotingEndTime = b.Time.Add(p.VotingPeriod.D())
		w.Set(queueKey(activePrefix, prop.VotingEndTime, prop.ID), []byte{})
		ev.Emit(EventTypeProposalDeposit,
			core.IndexedAttr(AttributeKeyProposalID, strconv.FormatUint(prop.ID, 10)),
			core.Attr(AttributeKeyVotingPeriodStart, strconv.FormatUint(prop.ID, 10)))
	}
	k.setProposal(w, prop)
	return nil
}

// checkDeposit refuses denoms outside MinDeposit and, when
// min_deposit_ratio is set, deposits below that share of the minimum in
// every denom.
func checkDeposit(p Params, amt core.Coins) error {
	if err := amt.Validate(); err != nil || amt.IsZero() {
		return ErrInvalidDeposit.Wrapf("deposit %q must be positive coins", amt)
	}
	for _, c := range amt {
		if p.MinDeposit.AmountOf(c.Denom).IsZero() {
			return ErrInvalidDeposit.Wrapf("denom %s is not accepted; accepted: %s", c.Denom, p.MinDeposit)
		}
	}
	if p.MinDepositRatio.IsZero() {
		return nil
	}
	for _, c := range p.MinDeposit {
		if amt.AmountOf(c.Denom).GTE(c.Amount.ToLegacyDec().Mul(p.MinDepositRatio).TruncateInt()) {
			return nil
		}
	}
	return ErrInvalidDeposit.Wrapf("deposit %s is below %s of the minimum deposit %s", amt, p.MinDepositRatio, p.MinDeposit)
}

// CastVote records (or replaces) m.Voter's vote on a proposal in its
// voting period. Votes may change until the period ends.
func (k Keeper) CastVote(w store.Writer, ev *core.Events, m VoteMsg) error {
	if err := validateOptions(m.Options); err != nil {
		return err
	}
	prop, ok := k.Proposal(w, m.ProposalID)
	if !ok {
		return ErrUnknownProposal.Wrapf("proposal %d", m.ProposalID)
	}
	if prop.Status != types.ProposalStatus_PROPOSAL_STATUS_VOTING_PERIOD {
		return ErrInactiveProposal.Wrapf("proposal %d is %s", m.ProposalID, prop.Status)
	}
	v := Vote{ProposalID: m.ProposalID, Voter: m.Voter, Options: m.Options, Metadata: m.Metadata}
	w.Set(voteKey(m.ProposalID, m.Voter), encodeVote(v))
	ev.Emit(EventTypeProposalVote,
		core.IndexedAttr(AttributeKeyProposalID, strconv.FormatUint(m.ProposalID, 10)),
		core.Attr(AttributeKeyVoter, m.Voter.String()),
		core.Attr(AttributeKeyOption, optionsString(m.Options)))
	return nil
}

// EndBlock ends the periods due by b.Time: proposals whose deposit period
// ended short of the minimum are deleted (deposits refunded, or burned if
// burn_proposal_deposit_prevote), and proposals whose voting period ended
// are tallied, their deposits refunded or burned, their votes deleted and
// their status set to passed or rejected. It returns the proposals that
// passed, by voting end time then id.
//
// CONTRACT: the caller runs it after staking's end of block, executes the
// messages of each returned proposal atomically as Authority, and calls
// MarkFailed for a proposal whose messages fail.
func (k Keeper) EndBlock(w store.Writer, ev *core.Events, b core.Block) ([]Proposal, error) {
	p := k.Params(w)
	for _, id := range dueIDs(w, inactivePrefix, b.Time) {
		prop, ok := k.Proposal(w, id)
		if !ok {
			panic(fmt.Sprintf("gov: queued proposal %d is missing", id))
		}
		w.Delete(queueKey(inactivePrefix, prop.DepositEndTime, id))
		if err := k.settleDeposits(w, ev, id, p.BurnProposalDepositPrevote); err != nil {
			return nil, err
		}
		w.Delete(proposalKey(id))
		ev.Emit(EventTypeInactiveProposal,
			core.IndexedAttr(AttributeKeyProposalID, strconv.FormatUint(id, 10)),
			core.Attr(AttributeKeyProposalResult, AttributeValueProposalDropped))
	}
	var passed []Proposal
	for _, id := range dueIDs(w, activePrefix, b.Time) {
		prop, ok := k.Proposal(w, id)
		if !ok {
			panic(fmt.Sprintf("gov: queued proposal %d is missing", id))
		}
		out := k.tally(w, p, prop)
		if err := k.settleDeposits(w, ev, id, out.BurnDeposits); err != nil {
			return nil, err
		}
		k.deleteVotes(w, id)
		w.Delete(queueKey(activePrefix, prop.VotingEndTime, id))
		prop.FinalTally = out.Result
		result := AttributeValueProposalRejected
		prop.Status = types.ProposalStatus_PROPOSAL_STATUS_REJECTED
		if out.Passes {
			result = AttributeValueProposalPassed
			prop.Status = types.ProposalStatus_PROPOSAL_STATUS_PASSED
			passed = append(passed, prop)
		}
		k.setProposal(w, prop)
		ev.Emit(EventTypeActiveProposal,
			core.IndexedAttr(AttributeKeyProposalID, strconv.FormatUint(id, 10)),
			core.Attr(AttributeKeyProposalResult, result))
	}
	return passed, nil
}

// MarkFailed records that a passed proposal's messages failed: its status
// becomes failed with reason.
func (k Keeper) MarkFailed(w store.Writer, id uint64, reason string) error {
	prop, ok := k.Proposal(w, id)
	if !ok {
		return ErrUnknownProposal.Wrapf("proposal %d", id)
	}
	if prop.Status != types.ProposalStatus_PROPOSAL_STATUS_PASSED {
		return ErrInvalidProposal.Wrapf("proposal %d is %s, not passed", id, prop.Status)
	}
	prop.Status = types.ProposalStatus_PROPOSAL_STATUS_FAILED
	prop.FailedReason = reason
	k.setProposal(w, prop)
	return nil
}

// settleDeposits refunds (or burns) and deletes every deposit of id.
func (k Keeper) settleDeposits(w store.Writer, ev *core.Events, id uint64, burn bool) error {
	deps := k.Deposits(w, id)
	total := core.Coins{}
	for _, d := range deps {
		w.Delete(depositKey(id, d.Depositor))
		if burn {
			total = total.Add(d.Amount)
			continue
		}
		if err := k.bank.Send(w, ev, Authority(), d.Depositor, d.Amount); err != nil {
			return fmt.Errorf("gov: refund of proposal %d to %s: %w", id, d.Depositor, err)
		}
	}
	if burn && !total.IsZero() {
		if err := k.bank.Burn(w, ev, ModuleName, total); err != nil {
			return fmt.Errorf("gov: burn of proposal %d's deposits: %w", id, err)
		}
	}
	return nil
}

func (k Keeper) deleteVotes(w store.Writer, id uint64) {
	prefix := votesOf(id)
	var keys [][]byte
	w.Iterate(prefix, store.PrefixEnd(prefix), func(key, _ []byte) bool {
		keys = append(keys, append([]byte(nil), key...))
		return true
	})
	for _, key := range keys {
		w.Delete(key)
	}
}

// dueIDs returns the ids queued under prefix with an end time at or before
// now, in queue order.
func dueIDs(r store.Reader, prefix []byte, now time.Time) []uint64 {
	var ids []uint64
	end := store.Key(prefix, timeBytes(now.Add(time.Nanosecond)))
	r.Iterate(prefix, end, func(key, _ []byte) bool {
		ids = append(ids, binary.BigEndian.Uint64(key[len(key)-8:]))
		return true
	})
	return ids
}

func (k Keeper) nextID(w store.Writer) uint64 {
	id := uint64(1)
	if bz := w.Get(nextIDKey); bz != nil {
		id = binary.BigEndian.Uint64(bz)
	}
	w.Set(nextIDKey, idBytes(id+1))
	return id
}

func (k Keeper) setProposal(w store.Writer, p Proposal) { w.Set(proposalKey(p.ID), encodeProposal(p)) }
