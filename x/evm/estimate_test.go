package evm

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/holiman/uint256"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/evm/contracts"
)

func TestTheGasEstimateIsJustEnough(t *testing.T) {
	c := newChain(t, map[string]int64{"alice": 1_000_000_000, "bob": 1_000_000_000})
	coin := c.deploy(t, alice, contracts.ERC20(), erc20ABI, "C", "C", uint8(6), big.NewInt(100))
	for name, tc := range map[string]struct {
		from common.Address
		data []byte
	}{
		"a transfer to a new holder":               {alice, pack(t, erc20ABI, "transfer", bob, big.NewInt(40))},
		"a transfer of a whole balance (a refund)": {alice, pack(t, erc20ABI, "transfer", carol, big.NewInt(100))},
		"an approval": {alice, pack(t, erc20ABI, "approve", bob, big.NewInt(1))},
		"a deployment, whose code costs gas to keep": {bob, nil},
	} {
		t.Run(name, func(t *testing.T) {
			to := &coin
			data := tc.data
			if data == nil {
				to = nil
				ctor, err := erc20ABI.Pack("", "D", "D", uint8(0), big.NewInt(1))
				require.NoError(t, err)
				data = append(append([]byte(nil), contracts.ERC20().Bin...), ctor...)
			}
			zero := new(uint256.Int)
			est, _, err := c.k.EstimateGas(c.w, testBlock, &core.Message{From: tc.from, To: to, Value: zero, GasPrice: zero, GasFeeCap: zero, GasTipCap: zero, Data: data})
			require.NoError(t, err)

			// One gas less fails, the estimate succeeds, on a copy of the state.
			for _, gas := range []uint64{est - 1, est} {
				w := c.w
				c.w = store.NewCache(w)
				m := c.message(tc.from, to, data, nil)
				m.GasLimit = gas
				res, _, err := c.k.Apply(c.w, testBlock, Tx{}, m, nil, nil)
				c.w = w
				require.NoError(t, err)
				if gas < est {
					require.ErrorContains(t, res.Err, "out of gas", "%d gas", gas)
				} else {
					require.NoError(t, res.Err, "%d gas", gas)
				}
			}
		})
	}
}

func TestTheGasEstimateOfARevertingCallGivesTheReason(t *testing.T) {
	c := newChain(t, map[string]int64{"alice": 1_000_000_000})
	coin := c.deploy(t, alice, contracts.ERC20(), erc20ABI, "C", "C", uint8(6), big.NewInt(100))
	zero := new(uint256.Int)
	msg := &core.Message{From: alice, To: &coin, Value: zero, GasPrice: zero, GasFeeCap: zero, GasTipCap: zero, Data: pack(t, erc20ABI, "transfer", common.Address{}, big.NewInt(1))}
	_, res, err := c.k.EstimateGas(c.w, testBlock, msg)
	require.ErrorIs(t, err, ErrReverted)
	require.ErrorContains(t, err, "ERC20: transfer to the zero address")
	require.NotEmpty(t, res.Revert())
}
