package app

import (
	"context"
	"crypto/ecdsa"
	"crypto/sha256"
	"math/big"
	"strings"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	ethcore "github.com/ethereum/go-ethereum/core"
	ethtypes "github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/crypto/kzg4844"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/evm"
	"github.com/stakechain/stakechain/x/evm/contracts"
	"github.com/stakechain/stakechain/x/evm/ethtx"
	evmtypes "github.com/stakechain/stakechain/x/evm/types"
)

var (
	testEthChainID = big.NewInt(evm.DefaultChainID)
	testEthSigner  = ethtypes.LatestSignerForChainID(testEthChainID)
	// testGasPrice is twice the default base fee.
	testGasPrice = big.NewInt(2_000_000_000)
)

// testEthKey derives an Ethereum key from a name.
func testEthKey(t testing.TB, name string) *ecdsa.PrivateKey {
	t.Helper()
	seed := sha256.Sum256([]byte("eth/" + name))
	k, err := crypto.ToECDSA(seed[:])
	require.NoError(t, err)
	return k
}

func ethAddr(k *ecdsa.PrivateKey) common.Address { return crypto.PubkeyToAddress(k.PublicKey) }

// bech32Of is the account address of an Ethereum address.
func bech32Of(a common.Address) string { return authtypes.Address(a.Bytes()).String() }

// ethTx signs a dynamic-fee transaction of key; to nil creates a contract.
func ethTx(t testing.TB, key *ecdsa.PrivateKey, nonce uint64, to *common.Address, value *big.Int, data []byte, gas uint64) []byte {
	t.Helper()
	tx, err := ethtypes.SignNewTx(key, testEthSigner, &ethtypes.DynamicFeeTx{
		ChainID: testEthChainID, Nonce: nonce, GasTipCap: big.NewInt(0), GasFeeCap: testGasPrice,
		Gas: gas, To: to, Value: value, Data: data,
	})
	require.NoError(t, err)
	raw, err := tx.MarshalBinary()
	require.NoError(t, err)
	return raw
}

// fundEth sends ustake from a Cosmos key to an Ethereum address, in a block.
func (c *testChain) fundEth(to common.Address, ustake string) {
	res := c.block(c.sign(c.send(testKey("alice"), bech32Of(to), ustake+"ustake")))
	require.Zero(c.t, res.TxResults[0].Code, res.TxResults[0].Log)
}

// deployERC20 creates the ERC-20 coin of key with supply units and returns
// its address and the gas the creation used.
func (c *testChain) deployERC20(key *ecdsa.PrivateKey, nonce uint64, supply int64) (common.Address, int64) {
	c.t.Helper()
	art := contracts.ERC20()
	parsed, err := abi.JSON(strings.NewReader(art.ABI))
	require.NoError(c.t, err)
	args, err := parsed.Pack("", "Seed", "SEED", uint8(18), big.NewInt(supply))
	require.NoError(c.t, err)
	res := c.block(ethTx(c.t, key, nonce, nil, nil, append(art.Bin, args...), 2_000_000))
	require.Zero(c.t, res.TxResults[0].Code, res.TxResults[0].Log)
	var out evmtypes.TxResult
	require.NoError(c.t, out.Unmarshal(res.TxResults[0].Data))
	require.Len(c.t, out.ContractAddress, 20)
	return common.BytesToAddress(out.ContractAddress), res.TxResults[0].GasUsed
}

func erc20ABI(t testing.TB) abi.ABI {
	parsed, err := abi.JSON(strings.NewReader(contracts.ERC20().ABI))
	require.NoError(t, err)
	return parsed
}

// ethCall runs a read-only call on the committed state and returns its
// output.
func (c *testChain) ethCall(to common.Address, data []byte) []byte {
	c.t.Helper()
	msg := &ethcore.Message{To: &to, GasLimit: 1_000_000, GasPrice: new(uint256.Int), GasFeeCap: new(uint256.Int), GasTipCap: new(uint256.Int), Value: new(uint256.Int), Data: data}
	out, err := c.app.evm.Call(c.app.tree.Latest(), evm.Block{Height: uint64(c.height + 1)}, msg, nil)
	require.NoError(c.t, err)
	require.NoError(c.t, out.Err)
	return out.ReturnData
}

// wei is addr's balance as the EVM sees it in the committed state.
func (c *testChain) wei(addr common.Address) *uint256.Int {
	return c.app.evm.NewStateDB(store.NewCache(c.app.tree.Latest())).GetBalance(addr)
}

func TestAnERC20CoinIsDeployedAndTransferredThroughFinalizeBlock(t *testing.T) {
	c := newTestChain(t)
	owner, friend := testEthKey(t, "owner"), testEthKey(t, "friend")
	c.fundEth(ethAddr(owner), "1000000") // 1 STAKE

	before := c.wei(ethAddr(owner))
	coin, deployGas := c.deployERC20(owner, 0, 1_000_000)
	erc20 := erc20ABI(t)

	data, err := erc20.Pack("transfer", ethAddr(friend), big.NewInt(250))
	require.NoError(t, err)
	res := c.block(ethTx(t, owner, 1, &coin, nil, data, 100_000))
	r := res.TxResults[0]
	require.Zero(t, r.Code, r.Log)
	var out evmtypes.TxResult
	require.NoError(t, out.Unmarshal(r.Data))
	require.False(t, out.Failed)
	require.Equal(t, uint64(r.GasUsed), out.GasUsed)
	require.Len(t, out.Logs, 1, "a Transfer event")
	require.Equal(t, erc20.Events["Transfer"].ID.Bytes(), out.Logs[0].Topics[0])
	require.Equal(t, common.LeftPadBytes(ethAddr(friend).Bytes(), 32), out.Logs[0].Topics[2])
	require.Equal(t, "ethereum_tx", r.Events[0].Type)

	bal, err := erc20.Pack("balanceOf", ethAddr(friend))
	require.NoError(t, err)
	require.Equal(t, big.NewInt(250), new(big.Int).SetBytes(c.ethCall(coin, bal)))

	// Nonce = the account's sequence; the fees paid are gas used × price,
	// to the wei, and went to the fee collector.
	require.Equal(t, uint64(2), c.account(bech32Of(ethAddr(owner))).Sequence)
	after := c.wei(ethAddr(owner))
	paid := new(uint256.Int).Sub(before, after)
	// A dynamic-fee tx pays the base fee plus its tip (none), not its cap.
	want := new(big.Int).Mul(big.NewInt(deployGas+r.GasUsed), evm.DefaultParams().BaseFee.BigInt())
	require.Equal(t, want.String(), paid.ToBig().String())
	require.NoError(t, c.app.CheckInvariants(c.app.tree.Latest()))
}

func TestARevertKeepsTheFeeAndTheNonceAndNothingElse(t *testing.T) {
	c := newTestChain(t)
	owner, friend := testEthKey(t, "owner"), testEthKey(t, "friend")
	c.fundEth(ethAddr(owner), "1000000")
	coin, _ := c.deployERC20(owner, 0, 100)
	erc20 := erc20ABI(t)
	data, err := erc20.Pack("transfer", ethAddr(friend), big.NewInt(101))
	require.NoError(t, err)

	res := c.block(ethTx(t, owner, 1, &coin, nil, data, 100_000))
	r := res.TxResults[0]
	require.Equal(t, evm.ErrReverted.Code(), r.Code, r.Log)
	require.Equal(t, "evm", r.Codespace)
	var out evmtypes.TxResult
	require.NoError(t, out.Unmarshal(r.Data))
	require.True(t, out.Failed)
	require.Empty(t, out.Logs)
	// The coin reverts with its custom error InsufficientBalance(account,
	// held, needed); the revert data is kept whole for clients to decode.
	custom := erc20.Errors["InsufficientBalance"]
	require.Equal(t, custom.ID.Bytes()[:4], out.Ret[:4])
	fields, err := custom.Inputs.Unpack(out.Ret[4:])
	require.NoError(t, err)
	require.Equal(t, []any{ethAddr(owner), big.NewInt(100), big.NewInt(101)}, fields)
	require.Contains(t, r.Log, common.Bytes2Hex(out.Ret))
	require.Equal(t, uint64(2), c.account(bech32Of(ethAddr(owner))).Sequence, "the nonce is used")
	bal, err := erc20.Pack("balanceOf", ethAddr(owner))
	require.NoError(t, err)
	require.Equal(t, big.NewInt(100), new(big.Int).SetBytes(c.ethCall(coin, bal)))
	require.NoError(t, c.app.CheckInvariants(c.app.tree.Latest()))
}

func TestAValueWithMoreDecimalsThanUstakeArrivesToTheWei(t *testing.T) {
	c := newTestChain(t)
	from, to := testEthKey(t, "from"), testEthKey(t, "to")
	c.fundEth(ethAddr(from), "500000")
	value, ok := new(big.Int).SetString("123456789100000001", 10) // 0.1234567891... STAKE
	require.True(t, ok)
	dest := ethAddr(to)
	res := c.block(ethTx(t, from, 0, &dest, value, nil, 21_000))
	require.Zero(t, res.TxResults[0].Code, res.TxResults[0].Log)
	require.Equal(t, value.String(), c.wei(dest).ToBig().String())
	require.Equal(t, "123456", c.balance(bech32Of(dest), "ustake"), "the whole ustake in the bank")
	require.NoError(t, c.app.CheckInvariants(c.app.tree.Latest()))
}

func TestBadEthereumTransactionsAreRefusedWithTheirCodeAndChangeNothing(t *testing.T) {
	c := newTestChain(t)
	key, poor := testEthKey(t, "key"), testEthKey(t, "poor")
	c.fundEth(ethAddr(key), "1000000")
	dest := ethAddr(poor)
	sent := ethTx(t, key, 0, &dest, big.NewInt(1), nil, 21_000)
	res := c.block(sent)
	require.Zero(t, res.TxResults[0].Code, res.TxResults[0].Log)
	c.block() // the fee is allocated: the blocks below have nothing to move

	legacy := func(chainID *big.Int, protected bool) []byte {
		inner := &ethtypes.LegacyTx{Nonce: 1, GasPrice: testGasPrice, Gas: 21_000, To: &dest, Value: big.NewInt(1)}
		var signer ethtypes.Signer = ethtypes.HomesteadSigner{}
		if protected {
			signer = ethtypes.NewEIP155Signer(chainID)
		}
		tx, err := ethtypes.SignNewTx(key, signer, inner)
		require.NoError(t, err)
		raw, err := tx.MarshalBinary()
		require.NoError(t, err)
		return raw
	}
	blob := func() []byte {
		tx, err := ethtypes.SignNewTx(key, ethtypes.NewCancunSigner(testEthChainID), &ethtypes.BlobTx{
			ChainID: uint256.MustFromBig(testEthChainID), Nonce: 1, GasTipCap: uint256.NewInt(0), GasFeeCap: uint256.MustFromBig(testGasPrice),
			Gas: 21_000, To: dest, Value: uint256.NewInt(1), BlobFeeCap: uint256.NewInt(1), BlobHashes: []common.Hash{kzg4844.CalcBlobHashV1(sha256.New(), &kzg4844.Commitment{})},
		})
		require.NoError(t, err)
		raw, err := tx.MarshalBinary()
		require.NoError(t, err)
		return raw
	}
	setCode := func() []byte {
		auth, err := ethtypes.SignSetCode(key, ethtypes.SetCodeAuthorization{ChainID: *uint256.MustFromBig(testEthChainID), Address: dest, Nonce: 2})
		require.NoError(t, err)
		tx, err := ethtypes.SignNewTx(key, ethtypes.NewPragueSigner(testEthChainID), &ethtypes.SetCodeTx{
			ChainID: uint256.MustFromBig(testEthChainID), Nonce: 1, GasTipCap: uint256.NewInt(0), GasFeeCap: uint256.MustFromBig(testGasPrice),
			Gas: 100_000, To: dest, Value: uint256.NewInt(0), AuthList: []ethtypes.SetCodeAuthorization{auth},
		})
		require.NoError(t, err)
		raw, err := tx.MarshalBinary()
		require.NoError(t, err)
		return raw
	}
	lowFee := func() []byte {
		tx, err := ethtypes.SignNewTx(key, testEthSigner, &ethtypes.DynamicFeeTx{ChainID: testEthChainID, Nonce: 1, GasTipCap: big.NewInt(0), GasFeeCap: big.NewInt(1), Gas: 21_000, To: &dest})
		require.NoError(t, err)
		raw, err := tx.MarshalBinary()
		require.NoError(t, err)
		return raw
	}
	otherChain := func() []byte {
		tx, err := ethtypes.SignNewTx(key, ethtypes.LatestSignerForChainID(big.NewInt(1)), &ethtypes.DynamicFeeTx{ChainID: big.NewInt(1), Nonce: 1, GasTipCap: big.NewInt(0), GasFeeCap: testGasPrice, Gas: 21_000, To: &dest})
		require.NoError(t, err)
		raw, err := tx.MarshalBinary()
		require.NoError(t, err)
		return raw
	}
	huge := make([]byte, params.MaxInitCodeSize+1)

	// Stateless refusals (decoding, signature, limits of the tx alone) are
	// also left out of proposals; the others depend on the state.
	for _, tc := range []struct {
		name      string
		tx        []byte
		err       interface{ Code() uint32 }
		stateless bool
	}{
		{"malformed RLP", []byte{0x02, 0xf8, 0xff, 0x01}, ethtx.ErrTxDecode, true},
		{"a wrong chain id", otherChain(), ethtx.ErrWrongChainID, true},
		{"an unprotected legacy tx", legacy(nil, false), ethtx.ErrUnprotectedTx, true},
		{"a nonce too low: the committed tx replayed", sent, ethtx.ErrNonceTooLow, false},
		{"a nonce too high", ethTx(t, key, 5, &dest, big.NewInt(1), nil, 21_000), ethtx.ErrNonceTooHigh, false},
		{"a balance below gas × price + value", ethTx(t, poor, 0, &dest, big.NewInt(1), nil, 21_000), ethtx.ErrInsufficientFunds, false},
		{"a gas limit above the per-tx cap", ethTx(t, key, 1, &dest, big.NewInt(1), nil, params.MaxTxGas+1), ethtx.ErrGasAboveTxCap, true},
		{"a blob tx", blob(), ethtx.ErrBlobTxNotSupported, true},
		{"a set-code tx", setCode(), ethtx.ErrSetCodeTxNotSupported, true},
		{"oversized init code", ethTx(t, key, 1, nil, nil, huge, 15_000_000), ethtx.ErrInitCodeTooLarge, true},
		{"a fee cap below the base fee", lowFee(), ethtx.ErrFeeCapBelowBaseFee, false},
		{"a gas limit below the intrinsic gas", ethTx(t, key, 1, &dest, big.NewInt(1), nil, 20_999), ethtx.ErrIntrinsicGas, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := c.stateDump()
			check := c.checkTx(tc.tx)
			require.Equal(t, tc.err.Code(), check.Code, check.Log)
			require.Equal(t, "evm", check.Codespace)
			require.NotEmpty(t, check.Log)
			// A proposer leaves it out; a block that holds it anyway
			// fails it.
			prep, err := c.app.PrepareProposal(context.Background(), &abci.RequestPrepareProposal{Txs: [][]byte{tc.tx}, MaxTxBytes: 4 << 20, Height: c.height + 1})
			require.NoError(t, err)
			if tc.stateless {
				require.Empty(t, prep.Txs, "stateless refusals are left out of proposals")
			}
			res := c.finalize([][]byte{tc.tx})
			require.Equal(t, tc.err.Code(), res.TxResults[0].Code, res.TxResults[0].Log)
			require.Equal(t, before, c.stateDump(), "the state must not change")
		})
	}
}

func TestOneSenderMayHaveConsecutiveNoncesInTheMempool(t *testing.T) {
	c := newTestChain(t)
	key := testEthKey(t, "key")
	c.fundEth(ethAddr(key), "1000000")
	dest := ethAddr(testEthKey(t, "dest"))
	var txs [][]byte
	for n := uint64(0); n < 5; n++ {
		tx := ethTx(t, key, n, &dest, big.NewInt(1_000_000_000_000), nil, 21_000)
		res := c.checkTx(tx)
		require.Equal(t, abci.CodeTypeOK, res.Code, "nonce %d: %s", n, res.Log)
		txs = append(txs, tx)
	}
	gap := c.checkTx(ethTx(t, key, 7, &dest, big.NewInt(1), nil, 21_000))
	require.Equal(t, ethtx.ErrNonceTooHigh.Code(), gap.Code, gap.Log)
	require.Contains(t, gap.Log, "7")

	acc, ok := c.app.PendingAccount(authtypes.Address(ethAddr(key).Bytes()))
	require.True(t, ok)
	require.Equal(t, uint64(5), acc.Sequence, "the pending nonce counts the mempool")

	res := c.block(txs...)
	for i, r := range res.TxResults {
		require.Zero(t, r.Code, "tx %d: %s", i, r.Log)
	}
	require.Equal(t, "5", c.balance(bech32Of(dest), "ustake"))
}

func TestTheNodesMinimumGasPriceAppliesToEthereumTransactionsInWei(t *testing.T) {
	// 0.002ustake per gas is 2 gwei: a fee cap of 2 gwei passes, 1 gwei
	// (the base fee) does not.
	c := newTestChainWithConfig(t, Config{MinGasPrices: "0.002ustake"}, genesisWith(t, map[string]string{"alice": "1000000ustake"}, "alice"))
	key := testEthKey(t, "key")
	c.fundEth(ethAddr(key), "100000")
	dest := ethAddr(testEthKey(t, "dest"))
	cheap, err := ethtypes.SignNewTx(key, testEthSigner, &ethtypes.DynamicFeeTx{ChainID: testEthChainID, GasTipCap: big.NewInt(0), GasFeeCap: big.NewInt(1_000_000_000), Gas: 21_000, To: &dest})
	require.NoError(t, err)
	raw, err := cheap.MarshalBinary()
	require.NoError(t, err)
	res := c.checkTx(raw)
	require.Equal(t, uint32(13), res.Code, res.Log) // sdk's insufficient fee
	require.Equal(t, "sdk", res.Codespace)
	require.Contains(t, res.Log, "below this node's minimum of 2000000000 wei")

	res = c.checkTx(ethTx(t, key, 0, &dest, nil, nil, 21_000))
	require.Equal(t, abci.CodeTypeOK, res.Code, res.Log)
}

func TestAStateWithoutTheEVMIsRefusedAtStartWithAClearError(t *testing.T) {
	c := newTestChain(t)
	// A state as a version without the EVM wrote it: no EVM parameters.
	c.app.tree.Apply([]store.Change{{Key: []byte("evm/params")}})
	_, _, err := c.app.tree.Commit()
	require.NoError(t, err)
	require.NoError(t, c.app.tree.Close())

	_, err = New(Config{DB: c.db})
	require.ErrorContains(t, err, "without the EVM")
	require.ErrorContains(t, err, "start a new network")
}

func TestAValueSentToAModuleAccountFailsAndStillPaysItsGas(t *testing.T) {
	c := newTestChain(t)
	key := testEthKey(t, "key")
	c.fundEth(ethAddr(key), "100000")
	c.block() // the funding's fee is allocated
	gov := common.BytesToAddress(authtypes.ModuleAddress("gov"))
	before := c.wei(ethAddr(key))
	collected := c.wei(c.app.evm.FeeCollector())

	res := c.block(ethTx(t, key, 0, &gov, big.NewInt(1_000_000_000_000), nil, 30_000))
	r := res.TxResults[0]
	require.Equal(t, evm.ErrModuleAccount.Code(), r.Code, r.Log)
	require.Equal(t, int64(30_000), r.GasUsed, "all its gas")
	var out evmtypes.TxResult
	require.NoError(t, out.Unmarshal(r.Data))
	require.True(t, out.Failed)
	require.Equal(t, uint64(1), c.account(bech32Of(ethAddr(key))).Sequence, "the nonce is used")
	fee := new(big.Int).Mul(big.NewInt(30_000), evm.DefaultParams().BaseFee.BigInt())
	require.Equal(t, new(big.Int).Sub(before.ToBig(), fee).String(), c.wei(ethAddr(key)).ToBig().String(), "the fee and nothing more is taken")
	require.Equal(t, new(big.Int).Add(collected.ToBig(), fee).String(), c.wei(c.app.evm.FeeCollector()).ToBig().String(), "the fee went to the fee collector")
	require.True(t, c.wei(gov).IsZero(), "the module account received nothing")
}
