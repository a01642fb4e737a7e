package evm

import (
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/params"

	"github.com/stakechain/stakechain/app/store"
)

// EstimateGas returns the lowest gas limit with which msg, run read-only as
// Call runs it, does not fail, for eth_estimateGas. It searches up to the
// message's own gas limit if it has one, else up to the block's gas limit,
// and never above the per-transaction cap of EIP-7825.
//
// If msg fails even with the most gas, EstimateGas returns that run's
// result with ErrReverted (the revert data is res.Revert()) or, for
// another failure such as running out of gas, ErrMessageRejected; a
// message that cannot run at all gives Call's error.
//
// NOTE: a gas limit is the gas a transaction may use before refunds, so
// the estimate can exceed the gas the transaction is then charged.
func (k Keeper) EstimateGas(r store.Reader, b Block, msg *core.Message) (uint64, *core.ExecutionResult, error) {
	hi := b.GasLimit
	if hi == 0 {
		hi = DefaultBlockGasLimit
	}
	hi = min(hi, params.MaxTxGas)
	if msg.GasLimit > 0 && msg.GasLimit < hi {
		hi = msg.GasLimit
	}
	run := func(gas uint64) (*core.ExecutionResult, error) {
		m := *msg
		m.GasLimit = gas
		return k.Call(r, b, &m, nil)
	}
	res, err := run(hi)
	if err != nil {
		return 0, nil, err
	}
	if res.Failed() {
		if err := Reverted(res); err != nil {
			return 0, res, err
		}
		return 0, res, ErrMessageRejected.Wrapf("it fails with %d gas: %v", hi, res.Err)
	}
	// The limit must cover the gas used before refunds, which is at least
	// the gas used after them.
	lo := res.UsedGas - 1
	for lo+1 < hi {
		mid := lo + (hi-lo)/2
		res, err := run(mid)
		if err != nil || res.Failed() {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi, nil, nil
}
