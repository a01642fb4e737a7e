package evm

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/tracing"
	ethtypes "github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/holiman/uint256"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/evm/contracts"
)

// gethState is go-ethereum's own state.StateDB, recording every storage
// slot written so that the two states can be compared slot by slot.
type gethState struct {
	*state.StateDB
	slots map[addrSlot]struct{}
}

func (g *gethState) SetState(a common.Address, k, v common.Hash) common.Hash {
	g.slots[slotKey(a, k)] = struct{}{}
	return g.StateDB.SetState(a, k, v)
}

// twin runs the same messages on the keeper over the chain's state and on
// go-ethereum's state.StateDB through the same vm and core.ApplyMessage.
type twin struct {
	c      *chain
	geth   *gethState
	actors []common.Address
	addrs  []common.Address // every address whose balance is compared
	step   int
}

func newTwin(t testing.TB, actors []string) *twin {
	funds := map[string]int64{}
	for _, a := range actors {
		funds[a] = 5_000_000_000 // 5,000 STAKE
	}
	c := newChain(t, funds)
	sdb, err := state.New(ethtypes.EmptyRootHash, state.NewDatabaseForTesting())
	require.NoError(t, err)
	tw := &twin{c: c, geth: &gethState{StateDB: sdb, slots: map[addrSlot]struct{}{}}}
	for _, a := range actors {
		addr := ethAddr(a)
		tw.actors = append(tw.actors, addr)
		sdb.AddBalance(addr, new(uint256.Int).Mul(uint256.NewInt(5_000_000_000), weiPerMicro), tracing.BalanceChangeUnspecified)
	}
	sdb.Finalise(ChainConfig(DefaultChainID).Rules(big.NewInt(0), true, 0))
	tw.addrs = append(append([]common.Address(nil), tw.actors...), c.k.FeeCollector())
	return tw
}

// outcome is what one side made of a message.
type outcome struct {
	rejected bool
	gas      uint64
	failure  string
	ret      []byte
	logs     []string
}

func logText(logs []*ethtypes.Log) []string {
	var out []string
	for _, l := range logs {
		out = append(out, fmt.Sprintf("%s %x %x", l.Address, l.Topics, l.Data))
	}
	return out
}

// run applies msg on both sides and requires the same outcome.
func (tw *twin) run(t testing.TB, msg func() *core.Message) outcome {
	t.Helper()
	tw.step++
	txHash := common.BigToHash(big.NewInt(int64(tw.step)))
	var ours, theirs outcome

	res, logs, err := tw.c.k.Apply(tw.c.w, testBlock, Tx{Hash: txHash}, msg(), nil, nil)
	if err != nil {
		ours.rejected = true
	} else {
		ours = outcome{gas: res.UsedGas, ret: res.ReturnData, logs: logText(logs)}
		if res.Err != nil {
			ours.failure = res.Err.Error()
		}
	}

	p := tw.c.k.Params(tw.c.w)
	bctx := tw.c.k.blockContext(tw.c.w, p, testBlock)
	cfg := ChainConfig(p.ChainID)
	tw.geth.SetTxContext(txHash, 0, 0)
	evm := vm.NewEVM(bctx, tw.geth, cfg, vm.Config{})
	snap := tw.geth.Snapshot()
	gres, gerr := core.ApplyMessage(evm, msg(), core.NewGasPool(bctx.GasLimit))
	evm.Release()
	if gerr != nil {
		tw.geth.RevertToSnapshot(snap)
		theirs.rejected = true
	} else {
		fee := new(uint256.Int).Mul(uint256.NewInt(gres.UsedGas), uint256.MustFromBig(bctx.BaseFee))
		tw.geth.AddBalance(bctx.Coinbase, fee, tracing.BalanceIncreaseRewardTransactionFee)
		theirs = outcome{gas: gres.UsedGas, ret: gres.ReturnData, logs: logText(tw.geth.GetLogs(txHash, 0, common.Hash{}, 0))}
		if gres.Err != nil {
			theirs.failure = gres.Err.Error()
		}
	}
	tw.geth.Finalise(cfg.Rules(bctx.BlockNumber, true, bctx.Time))
	require.Equal(t, theirs, ours, "step %d", tw.step)
	return ours
}

// compare requires the same balances, nonces, code and storage on both
// sides.
func (tw *twin) compare(t testing.TB) {
	t.Helper()
	ours := tw.c.k.NewStateDB(tw.c.w)
	for _, a := range tw.addrs {
		require.Equal(t, tw.geth.GetBalance(a), ours.GetBalance(a), "balance of %s", a)
		require.Equal(t, tw.geth.GetNonce(a), ours.GetNonce(a), "nonce of %s", a)
		require.Equal(t, tw.geth.GetCode(a), ours.GetCode(a), "code of %s", a)
	}
	// Every slot go-ethereum wrote, and every slot our store holds.
	keys := map[addrSlot]struct{}{}
	for k := range tw.geth.slots {
		keys[k] = struct{}{}
	}
	tw.c.w.Iterate(storagePrefix, nil, func(k, _ []byte) bool {
		if len(k) != len(storagePrefix)+52 || string(k[:len(storagePrefix)]) != string(storagePrefix) {
			return false
		}
		var tk addrSlot
		copy(tk[:], k[len(storagePrefix):])
		keys[tk] = struct{}{}
		return true
	})
	for k := range keys {
		a, slot := common.BytesToAddress(k[:20]), common.BytesToHash(k[20:])
		require.Equal(t, tw.geth.GetState(a, slot), ours.GetState(a, slot), "slot %s of %s", slot, a)
	}
	tw.c.checkInvariants(t)
}

func (tw *twin) message(from common.Address, to *common.Address, data []byte, value *uint256.Int, gas uint64) func() *core.Message {
	// The nonce is read once, from our side, so both sides get the same
	// message even if they disagree.
	m := tw.c.message(from, to, data, value)
	m.GasLimit = gas
	return func() *core.Message { cp := *m; return &cp }
}

// scratchRuntime stores calldata word 1 at slot word 0, then word 2 at the
// same slot (0 clears it: a refund), keeps 42 in transient storage, logs
// what TLOAD reads back, and reverts all of it if word 3 is not zero.
var scratchRuntime = []byte{
	0x60, 0x20, 0x35, 0x5f, 0x35, 0x55, // SSTORE(word0, word1)
	0x60, 0x40, 0x35, 0x5f, 0x35, 0x55, // SSTORE(word0, word2)
	0x60, 0x2a, 0x5f, 0x5d, // TSTORE(0, 42)
	0x5f, 0x5c, 0x5f, 0x52, // MSTORE(0, TLOAD(0))
	0x60, 0x20, 0x5f, 0xa0, // LOG0(0, 32)
	0x60, 0x60, 0x35, 0x60, 0x1f, 0x57, 0x00, // if word3 != 0 jump to 31, else STOP
	0x5b, 0x5f, 0x5f, 0xfd, // 31: JUMPDEST, REVERT(0, 0)
}

// factoryRuntime creates a child contract (whose code is one STOP), keeps
// its address in slot 0, and reverts all of it, the factory's nonce
// increment included, if calldata word 0 is not zero.
var factoryRuntime = append([]byte{
	0x60, 10, 0x60, 23, 0x5f, 0x39, // CODECOPY(0, 23, 10): the child's init code
	0x60, 10, 0x5f, 0x5f, 0xf0, // CREATE(0, 0, 10)
	0x5f, 0x55, // SSTORE(0, child)
	0x5f, 0x35, 0x60, 19, 0x57, 0x00, // if word0 != 0 jump to 19, else STOP
	0x5b, 0x5f, 0x5f, 0xfd, // 19: JUMPDEST, REVERT(0, 0)
}, deployCode([]byte{0x00})...)

// deployCode is init code that deploys runtime.
func deployCode(runtime []byte) []byte {
	return append([]byte{0x60, byte(len(runtime)), 0x80, 0x60, 0x09, 0x5f, 0x39, 0x5f, 0xf3}, runtime...)
}

// selfDestructCode is init code that self-destructs at once, sending what
// it was given to beneficiary (EIP-6780: a new contract is removed).
func selfDestructCode(beneficiary common.Address) []byte {
	return append(append([]byte{0x73}, beneficiary.Bytes()...), 0xff)
}

func pack(t testing.TB, a abi.ABI, method string, args ...any) []byte {
	data, err := a.Pack(method, args...)
	require.NoError(t, err)
	return data
}

// differential deploys the two contracts and a scratch contract on both
// sides, then runs n random messages from a generator seeded with seed.
func differential(t testing.TB, seed uint64, n int) {
	tw := newTwin(t, []string{"alice", "bob", "carol", "dave", "eve"})
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	alice := tw.actors[0]
	deploy := func(code []byte) common.Address {
		addr := crypto.CreateAddress(alice, tw.c.k.NewStateDB(tw.c.w).GetNonce(alice))
		out := tw.run(t, tw.message(alice, nil, code, nil, 3_000_000))
		require.Empty(t, out.failure)
		tw.addrs = append(tw.addrs, addr)
		return addr
	}
	ctor, err := erc20ABI.Pack("", "Stake Coin", "SC", uint8(18), new(big.Int).Mul(big.NewInt(1_000_000), big10(18)))
	require.NoError(t, err)
	coin := deploy(append(append([]byte(nil), contracts.ERC20().Bin...), ctor...))
	names := [][32]byte{{'a'}, {'b'}, {'c'}}
	ctor, err = ballotABI.Pack("", names)
	require.NoError(t, err)
	ballot := deploy(append(append([]byte(nil), contracts.Ballot().Bin...), ctor...))
	scratch := deploy(deployCode(scratchRuntime))
	factory := deploy(deployCode(factoryRuntime))
	// Spread some of alice's coins so that transfers from others can work.
	for _, a := range tw.actors[1:] {
		tw.run(t, tw.message(alice, &coin, pack(t, erc20ABI, "transfer", a, big.NewInt(1_000)), nil, 200_000))
	}
	tw.compare(t)

	actor := func() common.Address { return tw.actors[rng.IntN(len(tw.actors))] }
	amount := func() *big.Int { return big.NewInt(rng.Int64N(1_500)) }
	gas := func() uint64 {
		if rng.IntN(10) == 0 {
			return 21_000 + rng.Uint64N(30_000) // often too little: out of gas
		}
		return 500_000
	}
	for i := 0; i < n; i++ {
		from := actor()
		var msg func() *core.Message
		switch rng.IntN(10) {
		case 0: // sometimes with value, which the coin refuses: reverted
			var v *uint256.Int
			if rng.IntN(4) == 0 {
				v = uint256.NewInt(rng.Uint64N(WeiPerMicro))
			}
			msg = tw.message(from, &coin, pack(t, erc20ABI, "transfer", actor(), amount()), v, gas())
		case 1:
			msg = tw.message(from, &coin, pack(t, erc20ABI, "approve", actor(), amount()), nil, gas())
		case 2:
			msg = tw.message(from, &coin, pack(t, erc20ABI, "transferFrom", actor(), actor(), amount()), nil, gas())
		case 3:
			msg = tw.message(from, &ballot, pack(t, ballotABI, "giveRightToVote", actor()), nil, gas())
		case 4:
			msg = tw.message(from, &ballot, pack(t, ballotABI, "delegate", actor()), nil, gas())
		case 5:
			msg = tw.message(from, &ballot, pack(t, ballotABI, "vote", big.NewInt(rng.Int64N(4))), nil, gas())
		case 6: // odd wei to an actor or a fresh address
			to := actor()
			if rng.IntN(2) == 0 {
				to = common.BigToAddress(big.NewInt(int64(0x10000 + i)))
				tw.addrs = append(tw.addrs, to)
			}
			v := uint256.NewInt(rng.Uint64N(3 * WeiPerMicro))
			if rng.IntN(20) == 0 {
				v = new(uint256.Int).Mul(uint256.NewInt(6_000_000_000), weiPerMicro) // more than anyone holds: rejected
			}
			msg = tw.message(from, &to, nil, v, 21_000+rng.Uint64N(2)*10_000)
		case 7:
			data := make([]byte, 128)
			data[31] = byte(rng.IntN(4))
			data[63] = byte(rng.IntN(3))
			data[95] = byte(rng.IntN(2)) * 7
			data[127] = byte(rng.IntN(3) / 2)
			msg = tw.message(from, &scratch, data, nil, gas())
		case 8: // a contract that self-destructs in its constructor
			beneficiary := actor()
			if beneficiary == from {
				beneficiary = tw.c.k.FeeCollector()
			}
			tw.addrs = append(tw.addrs, crypto.CreateAddress(from, tw.c.k.NewStateDB(tw.c.w).GetNonce(from)))
			// Gas from far too little to enough: some creations run out.
			msg = tw.message(from, nil, selfDestructCode(beneficiary), uint256.NewInt(rng.Uint64N(5*WeiPerMicro)), 53_000+rng.Uint64N(20_000))
		case 9: // a factory creating a child, reverted half of the time
			child := crypto.CreateAddress(factory, tw.c.k.NewStateDB(tw.c.w).GetNonce(factory))
			tw.addrs = append(tw.addrs, child)
			data := make([]byte, 32)
			data[31] = byte(rng.IntN(2))
			msg = tw.message(from, &factory, data, nil, gas())
		}
		tw.run(t, msg)
		if i%25 == 24 {
			tw.compare(t)
		}
	}
	tw.compare(t)
	winner := func() *big.Int {
		m := tw.message(alice, &ballot, pack(t, ballotABI, "winningProposal"), nil, 100_000)
		return new(big.Int).SetBytes(tw.run(t, m).ret)
	}
	require.NotNil(t, winner())
}

func TestTheStateDBAgreesWithGoEthereumsOwnOverTheContractsAndRandomCalls(t *testing.T) {
	seeds, n := []uint64{1, 2, 3, 4, 5, 6, 7, 8}, 600
	if testing.Short() {
		seeds, n = seeds[:2], 150
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) { differential(t, seed, n) })
	}
}
