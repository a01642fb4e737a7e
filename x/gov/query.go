package gov

import (
	"time"

	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/gov/types"
)

// maxPage bounds the results of one list query.
const maxPage = 100

// ProposalToProto is p as cosmos.gov.v1 writes it. A proposal still in its
// voting period reports its final tally as zero, as Cosmos does.
func ProposalToProto(p Proposal) *types.Proposal {
	msgs := make([]*gogotypes.Any, len(p.Messages))
	for i, m := range p.Messages {
		msgs[i] = &gogotypes.Any{TypeUrl: m.TypeURL, Value: m.Value}
	}
	out := &types.Proposal{
		Id: p.ID, Messages: msgs, Status: p.Status, FinalTallyResult: TallyToProto(p.FinalTally),
		SubmitTime: timestamp(p.SubmitTime), DepositEndTime: timestamp(p.DepositEndTime), TotalDeposit: coinsToProto(p.TotalDeposit),
		Metadata: p.Metadata, Title: p.Title, Summary: p.Summary, Proposer: p.Proposer.String(), FailedReason: p.FailedReason,
	}
	if !p.VotingStartTime.IsZero() {
		out.VotingStartTime = timestamp(p.VotingStartTime)
		out.VotingEndTime = timestamp(p.VotingEndTime)
	}
	return out
}

// TallyToProto is t as base-10 strings.
func TallyToProto(t TallyResult) *types.TallyResult {
	if t.Yes.IsNil() {
		t = ZeroTally()
	}
	return &types.TallyResult{YesCount: t.Yes.String(), AbstainCount: t.Abstain.String(), NoCount: t.No.String(), NoWithVetoCount: t.NoWithVeto.String()}
}

// VoteToProto is v with its weights as decimal strings.
func VoteToProto(v Vote) *types.Vote {
	opts := make([]*types.WeightedVoteOption, len(v.Options))
	for i, o := range v.Options {
		opts[i] = &types.WeightedVoteOption{Option: o.Option, Weight: o.Weight.String()}
	}
	return &types.Vote{ProposalId: v.ProposalID, Voter: v.Voter.String(), Options: opts, Metadata: v.Metadata}
}

// DepositToProto is d on the wire.
func DepositToProto(d Deposit) *types.Deposit {
	return &types.Deposit{ProposalId: d.ProposalID, Depositor: d.Depositor.String(), Amount: coinsToProto(d.Amount)}
}

// ParamsToProto is p with its ratios as decimal strings.
func ParamsToProto(p Params) *types.Params {
	return &types.Params{
		MinDeposit: coinsToProto(p.MinDeposit), MaxDepositPeriod: duration(p.MaxDepositPeriod), VotingPeriod: duration(p.VotingPeriod),
		Quorum: p.Quorum.String(), Threshold: p.Threshold.String(), VetoThreshold: p.VetoThreshold.String(),
		MinInitialDepositRatio: p.MinInitialDepositRatio.String(), ProposalCancelRatio: p.ProposalCancelRatio.String(),
		ProposalCancelDest: p.ProposalCancelDest, ExpeditedVotingPeriod: duration(p.ExpeditedVotingPeriod),
		ExpeditedThreshold: p.ExpeditedThreshold.String(), ExpeditedMinDeposit: coinsToProto(p.ExpeditedMinDeposit),
		BurnVoteQuorum: p.BurnVoteQuorum, BurnProposalDepositPrevote: p.BurnProposalDepositPrevote, BurnVoteVeto: p.BurnVoteVeto,
		MinDepositRatio: p.MinDepositRatio.String(),
	}
}

// QueryProposal answers /cosmos.gov.v1.Query/Proposal.
func (k Keeper) QueryProposal(r store.Reader, req *types.QueryProposalRequest) (*types.QueryProposalResponse, error) {
	p, ok := k.Proposal(r, req.ProposalId)
	if !ok {
		return nil, ErrUnknownProposal.Wrapf("proposal %d", req.ProposalId)
	}
	return &types.QueryProposalResponse{Proposal: ProposalToProto(p)}, nil
}

// QueryProposals answers /cosmos.gov.v1.Query/Proposals: proposals in id
// order, filtered by status, voter and depositor when given, one page at a
// time by offset.
func (k Keeper) QueryProposals(r store.Reader, req *types.QueryProposalsRequest) (*types.QueryProposalsResponse, error) {
	var voter, depositor authtypes.Address
	var err error
	if req.Voter != "" {
		if voter, err = parseAccountInput("voter", req.Voter); err != nil {
			return nil, err
		}
	}
	if req.Depositor != "" {
		if depositor, err = parseAccountInput("depositor", req.Depositor); err != nil {
			return nil, err
		}
	}
	var all []*types.Proposal
	for _, p := range k.Proposals(r) {
		if req.ProposalStatus != types.ProposalStatus_PROPOSAL_STATUS_UNSPECIFIED && p.Status != req.ProposalStatus {
			continue
		}
		if voter != nil && !r.Has(voteKey(p.ID, voter)) {
			continue
		}
		if depositor != nil && !r.Has(depositKey(p.ID, depositor)) {
			continue
		}
		all = append(all, ProposalToProto(p))
	}
	lo, hi, page := authtypes.PageOf(len(all), req.Pagination, maxPage)
	return &types.QueryProposalsResponse{Proposals: all[lo:hi], Pagination: page}, nil
}

// QueryVote answers /cosmos.gov.v1.Query/Vote.
func (k Keeper) QueryVote(r store.Reader, req *types.QueryVoteRequest) (*types.QueryVoteResponse, error) {
	voter, err := parseAccountInput("voter", req.Voter)
	if err != nil {
		return nil, err
	}
	v, ok := k.Vote(r, req.ProposalId, voter)
	if !ok {
		return nil, ErrInvalidVote.Wrapf("%s has not voted on proposal %d", req.Voter, req.ProposalId)
	}
	return &types.QueryVoteResponse{Vote: VoteToProto(v)}, nil
}

// QueryVotes answers /cosmos.gov.v1.Query/Votes, by voter address.
func (k Keeper) QueryVotes(r store.Reader, req *types.QueryVotesRequest) (*types.QueryVotesResponse, error) {
	votes := k.Votes(r, req.ProposalId)
	lo, hi, page := authtypes.PageOf(len(votes), req.Pagination, maxPage)
	out := make([]*types.Vote, 0, hi-lo)
	for _, v := range votes[lo:hi] {
		out = append(out, VoteToProto(v))
	}
	return &types.QueryVotesResponse{Votes: out, Pagination: page}, nil
}

// QueryDeposit answers /cosmos.gov.v1.Query/Deposit.
func (k Keeper) QueryDeposit(r store.Reader, req *types.QueryDepositRequest) (*types.QueryDepositResponse, error) {
	depositor, err := parseAccountInput("depositor", req.Depositor)
	if err != nil {
		return nil, err
	}
	d, ok := k.Deposit(r, req.ProposalId, depositor)
	if !ok {
		return nil, ErrInvalidDeposit.Wrapf("%s has no deposit on proposal %d", req.Depositor, req.ProposalId)
	}
	return &types.QueryDepositResponse{Deposit: DepositToProto(d)}, nil
}

// QueryDeposits answers /cosmos.gov.v1.Query/Deposits, by depositor address.
func (k Keeper) QueryDeposits(r store.Reader, req *types.QueryDepositsRequest) (*types.QueryDepositsResponse, error) {
	deps := k.Deposits(r, req.ProposalId)
	lo, hi, page := authtypes.PageOf(len(deps), req.Pagination, maxPage)
	out := make([]*types.Deposit, 0, hi-lo)
	for _, d := range deps[lo:hi] {
		out = append(out, DepositToProto(d))
	}
	return &types.QueryDepositsResponse{Deposits: out, Pagination: page}, nil
}

// QueryTallyResult answers /cosmos.gov.v1.Query/TallyResult: the running
// tally of a proposal in its voting period, the final one otherwise.
func (k Keeper) QueryTallyResult(r store.Reader, req *types.QueryTallyResultRequest) (*types.QueryTallyResultResponse, error) {
	p, ok := k.Proposal(r, req.ProposalId)
	if !ok {
		return nil, ErrUnknownProposal.Wrapf("proposal %d", req.ProposalId)
	}
	switch p.Status {
	case types.ProposalStatus_PROPOSAL_STATUS_DEPOSIT_PERIOD:
		return &types.QueryTallyResultResponse{Tally: TallyToProto(ZeroTally())}, nil
	case types.ProposalStatus_PROPOSAL_STATUS_VOTING_PERIOD:
		return &types.QueryTallyResultResponse{Tally: TallyToProto(k.tally(r, k.Params(r), p).Result)}, nil
	}
	return &types.QueryTallyResultResponse{Tally: TallyToProto(p.FinalTally)}, nil
}

// QueryParams answers /cosmos.gov.v1.Query/Params with the parameters and
// their deprecated parts, whatever params_type asks.
func (k Keeper) QueryParams(r store.Reader, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p := k.Params(r)
	return &types.QueryParamsResponse{
		Params:        ParamsToProto(p),
		VotingParams:  &types.VotingParams{VotingPeriod: duration(p.VotingPeriod)},
		DepositParams: &types.DepositParams{MinDeposit: coinsToProto(p.MinDeposit), MaxDepositPeriod: duration(p.MaxDepositPeriod)},
		TallyParams:   &types.TallyParams{Quorum: p.Quorum.String(), Threshold: p.Threshold.String(), VetoThreshold: p.VetoThreshold.String()},
	}, nil
}

func coinsToProto(cs core.Coins) []*authtypes.Coin {
	out := make([]*authtypes.Coin, len(cs))
	for i, c := range cs {
		out[i] = &authtypes.Coin{Denom: c.Denom, Amount: c.Amount.String()}
	}
	return out
}

func duration(d core.Duration) *gogotypes.Duration {
	td := d.D()
	return &gogotypes.Duration{Seconds: int64(td / time.Second), Nanos: int32(td % time.Second)}
}

// parseAccountInput decodes an account address of a query, bech32 or 0x
// (authtypes.ParseAccountInput); messages take bech32 only (parseAddress).
func parseAccountInput(field, s string) (authtypes.Address, error) {
	a, err := authtypes.ParseAccountInput(s)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrapf("%s: %v", field, err)
	}
	return a, nil
}
