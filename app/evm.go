package app

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"

	"github.com/ethereum/go-ethereum/common"
	ethcore "github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/tracing"
	ethtypes "github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/evm"
	"github.com/stakechain/stakechain/x/evm/ethtx"
	evmtypes "github.com/stakechain/stakechain/x/evm/types"
)

// EthTx is the Ethereum part of a decoded Tx: the signed transaction as it
// came, and its sender, recovered from the signature when it was decoded.
type EthTx struct {
	Tx   *ethtypes.Transaction
	From common.Address
}

// An Ethereum transaction travels as its raw signed bytes, the bytes
// eth_sendRawTransaction takes, beside Cosmos TxRaws in the same blocks;
// ethtx.IsEthereum tells them apart by the first byte. It is a Tx with one
// signer, its sender, whose sequence is its nonce, and no Raw, Body,
// AuthInfo, Msgs or Fee: what it costs is gas × price, paid in wei.

// decodeEthTx decodes and statelessly checks an Ethereum transaction: its
// form and type, its chain id, its signature (recovering the sender), its
// intrinsic gas and init code size. What depends on the state (nonce,
// balance, base fee, the block's gas) is checked when it runs.
func (a *App) decodeEthTx(bz []byte, hash [32]byte, lim txLimits) (*Tx, error) {
	etx, err := ethtx.Decode(bz)
	if err != nil {
		return nil, err
	}
	from, err := ethtx.Validate(etx, ethtx.Limits{ChainID: new(big.Int).SetUint64(lim.evmChainID), Rules: evmRules(lim.evmChainID)})
	if err != nil {
		return nil, err
	}
	signer := authtypes.Address(from.Bytes())
	return &Tx{
		Hash:        hash,
		raw:         bz,
		Size:        len(bz),
		Eth:         &EthTx{Tx: etx, From: from},
		Signers:     []authtypes.Address{signer},
		GasLimit:    etx.Gas(),
		signerTexts: []string{signer.String()},
	}, nil
}

// evmRules are the EVM's fork rules, every fork through Osaka.
func evmRules(chainID uint64) params.Rules {
	return evm.ChainConfig(chainID).Rules(new(big.Int), true, 0)
}

// runEthTx runs an Ethereum transaction.
//
// In check mode it does not execute: it checks what admission needs (the
// nonce is the sender's next, the fee cap covers the base fee, the block
// can hold the gas, the balance covers gas × fee cap + value) and takes
// that much and the nonce in the check-state, so the sender's next
// transaction is checked after it. Simulation executes on the state, with
// the nonce check off. In deliver mode the transaction executes through
// the EVM keeper: refused (the same checks failing), it changes nothing; a
// revert or an out-of-gas keeps the nonce and the fee and nothing else.
func (a *App) runEthTx(mode execMode, w store.Writer, b core.Block, tx *Tx) txResult {
	res := txResult{gasWanted: tx.GasLimit}
	if mode == modeGenesis {
		res.err = core.ErrNotSupported.Wrap("Ethereum transactions cannot be genesis transactions")
		return res
	}
	etx, from := tx.Eth.Tx, tx.Eth.From
	p := a.evm.Params(w)
	if err := a.checkEthAdmission(w, p, tx, mode == modeSimulate); err != nil {
		res.err = err
		return res
	}
	if mode == modeCheck {
		if err := a.checkEthMinGasPrice(etx); err != nil {
			res.err = err
			return res
		}
		sdb := a.evm.NewStateDB(w)
		cost := ethCost(etx)
		sdb.SubBalance(from, uint256.MustFromBig(cost), tracing.BalanceChangeUnspecified)
		sdb.SetNonce(from, etx.Nonce()+1, tracing.NonceChangeUnspecified)
		if err := sdb.Commit(a.evm.FeeCollector()); err != nil {
			res.err = core.ErrInternal.Wrapf("check-state of Ethereum transaction: %v", err)
		}
		return res
	}

	msg, err := ethcore.TransactionToMessage(etx, ethtypes.LatestSignerForChainID(etx.ChainId()), p.BaseFee.BigInt())
	if err != nil {
		res.err = ethtx.ErrInvalidSignature.Wrap(err.Error())
		return res
	}
	blk := evm.Block{Height: uint64(b.Height), Time: uint64(b.Time.Unix()), GasLimit: a.evmBlockGasLimit()}
	if mode == modeSimulate {
		out, err := a.evm.Call(w, blk, msg, nil)
		if err != nil {
			res.err = err
			return res
		}
		res.gasUsed = out.UsedGas
		res.err = executionError(out)
		return res
	}

	// The result carries the logs without their indexes: those count
	// across the block, and the JSON-RPC derives them from the block.
	out, logs, err := a.evm.Apply(w, blk, evm.Tx{Hash: etx.Hash(), Signed: etx}, msg, ethcore.NewGasPool(etx.Gas()), nil)
	if errors.Is(err, evm.ErrModuleAccount) {
		// It ran, and would have moved a module account's balance: it fails
		// like an execution that ran out of gas, keeping its nonce and all
		// its gas's fee, so that such transactions are not free.
		return a.chargeRefusedEthTx(w, etx, from, p, err)
	}
	if err != nil {
		res.err = err
		return res
	}
	res.gasUsed = out.UsedGas
	result := &evmtypes.TxResult{Hash: etx.Hash().Bytes(), From: from.Bytes(), GasUsed: out.UsedGas, Logs: make([]*evmtypes.Log, len(logs))}
	for i, l := range logs {
		topics := make([][]byte, len(l.Topics))
		for j, t := range l.Topics {
			topics[j] = t.Bytes()
		}
		result.Logs[i] = &evmtypes.Log{Address: l.Address.Bytes(), Topics: topics, Data: l.Data}
	}
	if out.Err != nil {
		result.Failed, result.VmError, result.Ret = true, out.Err.Error(), out.Revert()
		res.err = executionError(out)
	} else if etx.To() == nil {
		result.ContractAddress = ethcrypto.CreateAddress(from, etx.Nonce()).Bytes()
	}
	res.data, res.events = ethOutcome(result)
	return res
}

// chargeRefusedEthTx takes the nonce and gas limit × effective price of a
// transaction whose execution the state refused, and records it as failed.
func (a *App) chargeRefusedEthTx(w store.Writer, etx *ethtypes.Transaction, from common.Address, p evm.Params, cause error) txResult {
	res := txResult{gasWanted: etx.Gas(), gasUsed: etx.Gas(), err: cause}
	price := new(big.Int).Add(p.BaseFee.BigInt(), etx.GasTipCap())
	if price.Cmp(etx.GasFeeCap()) > 0 {
		price.Set(etx.GasFeeCap())
	}
	fee := uint256.MustFromBig(new(big.Int).Mul(price, new(big.Int).SetUint64(etx.Gas())))
	sdb := a.evm.NewStateDB(w)
	sdb.SubBalance(from, fee, tracing.BalanceDecreaseGasBuy)
	sdb.AddBalance(a.evm.FeeCollector(), fee, tracing.BalanceIncreaseRewardTransactionFee)
	sdb.SetNonce(from, etx.Nonce()+1, tracing.NonceChangeEoACall)
	if err := sdb.Commit(a.evm.FeeCollector()); err != nil {
		// Admission checked the balance covers the fee, so this is only a
		// sender the state refuses outright: it changes nothing.
		return txResult{gasWanted: etx.Gas(), err: cause}
	}
	res.data, res.events = ethOutcome(&evmtypes.TxResult{Hash: etx.Hash().Bytes(), From: from.Bytes(), GasUsed: etx.Gas(), Failed: true, VmError: cause.Error()})
	return res
}

// ethOutcome is the data and events of an executed Ethereum transaction's
// result: the encoded TxResult, and the ethereum_tx event that indexes its
// hash.
func ethOutcome(result *evmtypes.TxResult) ([]byte, []core.Event) {
	data, err := result.Marshal()
	if err != nil {
		panic(fmt.Sprintf("app: encode Ethereum tx result: %v", err))
	}
	var ev core.Events
	ev.Emit("ethereum_tx",
		core.IndexedAttr("hash", common.BytesToHash(result.Hash).Hex()),
		core.IndexedAttr("sender", common.BytesToAddress(result.From).Hex()),
		core.Attr("gas_used", strconv.FormatUint(result.GasUsed, 10)))
	return data, ev.List()
}

// checkEthAdmission checks, on the state, what an Ethereum transaction
// needs to run: the block can hold its gas, its fee cap covers the base
// fee, its nonce is the sender's next (unless simulating) and the sender's
// balance covers gas × fee cap + value.
func (a *App) checkEthAdmission(r store.Reader, p evm.Params, tx *Tx, simulate bool) error {
	etx, from := tx.Eth.Tx, tx.Eth.From
	if maxGas := decodeInt64(r.Get(maxBlockGasKey)); maxGas > 0 && etx.Gas() > uint64(maxGas) {
		return ethtx.ErrGasAboveBlockMax.Wrapf("gas limit %d is above the block's max gas %d", etx.Gas(), maxGas)
	}
	if etx.GasFeeCapIntCmp(p.BaseFee.BigInt()) < 0 {
		return ethtx.ErrFeeCapBelowBaseFee.Wrapf("gas price %s is below the base fee %s", etx.GasFeeCap(), p.BaseFee)
	}
	sdb := a.evm.NewStateDB(store.NewCache(r))
	if !simulate {
		if next := sdb.GetNonce(from); etx.Nonce() < next {
			return ethtx.NonceTooLow(etx.Nonce(), next)
		} else if etx.Nonce() > next {
			return ethtx.NonceTooHigh(etx.Nonce(), next)
		}
	}
	if bal, cost := sdb.GetBalance(from).ToBig(), ethCost(etx); bal.Cmp(cost) < 0 {
		return ethtx.InsufficientFunds(bal, cost)
	}
	return nil
}

// checkEthMinGasPrice enforces the node's minimum gas price in the EVM's
// denom on an Ethereum transaction's fee cap, in wei: 0.025ustake per gas is
// 25 gwei.
func (a *App) checkEthMinGasPrice(etx *ethtypes.Transaction) error {
	denom := a.evm.Ledger().Denom
	for _, p := range a.minGasPrices {
		if p.Denom != denom || !p.Amount.IsPositive() {
			continue
		}
		min := p.Amount.MulInt64(evm.WeiPerMicro).Ceil().TruncateInt().BigInt()
		if etx.GasFeeCap().Cmp(min) < 0 {
			return core.ErrInsufficientFee.Wrapf("gas price %s wei is below this node's minimum of %s wei (%s%s per gas)", etx.GasFeeCap(), min, p.Amount, denom)
		}
	}
	return nil
}

// ethCost is the most a transaction can take from its sender: gas × fee
// cap + value. ethtx.Validate has checked it fits in 256 bits.
func ethCost(etx *ethtypes.Transaction) *big.Int {
	cost := new(big.Int).Mul(new(big.Int).SetUint64(etx.Gas()), etx.GasFeeCap())
	return cost.Add(cost, etx.Value())
}

// evmBlockGasLimit is the gas limit the EVM sees: the consensus max gas,
// or evm.DefaultBlockGasLimit when there is none.
func (a *App) evmBlockGasLimit() uint64 {
	if a.maxBlockGas > 0 {
		return uint64(a.maxBlockGas)
	}
	return evm.DefaultBlockGasLimit
}

// executionError is the error of an execution that ran and failed, nil for
// one that succeeded: ErrReverted with the revert reason when the contract
// gave one, ErrExecutionFailed with the EVM's error (out of gas, an invalid
// opcode, ...) otherwise.
func executionError(out *ethcore.ExecutionResult) error {
	switch {
	case out.Err == nil:
		return nil
	case out.Err == vm.ErrExecutionReverted:
		return evm.Reverted(out)
	default:
		return evm.ErrExecutionFailed.Wrap(out.Err.Error())
	}
}
