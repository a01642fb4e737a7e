package types

import (
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// TypeURLMsgSend is MsgSend's type URL, as in Cosmos.
const TypeURLMsgSend = "/cosmos.bank.v1beta1.MsgSend"

// Parsed is a MsgSend with its addresses and coins decoded and checked.
type Parsed struct {
	From, To authtypes.Address
	Amount   core.Coins
	// Text is what the transfer's events show, made once here: a decoded
	// tx is executed several times (CheckTx, each recheck, the block), and
	// bech32 encoding is not free. Empty in a Parsed not made by Parse.
	Text EventText
}

// EventText is the text a transfer's events show: the bech32 forms of its
// sender and recipient and the amount's String.
type EventText struct {
	From, To, Amount string
}

// Parse checks a MsgSend without state: both addresses decode, the amount
// is valid and not empty.
func (m *MsgSend) Parse() (Parsed, error) {
	from, fromText, err := authtypes.ParseAddressText(m.FromAddress)
	if err != nil {
		return Parsed{}, core.ErrInvalidAddress.Wrapf("from_address: %v", err)
	}
	to, toText, err := authtypes.ParseAddressText(m.ToAddress)
	if err != nil {
		return Parsed{}, core.ErrInvalidAddress.Wrapf("to_address: %v", err)
	}
	amt, err := authtypes.CoinsFromProto(m.Amount)
	if err != nil {
		return Parsed{}, err
	}
	if amt.IsZero() {
		return Parsed{}, core.ErrInvalidCoins.Wrap("send amount is empty")
	}
	return Parsed{From: from, To: to, Amount: amt,
		Text: EventText{From: fromText, To: toText, Amount: amt.String()}}, nil
}
