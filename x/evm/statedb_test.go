package evm

import (
	"bytes"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

var (
	alice = ethAddr("alice")
	bob   = ethAddr("bob")
	carol = ethAddr("carol")
	slotA = common.HexToHash("0x0a")
	slotB = common.HexToHash("0x0b")
	valX  = common.HexToHash("0x1111")
	valY  = common.HexToHash("0x2222")
)

func wei(n uint64) *uint256.Int { return uint256.NewInt(n) }

func TestRevertToSnapshotUndoesEveryKindOfChangeMadeAfterIt(t *testing.T) {
	c := newChain(t, map[string]int64{"alice": 1000})
	s := c.k.NewStateDB(c.w)
	s.SetState(bob, slotA, valX)
	s.AddRefund(10)
	before := s.Snapshot()

	s.SubBalance(alice, wei(5), tracing.BalanceChangeUnspecified)
	s.AddBalance(bob, wei(5), tracing.BalanceChangeUnspecified)
	s.SetNonce(alice, 7, tracing.NonceChangeUnspecified)
	s.SetCode(bob, []byte{0x60, 0x00}, tracing.CodeChangeUnspecified)
	s.SetState(bob, slotA, valY)
	s.SetState(bob, slotB, valX)
	s.SetTransientState(bob, slotA, valX)
	s.AddRefund(5)
	s.AddLog(&types.Log{Address: bob})
	s.AddSlotToAccessList(carol, slotA)
	s.CreateAccount(carol)
	s.CreateContract(carol)
	inner := s.Snapshot()
	s.SelfDestruct(carol)
	require.True(t, s.HasSelfDestructed(carol))
	s.RevertToSnapshot(inner)
	require.False(t, s.HasSelfDestructed(carol), "the inner snapshot undoes only what followed it")
	require.True(t, s.IsNewContract(carol))

	s.RevertToSnapshot(before)
	require.Equal(t, uint64(1000*WeiPerMicro), s.GetBalance(alice).Uint64())
	require.True(t, s.GetBalance(bob).IsZero())
	require.Zero(t, s.GetNonce(alice))
	require.Nil(t, s.GetCode(bob))
	require.Equal(t, valX, s.GetState(bob, slotA))
	require.Equal(t, common.Hash{}, s.GetState(bob, slotB))
	require.Equal(t, common.Hash{}, s.GetTransientState(bob, slotA))
	require.Equal(t, uint64(10), s.GetRefund())
	require.Empty(t, s.Logs())
	addrOK, slotOK := s.SlotInAccessList(carol, slotA)
	require.False(t, addrOK)
	require.False(t, slotOK)
	require.False(t, s.IsNewContract(carol))
	require.False(t, s.Exist(carol))
}

func TestRefundsAddSubtractRevertAndCannotGoNegative(t *testing.T) {
	c := newChain(t, nil)
	s := c.k.NewStateDB(c.w)
	s.AddRefund(4800)
	id := s.Snapshot()
	s.SubRefund(800)
	s.AddRefund(100)
	require.Equal(t, uint64(4100), s.GetRefund())
	s.RevertToSnapshot(id)
	require.Equal(t, uint64(4800), s.GetRefund())
	require.Panics(t, func() { s.SubRefund(4801) })
}

func TestTransientStorageIsJournaledClearedByPrepareAndNeverStored(t *testing.T) {
	c := newChain(t, nil)
	s := c.k.NewStateDB(c.w)
	s.SetTransientState(bob, slotA, valX)
	id := s.Snapshot()
	s.SetTransientState(bob, slotA, valY)
	s.SetTransientState(bob, slotB, valY)
	s.RevertToSnapshot(id)
	require.Equal(t, valX, s.GetTransientState(bob, slotA))
	require.Equal(t, common.Hash{}, s.GetTransientState(bob, slotB))
	require.Equal(t, common.Hash{}, s.GetState(bob, slotA), "transient storage is not storage")

	require.NoError(t, s.Commit(c.k.FeeCollector()))
	require.Zero(t, countPrefix(c.w, storagePrefix))

	s.Prepare(params.Rules{IsEIP2929: true}, alice, carol, nil, nil, nil)
	require.Equal(t, common.Hash{}, s.GetTransientState(bob, slotA))
}

func TestASelfDestructedNewContractLosesCodeStorageAndBalanceToTheSink(t *testing.T) {
	c := newChain(t, map[string]int64{"alice": 1000})
	contract := crypto.CreateAddress(alice, 0)

	s := c.k.NewStateDB(c.w)
	s.CreateAccount(contract)
	s.CreateContract(contract)
	s.SetNonce(contract, 1, tracing.NonceChangeNewContract)
	s.SetCode(contract, []byte{0x60, 0x01}, tracing.CodeChangeUnspecified)
	s.SetState(contract, slotA, valX)
	s.SubBalance(alice, wei(3*WeiPerMicro+5), tracing.BalanceChangeUnspecified)
	s.AddBalance(contract, wei(3*WeiPerMicro+5), tracing.BalanceChangeUnspecified)
	s.SelfDestruct(contract)
	require.True(t, s.Exist(contract), "a self-destructed account exists until the transaction ends")
	require.NoError(t, s.Commit(c.k.FeeCollector()))

	after := c.k.NewStateDB(c.w)
	require.False(t, after.Exist(contract))
	require.Nil(t, after.GetCode(contract))
	require.Equal(t, common.Hash{}, after.GetState(contract, slotA))
	require.Zero(t, countPrefix(c.w, storagePrefix))
	require.Zero(t, countPrefix(c.w, codeHashPrefix))
	require.Equal(t, uint64(3*WeiPerMicro+5), after.GetBalance(c.k.FeeCollector()).Uint64(), "the destroyed balance goes to the sink")
	require.Equal(t, uint64(997*WeiPerMicro-5), after.GetBalance(alice).Uint64())
	c.checkInvariants(t)
}

func TestWeiMovesSettleAsUstakeAndRemaindersBackedByTheReserve(t *testing.T) {
	c := newChain(t, map[string]int64{"alice": 1_000_000})
	supply := c.bk.Supply(c.w, "ustake")
	// 0.1234567891 STAKE: 123456 ustake and 789100000000 wei.
	amt := wei(123_456_789_100_000_000)
	s := c.k.NewStateDB(c.w)
	s.SubBalance(alice, amt, tracing.BalanceChangeUnspecified)
	s.AddBalance(bob, amt, tracing.BalanceChangeUnspecified)
	require.NoError(t, s.Commit(c.k.FeeCollector()))

	require.Equal(t, amt.Uint64(), c.wei(bob).Uint64())
	require.Equal(t, int64(123_456), c.ustake(bob))
	require.Equal(t, int64(1_000_000-123_457), c.ustake(alice))
	require.Equal(t, uint64(1_000_000*WeiPerMicro)-amt.Uint64(), c.wei(alice).Uint64())
	require.Equal(t, supply, c.bk.Supply(c.w, "ustake"))
	c.checkInvariants(t)
}

func TestCommitRefusesToCreateWeiOrMoveTheReserveAndWritesNothing(t *testing.T) {
	c := newChain(t, map[string]int64{"alice": 10})
	s := c.k.NewStateDB(c.w)
	s.AddBalance(bob, wei(1), tracing.BalanceChangeUnspecified)
	s.SetState(bob, slotA, valX)
	before := c.w.Len()
	require.ErrorIs(t, s.Commit(c.k.FeeCollector()), ErrWeiCreated)
	require.Equal(t, before, c.w.Len())

	s = c.k.NewStateDB(c.w)
	s.SubBalance(alice, wei(WeiPerMicro), tracing.BalanceChangeUnspecified)
	s.AddBalance(c.k.Ledger().Reserve, wei(WeiPerMicro), tracing.BalanceChangeUnspecified)
	require.ErrorIs(t, s.Commit(c.k.FeeCollector()), ErrReserveTouched)
	require.Equal(t, before, c.w.Len())

	s = c.k.NewStateDB(c.w)
	s.SubBalance(alice, wei(WeiPerMicro), tracing.BalanceChangeUnspecified)
	s.AddBalance(common.Address(authtypes.ModuleAddress("other_module")), wei(WeiPerMicro), tracing.BalanceChangeUnspecified)
	require.ErrorIs(t, s.Commit(c.k.FeeCollector()), ErrModuleAccount)
	require.Equal(t, before, c.w.Len())

	s = c.k.NewStateDB(c.w)
	s.SubBalance(alice, wei(WeiPerMicro), tracing.BalanceChangeUnspecified)
	s.AddBalance(c.k.FeeCollector(), wei(WeiPerMicro), tracing.BalanceChangeUnspecified)
	require.NoError(t, s.Commit(c.k.FeeCollector()), "the fee collector may receive")
}

// recorder is a store.Writer that records the keys written, in order.
type recorder struct {
	store.Writer
	keys [][]byte
}

func (r *recorder) Set(k, v []byte) { r.keys = append(r.keys, k); r.Writer.Set(k, v) }
func (r *recorder) Delete(k []byte) { r.keys = append(r.keys, k); r.Writer.Delete(k) }

func TestCommitWritesTheEVMKeysInAscendingOrder(t *testing.T) {
	c := newChain(t, map[string]int64{"alice": 1000})
	rec := &recorder{Writer: c.w}
	s := c.k.NewStateDB(rec)
	for i := 40; i > 0; i-- {
		a := ethAddr(string(rune('a'+i%26)) + string(rune('0'+i)))
		s.SetCode(a, []byte{byte(i)}, tracing.CodeChangeUnspecified)
		s.SetState(a, common.BigToHash(big.NewInt(int64(i*7919%97))), valX)
		s.SetState(a, common.BytesToHash([]byte{byte(i)}), valY)
		s.SubBalance(alice, wei(uint64(i)), tracing.BalanceChangeUnspecified)
		s.AddBalance(a, wei(uint64(i)), tracing.BalanceChangeUnspecified)
	}
	require.NoError(t, s.Commit(c.k.FeeCollector()))
	var evmKeys [][]byte
	for _, k := range rec.keys {
		if bytes.HasPrefix(k, []byte("evm/")) {
			evmKeys = append(evmKeys, k)
		}
	}
	require.Greater(t, len(evmKeys), 120)
	for i := 1; i < len(evmKeys); i++ {
		require.Negative(t, bytes.Compare(evmKeys[i-1], evmKeys[i]), "key %d written out of order", i)
	}
	c.checkInvariants(t)
}

func countPrefix(r store.Reader, prefix []byte) int {
	n := 0
	r.Iterate(prefix, store.PrefixEnd(prefix), func(_, _ []byte) bool { n++; return true })
	return n
}

func TestACreatedAccountOwnsNoneOfTheStorageStoredBeforeAtItsAddress(t *testing.T) {
	c := newChain(t, nil)
	// Storage left at an address with no account (as a genesis could).
	c.w.Set(storageKey(carol, slotA), valX.Bytes())
	c.w.Set(storageKey(carol, slotB), valX.Bytes())
	c.w.Set(storageKey(carol, common.HexToHash("0x0c")), valX.Bytes())

	s := c.k.NewStateDB(c.w)
	s.CreateAccount(carol)
	require.Equal(t, common.Hash{}, s.GetState(carol, slotA), "a new account's storage is empty")
	s.SetState(carol, slotA, valY)
	s.SetState(carol, slotB, valY)
	s.SetState(carol, slotB, common.Hash{})
	require.NoError(t, s.Commit(c.k.FeeCollector()))

	after := c.k.NewStateDB(c.w)
	require.Equal(t, valY, after.GetState(carol, slotA))
	require.Equal(t, common.Hash{}, after.GetState(carol, slotB))
	require.Equal(t, common.Hash{}, after.GetState(carol, common.HexToHash("0x0c")))
	require.Equal(t, 1, countPrefix(c.w, storagePrefix))
}

func TestAStateDBIsCommittedOnce(t *testing.T) {
	c := newChain(t, map[string]int64{"alice": 10})
	s := c.k.NewStateDB(c.w)
	s.SetState(bob, slotA, valX)
	require.NoError(t, s.Commit(c.k.FeeCollector()))
	require.Panics(t, func() { _ = s.Commit(c.k.FeeCollector()) })
}
