package app

import (
	"encoding/base64"
	"fmt"
	"strconv"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	"github.com/stakechain/stakechain/x/auth/keys"
	"github.com/stakechain/stakechain/x/auth/keys/ed25519"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
	"github.com/stakechain/stakechain/x/core"
)

// execMode is the purpose a transaction is run for.
type execMode int

const (
	// modeCheck admits a tx to the mempool: everything runs on the
	// check-state, and a tx that fails anywhere changes nothing.
	modeCheck execMode = iota
	// modeSimulate estimates gas: signatures are not checked.
	modeSimulate
	// modeDeliver executes a tx of a decided block.
	modeDeliver
	// modeGenesis executes a genesis tx in InitChain: like modeDeliver,
	// but signed with account number 0 (accounts are numbered by genesis
	// itself, after the gentxs were signed), and a failure fails InitChain.
	modeGenesis
)

// txResult is the outcome of running one tx.
type txResult struct {
	gasWanted, gasUsed uint64
	events             []core.Event
	err                error
	// data is the result's data: an Ethereum transaction's
	// evmtypes.TxResult.
	data []byte
}

// runTx authenticates tx, charges its fee and executes its messages on w.
//
// In deliver mode a tx that fails authentication or fee payment changes
// nothing; a tx whose messages fail keeps its fee payment and sequence
// increment and nothing else. In check and simulate mode any failure
// changes nothing.
func (a *App) runTx(mode execMode, w store.Writer, b core.Block, tx *Tx) txResult {
	if tx.Eth != nil {
		return a.runEthTx(mode, w, b, tx)
	}
	res := txResult{gasWanted: tx.GasLimit}
	ante := store.NewCache(w)
	var anteEvents core.Events
	gas, err := a.ante(mode, ante, &anteEvents, b, tx)
	res.gasUsed = gas
	if err != nil {
		res.err = err
		return res
	}
	msgs := store.NewCache(ante)
	var msgEvents core.Events
	for i, m := range tx.Msgs {
		msgEvents.Emit("message",
			core.IndexedAttr("action", m.TypeURL()),
			core.IndexedAttr("sender", tx.addrText(m.Signers()[0])),
			core.Attr("module", m.Module()),
			core.Attr("msg_index", strconv.Itoa(i)))
		if err := m.Exec(msgs, &msgEvents, b); err != nil {
			res.err = fmt.Errorf("message %d: %w", i, err)
			break
		}
	}
	if res.err != nil && mode != modeDeliver {
		return res // check, simulate and genesis: a failure changes nothing
	}
	ante.Write(w)
	res.events = anteEvents.List()
	if res.err == nil {
		msgs.Write(w)
		res.events = append(res.events, msgEvents.List()...)
	}
	return res
}

// ante runs the checks and charges of a tx that come before its messages and
// returns the gas it uses.
func (a *App) ante(mode execMode, w store.Writer, ev *core.Events, b core.Block, tx *Tx) (uint64, error) {
	ap := a.auth.Params(w)
	if tx.Body.TimeoutHeight != 0 && uint64(b.Height) > tx.Body.TimeoutHeight {
		return 0, core.ErrTxTimeoutHeight.Wrapf("block height %d is past the tx's timeout height %d", b.Height, tx.Body.TimeoutHeight)
	}

	// A tx that cannot fit in any block would wait in the mempool forever,
	// and a block that holds it is over its limit.
	if maxGas := decodeInt64(w.Get(maxBlockGasKey)); maxGas > 0 && tx.GasLimit > uint64(maxGas) && mode != modeSimulate {
		return 0, core.ErrInvalidGasLimit.Wrapf("gas limit %d is above the block gas limit %d", tx.GasLimit, maxGas)
	}

	gas := a.gasRequired(w, ap, tx)
	if gas > tx.GasLimit && mode != modeSimulate {
		return tx.GasLimit, core.ErrOutOfGas.Wrapf("gas limit %d is below the %d the tx needs", tx.GasLimit, gas)
	}
	if mode == modeCheck {
		if err := a.checkMinFee(tx); err != nil {
			return gas, err
		}
	}

	for i, signer := range tx.Signers {
		acc := a.auth.Account(w, signer)
		if acc == nil {
			return gas, core.ErrUnknownAddress.Wrapf("account %s does not exist; it must receive funds before it can sign", signer)
		}
		pk, err := signerKey(acc, tx.PubKeys[i], signer)
		if err != nil && mode != modeSimulate {
			return gas, err
		}
		seq := tx.AuthInfo.SignerInfos[i].Sequence
		if seq != acc.Sequence {
			return gas, core.ErrWrongSequence.Wrapf("account sequence mismatch, expected %d, got %d", acc.Sequence, seq)
		}
		if acc.Sequence == ^uint64(0) {
			// The increment would wrap to 0 and make every old tx valid again.
			return gas, core.ErrInvalidSequence.Wrapf("account %s has used its last sequence number", signer)
		}
		accNum := acc.AccountNumber
		if mode == modeGenesis {
			accNum = 0
		}
		if mode != modeSimulate && !a.verifySignature(tx, i, accNum, pk) {
			return gas, core.ErrUnauthorized.Wrapf("signature verification failed; please verify account number (%d), sequence (%d) and chain-id (%s)", accNum, acc.Sequence, a.chainID)
		}
		if acc.PubKey == nil && pk != nil {
			acc.PubKey = keys.PubKeyToAny(pk)
		}
		acc.Sequence++
		a.auth.SetAccount(w, signer, acc)
		ev.Emit("tx", core.IndexedAttr("acc_seq", tx.signerText(i)+"/"+strconv.FormatUint(seq, 10)))
		if mode != modeSimulate {
			ev.Emit("tx", core.IndexedAttr("signature", base64.StdEncoding.EncodeToString(tx.Raw.Signatures[i])))
		}
	}

	if !tx.Fee.IsZero() {
		if err := a.payFee(mode, w, ev, tx); err != nil {
			return gas, core.ErrInsufficientFunds.Wrapf("cannot pay the fee of %s: %v", tx.Fee, err)
		}
	}
	ev.Emit("tx", core.Attr("fee", tx.feeString()), core.IndexedAttr("fee_payer", tx.signerText(0)))
	return gas, nil
}

// payFee takes tx's fee from its first signer and pays it to the fee
// collector. The check-state credits no one: no transaction's admission
// depends on the fee collector's balance, and crediting it made every
// transaction read what all the ones before it wrote, which defeats the
// records of CheckTx (checkrecord.go).
func (a *App) payFee(mode execMode, w store.Writer, ev *core.Events, tx *Tx) error {
	payer := tx.Signers[0]
	if mode == modeCheck {
		return a.bank.Deduct(w, payer, tx.Fee)
	}
	var feeEvents core.Events
	text := bank.EventText{From: tx.signerText(0), To: a.feeCollectorText, Amount: tx.feeString()}
	if err := a.bank.SendWithText(w, &feeEvents, payer, a.feeCollector, tx.Fee, text); err != nil {
		return err
	}
	ev.Append(&feeEvents)
	return nil
}

// signerKey returns the key that must have signed for signer: the one
// recorded in its account, or, on its first tx, the one in the tx.
func signerKey(acc *authtypes.BaseAccount, given keys.PubKey, signer authtypes.Address) (keys.PubKey, error) {
	have, err := auth.PubKey(acc)
	if err != nil {
		return nil, core.ErrInvalidPubKey.Wrapf("account %s: %v", signer, err)
	}
	switch {
	case have == nil && given == nil:
		return nil, core.ErrInvalidPubKey.Wrapf("account %s has no public key yet; its first tx must carry it", signer)
	case have == nil:
		return given, nil
	case given != nil && string(given.Bytes()) != string(have.Bytes()):
		return nil, core.ErrInvalidPubKey.Wrapf("the tx's public key for %s differs from the account's", signer)
	default:
		return have, nil
	}
}

// gasRequired is the gas a tx uses: a base charge, a charge per byte of its
// body (messages, memo), one per signature by key type, and one per message
// by type. The signatures and auth info are paid for by the per-signature
// charge, not per byte, so the gas does not depend on the signature or on
// the gas limit itself: a simulation, which has neither, gives the exact
// figure.
func (a *App) gasRequired(r store.Reader, ap auth.Params, tx *Tx) uint64 {
	// The parameters are set by governance and not bounded, so the sum
	// saturates rather than wrapping around to a small figure.
	gas := core.AddGas(ap.TxBaseGas, core.MulGas(ap.TxSizeCostPerByte, uint64(len(tx.Raw.BodyBytes))))
	for i := range tx.Signers {
		cost := ap.SigVerifyCostSecp256k1
		if _, ok := tx.PubKeys[i].(*ed25519.PubKey); ok {
			cost = ap.SigVerifyCostEd25519
		}
		gas = core.AddGas(gas, cost)
	}
	for _, m := range tx.Msgs {
		gas = core.AddGas(gas, m.Gas(r))
	}
	return gas
}

// checkMinFee enforces the node's minimum gas prices: the fee must cover
// price × gas limit in at least one of the priced denoms. A node with zero
// prices accepts any fee.
func (a *App) checkMinFee(tx *Tx) error {
	var required core.Coins
	gasLimit := math.LegacyNewDecFromInt(math.NewIntFromUint64(tx.GasLimit))
	for _, p := range a.minGasPrices {
		if p.Amount.IsZero() {
			continue
		}
		amt := p.Amount.Mul(gasLimit).Ceil().TruncateInt()
		required = append(required, core.Coin{Denom: p.Denom, Amount: amt})
	}
	if len(required) == 0 {
		return nil
	}
	for _, r := range required {
		if tx.Fee.AmountOf(r.Denom).GTE(r.Amount) {
			return nil
		}
	}
	return core.ErrInsufficientFee.Wrapf("fee %q is below this node's minimum of %s for gas limit %d", tx.Fee.String(), required.String(), tx.GasLimit)
}
