package app

import (
	"fmt"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/distribution"
	distributiontypes "github.com/stakechain/stakechain/x/distribution/types"
	"github.com/stakechain/stakechain/x/gov"
	govtypes "github.com/stakechain/stakechain/x/gov/types"
	"github.com/stakechain/stakechain/x/mint"
	minttypes "github.com/stakechain/stakechain/x/mint/types"
	"github.com/stakechain/stakechain/x/slashing"
	slashingtypes "github.com/stakechain/stakechain/x/slashing/types"
	"github.com/stakechain/stakechain/x/staking"
	stakingtypes "github.com/stakechain/stakechain/x/staking/types"
)

// Gas of the parameter updates, which only governance sends.
const gasUpdateParams = 20_000

// routeGov adds the governance messages, and the messages only governance
// may send (parameter updates), to the router.
func routeGov(r router, k keepers) {
	authority := gov.Authority()
	ak, bk, gk := k.auth, k.bank, k.gov

	route(r, govtypes.TypeURLMsgSubmitProposal, gov.ModuleName,
		func(m *govtypes.MsgSubmitProposal) (gov.SubmitProposalMsg, error) {
			p, err := gov.ParseSubmitProposal(m)
			if err != nil {
				return p, err
			}
			// Every message must be one the chain runs, signed by
			// governance alone, so that a passed proposal can execute.
			for i, pm := range p.Messages {
				if _, err := r.proposalMessage(pm); err != nil {
					return p, core.ErrInvalidRequest.Wrapf("proposal message %d: %v", i, err)
				}
			}
			return p, nil
		},
		gov.SubmitProposalMsg.Signer,
		func(gov.SubmitProposalMsg) func(store.Reader) uint64 { return fixedGas(gov.GasSubmitProposal) },
		func(p gov.SubmitProposalMsg, w store.Writer, ev *core.Events, b core.Block) error {
			_, err := gk.SubmitProposal(w, ev, b, p)
			return err
		})
	route(r, govtypes.TypeURLMsgDeposit, gov.ModuleName, gov.ParseDeposit, gov.DepositMsg.Signer,
		func(gov.DepositMsg) func(store.Reader) uint64 { return fixedGas(gov.GasDeposit) },
		func(p gov.DepositMsg, w store.Writer, ev *core.Events, b core.Block) error {
			return gk.AddDeposit(w, ev, b, p)
		})
	route(r, govtypes.TypeURLMsgVote, gov.ModuleName, gov.ParseVote, gov.VoteMsg.Signer,
		func(gov.VoteMsg) func(store.Reader) uint64 { return fixedGas(gov.GasVote) },
		func(p gov.VoteMsg, w store.Writer, ev *core.Events, _ core.Block) error { return gk.CastVote(w, ev, p) })
	route(r, govtypes.TypeURLMsgVoteWeighted, gov.ModuleName, gov.ParseVoteWeighted, gov.VoteMsg.Signer,
		func(gov.VoteMsg) func(store.Reader) uint64 { return fixedGas(gov.GasVote) },
		func(p gov.VoteMsg, w store.Writer, ev *core.Events, _ core.Block) error { return gk.CastVote(w, ev, p) })

	route(r, authtypes.TypeURLMsgUpdateParams, auth.ModuleName, auth.ParseMsgUpdateParams,
		func(u auth.UpdateParams) authtypes.Address { return u.Authority },
		func(auth.UpdateParams) func(store.Reader) uint64 { return fixedGas(gasUpdateParams) },
		func(u auth.UpdateParams, w store.Writer, ev *core.Events, _ core.Block) error {
			return ak.UpdateParams(w, ev, authority, u)
		})
	route(r, banktypes.TypeURLMsgUpdateParams, bank.ModuleName, bank.ParseMsgUpdateParams,
		func(u bank.UpdateParams) authtypes.Address { return u.Authority },
		func(bank.UpdateParams) func(store.Reader) uint64 { return fixedGas(gasUpdateParams) },
		func(u bank.UpdateParams, w store.Writer, ev *core.Events, _ core.Block) error {
			return bk.UpdateParams(w, ev, authority, u)
		})
	route(r, stakingtypes.TypeURLMsgUpdateParams, staking.ModuleName, staking.ParseMsgUpdateParams,
		func(u staking.UpdateParams) authtypes.Address { return u.Authority },
		func(staking.UpdateParams) func(store.Reader) uint64 { return fixedGas(gasUpdateParams) },
		func(u staking.UpdateParams, w store.Writer, ev *core.Events, _ core.Block) error {
			return k.staking.UpdateParams(w, ev, authority, u)
		})
	route(r, slashingtypes.TypeURLMsgUpdateParams, slashing.ModuleName, slashing.ParseMsgUpdateParams,
		func(u slashing.UpdateParams) authtypes.Address { return u.Authority },
		func(slashing.UpdateParams) func(store.Reader) uint64 { return fixedGas(gasUpdateParams) },
		func(u slashing.UpdateParams, w store.Writer, ev *core.Events, _ core.Block) error {
			return k.slashing.UpdateParams(w, ev, authority, u)
		})
	route(r, distributiontypes.TypeURLMsgUpdateParams, distribution.ModuleName, distribution.ParseMsgUpdateParams,
		func(u distribution.UpdateParams) authtypes.Address { return u.Authority },
		func(distribution.UpdateParams) func(store.Reader) uint64 { return fixedGas(gasUpdateParams) },
		func(u distribution.UpdateParams, w store.Writer, ev *core.Events, _ core.Block) error {
			return k.distribution.UpdateParams(w, ev, authority, u)
		})
	route(r, minttypes.TypeURLMsgUpdateParams, mint.ModuleName, mint.ParseMsgUpdateParams,
		func(u mint.UpdateParams) authtypes.Address { return u.Authority },
		func(mint.UpdateParams) func(store.Reader) uint64 { return fixedGas(gasUpdateParams) },
		func(u mint.UpdateParams, w store.Writer, ev *core.Events, _ core.Block) error {
			return k.mint.UpdateParams(w, ev, authority, u)
		})
	route(r, govtypes.TypeURLMsgUpdateParams, gov.ModuleName, gov.ParseMsgUpdateParams,
		func(u gov.UpdateParams) authtypes.Address { return u.Authority },
		func(gov.UpdateParams) func(store.Reader) uint64 { return fixedGas(gasUpdateParams) },
		func(u gov.UpdateParams, w store.Writer, ev *core.Events, _ core.Block) error {
			return gk.UpdateParams(w, ev, authority, u)
		})
	route(r, distributiontypes.TypeURLMsgCommunityPoolSpend, distribution.ModuleName, distribution.ParseMsgCommunityPoolSpend,
		func(s distribution.CommunityPoolSpend) authtypes.Address { return s.Authority },
		func(distribution.CommunityPoolSpend) func(store.Reader) uint64 { return fixedGas(gasUpdateParams) },
		func(s distribution.CommunityPoolSpend, w store.Writer, ev *core.Events, _ core.Block) error {
			if name, ok := ak.ModuleAccountName(s.Recipient); ok {
				return core.ErrUnauthorized.Wrapf("the community pool cannot pay the %s module account", name)
			}
			return k.distribution.CommunityPoolSpend(w, ev, authority, s)
		})
}

// proposalMessage decodes a proposal's message, checking without state
// that it is one the chain runs and that governance alone signs it.
func (r router) proposalMessage(pm gov.Msg) (Msg, error) {
	switch pm.TypeURL {
	case govtypes.TypeURLMsgSubmitProposal, govtypes.TypeURLMsgDeposit, govtypes.TypeURLMsgVote, govtypes.TypeURLMsgVoteWeighted:
		return nil, fmt.Errorf("%s cannot be a proposal's message", pm.TypeURL)
	}
	m, err := r.decode(pm.TypeURL, pm.Value)
	if err != nil {
		return nil, err
	}
	signers := m.Signers()
	if len(signers) != 1 || !signers[0].Equal(gov.Authority()) {
		return nil, fmt.Errorf("%s must be signed by the governance account %s alone", pm.TypeURL, gov.Authority())
	}
	return m, nil
}

// executeProposals runs the messages of the proposals that passed in this
// block, each proposal atomically: if any of its messages fails, none of
// them applies and the proposal is marked failed.
func (a *App) executeProposals(st store.Writer, ev *core.Events, b core.Block, passed []gov.Proposal) {
	for _, p := range passed {
		branch := store.NewCache(st)
		var pev core.Events
		var failure error
		for i, pm := range p.Messages {
			m, err := a.router.proposalMessage(pm)
			if err != nil {
				failure = fmt.Errorf("message %d: %w", i, err)
				break
			}
			if err := m.Exec(branch, &pev, b); err != nil {
				failure = fmt.Errorf("message %d (%s): %w", i, pm.TypeURL, err)
				break
			}
		}
		if failure != nil {
			if err := a.gov.MarkFailed(st, p.ID, failure.Error()); err != nil {
				panic(fmt.Sprintf("gov: mark proposal %d failed: %v", p.ID, err))
			}
			ev.Emit("proposal_failed", core.IndexedAttr("proposal_id", fmt.Sprint(p.ID)), core.Attr("reason", failure.Error()))
			continue
		}
		branch.Write(st)
		ev.Append(&pev)
		ev.Emit("proposal_executed", core.IndexedAttr("proposal_id", fmt.Sprint(p.ID)))
	}
}
