package app

import (
	"context"
	"fmt"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	ballottypes "github.com/stakechain/stakechain/x/ballot/types"
	"github.com/stakechain/stakechain/x/core"
	govtypes "github.com/stakechain/stakechain/x/gov/types"
	tokentypes "github.com/stakechain/stakechain/x/token/types"
)

// StoreKeyPath is the abci_query path for a raw state key (data = the key).
// With prove=true the response carries an ics23 proof of the value, or of
// its absence, against the app hash in the header of the next height.
const StoreKeyPath = "/store/main/key"

// InvariantsPath is the abci_query path that checks the accounting
// invariants (CheckInvariants) on the state at the query's height. It reads
// the whole state: an audit for operators and tests, not for clients, so a
// node serves it only when Config.InvariantsQuery is set (app.toml's
// [query] invariants).
const InvariantsPath = "/app/invariants"

// queryHandler answers one gRPC method path with protobuf bytes.
type queryHandler func(r store.Reader, data []byte) ([]byte, error)

// unmarshaler and marshaler are what gogoproto generated types provide.
type unmarshaler interface{ Unmarshal([]byte) error }
type marshaler interface{ Marshal() ([]byte, error) }

// handle adapts a typed query function to a queryHandler.
func handle[Req any, PReq interface {
	*Req
	unmarshaler
}, Resp marshaler](f func(store.Reader, PReq) (Resp, error)) queryHandler {
	return func(r store.Reader, data []byte) ([]byte, error) {
		req := PReq(new(Req))
		if err := req.Unmarshal(data); err != nil {
			return nil, core.ErrTxDecode.Wrapf("query request: %v", err)
		}
		resp, err := f(r, req)
		if err != nil {
			return nil, err
		}
		return resp.Marshal()
	}
}

// queryRoutes is the table of gRPC method paths served over abci_query.
func (a *App) queryRoutes() map[string]queryHandler {
	return map[string]queryHandler{
		"/cosmos.auth.v1beta1.Query/Account":             handle(a.queryAccount),
		"/cosmos.auth.v1beta1.Query/ModuleAccountByName": handle(a.queryModuleAccount),
		"/cosmos.bank.v1beta1.Query/Balance":             handle(a.bank.QueryBalance),
		"/cosmos.bank.v1beta1.Query/AllBalances":         handle(a.bank.QueryAllBalances),
		"/cosmos.bank.v1beta1.Query/TotalSupply":         handle(a.bank.QueryTotalSupply),
		"/cosmos.bank.v1beta1.Query/SupplyOf":            handle(a.bank.QuerySupplyOf),
		"/cosmos.tx.v1beta1.Service/Simulate":            handle(a.simulate),

		"/cosmos.staking.v1beta1.Query/Validators":                    handle(a.staking.QueryValidators),
		"/cosmos.staking.v1beta1.Query/Validator":                     handle(a.staking.QueryValidator),
		"/cosmos.staking.v1beta1.Query/Delegation":                    handle(a.staking.QueryDelegation),
		"/cosmos.staking.v1beta1.Query/DelegatorDelegations":          handle(a.staking.QueryDelegatorDelegations),
		"/cosmos.staking.v1beta1.Query/UnbondingDelegation":           handle(a.staking.QueryUnbondingDelegation),
		"/cosmos.staking.v1beta1.Query/DelegatorUnbondingDelegations": handle(a.staking.QueryDelegatorUnbondingDelegations),
		"/cosmos.staking.v1beta1.Query/Params":                        handle(a.staking.QueryParams),
		"/cosmos.staking.v1beta1.Query/Pool":                          handle(a.staking.QueryPool),

		"/cosmos.slashing.v1beta1.Query/Params":       handle(a.slashing.QueryParams),
		"/cosmos.slashing.v1beta1.Query/SigningInfo":  handle(a.slashing.QuerySigningInfo),
		"/cosmos.slashing.v1beta1.Query/SigningInfos": handle(a.slashing.QuerySigningInfos),

		"/cosmos.distribution.v1beta1.Query/Params":                      handle(a.distribution.QueryParams),
		"/cosmos.distribution.v1beta1.Query/ValidatorOutstandingRewards": handle(a.distribution.QueryValidatorOutstandingRewards),
		"/cosmos.distribution.v1beta1.Query/ValidatorCommission":         handle(a.distribution.QueryValidatorCommission),
		"/cosmos.distribution.v1beta1.Query/DelegationRewards":           handle(a.distribution.QueryDelegationRewards),
		"/cosmos.distribution.v1beta1.Query/DelegationTotalRewards":      handle(a.distribution.QueryDelegationTotalRewards),
		"/cosmos.distribution.v1beta1.Query/DelegatorValidators":         handle(a.distribution.QueryDelegatorValidators),
		"/cosmos.distribution.v1beta1.Query/DelegatorWithdrawAddress":    handle(a.distribution.QueryDelegatorWithdrawAddress),
		"/cosmos.distribution.v1beta1.Query/CommunityPool":               handle(a.distribution.QueryCommunityPool),

		"/cosmos.mint.v1beta1.Query/Params":           handle(a.mint.QueryParams),
		"/cosmos.mint.v1beta1.Query/Inflation":        handle(a.mint.QueryInflation),
		"/cosmos.mint.v1beta1.Query/AnnualProvisions": handle(a.mint.QueryAnnualProvisions),

		tokentypes.QueryPathToken:     handle(a.token.QueryToken),
		tokentypes.QueryPathTokens:    handle(a.token.QueryTokens),
		tokentypes.QueryPathAllowance: handle(a.token.QueryAllowance),

		ballottypes.QueryPathBallot:  handle(a.ballot.QueryBallot),
		ballottypes.QueryPathVoter:   handle(a.ballot.QueryVoter),
		ballottypes.QueryPathTallies: handle(a.ballot.QueryTallies),
		ballottypes.QueryPathWinner:  handle(a.ballot.QueryWinner),

		govtypes.QueryPathProposal:    handle(a.gov.QueryProposal),
		govtypes.QueryPathProposals:   handle(a.gov.QueryProposals),
		govtypes.QueryPathVote:        handle(a.gov.QueryVote),
		govtypes.QueryPathVotes:       handle(a.gov.QueryVotes),
		govtypes.QueryPathParams:      handle(a.gov.QueryParams),
		govtypes.QueryPathDeposit:     handle(a.gov.QueryDeposit),
		govtypes.QueryPathDeposits:    handle(a.gov.QueryDeposits),
		govtypes.QueryPathTallyResult: handle(a.gov.QueryTallyResult),
	}
}

// Query answers abci_query: a gRPC method path with a protobuf request, as
// Cosmos clients send it, StoreKeyPath for a raw key with an optional
// proof, or authtypes.QueryPathPendingAccount for an account as the mempool
// sees it (pending.go). Height 0 means the last committed height.
func (a *App) Query(_ context.Context, req *abci.RequestQuery) (resp *abci.ResponseQuery, err error) {
	// A query must never stop the node: a read of a version pruned while the
	// query ran panics in the store, and is answered as an error.
	defer func() {
		if r := recover(); r != nil {
			resp, err = queryError(core.ErrInternal.Wrapf("query %s failed: %v", req.Path, r), req.Height), nil
		}
	}()
	height := req.Height
	if height == 0 {
		height = a.tree.Version()
	}
	if height > a.tree.Version() {
		return queryError(core.ErrInvalidRequest.Wrapf("height %d is above the last committed height %d", height, a.tree.Version()), height), nil
	}
	r, err := a.tree.At(height)
	if err != nil {
		return queryError(core.ErrInvalidRequest.Wrapf("state at height %d is not available: %v", height, err), height), nil
	}
	switch req.Path {
	case StoreKeyPath:
		return a.queryKey(r, req.Data, height, req.Prove), nil
	case authtypes.QueryPathPendingAccount:
		return a.queryPendingAccount(req, height), nil
	case InvariantsPath:
		if !a.cfg.InvariantsQuery {
			return queryError(core.ErrNotSupported.Wrapf("%s is disabled on this node: it reads the whole state; set invariants = true in the [query] section of app.toml (or STAKECHAIN_QUERY_INVARIANTS=true) to serve it", InvariantsPath), height), nil
		}
		if err := a.CheckInvariants(r); err != nil {
			return queryError(core.ErrInternal.Wrapf("invariant broken at height %d: %v", height, err), height), nil
		}
		return &abci.ResponseQuery{Code: abci.CodeTypeOK, Value: []byte("ok"), Height: height}, nil
	}
	h, ok := a.queries[req.Path]
	if !ok {
		return queryError(core.ErrUnknownRequest.Wrapf("unknown query path %q", req.Path), height), nil
	}
	bz, err := h(r, req.Data)
	if err != nil {
		return queryError(err, height), nil
	}
	return &abci.ResponseQuery{Code: abci.CodeTypeOK, Value: bz, Height: height}, nil
}

func (a *App) queryKey(r store.Reader, key []byte, height int64, prove bool) *abci.ResponseQuery {
	if len(key) == 0 {
		return queryError(core.ErrInvalidRequest.Wrap("empty key"), height)
	}
	if !prove {
		return &abci.ResponseQuery{Key: key, Value: r.Get(key), Height: height}
	}
	value, proof, err := a.tree.Proof(key, height)
	if err != nil {
		return queryError(core.ErrInvalidRequest.Wrapf("proof: %v", err), height)
	}
	ops, err := store.QueryProofOps(key, proof)
	if err != nil {
		return queryError(core.ErrInternal.Wrapf("proof: %v", err), height)
	}
	return &abci.ResponseQuery{Key: key, Value: value, Height: height, ProofOps: ops}
}

func queryError(err error, height int64) *abci.ResponseQuery {
	space, code, log := core.ABCIInfo(err)
	return &abci.ResponseQuery{Code: code, Codespace: space, Log: log, Height: height}
}

func (a *App) queryAccount(r store.Reader, req *authtypes.QueryAccountRequest) (*authtypes.QueryAccountResponse, error) {
	addr, err := authtypes.ParseAccountInput(req.Address)
	if err != nil {
		return nil, core.ErrInvalidAddress.Wrap(err.Error())
	}
	acc, err := a.auth.AccountAny(r, addr)
	if err != nil {
		return nil, err
	}
	if acc == nil {
		// Cosmos clients recognise a missing account by this text.
		return nil, core.ErrNotFound.Wrapf("rpc error: code = NotFound desc = account %s not found", req.Address)
	}
	return &authtypes.QueryAccountResponse{Account: acc}, nil
}

func (a *App) queryModuleAccount(r store.Reader, req *authtypes.QueryModuleAccountByNameRequest) (*authtypes.QueryModuleAccountByNameResponse, error) {
	addr := authtypes.ModuleAddress(req.Name)
	if _, ok := a.auth.ModuleAccountName(addr); !ok {
		return nil, core.ErrNotFound.Wrapf("rpc error: code = NotFound desc = module account %s not found", req.Name)
	}
	acc, err := a.auth.AccountAny(r, addr)
	if err != nil {
		return nil, err
	}
	return &authtypes.QueryModuleAccountByNameResponse{Account: acc}, nil
}

// simulate runs a tx on a throwaway copy of the state at the query's height,
// without checking signatures, and reports the gas it uses. Clients use it
// for --gas auto.
func (a *App) simulate(r store.Reader, req *authtypes.SimulateRequest) (*authtypes.SimulateResponse, error) {
	if len(req.TxBytes) == 0 {
		return nil, core.ErrInvalidRequest.Wrap("simulate needs tx_bytes")
	}
	st := store.NewCache(r)
	tx, err := a.decodeTx(req.TxBytes, a.limits(st, true))
	if err != nil {
		return nil, err
	}
	b := a.checkBlock()
	res := a.runTx(modeSimulate, st, b, tx)
	if res.err != nil {
		return nil, fmt.Errorf("simulation failed (gas used %d): %w", res.gasUsed, res.err)
	}
	evs := make([]*authtypes.Event, len(res.events))
	for i, e := range res.events {
		ev := &authtypes.Event{Type: e.Type}
		for _, at := range e.Attributes {
			ev.Attributes = append(ev.Attributes, &authtypes.EventAttribute{Key: at.Key, Value: at.Value, Index: at.Index})
		}
		evs[i] = ev
	}
	return &authtypes.SimulateResponse{
		GasInfo: &authtypes.GasInfo{GasWanted: res.gasWanted, GasUsed: res.gasUsed},
		Result:  &authtypes.Result{Events: evs},
	}, nil
}
