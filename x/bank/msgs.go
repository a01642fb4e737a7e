package bank

import (
	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

// SendGas is the gas a MsgSend costs: a fixed part and a part per denom.
func (k Keeper) SendGas(p Params, msg types.Parsed) uint64 {
	return core.AddGas(p.SendGas, core.MulGas(p.SendGasPerCoin, uint64(len(msg.Amount))))
}

// HandleSend executes a MsgSend whose signer has been authenticated.
func (k Keeper) HandleSend(w store.Writer, ev *core.Events, msg types.Parsed) error {
	if !k.Params(w).SendEnabled {
		return ErrSendDisabled
	}
	if name, ok := k.auth.ModuleAccountName(msg.To); ok {
		return ErrBlockedRecipient.Wrapf("%s is the %s module account", msg.To, name)
	}
	if msg.Text == (types.EventText{}) {
		return k.Send(w, ev, msg.From, msg.To, msg.Amount)
	}
	return k.SendWithText(w, ev, msg.From, msg.To, msg.Amount, msg.Text)
}
