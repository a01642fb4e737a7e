package evm

import (
	"encoding/json"
	"math/big"
	"strings"
	"testing"

	"cosmossdk.io/math"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	ethtypes "github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/holiman/uint256"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/evm/contracts"
)

var (
	erc20ABI  = mustABI(contracts.ERC20().ABI)
	ballotABI = mustABI(contracts.Ballot().ABI)
	testBlock = Block{Height: 10, Time: 1_700_000_000, GasLimit: 30_000_000}
)

func mustABI(s string) abi.ABI {
	a, err := abi.JSON(strings.NewReader(s))
	if err != nil {
		panic(err)
	}
	return a
}

// message is a message from `from` with its current nonce, paying the base
// fee and no tip.
func (c *chain) message(from common.Address, to *common.Address, data []byte, value *uint256.Int) *core.Message {
	fee := uint256.MustFromBig(c.k.Params(c.w).BaseFee.BigInt())
	if value == nil {
		value = new(uint256.Int)
	}
	return &core.Message{
		From: from, To: to, Nonce: c.k.NewStateDB(c.w).GetNonce(from), Value: value,
		GasLimit: 3_000_000, GasPrice: fee, GasFeeCap: fee, GasTipCap: new(uint256.Int), Data: data,
	}
}

// apply applies a message and checks the invariants afterwards.
func (c *chain) apply(t *testing.T, from common.Address, to *common.Address, data []byte, value *uint256.Int) (*core.ExecutionResult, []*ethtypes.Log) {
	t.Helper()
	res, logs, err := c.k.Apply(c.w, testBlock, Tx{Index: 0}, c.message(from, to, data, value), nil, nil)
	require.NoError(t, err)
	c.checkInvariants(t)
	return res, logs
}

func (c *chain) deploy(t *testing.T, from common.Address, art contracts.Artifact, parsed abi.ABI, args ...any) common.Address {
	t.Helper()
	ctor, err := parsed.Pack("", args...)
	require.NoError(t, err)
	addr := crypto.CreateAddress(from, c.k.NewStateDB(c.w).GetNonce(from))
	res, _ := c.apply(t, from, nil, append(append([]byte(nil), art.Bin...), ctor...), nil)
	require.NoError(t, res.Err)
	require.NotEmpty(t, c.k.NewStateDB(c.w).GetCode(addr))
	return addr
}

func (c *chain) call(t *testing.T, to common.Address, parsed abi.ABI, method string, args ...any) []any {
	t.Helper()
	data, err := parsed.Pack(method, args...)
	require.NoError(t, err)
	msg := &core.Message{To: &to, Value: new(uint256.Int), GasLimit: 1_000_000, GasPrice: new(uint256.Int), GasFeeCap: new(uint256.Int), GasTipCap: new(uint256.Int), Data: data}
	res, err := c.k.Call(c.w, testBlock, msg, nil)
	require.NoError(t, err)
	require.NoError(t, res.Err)
	out, err := parsed.Unpack(method, res.ReturnData)
	require.NoError(t, err)
	return out
}

func (c *chain) send(t *testing.T, from, to common.Address, parsed abi.ABI, method string, args ...any) (*core.ExecutionResult, []*ethtypes.Log) {
	t.Helper()
	data, err := parsed.Pack(method, args...)
	require.NoError(t, err)
	return c.apply(t, from, &to, data, nil)
}

func big10(exp int64) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(exp), nil) }

func TestTheERC20CoinDeploysTransfersApprovesAndRevertsWithAReason(t *testing.T) {
	c := newChain(t, map[string]int64{"alice": 1_000_000_000, "bob": 1_000_000_000, "carol": 1_000_000_000})
	supply := new(big.Int).Mul(big.NewInt(1_000_000), big10(18))
	coin := c.deploy(t, alice, contracts.ERC20(), erc20ABI, "Stake Coin", "SC", uint8(18), supply)
	require.Equal(t, uint64(1), c.k.NewStateDB(c.w).GetNonce(alice), "the deployer's sequence is its nonce")
	acc := c.ak.Account(c.w, alice.Bytes())
	require.Equal(t, uint64(1), acc.Sequence)

	require.Equal(t, "Stake Coin", c.call(t, coin, erc20ABI, "name")[0])
	require.Equal(t, supply, c.call(t, coin, erc20ABI, "totalSupply")[0])
	require.Equal(t, supply, c.call(t, coin, erc20ABI, "balanceOf", alice)[0])

	feesBefore := c.wei(c.k.FeeCollector())
	aliceBefore := c.wei(alice)
	res, logs := c.send(t, alice, coin, erc20ABI, "transfer", bob, big.NewInt(100))
	require.NoError(t, res.Err)
	require.Len(t, logs, 1)
	require.Equal(t, erc20ABI.Events["Transfer"].ID, logs[0].Topics[0])
	require.Equal(t, common.BytesToHash(alice.Bytes()), logs[0].Topics[1])
	require.Equal(t, common.BytesToHash(bob.Bytes()), logs[0].Topics[2])
	require.Equal(t, big.NewInt(100), new(big.Int).SetBytes(logs[0].Data))
	require.Equal(t, big.NewInt(100), c.call(t, coin, erc20ABI, "balanceOf", bob)[0])

	fee := new(uint256.Int).Mul(uint256.NewInt(res.UsedGas), uint256.MustFromBig(c.k.Params(c.w).BaseFee.BigInt()))
	require.Equal(t, new(uint256.Int).Sub(aliceBefore, fee), c.wei(alice), "the sender pays gas used x price")
	require.Equal(t, new(uint256.Int).Add(feesBefore, fee), c.wei(c.k.FeeCollector()), "the fee collector gets all of it")

	res, _ = c.send(t, alice, coin, erc20ABI, "approve", bob, big.NewInt(50))
	require.NoError(t, res.Err)
	res, _ = c.send(t, bob, coin, erc20ABI, "transferFrom", alice, carol, big.NewInt(30))
	require.NoError(t, res.Err)
	require.Equal(t, big.NewInt(20), c.call(t, coin, erc20ABI, "allowance", alice, bob)[0])
	require.Equal(t, big.NewInt(30), c.call(t, coin, erc20ABI, "balanceOf", carol)[0])

	// Too much: a custom error with the numbers.
	nonce := c.k.NewStateDB(c.w).GetNonce(carol)
	res, logs = c.send(t, carol, coin, erc20ABI, "transfer", bob, big.NewInt(31))
	require.ErrorIs(t, res.Err, vm.ErrExecutionReverted)
	require.Empty(t, logs)
	require.Equal(t, erc20ABI.Errors["InsufficientBalance"].ID.Bytes()[:4], res.Revert()[:4])
	insufficient := erc20ABI.Errors["InsufficientBalance"]
	vals, err := insufficient.Unpack(res.Revert())
	require.NoError(t, err)
	require.Equal(t, []any{carol, big.NewInt(30), big.NewInt(31)}, vals)
	require.Equal(t, nonce+1, c.k.NewStateDB(c.w).GetNonce(carol), "a reverted call still takes the nonce")
	require.Equal(t, big.NewInt(30), c.call(t, coin, erc20ABI, "balanceOf", carol)[0])

	// To the zero address: a require with a reason string.
	res, _ = c.send(t, carol, coin, erc20ABI, "transfer", common.Address{}, big.NewInt(1))
	reason, err := abi.UnpackRevert(res.Revert())
	require.NoError(t, err)
	require.Equal(t, "ERC20: transfer to the zero address", reason)
}

func TestAReadOnlyCallReturnsTheRevertDataAndWritesNothing(t *testing.T) {
	c := newChain(t, map[string]int64{"alice": 1_000_000_000})
	coin := c.deploy(t, alice, contracts.ERC20(), erc20ABI, "C", "C", uint8(6), big.NewInt(5))
	before := c.w.Len()
	data, err := erc20ABI.Pack("transfer", bob, big.NewInt(6))
	require.NoError(t, err)
	msg := &core.Message{From: alice, To: &coin, Value: new(uint256.Int), GasLimit: 1_000_000, GasPrice: new(uint256.Int), GasFeeCap: new(uint256.Int), GasTipCap: new(uint256.Int), Data: data}
	res, err := c.k.Call(c.w, testBlock, msg, nil)
	require.NoError(t, err)
	require.ErrorIs(t, res.Err, vm.ErrExecutionReverted)
	insufficient := erc20ABI.Errors["InsufficientBalance"]
	vals, err := insufficient.Unpack(res.Revert())
	require.NoError(t, err)
	require.Equal(t, []any{alice, big.NewInt(5), big.NewInt(6)}, vals)

	data, err = erc20ABI.Pack("transfer", bob, big.NewInt(5))
	require.NoError(t, err)
	msg.Data = data
	res, err = c.k.Call(c.w, testBlock, msg, nil)
	require.NoError(t, err)
	require.NoError(t, res.Err)
	require.Equal(t, before, c.w.Len(), "a call writes nothing")
	require.Equal(t, big.NewInt(5), c.call(t, coin, erc20ABI, "balanceOf", alice)[0])
}

func TestARefusedMessageWritesNothing(t *testing.T) {
	c := newChain(t, map[string]int64{"alice": 1_000})
	before := c.w.Len()
	for name, msg := range map[string]*core.Message{
		"nonce too high":      func() *core.Message { m := c.message(alice, &bob, nil, nil); m.Nonce = 5; return m }(),
		"value above balance": c.message(alice, &bob, nil, uint256.NewInt(1_000*WeiPerMicro)),
		"fee cap below the base fee": func() *core.Message {
			m := c.message(alice, &bob, nil, nil)
			m.GasFeeCap, m.GasPrice = uint256.NewInt(1), uint256.NewInt(1)
			return m
		}(),
	} {
		_, _, err := c.k.Apply(c.w, testBlock, Tx{}, msg, nil, nil)
		require.ErrorIs(t, err, ErrMessageRejected, name)
		require.Equal(t, before, c.w.Len(), name)
	}
}

func TestTheBallotRunsToItsWinner(t *testing.T) {
	dave, eve, frank := ethAddr("dave"), ethAddr("eve"), ethAddr("frank")
	c := newChain(t, map[string]int64{"alice": 1e9, "bob": 1e9, "carol": 1e9, "dave": 1e9, "eve": 1e9, "frank": 1e9})
	names := [][32]byte{{'t', 'e', 'a'}, {'c', 'o', 'f', 'f', 'e', 'e'}, {'w', 'a', 't', 'e', 'r'}}
	ballot := c.deploy(t, alice, contracts.Ballot(), ballotABI, names)
	require.Equal(t, alice, c.call(t, ballot, ballotABI, "chairperson")[0])

	for _, v := range []common.Address{bob, carol, dave, eve, frank} {
		res, _ := c.send(t, alice, ballot, ballotABI, "giveRightToVote", v)
		require.NoError(t, res.Err)
	}
	res, _ := c.send(t, bob, ballot, ballotABI, "giveRightToVote", carol)
	reason, err := abi.UnpackRevert(res.Revert())
	require.NoError(t, err)
	require.Equal(t, "Ballot: only the chairperson grants votes", reason)

	// A delegation loop is refused.
	res, _ = c.send(t, eve, ballot, ballotABI, "delegate", frank)
	require.NoError(t, res.Err)
	res, _ = c.send(t, frank, ballot, ballotABI, "delegate", eve)
	reason, err = abi.UnpackRevert(res.Revert())
	require.NoError(t, err)
	require.Equal(t, "Ballot: delegation would form a loop", reason)

	res, _ = c.send(t, dave, ballot, ballotABI, "delegate", carol)
	require.NoError(t, res.Err)
	voter := c.call(t, ballot, ballotABI, "voters", carol)
	require.Equal(t, big.NewInt(2), voter[0], "carol holds dave's vote too")

	for _, v := range []struct {
		who      common.Address
		proposal int64
	}{{alice, 0}, {bob, 1}, {carol, 2}, {frank, 1}} {
		res, _ = c.send(t, v.who, ballot, ballotABI, "vote", big.NewInt(v.proposal))
		require.NoError(t, res.Err)
	}
	res, _ = c.send(t, bob, ballot, ballotABI, "vote", big.NewInt(2))
	reason, err = abi.UnpackRevert(res.Revert())
	require.NoError(t, err)
	require.Equal(t, "Ballot: already voted", reason)

	// coffee: bob 1 + frank 2 (eve's vote) = 3; water: carol 2; tea: 1.
	require.Equal(t, big.NewInt(1), c.call(t, ballot, ballotABI, "winningProposal")[0])
	require.Equal(t, names[1], c.call(t, ballot, ballotABI, "winnerName")[0])
	p := c.call(t, ballot, ballotABI, "proposals", big.NewInt(1))
	require.Equal(t, big.NewInt(3), p[1])
}

func TestBlockHashAndPrevrandaoComeFromTheRecordedHashesOfTheLast256Blocks(t *testing.T) {
	c := newChain(t, map[string]int64{"alice": 1e9})
	for h := uint64(1); h <= 300; h++ {
		c.k.RecordBlockHash(c.w, h, common.BigToHash(new(big.Int).SetUint64(1000+h)))
	}
	require.Equal(t, 256, countPrefix(c.w, blockHashPrefix))
	require.Equal(t, common.Hash{}, c.k.BlockHash(c.w, 44))
	require.Equal(t, common.BigToHash(big.NewInt(1045)), c.k.BlockHash(c.w, 45))

	// Init code returning one 32-byte word computed by op from NUMBER-1.
	run := func(op byte) common.Hash {
		code := []byte{0x60, 0x01, 0x43, 0x03, op, 0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3}
		if op == 0x44 { // PREVRANDAO takes no argument
			code = []byte{0x44, 0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3}
		}
		msg := &core.Message{From: alice, Value: new(uint256.Int), GasLimit: 100_000, GasPrice: new(uint256.Int), GasFeeCap: new(uint256.Int), GasTipCap: new(uint256.Int), Data: code}
		res, err := c.k.Call(c.w, Block{Height: 301, Time: 1}, msg, nil)
		require.NoError(t, err)
		require.NoError(t, res.Err)
		return common.BytesToHash(res.ReturnData)
	}
	require.Equal(t, common.BigToHash(big.NewInt(1300)), run(0x40), "BLOCKHASH(NUMBER-1)")
	require.Equal(t, common.BigToHash(big.NewInt(1300)), run(0x44), "PREVRANDAO is the previous block's hash")
}

func TestParamsAreValidated(t *testing.T) {
	require.NoError(t, DefaultParams().Validate())
	p := DefaultParams()
	p.ChainID = 0
	require.ErrorIs(t, p.Validate(), ErrInvalidParams)
	p = DefaultParams()
	p.BaseFee = p.BaseFee.Neg()
	require.ErrorIs(t, p.Validate(), ErrInvalidParams)
	p.BaseFee, _ = math.NewIntFromString("1" + strings.Repeat("0", 78))
	require.ErrorIs(t, p.Validate(), ErrInvalidParams)
	back, err := ParamsFromProto(ParamsToProto(DefaultParams()))
	require.NoError(t, err)
	require.Equal(t, DefaultParams(), back)
}

func TestTheInvariantCheckFindsRemaindersTheReserveDoesNotBack(t *testing.T) {
	c := newChain(t, map[string]int64{"alice": 1_000})
	s := c.k.NewStateDB(c.w)
	s.SubBalance(alice, uint256.NewInt(5), 0)
	s.AddBalance(bob, uint256.NewInt(5), 0)
	require.NoError(t, s.Commit(c.k.FeeCollector()))
	require.NoError(t, c.k.CheckInvariants(c.w))

	c.w.Set(remainderKey(carol), []byte{0, 0, 0, 0, 0, 0, 0, 1})
	require.ErrorContains(t, c.k.CheckInvariants(c.w), "add up to")
	c.w.Set(remainderKey(carol), []byte{0, 0, 0, 0xe8, 0xd4, 0xa5, 0x10, 0x00}) // 10^12
	require.ErrorContains(t, c.k.CheckInvariants(c.w), "outside")
}

func TestRefusalsNameTheirCauseAndRevertsTheirReason(t *testing.T) {
	c := newChain(t, map[string]int64{"alice": 1_000_000_000})
	_, _, err := c.k.Apply(c.w, testBlock, Tx{}, c.message(alice, &bob, nil, nil), core.NewGasPool(20_000), nil)
	require.ErrorIs(t, err, ErrBlockGas)
	m := c.message(alice, &bob, nil, nil)
	m.Nonce = 3
	_, _, err = c.k.Apply(c.w, testBlock, Tx{}, m, nil, nil)
	require.ErrorIs(t, err, ErrMessageRejected)
	require.ErrorContains(t, err, "nonce too high")

	coin := c.deploy(t, alice, contracts.ERC20(), erc20ABI, "C", "C", uint8(6), big.NewInt(5))
	res, _ := c.send(t, alice, coin, erc20ABI, "transfer", common.Address{}, big.NewInt(1))
	require.ErrorIs(t, Reverted(res), ErrReverted)
	require.ErrorContains(t, Reverted(res), "ERC20: transfer to the zero address")
	res, _ = c.send(t, alice, coin, erc20ABI, "transfer", bob, big.NewInt(1))
	require.NoError(t, Reverted(res))
}

func TestQueriesReadAccountsCodeAndStorage(t *testing.T) {
	c := newChain(t, map[string]int64{"alice": 1_000_000_000})
	coin := c.deploy(t, alice, contracts.ERC20(), erc20ABI, "C", "C", uint8(6), big.NewInt(77))

	acc := c.k.Account(c.w, alice)
	require.Equal(t, uint64(1), acc.Nonce)
	require.Equal(t, c.wei(alice), acc.Balance)
	require.Equal(t, ethtypes.EmptyCodeHash, acc.CodeHash)
	require.Equal(t, common.Hash{}, c.k.Account(c.w, ethAddr("nobody")).CodeHash)

	code := c.k.Code(c.w, coin)
	require.NotEmpty(t, code)
	require.Equal(t, crypto.Keccak256Hash(code), c.k.Account(c.w, coin).CodeHash)
	// totalSupply is the coin's slot 2.
	require.Equal(t, common.BigToHash(big.NewInt(77)), c.k.Storage(c.w, coin, common.BigToHash(big.NewInt(2))))
}

func TestTheGenesisSectionRoundTripsThroughJSONAndState(t *testing.T) {
	g := DefaultGenesis()
	g.Params.BaseFee = math.NewInt(7_000_000_123)
	bz, err := json.Marshal(g)
	require.NoError(t, err)
	require.JSONEq(t, `{"params":{"chain_id":"9000","base_fee":"7000000123"}}`, string(bz))
	var back Genesis
	require.NoError(t, json.Unmarshal(bz, &back))
	require.NoError(t, back.Validate())

	c := newChain(t, nil)
	require.NoError(t, c.k.InitGenesis(c.w, back))
	require.Equal(t, g, c.k.ExportGenesis(c.w))
	back.Params.ChainID = 0
	require.ErrorIs(t, c.k.InitGenesis(c.w, back), ErrInvalidParams)
}
