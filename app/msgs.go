package app

import (
	"fmt"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

// Msg is a decoded message that passed its stateless checks, bound to the
// keeper that executes it.
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
}

// router maps each type URL the chain accepts to its decoder. It is one
// explicit table: a type URL not listed here is rejected.
type router struct {
	decoders map[string]func(bz []byte) (Msg, error)
}

func newRouter(bk bank.Keeper) router {
	return router{decoders: map[string]func([]byte) (Msg, error){
		banktypes.TypeURLMsgSend: func(bz []byte) (Msg, error) {
			var m banktypes.MsgSend
			if err := m.Unmarshal(bz); err != nil {
				return nil, core.ErrTxDecode.Wrapf("%s: %v", banktypes.TypeURLMsgSend, err)
			}
			p, err := m.Parse()
			if err != nil {
				return nil, err
			}
			return sendMsg{k: bk, m: p}, nil
		},
	}}
}

func (r router) decode(typeURL string, bz []byte) (Msg, error) {
	dec, ok := r.decoders[typeURL]
	if !ok {
		return nil, core.ErrUnknownRequest.Wrapf("unknown message type %q", typeURL)
	}
	return dec(bz)
}

// sendMsg is a bank MsgSend.
type sendMsg struct {
	k bank.Keeper
	m banktypes.Parsed
}

func (s sendMsg) TypeURL() string              { return banktypes.TypeURLMsgSend }
func (s sendMsg) Module() string               { return bank.ModuleName }
func (s sendMsg) Signers() []authtypes.Address { return []authtypes.Address{s.m.From} }
func (s sendMsg) Gas(r store.Reader) uint64    { return s.k.SendGas(s.k.Params(r), s.m) }
func (s sendMsg) String() string {
	return fmt.Sprintf("send %s from %s to %s", s.m.Amount, s.m.From, s.m.To)
}
func (s sendMsg) Exec(w store.Writer, ev *core.Events, _ core.Block) error {
	return s.k.HandleSend(w, ev, s.m)
}
