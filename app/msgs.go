package app

import (
	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/ballot"
	ballottypes "github.com/stakechain/stakechain/x/ballot/types"
	"github.com/stakechain/stakechain/x/bank"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/distribution"
	distributiontypes "github.com/stakechain/stakechain/x/distribution/types"
	"github.com/stakechain/stakechain/x/gov"
	"github.com/stakechain/stakechain/x/mint"
	"github.com/stakechain/stakechain/x/slashing"
	slashingtypes "github.com/stakechain/stakechain/x/slashing/types"
	"github.com/stakechain/stakechain/x/staking"
	stakingtypes "github.com/stakechain/stakechain/x/staking/types"
	"github.com/stakechain/stakechain/x/token"
	tokentypes "github.com/stakechain/stakechain/x/token/types"
)

// Msg is a decoded message that passed its stateless checks, bound to the
// keeper calls that execute it.
type Msg interface {
	// TypeURL is the message's Any type URL.
	TypeURL() string
	// Module names the module that handles it, for the "message" event.
	Module() string
	// Signers are the addresses that must sign, in order.
	Signers() []authtypes.Address
	// Gas is what the message costs under the parameters in r.
	Gas(r store.Reader) uint64
	// Exec applies the message to w.
	Exec(w store.Writer, ev *core.Events, b core.Block) error
	// UsesBlock reports whether Exec is given the block (its height or
	// time); one that is not gives the same result on the same state at any
	// height, which the recheck replay relies on (checkrecord.go).
	UsesBlock() bool
}

// msg is the one implementation of Msg: what a decoder found, and closures
// over the keepers that run it.
type msg struct {
	typeURL string
	module  string
	signers []authtypes.Address
	gas     func(r store.Reader) uint64
	exec    func(w store.Writer, ev *core.Events, b core.Block) error
	// usesBlock is false for the routes added by routeStateOnly, whose
	// handlers are not given the block.
	usesBlock bool
}

func (m msg) TypeURL() string              { return m.typeURL }
func (m msg) Module() string               { return m.module }
func (m msg) Signers() []authtypes.Address { return m.signers }
func (m msg) Gas(r store.Reader) uint64    { return m.gas(r) }
func (m msg) Exec(w store.Writer, ev *core.Events, b core.Block) error {
	return m.exec(w, ev, b)
}
func (m msg) UsesBlock() bool { return m.usesBlock }

// fixedGas is the gas of a message type whose cost does not depend on state.
func fixedGas(g uint64) func(store.Reader) uint64 { return func(store.Reader) uint64 { return g } }

// Gas of the staking messages: they touch a handful of keys each, more
// than a transfer.
const (
	gasCreateValidator = 60_000
	gasEditValidator   = 20_000
	gasDelegate        = 30_000
	gasUndelegate      = 35_000
	gasRedelegate      = 45_000
	gasUnjail          = 20_000
	gasWithdraw        = 25_000
)

// router maps each type URL the chain accepts to its decoder. It is one
// explicit table: a type URL not listed here is rejected.
type router struct {
	decoders map[string]func(bz []byte) (Msg, error)
}

// route adds the route of one message type: decode the wire message T,
// check it statelessly into P with parse, and run it with exec.
func route[T any, PT interface {
	*T
	Unmarshal([]byte) error
}, P any](r router, typeURL, module string, parse func(PT) (P, error), signer func(P) authtypes.Address,
	gas func(P) func(store.Reader) uint64, exec func(P, store.Writer, *core.Events, core.Block) error) {
	addRoute[T, PT](r, typeURL, module, parse, signer, gas, exec, true)
}

// routeStateOnly is route for a message whose handler needs no block: it
// is not given one, so its result depends only on the state it reads.
func routeStateOnly[T any, PT interface {
	*T
	Unmarshal([]byte) error
}, P any](r router, typeURL, module string, parse func(PT) (P, error), signer func(P) authtypes.Address,
	gas func(P) func(store.Reader) uint64, exec func(P, store.Writer, *core.Events) error) {
	addRoute[T, PT](r, typeURL, module, parse, signer, gas,
		func(p P, w store.Writer, ev *core.Events, _ core.Block) error { return exec(p, w, ev) }, false)
}

func addRoute[T any, PT interface {
	*T
	Unmarshal([]byte) error
}, P any](r router, typeURL, module string, parse func(PT) (P, error), signer func(P) authtypes.Address,
	gas func(P) func(store.Reader) uint64, exec func(P, store.Writer, *core.Events, core.Block) error, usesBlock bool) {
	r.decoders[typeURL] = func(bz []byte) (Msg, error) {
		m := PT(new(T))
		if err := m.Unmarshal(bz); err != nil {
			return nil, core.ErrTxDecode.Wrapf("%s: %v", typeURL, err)
		}
		p, err := parse(m)
		if err != nil {
			return nil, err
		}
		return msg{typeURL: typeURL, module: module, signers: []authtypes.Address{signer(p)}, gas: gas(p),
			exec: func(w store.Writer, ev *core.Events, b core.Block) error { return exec(p, w, ev, b) }, usesBlock: usesBlock}, nil
	}
}

// keepers are the keepers whose messages the router routes.
type keepers struct {
	auth         auth.Keeper
	bank         bank.Keeper
	staking      staking.Keeper
	slashing     slashing.Keeper
	distribution distribution.Keeper
	token        token.Keeper
	ballot       ballot.Keeper
	gov          gov.Keeper
	mint         mint.Keeper
}

func newRouter(k keepers) router {
	r := router{decoders: map[string]func([]byte) (Msg, error){}}
	bk, sk, slk, dk, tk, blk := k.bank, k.staking, k.slashing, k.distribution, k.token, k.ballot

	routeStateOnly(r, banktypes.TypeURLMsgSend, bank.ModuleName, (*banktypes.MsgSend).Parse,
		func(p banktypes.Parsed) authtypes.Address { return p.From },
		func(p banktypes.Parsed) func(store.Reader) uint64 {
			return func(r store.Reader) uint64 { return bk.SendGas(bk.Params(r), p) }
		},
		func(p banktypes.Parsed, w store.Writer, ev *core.Events) error {
			return bk.HandleSend(w, ev, p)
		})

	route(r, stakingtypes.TypeURLMsgCreateValidator, staking.ModuleName, staking.ParseCreateValidator,
		func(p staking.CreateValidator) authtypes.Address { return p.Operator },
		func(staking.CreateValidator) func(store.Reader) uint64 { return fixedGas(gasCreateValidator) },
		func(p staking.CreateValidator, w store.Writer, ev *core.Events, b core.Block) error {
			if err := sk.CreateValidator(w, ev, b, p); err != nil {
				return err
			}
			// The self-delegation starts earning from now.
			_, err := dk.SettleDelegation(w, ev, p.Operator, p.Operator)
			return err
		})
	route(r, stakingtypes.TypeURLMsgEditValidator, staking.ModuleName, staking.ParseEditValidator,
		func(p staking.EditValidator) authtypes.Address { return p.Operator },
		func(staking.EditValidator) func(store.Reader) uint64 { return fixedGas(gasEditValidator) },
		func(p staking.EditValidator, w store.Writer, ev *core.Events, b core.Block) error {
			return sk.EditValidator(w, ev, b, p)
		})
	routeStateOnly(r, stakingtypes.TypeURLMsgDelegate, staking.ModuleName, staking.ParseDelegate,
		func(p staking.DelegationMsg) authtypes.Address { return p.Delegator },
		func(staking.DelegationMsg) func(store.Reader) uint64 { return fixedGas(gasDelegate) },
		func(p staking.DelegationMsg, w store.Writer, ev *core.Events) error {
			// CONTRACT: a delegation's rewards are settled before its shares
			// change (x/distribution counts rewards per share).
			if _, err := dk.SettleDelegation(w, ev, p.Delegator, p.Validator); err != nil {
				return err
			}
			_, err := sk.Delegate(w, ev, p.Delegator, p.Validator, p.Amount)
			return err
		})
	route(r, stakingtypes.TypeURLMsgUndelegate, staking.ModuleName, staking.ParseUndelegate,
		func(p staking.DelegationMsg) authtypes.Address { return p.Delegator },
		func(staking.DelegationMsg) func(store.Reader) uint64 { return fixedGas(gasUndelegate) },
		func(p staking.DelegationMsg, w store.Writer, ev *core.Events, b core.Block) error {
			if _, err := dk.SettleDelegation(w, ev, p.Delegator, p.Validator); err != nil {
				return err
			}
			_, _, err := sk.Undelegate(w, ev, b, p.Delegator, p.Validator, p.Amount)
			return err
		})
	route(r, stakingtypes.TypeURLMsgBeginRedelegate, staking.ModuleName, staking.ParseBeginRedelegate,
		func(p staking.RedelegationMsg) authtypes.Address { return p.Delegator },
		func(staking.RedelegationMsg) func(store.Reader) uint64 { return fixedGas(gasRedelegate) },
		func(p staking.RedelegationMsg, w store.Writer, ev *core.Events, b core.Block) error {
			for _, val := range []authtypes.Address{p.Src, p.Dst} {
				if _, err := dk.SettleDelegation(w, ev, p.Delegator, val); err != nil {
					return err
				}
			}
			_, err := sk.BeginRedelegate(w, ev, b, p.Delegator, p.Src, p.Dst, p.Amount)
			return err
		})

	route(r, slashingtypes.TypeURLMsgUnjail, slashing.ModuleName, slashing.ParseMsgUnjail,
		func(op authtypes.Address) authtypes.Address { return op },
		func(authtypes.Address) func(store.Reader) uint64 { return fixedGas(gasUnjail) },
		func(op authtypes.Address, w store.Writer, ev *core.Events, b core.Block) error {
			return slk.Unjail(w, ev, b, op)
		})

	routeStateOnly(r, distributiontypes.TypeURLMsgWithdrawDelegatorReward, distribution.ModuleName, distribution.ParseMsgWithdrawDelegatorReward,
		func(p distribution.WithdrawDelegatorReward) authtypes.Address { return p.Delegator },
		func(distribution.WithdrawDelegatorReward) func(store.Reader) uint64 { return fixedGas(gasWithdraw) },
		func(p distribution.WithdrawDelegatorReward, w store.Writer, ev *core.Events) error {
			_, err := dk.WithdrawDelegatorReward(w, ev, p.Delegator, p.Validator)
			return err
		})
	routeStateOnly(r, distributiontypes.TypeURLMsgWithdrawValidatorCommission, distribution.ModuleName, distribution.ParseMsgWithdrawValidatorCommission,
		func(p distribution.WithdrawValidatorCommission) authtypes.Address { return p.Validator },
		func(distribution.WithdrawValidatorCommission) func(store.Reader) uint64 { return fixedGas(gasWithdraw) },
		func(p distribution.WithdrawValidatorCommission, w store.Writer, ev *core.Events) error {
			_, err := dk.WithdrawValidatorCommission(w, ev, p.Validator)
			return err
		})

	routeStateOnly(r, tokentypes.TypeURLMsgCreateToken, token.ModuleName, token.ParseCreateToken, token.CreateTokenMsg.Signer,
		func(token.CreateTokenMsg) func(store.Reader) uint64 { return fixedGas(token.GasCreateToken) },
		func(p token.CreateTokenMsg, w store.Writer, ev *core.Events) error {
			_, err := tk.CreateToken(w, ev, p)
			return err
		})
	routeStateOnly(r, tokentypes.TypeURLMsgMint, token.ModuleName, token.ParseMint, token.MintMsg.Signer,
		func(token.MintMsg) func(store.Reader) uint64 { return fixedGas(token.GasMint) },
		func(p token.MintMsg, w store.Writer, ev *core.Events) error { return tk.Mint(w, ev, p) })
	routeStateOnly(r, tokentypes.TypeURLMsgBurn, token.ModuleName, token.ParseBurn, token.BurnMsg.Signer,
		func(token.BurnMsg) func(store.Reader) uint64 { return fixedGas(token.GasBurn) },
		func(p token.BurnMsg, w store.Writer, ev *core.Events) error { return tk.Burn(w, ev, p) })
	routeStateOnly(r, tokentypes.TypeURLMsgApprove, token.ModuleName, token.ParseApprove, token.ApproveMsg.Signer,
		func(token.ApproveMsg) func(store.Reader) uint64 { return fixedGas(token.GasApprove) },
		func(p token.ApproveMsg, w store.Writer, ev *core.Events) error {
			return tk.Approve(w, ev, p)
		})
	routeStateOnly(r, tokentypes.TypeURLMsgTransferFrom, token.ModuleName, token.ParseTransferFrom, token.TransferFromMsg.Signer,
		func(token.TransferFromMsg) func(store.Reader) uint64 { return fixedGas(token.GasTransferFrom) },
		func(p token.TransferFromMsg, w store.Writer, ev *core.Events) error {
			return tk.TransferFrom(w, ev, p)
		})
	routeStateOnly(r, tokentypes.TypeURLMsgChangeAdmin, token.ModuleName, token.ParseChangeAdmin, token.ChangeAdminMsg.Signer,
		func(token.ChangeAdminMsg) func(store.Reader) uint64 { return fixedGas(token.GasChangeAdmin) },
		func(p token.ChangeAdminMsg, w store.Writer, ev *core.Events) error {
			return tk.ChangeAdmin(w, ev, p)
		})

	route(r, ballottypes.TypeURLMsgCreateBallot, ballot.ModuleName, ballot.ParseCreateBallot,
		func(p ballot.CreateBallot) authtypes.Address { return p.Chairperson },
		func(p ballot.CreateBallot) func(store.Reader) uint64 {
			return func(r store.Reader) uint64 { return blk.CreateBallotGas(r, p) }
		},
		func(p ballot.CreateBallot, w store.Writer, ev *core.Events, b core.Block) error {
			_, err := blk.CreateBallot(w, ev, b, p)
			return err
		})
	route(r, ballottypes.TypeURLMsgGiveRightToVote, ballot.ModuleName, ballot.ParseGiveRightToVote,
		func(p ballot.GiveRightToVote) authtypes.Address { return p.Chairperson },
		func(p ballot.GiveRightToVote) func(store.Reader) uint64 {
			return func(r store.Reader) uint64 { return blk.GiveRightToVoteGas(r, p) }
		},
		func(p ballot.GiveRightToVote, w store.Writer, ev *core.Events, b core.Block) error {
			return blk.GiveRightToVote(w, ev, b, p)
		})
	route(r, ballottypes.TypeURLMsgDelegateVote, ballot.ModuleName, ballot.ParseDelegateVote,
		func(p ballot.DelegateVote) authtypes.Address { return p.Voter },
		func(p ballot.DelegateVote) func(store.Reader) uint64 {
			return func(r store.Reader) uint64 { return blk.DelegateVoteGas(r, p) }
		},
		func(p ballot.DelegateVote, w store.Writer, ev *core.Events, b core.Block) error {
			return blk.DelegateVote(w, ev, b, p)
		})
	route(r, ballottypes.TypeURLMsgCastVote, ballot.ModuleName, ballot.ParseCastVote,
		func(p ballot.CastVote) authtypes.Address { return p.Voter },
		func(p ballot.CastVote) func(store.Reader) uint64 {
			return func(r store.Reader) uint64 { return blk.CastVoteGas(r, p) }
		},
		func(p ballot.CastVote, w store.Writer, ev *core.Events, b core.Block) error {
			return blk.CastVote(w, ev, b, p)
		})

	routeGov(r, k)
	return r
}

func (r router) decode(typeURL string, bz []byte) (Msg, error) {
	dec, ok := r.decoders[typeURL]
	if !ok {
		return nil, core.ErrUnknownRequest.Wrapf("unknown message type %q", typeURL)
	}
	return dec(bz)
}
