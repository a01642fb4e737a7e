package gov

import (
	"fmt"

	"cosmossdk.io/math"
	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/gov/types"
)

// ErrUnauthorized is a parameter update not signed by governance.
var ErrUnauthorized = core.Register(ModuleName, 11, "only governance may change the governance parameters")

// UpdateParams is a decoded MsgUpdateParams of governance itself.
type UpdateParams = core.UpdateParams[authtypes.Address, Params]

// ParseMsgUpdateParams reads a cosmos.gov.v1.MsgUpdateParams. Its decimals
// are plain decimal strings ("0.334000000000000000"), as gov v1 has them.
func ParseMsgUpdateParams(m *types.MsgUpdateParams) (UpdateParams, error) {
	return core.ParseUpdateParams(m.Authority, authtypes.ParseAddress, m.Params, ParamsFromProto, Params.Validate)
}

// ParamsFromProto reads wire params; it is the inverse of ParamsToProto.
func ParamsFromProto(w *types.Params) (Params, error) {
	var p Params
	var err error
	if p.MinDeposit, err = authtypes.CoinsFromProto(w.MinDeposit); err != nil {
		return p, fmt.Errorf("min_deposit: %w", err)
	}
	if p.ExpeditedMinDeposit, err = authtypes.CoinsFromProto(w.ExpeditedMinDeposit); err != nil {
		return p, fmt.Errorf("expedited_min_deposit: %w", err)
	}
	for _, d := range []struct {
		name string
		in   *gogotypes.Duration
		out  *core.Duration
	}{{"max_deposit_period", w.MaxDepositPeriod, &p.MaxDepositPeriod}, {"voting_period", w.VotingPeriod, &p.VotingPeriod},
		{"expedited_voting_period", w.ExpeditedVotingPeriod, &p.ExpeditedVotingPeriod}} {
		v, err := core.ParamDurationFromProto(d.in)
		if err != nil {
			return p, fmt.Errorf("%s: %w", d.name, err)
		}
		*d.out = v
	}
	for _, d := range []struct {
		name string
		in   string
		out  *math.LegacyDec
	}{{"quorum", w.Quorum, &p.Quorum}, {"threshold", w.Threshold, &p.Threshold}, {"veto_threshold", w.VetoThreshold, &p.VetoThreshold},
		{"min_initial_deposit_ratio", w.MinInitialDepositRatio, &p.MinInitialDepositRatio},
		{"proposal_cancel_ratio", w.ProposalCancelRatio, &p.ProposalCancelRatio},
		{"expedited_threshold", w.ExpeditedThreshold, &p.ExpeditedThreshold}, {"min_deposit_ratio", w.MinDepositRatio, &p.MinDepositRatio}} {
		v, err := math.LegacyNewDecFromStr(d.in)
		if err != nil {
			return p, fmt.Errorf("%s %q: %w", d.name, d.in, err)
		}
		*d.out = v
	}
	p.ProposalCancelDest = w.ProposalCancelDest
	p.BurnVoteQuorum, p.BurnProposalDepositPrevote, p.BurnVoteVeto = w.BurnVoteQuorum, w.BurnProposalDepositPrevote, w.BurnVoteVeto
	return p, nil
}

// UpdateParams replaces the governance parameters. It fails, changing
// nothing, unless the signer is authority (the governance account).
func (k Keeper) UpdateParams(w store.Writer, ev *core.Events, authority authtypes.Address, m UpdateParams) error {
	return core.ApplyUpdateParams(w, ev, authority, m, core.ParamsUpdate[store.Writer, Params]{
		Module: ModuleName, Unauthorized: ErrUnauthorized, Set: k.SetParams,
	})
}
