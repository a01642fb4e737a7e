package evm

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"

	"cosmossdk.io/math"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/stateless"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/types/bal"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"

	"github.com/stakechain/stakechain/app/store"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
)

// WeiPerMicro is how many wei one ustake is: the EVM sees 18 decimals where
// the bank counts 6.
const WeiPerMicro = 1_000_000_000_000

var weiPerMicro = uint256.NewInt(WeiPerMicro)

// Accounts is what the StateDB needs of the account module: an account's
// Ethereum nonce is its sequence.
type Accounts interface {
	// Sequence returns the sequence of the account at addr and whether
	// the account exists.
	Sequence(r store.Reader, addr authtypes.Address) (uint64, bool)
	// SetSequence sets the sequence of the account at addr, creating the
	// account if it does not exist.
	SetSequence(w store.Writer, addr authtypes.Address, seq uint64)
	// ModuleAccountName returns the name of the module account at addr,
	// and whether addr is one.
	ModuleAccountName(addr authtypes.Address) (string, bool)
}

// Balances is what the StateDB needs of the bank.
type Balances interface {
	Balance(r store.Reader, addr authtypes.Address, denom string) math.Int
	// Reassign sets the amounts of denom the listed accounts hold, keeping
	// their sum (bank.Keeper.Reassign).
	Reassign(w store.Writer, denom string, holdings []bank.Holding) error
}

// Ledger is where the StateDB finds accounts and balances, and the fixed
// facts of how wei map onto the bank.
type Ledger struct {
	Accounts Accounts
	Balances Balances
	// Denom is the bank denomination an EVM balance counts, in units of
	// WeiPerMicro wei (the staking bond denom, ustake).
	Denom string
	// Reserve is the module account that holds the ustake backing all
	// remainders.
	Reserve common.Address
}

// account is the StateDB's cached view of one address: what the store held
// when it was first read, and what the running transaction made of it.
type account struct {
	addr common.Address
	// exists: the account is in the state (it has an auth account, a
	// balance or code) or the transaction created or touched it.
	exists bool
	// created: CreateAccount made this object, so nothing the store holds
	// for the address (its storage) belongs to it.
	created bool

	nonce    uint64
	balance  uint256.Int
	codeHash common.Hash // zero: no code
	code     []byte
	codeRead bool // code holds the code of codeHash

	origNonce    uint64
	origBalance  uint256.Int
	origCodeHash common.Hash
	hadAccount   bool // an auth account existed

	dirty  map[common.Hash]common.Hash // slots written by the transaction
	origin map[common.Hash]common.Hash // slots read from the store

	newContract    bool
	selfDestructed bool
}

// addrSlot is an address and a 32-byte key side by side: a storage slot of
// the access list, or a transient storage key.
type addrSlot [common.AddressLength + common.HashLength]byte

func slotKey(a common.Address, slot common.Hash) addrSlot {
	var k addrSlot
	copy(k[:], a[:])
	copy(k[common.AddressLength:], slot[:])
	return k
}

// StateDB is go-ethereum's vm.StateDB over the chain's state. It reads
// through to a store.Writer and keeps every change of one transaction in
// memory, with an undo journal for the EVM's snapshots, until Commit writes
// them back in sorted key order.
//
// A StateDB serves one transaction (or one read-only call): the values the
// store holds are the transaction's "committed" values (EIP-2200), and the
// access list, transient storage, refund and created and self-destructed
// sets start empty.
type StateDB struct {
	w      store.Writer
	ledger Ledger

	accounts map[common.Address]*account
	journal  journal
	refund   uint64

	logs     []*types.Log
	txHash   common.Hash
	txIndex  int
	logIndex uint // index of the transaction's first log in its block

	accessAddrs map[common.Address]struct{}
	accessSlots map[addrSlot]struct{}
	transient   map[addrSlot]common.Hash

	hooks *tracing.Hooks // state-change hooks of a tracer, or nil

	done bool // Commit has written the changes
}

// SetHooks makes the StateDB report its balance, nonce, code, storage and
// log changes to the hooks of a tracer (nil: none), as go-ethereum's hooked
// state does, so that tracers see what the EVM changed.
func (s *StateDB) SetHooks(h *tracing.Hooks) { s.hooks = h }

// NewStateDB returns a StateDB reading and, on Commit, writing w.
func NewStateDB(w store.Writer, ledger Ledger) *StateDB {
	return &StateDB{
		w:           w,
		ledger:      ledger,
		accounts:    make(map[common.Address]*account),
		accessAddrs: make(map[common.Address]struct{}),
		accessSlots: make(map[addrSlot]struct{}),
		transient:   make(map[addrSlot]common.Hash),
	}
}

var _ vm.StateDB = (*StateDB)(nil)

// get returns the cached account at addr, reading it from the store the
// first time.
func (s *StateDB) get(addr common.Address) *account {
	if a := s.accounts[addr]; a != nil {
		return a
	}
	a := &account{addr: addr}
	ta := authtypes.Address(addr.Bytes())
	a.nonce, a.hadAccount = s.ledger.Accounts.Sequence(s.w, ta)
	micro := s.ledger.Balances.Balance(s.w, ta, s.ledger.Denom)
	wei, overflow := uint256.FromBig(micro.BigInt())
	if overflow {
		panic(fmt.Sprintf("evm: the balance of %s does not fit in 256 bits", addr))
	}
	wei.Mul(wei, weiPerMicro)
	wei.AddUint64(wei, s.remainder(addr))
	a.balance = *wei
	if bz := s.w.Get(codeHashKey(addr)); bz != nil {
		a.codeHash = common.BytesToHash(bz)
	}
	a.exists = a.hadAccount || !a.balance.IsZero() || a.codeHash != (common.Hash{})
	a.origNonce, a.origBalance, a.origCodeHash = a.nonce, a.balance, a.codeHash
	s.accounts[addr] = a
	return a
}

func (s *StateDB) remainder(addr common.Address) uint64 {
	bz := s.w.Get(remainderKey(addr))
	if bz == nil {
		return 0
	}
	return binary.BigEndian.Uint64(bz)
}

// live returns the account at addr for a mutation, bringing it into
// existence (within the transaction) if it did not exist.
func (s *StateDB) live(addr common.Address) *account {
	a := s.get(addr)
	if !a.exists {
		s.journal.append(touchAccount{a})
		a.exists = true
	}
	return a
}

// CreateAccount implements vm.StateDB: a fresh account at addr, with no
// storage. The EVM calls it only for an address that does not exist.
func (s *StateDB) CreateAccount(addr common.Address) {
	prev := s.accounts[addr]
	old := s.get(addr)
	a := &account{
		addr: addr, exists: true, created: true,
		origNonce: old.origNonce, origBalance: old.origBalance, origCodeHash: old.origCodeHash,
		hadAccount: old.hadAccount,
	}
	a.balance = old.balance // zero unless the caller broke the contract
	s.journal.append(replaceAccount{addr: addr, prev: prev})
	s.accounts[addr] = a
}

// CreateContract implements vm.StateDB: marks addr as deployed by the
// running transaction (EIP-6780).
func (s *StateDB) CreateContract(addr common.Address) {
	a := s.live(addr)
	if !a.newContract {
		s.journal.append(newContractChange{a})
		a.newContract = true
	}
}

// IsNewContract implements vm.StateDB.
func (s *StateDB) IsNewContract(addr common.Address) bool { return s.get(addr).newContract }

// SubBalance implements vm.StateDB.
func (s *StateDB) SubBalance(addr common.Address, amt *uint256.Int, reason tracing.BalanceChangeReason) uint256.Int {
	a := s.live(addr)
	prev := a.balance
	if amt.IsZero() {
		return prev
	}
	s.journal.append(balanceChange{a, prev})
	a.balance.Sub(&a.balance, amt)
	s.balanceHook(addr, &prev, &a.balance, reason)
	return prev
}

// AddBalance implements vm.StateDB.
func (s *StateDB) AddBalance(addr common.Address, amt *uint256.Int, reason tracing.BalanceChangeReason) uint256.Int {
	a := s.live(addr)
	prev := a.balance
	if amt.IsZero() {
		return prev
	}
	s.journal.append(balanceChange{a, prev})
	a.balance.Add(&a.balance, amt)
	s.balanceHook(addr, &prev, &a.balance, reason)
	return prev
}

func (s *StateDB) balanceHook(addr common.Address, prev, next *uint256.Int, reason tracing.BalanceChangeReason) {
	if s.hooks != nil && s.hooks.OnBalanceChange != nil {
		s.hooks.OnBalanceChange(addr, prev.ToBig(), next.ToBig(), reason)
	}
}

// GetBalance implements vm.StateDB.
func (s *StateDB) GetBalance(addr common.Address) *uint256.Int {
	b := s.get(addr).balance
	return &b
}

// GetNonce implements vm.StateDB.
func (s *StateDB) GetNonce(addr common.Address) uint64 { return s.get(addr).nonce }

// SetNonce implements vm.StateDB.
func (s *StateDB) SetNonce(addr common.Address, n uint64, reason tracing.NonceChangeReason) {
	a := s.live(addr)
	prev := a.nonce
	s.journal.append(nonceChange{a, prev})
	a.nonce = n
	if s.hooks == nil {
		return
	}
	if s.hooks.OnNonceChangeV2 != nil {
		s.hooks.OnNonceChangeV2(addr, prev, n, reason)
	} else if s.hooks.OnNonceChange != nil {
		s.hooks.OnNonceChange(addr, prev, n)
	}
}

// GetCodeHash implements vm.StateDB: the zero hash for an account that does
// not exist, the hash of empty code for one without code.
func (s *StateDB) GetCodeHash(addr common.Address) common.Hash {
	a := s.get(addr)
	if !a.exists {
		return common.Hash{}
	}
	if a.codeHash == (common.Hash{}) {
		return types.EmptyCodeHash
	}
	return a.codeHash
}

// GetCode implements vm.StateDB.
func (s *StateDB) GetCode(addr common.Address) []byte {
	a := s.get(addr)
	if a.codeHash == (common.Hash{}) {
		return nil
	}
	if !a.codeRead {
		a.code = s.w.Get(codeKey(a.codeHash))
		if a.code == nil {
			panic(fmt.Sprintf("evm: the code %s of %s is missing", a.codeHash, addr))
		}
		a.codeRead = true
	}
	return a.code
}

// GetCodeSize implements vm.StateDB.
func (s *StateDB) GetCodeSize(addr common.Address) int { return len(s.GetCode(addr)) }

// SetCode implements vm.StateDB.
func (s *StateDB) SetCode(addr common.Address, code []byte, reason tracing.CodeChangeReason) []byte {
	prev := s.GetCode(addr)
	a := s.live(addr)
	prevHash := a.codeHash
	s.journal.append(codeChange{acct: a, prevHash: prevHash, prevCode: prev})
	if len(code) == 0 {
		a.codeHash, a.code = common.Hash{}, nil
	} else {
		a.codeHash, a.code = crypto.Keccak256Hash(code), code
	}
	a.codeRead = true
	if s.hooks != nil && prevHash != a.codeHash {
		// Hooks see the hash of empty code where there is none.
		from, to := prevHash, a.codeHash
		if from == (common.Hash{}) {
			from = types.EmptyCodeHash
		}
		if to == (common.Hash{}) {
			to = types.EmptyCodeHash
		}
		if s.hooks.OnCodeChangeV2 != nil {
			s.hooks.OnCodeChangeV2(addr, from, prev, to, code, reason)
		} else if s.hooks.OnCodeChange != nil {
			s.hooks.OnCodeChange(addr, from, prev, to, code)
		}
	}
	return prev
}

// AddRefund implements vm.StateDB.
func (s *StateDB) AddRefund(gas uint64) {
	s.journal.append(refundChange{s.refund})
	s.refund += gas
}

// SubRefund implements vm.StateDB. Going below zero is a bug in the gas
// rules, so it panics as go-ethereum's own state does.
func (s *StateDB) SubRefund(gas uint64) {
	if gas > s.refund {
		panic(fmt.Sprintf("evm: refund counter below zero (gas: %d > refund: %d)", gas, s.refund))
	}
	s.journal.append(refundChange{s.refund})
	s.refund -= gas
}

// GetRefund implements vm.StateDB.
func (s *StateDB) GetRefund() uint64 { return s.refund }

// committed returns the slot's value in the store, as of the start of the
// transaction.
func (s *StateDB) committed(a *account, slot common.Hash) common.Hash {
	if a.created {
		return common.Hash{}
	}
	if v, ok := a.origin[slot]; ok {
		return v
	}
	var v common.Hash
	if bz := s.w.Get(storageKey(a.addr, slot)); bz != nil {
		v = common.BytesToHash(bz)
	}
	if a.origin == nil {
		a.origin = make(map[common.Hash]common.Hash)
	}
	a.origin[slot] = v
	return v
}

// GetStateAndCommittedState implements vm.StateDB.
func (s *StateDB) GetStateAndCommittedState(addr common.Address, slot common.Hash) (common.Hash, common.Hash) {
	a := s.get(addr)
	orig := s.committed(a, slot)
	if v, ok := a.dirty[slot]; ok {
		return v, orig
	}
	return orig, orig
}

// GetState implements vm.StateDB.
func (s *StateDB) GetState(addr common.Address, slot common.Hash) common.Hash {
	v, _ := s.GetStateAndCommittedState(addr, slot)
	return v
}

// SetState implements vm.StateDB and returns the slot's previous value.
func (s *StateDB) SetState(addr common.Address, slot, value common.Hash) common.Hash {
	prev := s.GetState(addr, slot)
	if prev == value {
		return prev
	}
	a := s.live(addr)
	old, had := a.dirty[slot]
	s.journal.append(storageChange{acct: a, slot: slot, prev: old, hadPrev: had})
	if a.dirty == nil {
		a.dirty = make(map[common.Hash]common.Hash)
	}
	a.dirty[slot] = value
	if s.hooks != nil && s.hooks.OnStorageChange != nil {
		s.hooks.OnStorageChange(addr, slot, prev, value)
	}
	return prev
}

// GetTransientState implements vm.StateDB (EIP-1153).
func (s *StateDB) GetTransientState(addr common.Address, key common.Hash) common.Hash {
	return s.transient[slotKey(addr, key)]
}

// SetTransientState implements vm.StateDB (EIP-1153).
func (s *StateDB) SetTransientState(addr common.Address, key, value common.Hash) {
	k := slotKey(addr, key)
	prev := s.transient[k]
	if prev == value {
		return
	}
	s.journal.append(transientChange{key: k, prev: prev})
	if value == (common.Hash{}) {
		delete(s.transient, k)
		return
	}
	s.transient[k] = value
}

// SelfDestruct implements vm.StateDB. The account is removed at Commit; its
// balance, if any is left then, goes to the sink Commit is given.
func (s *StateDB) SelfDestruct(addr common.Address) {
	a := s.get(addr)
	if !a.exists || a.selfDestructed {
		return
	}
	s.journal.append(selfDestructChange{a})
	a.selfDestructed = true
}

// HasSelfDestructed implements vm.StateDB.
func (s *StateDB) HasSelfDestructed(addr common.Address) bool { return s.get(addr).selfDestructed }

// Exist implements vm.StateDB.
func (s *StateDB) Exist(addr common.Address) bool { return s.get(addr).exists }

// Touch implements vm.StateDB.
func (s *StateDB) Touch(addr common.Address) { s.live(addr) }

// Empty implements vm.StateDB (EIP-161: no nonce, balance or code).
func (s *StateDB) Empty(addr common.Address) bool {
	a := s.get(addr)
	return a.nonce == 0 && a.balance.IsZero() && a.codeHash == (common.Hash{})
}

// AddressInAccessList implements vm.StateDB (EIP-2929).
func (s *StateDB) AddressInAccessList(addr common.Address) bool {
	_, ok := s.accessAddrs[addr]
	return ok
}

// SlotInAccessList implements vm.StateDB (EIP-2929).
func (s *StateDB) SlotInAccessList(addr common.Address, slot common.Hash) (bool, bool) {
	_, addrOK := s.accessAddrs[addr]
	_, slotOK := s.accessSlots[slotKey(addr, slot)]
	return addrOK, slotOK
}

// AddAddressToAccessList implements vm.StateDB (EIP-2929).
func (s *StateDB) AddAddressToAccessList(addr common.Address) {
	if _, ok := s.accessAddrs[addr]; ok {
		return
	}
	s.journal.append(accessAddressChange{addr})
	s.accessAddrs[addr] = struct{}{}
}

// AddSlotToAccessList implements vm.StateDB (EIP-2929).
func (s *StateDB) AddSlotToAccessList(addr common.Address, slot common.Hash) {
	s.AddAddressToAccessList(addr)
	k := slotKey(addr, slot)
	if _, ok := s.accessSlots[k]; ok {
		return
	}
	s.journal.append(accessSlotChange{addr: addr, slot: slot})
	s.accessSlots[k] = struct{}{}
}

// Prepare implements vm.StateDB: it starts the transaction's access list
// (sender, destination, precompiles, the transaction's list, and from
// Shanghai the coinbase) and clears transient storage.
func (s *StateDB) Prepare(rules params.Rules, sender, coinbase common.Address, dest *common.Address, precompiles []common.Address, list types.AccessList) {
	clear(s.accessAddrs)
	clear(s.accessSlots)
	clear(s.transient)
	if !rules.IsEIP2929 {
		return
	}
	s.accessAddrs[sender] = struct{}{}
	if dest != nil {
		s.accessAddrs[*dest] = struct{}{}
	}
	for _, p := range precompiles {
		s.accessAddrs[p] = struct{}{}
	}
	for _, t := range list {
		s.accessAddrs[t.Address] = struct{}{}
		for _, k := range t.StorageKeys {
			s.accessSlots[slotKey(t.Address, k)] = struct{}{}
		}
	}
	if rules.IsShanghai {
		s.accessAddrs[coinbase] = struct{}{}
	}
}

// Snapshot implements vm.StateDB.
func (s *StateDB) Snapshot() int { return s.journal.snapshot() }

// RevertToSnapshot implements vm.StateDB.
func (s *StateDB) RevertToSnapshot(id int) { s.journal.revertTo(s, id) }

// SetTxContext implements vm.StateDB: the hash and index in its block of
// the transaction whose logs follow.
func (s *StateDB) SetTxContext(txHash common.Hash, txIndex int, _ uint32) {
	s.txHash, s.txIndex = txHash, txIndex
}

// SetLogIndex sets the index in its block of the transaction's first log,
// so that log indexes count across the block.
func (s *StateDB) SetLogIndex(first uint) { s.logIndex = first }

// AddLog implements vm.StateDB.
func (s *StateDB) AddLog(l *types.Log) {
	s.journal.append(logChange{})
	l.TxHash = s.txHash
	l.TxIndex = uint(s.txIndex)
	l.Index = s.logIndex + uint(len(s.logs))
	s.logs = append(s.logs, l)
	if s.hooks != nil && s.hooks.OnLog != nil {
		s.hooks.OnLog(l)
	}
}

// Logs returns the logs of the transaction, in order.
func (s *StateDB) Logs() []*types.Log { return s.logs }

// AddPreimage implements vm.StateDB; preimages are not kept.
func (s *StateDB) AddPreimage(common.Hash, []byte) {}

// Witness implements vm.StateDB; there is no stateless witness.
func (s *StateDB) Witness() *stateless.Witness { return nil }

// AccessEvents implements vm.StateDB; they only exist under verkle rules,
// which the chain does not use.
func (s *StateDB) AccessEvents() *state.AccessEvents { return nil }

// Finalise implements vm.StateDB: it ends the transaction's undo scope.
// Self-destructed accounts stay marked until Commit removes them.
func (s *StateDB) Finalise(params.Rules) *bal.ConstructionBlockAccessList {
	s.journal.reset()
	s.refund = 0
	return nil
}

// sortedAccounts returns the cached accounts in ascending address order.
func (s *StateDB) sortedAccounts() []*account {
	out := make([]*account, 0, len(s.accounts))
	for _, a := range s.accounts { //determinism:sorted
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return bytes.Compare(out[i].addr[:], out[j].addr[:]) < 0 })
	return out
}

type write struct {
	key   []byte
	value []byte // nil: delete
}

// Commit writes the transaction's changes to the store: code, code hashes,
// storage and remainders in ascending key order, then nonces (x/auth) in
// ascending address order, then balances as one bank.Reassign of ustake.
//
// Wei are conserved: what the EVM removed from the balances without
// crediting anyone (the balance of a contract that self-destructed to
// itself, or received value after self-destructing) is credited to sink,
// so nothing is burned. Commit fails, writing nothing, if the balances
// would hold more wei than before, if the balance of the reserve or of any
// module account other than sink was changed (as bank sends to module
// accounts are refused, so that the modules' own ledgers stay true), or if
// the reserve cannot back the new remainders.
func (s *StateDB) Commit(sink common.Address) error {
	if s.done {
		panic("evm: a StateDB is committed once; use a new one for the next transaction")
	}
	accts := s.sortedAccounts()
	// Self-destructed accounts lose their nonce, balance and code; their
	// balance goes to the sink below.
	for _, a := range accts {
		if a.selfDestructed {
			a.nonce, a.codeHash = 0, common.Hash{}
			a.balance.Clear()
		}
	}
	settle, err := s.settle(accts, sink)
	if err != nil {
		return err
	}

	var writes []write
	for _, a := range accts {
		writes = s.accountWrites(writes, a)
	}
	for _, b := range settle.remainders {
		writes = append(writes, b)
	}
	sort.Slice(writes, func(i, j int) bool { return bytes.Compare(writes[i].key, writes[j].key) < 0 })
	for _, wr := range writes {
		if wr.value == nil {
			s.w.Delete(wr.key)
		} else {
			s.w.Set(wr.key, wr.value)
		}
	}
	for _, a := range accts {
		if a.nonce != a.origNonce {
			s.ledger.Accounts.SetSequence(s.w, authtypes.Address(a.addr.Bytes()), a.nonce)
		}
	}
	if len(settle.holdings) > 0 {
		if err := s.ledger.Balances.Reassign(s.w, s.ledger.Denom, settle.holdings); err != nil {
			panic(fmt.Sprintf("evm: the checked settlement was refused: %v", err))
		}
	}
	s.done = true
	return nil
}

// accountWrites appends the store writes of a's code and storage.
func (s *StateDB) accountWrites(writes []write, a *account) []write {
	if a.codeHash != a.origCodeHash {
		if a.codeHash == (common.Hash{}) {
			writes = append(writes, write{key: codeHashKey(a.addr)})
		} else {
			writes = append(writes, write{key: codeHashKey(a.addr), value: a.codeHash.Bytes()})
			if ck := codeKey(a.codeHash); !s.w.Has(ck) {
				writes = append(writes, write{key: ck, value: a.code})
			}
		}
	}
	if a.selfDestructed || a.created {
		// Nothing stored for the address before belongs to the account now.
		prefix := storageAddrPrefix(a.addr)
		s.w.Iterate(prefix, store.PrefixEnd(prefix), func(key, _ []byte) bool {
			slot := common.BytesToHash(key[len(prefix):])
			if v := a.dirty[slot]; v == (common.Hash{}) || a.selfDestructed {
				writes = append(writes, write{key: append([]byte(nil), key...)})
			}
			return true
		})
		if a.selfDestructed {
			return writes
		}
	}
	slots := make([]common.Hash, 0, len(a.dirty))
	for slot := range a.dirty { //determinism:sorted
		slots = append(slots, slot)
	}
	sort.Slice(slots, func(i, j int) bool { return bytes.Compare(slots[i][:], slots[j][:]) < 0 })
	for _, slot := range slots {
		v := a.dirty[slot]
		if v == s.committed(a, slot) && !a.created {
			continue
		}
		if v == (common.Hash{}) {
			if !a.created {
				writes = append(writes, write{key: storageKey(a.addr, slot)})
			}
			continue
		}
		writes = append(writes, write{key: storageKey(a.addr, slot), value: v.Bytes()})
	}
	return writes
}

// settlement is what Commit writes for balances: the remainders (raw
// uint64, deleted at zero) and the ustake holdings, the reserve's included.
type settlement struct {
	remainders []write
	holdings   []bank.Holding
}

// settle checks that the balance changes conserve wei (crediting what was
// burned to sink) and turns them into remainders and ustake holdings.
func (s *StateDB) settle(accts []*account, sink common.Address) (settlement, error) {
	var before, after uint256.Int
	changed := make([]*account, 0, len(accts))
	for _, a := range accts {
		if a.balance == a.origBalance {
			continue
		}
		if a.addr == s.ledger.Reserve {
			return settlement{}, ErrReserveTouched.Wrapf("%s", a.addr)
		}
		if name, ok := s.ledger.Accounts.ModuleAccountName(authtypes.Address(a.addr.Bytes())); ok && a.addr != sink {
			return settlement{}, ErrModuleAccount.Wrapf("%s is the %s module account", a.addr, name)
		}
		changed = append(changed, a)
		before.Add(&before, &a.origBalance)
		after.Add(&after, &a.balance)
	}
	if after.Gt(&before) {
		return settlement{}, ErrWeiCreated.Wrapf("before %s wei, after %s wei", before.Dec(), after.Dec())
	}
	if burned := new(uint256.Int).Sub(&before, &after); !burned.IsZero() {
		if sink == s.ledger.Reserve {
			return settlement{}, ErrReserveTouched.Wrapf("the sink %s is the reserve", sink)
		}
		a := s.get(sink)
		if a.balance == a.origBalance {
			changed = append(changed, a)
			sort.Slice(changed, func(i, j int) bool { return bytes.Compare(changed[i].addr[:], changed[j].addr[:]) < 0 })
		}
		a.balance.Add(&a.balance, burned)
	}
	var out settlement
	remDelta := new(uint256.Int) // Σ new remainders − Σ old, as a signed 256-bit value
	for _, a := range changed {
		var micro, rem, oldMicro, oldRem uint256.Int
		micro.DivMod(&a.balance, weiPerMicro, &rem)
		oldMicro.DivMod(&a.origBalance, weiPerMicro, &oldRem)
		if rem != oldRem {
			wr := write{key: remainderKey(a.addr)}
			if !rem.IsZero() {
				wr.value = binary.BigEndian.AppendUint64(nil, rem.Uint64())
			}
			out.remainders = append(out.remainders, wr)
		}
		remDelta.Add(remDelta, &rem)
		remDelta.Sub(remDelta, &oldRem)
		if micro != oldMicro {
			out.holdings = append(out.holdings, bank.Holding{Addr: authtypes.Address(a.addr.Bytes()), Amount: math.NewIntFromBigInt(micro.ToBig())})
		}
	}
	// The balances' wei are conserved, so the remainders changed by a whole
	// number of ustake, which the reserve takes or gives.
	var reserveDelta, check uint256.Int
	reserveDelta.SDiv(remDelta, weiPerMicro)
	if check.Mul(&reserveDelta, weiPerMicro); check != *remDelta {
		panic("evm: the remainders changed by a fraction of a ustake")
	}
	if !reserveDelta.IsZero() {
		reserve := authtypes.Address(s.ledger.Reserve.Bytes())
		held := s.ledger.Balances.Balance(s.w, reserve, s.ledger.Denom)
		var next math.Int
		if reserveDelta.Sign() < 0 {
			next = held.Sub(math.NewIntFromBigInt(new(uint256.Int).Neg(&reserveDelta).ToBig()))
		} else {
			next = held.Add(math.NewIntFromBigInt(reserveDelta.ToBig()))
		}
		if next.IsNegative() {
			return settlement{}, ErrInsufficientReserve.Wrapf("it holds %s%s, the remainders need %s%s more", held, s.ledger.Denom, next.Neg(), s.ledger.Denom)
		}
		out.holdings = append(out.holdings, bank.Holding{Addr: reserve, Amount: next})
	}
	return out, nil
}
