package evm

import (
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/tracing"
	ethtypes "github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/bank"
)

// Keeper applies Ethereum messages to the chain's state. It holds no state;
// every method takes the state view it works on and the block facts it
// needs.
type Keeper struct {
	ledger       Ledger
	feeCollector common.Address
}

// NewKeeper returns the EVM keeper over the chain's accounts and bank. denom
// is the staking bond denomination (ustake), the one EVM balances count.
func NewKeeper(ak auth.Keeper, bk bank.Keeper, denom string) Keeper {
	return Keeper{
		ledger: Ledger{
			Accounts: AuthAccounts{Keeper: ak},
			Balances: bk,
			Denom:    denom,
			Reserve:  common.Address(authtypes.ModuleAddress(ReserveName)),
		},
		feeCollector: common.Address(authtypes.ModuleAddress(auth.FeeCollectorName)),
	}
}

// ModuleAccounts are the module accounts the EVM needs registered with
// x/auth: the reserve, which only holds coins.
func ModuleAccounts() []auth.ModuleAccountSpec {
	return []auth.ModuleAccountSpec{{Name: ReserveName}}
}

// AuthAccounts adapts an x/auth keeper to Accounts.
type AuthAccounts struct{ Keeper auth.Keeper }

// Sequence implements Accounts.
func (a AuthAccounts) Sequence(r store.Reader, addr authtypes.Address) (uint64, bool) {
	acc := a.Keeper.Account(r, addr)
	if acc == nil {
		return 0, false
	}
	return acc.Sequence, true
}

// SetSequence implements Accounts.
func (a AuthAccounts) SetSequence(w store.Writer, addr authtypes.Address, seq uint64) {
	acc := a.Keeper.EnsureAccount(w, addr)
	acc.Sequence = seq
	a.Keeper.SetAccount(w, addr, acc)
}

// ModuleAccountName implements Accounts.
func (a AuthAccounts) ModuleAccountName(addr authtypes.Address) (string, bool) {
	return a.Keeper.ModuleAccountName(addr)
}

// Ledger returns where the keeper's StateDBs find accounts and balances.
func (k Keeper) Ledger() Ledger { return k.ledger }

// FeeCollector is the address the EVM sees as the block's coinbase.
func (k Keeper) FeeCollector() common.Address { return k.feeCollector }

// NewStateDB returns a StateDB over w for one transaction or call.
func (k Keeper) NewStateDB(w store.Writer) *StateDB { return NewStateDB(w, k.ledger) }

// ChainConfig returns the EVM rules of a chain with the given EIP-155 id:
// every fork through Prague and Osaka active from genesis (block 0, time
// 0), with Ethereum's blob schedule (blob transactions are not accepted,
// but the BLOBBASEFEE opcode needs it).
func ChainConfig(chainID uint64) *params.ChainConfig {
	zero := uint64(0)
	return &params.ChainConfig{
		ChainID:                 new(big.Int).SetUint64(chainID),
		HomesteadBlock:          big.NewInt(0),
		EIP150Block:             big.NewInt(0),
		EIP155Block:             big.NewInt(0),
		EIP158Block:             big.NewInt(0),
		ByzantiumBlock:          big.NewInt(0),
		ConstantinopleBlock:     big.NewInt(0),
		PetersburgBlock:         big.NewInt(0),
		IstanbulBlock:           big.NewInt(0),
		MuirGlacierBlock:        big.NewInt(0),
		BerlinBlock:             big.NewInt(0),
		LondonBlock:             big.NewInt(0),
		ArrowGlacierBlock:       big.NewInt(0),
		GrayGlacierBlock:        big.NewInt(0),
		MergeNetsplitBlock:      big.NewInt(0),
		TerminalTotalDifficulty: big.NewInt(0),
		ShanghaiTime:            &zero,
		CancunTime:              &zero,
		PragueTime:              &zero,
		OsakaTime:               &zero,
		BlobScheduleConfig: &params.BlobScheduleConfig{
			Cancun: params.DefaultCancunBlobConfig,
			Prague: params.DefaultPragueBlobConfig,
		},
	}
}

// Block is what the EVM learns of the block it runs in, all of it from the
// block's header and the chain's consensus parameters.
type Block struct {
	// Height is the block's height.
	Height uint64
	// Time is the block's time in Unix seconds.
	Time uint64
	// GasLimit is the block's gas limit (the consensus max_gas).
	GasLimit uint64
}

// DefaultBlockGasLimit stands for the block gas limit when the consensus
// parameters set none (max_gas -1): what the GASLIMIT opcode reports and
// what a read-only call may use at most.
const DefaultBlockGasLimit = 100_000_000

// Tx places a message in its block: its hash and index, and the index in
// the block of its first log, so that log indexes count across the block.
type Tx struct {
	Hash          common.Hash
	Index         int
	FirstLogIndex uint
	// Signed is the transaction the message came from, for a tracer's
	// OnTxStart (nil: one is made from the message).
	Signed *ethtypes.Transaction
}

// blockContext returns the EVM's block context: coinbase = the fee
// collector, PREVRANDAO = the hash of the previous block (zero at the first
// block; set, so Shanghai and later rules apply), base fee from the
// parameters, blob base fee 1 (the minimum), BLOCKHASH from RecordBlockHash.
func (k Keeper) blockContext(r store.Reader, p Params, b Block) vm.BlockContext {
	var random common.Hash
	if b.Height > 0 {
		random = k.BlockHash(r, b.Height-1)
	}
	gasLimit := b.GasLimit
	if gasLimit == 0 {
		gasLimit = DefaultBlockGasLimit
	}
	return vm.BlockContext{
		CanTransfer: core.CanTransfer,
		Transfer:    core.Transfer,
		GetHash:     func(n uint64) common.Hash { return k.BlockHash(r, n) },
		Coinbase:    k.feeCollector,
		GasLimit:    gasLimit,
		BlockNumber: new(big.Int).SetUint64(b.Height),
		Time:        b.Time,
		Difficulty:  big.NewInt(0),
		BaseFee:     p.BaseFee.BigInt(),
		BlobBaseFee: big.NewInt(1),
		Random:      &random,
	}
}

// Apply runs msg in block b on w through core.ApplyMessage and, unless that
// refuses the message, commits the state changes to w. gp is the gas left
// in the block (nil: the block gas limit).
//
// The base fee ApplyMessage burns is credited to the fee collector, so the
// balances keep every wei; the sender pays gas used × gas price, the fee
// collector gets all of it.
//
// A refused message (wrong nonce, too little balance for gas × price +
// value, gas above what the block has left, a fee cap below the base fee)
// returns an error wrapping ErrMessageRejected and writes nothing. A
// message that runs but fails (a revert, out of gas) returns a result whose
// Err is set: the nonce and fee are still taken, and there are no logs. The
// tracer, if any, sees every step.
func (k Keeper) Apply(w store.Writer, b Block, tx Tx, msg *core.Message, gp *core.GasPool, tracer *tracing.Hooks) (*core.ExecutionResult, []*ethtypes.Log, error) {
	p := k.Params(w)
	sdb := NewStateDB(w, k.ledger)
	sdb.SetTxContext(tx.Hash, tx.Index, 0)
	sdb.SetLogIndex(tx.FirstLogIndex)
	sdb.SetHooks(tracer)
	bctx := k.blockContext(w, p, b)
	if gp == nil {
		gp = core.NewGasPool(bctx.GasLimit)
	}
	evm := vm.NewEVM(bctx, sdb, ChainConfig(p.ChainID), vm.Config{Tracer: tracer})
	defer evm.Release()
	txEnd := startTx(evm, tracer, tx.Signed, msg)
	res, err := core.ApplyMessage(evm, msg, gp)
	txEnd(res, err)
	if err != nil {
		return nil, nil, rejected(err)
	}
	if res.UsedGas > 0 && bctx.BaseFee.Sign() > 0 {
		fee := new(uint256.Int).SetUint64(res.UsedGas)
		fee.Mul(fee, uint256.MustFromBig(bctx.BaseFee))
		sdb.AddBalance(k.feeCollector, fee, tracing.BalanceIncreaseRewardTransactionFee)
	}
	sdb.Finalise(evm.ChainConfig().Rules(bctx.BlockNumber, true, bctx.Time))
	if err := sdb.Commit(k.feeCollector); err != nil {
		return nil, nil, err
	}
	// A failed execution reverted its logs with the rest of its changes.
	logs := sdb.Logs()
	for _, l := range logs {
		l.BlockNumber = b.Height
	}
	return res, logs, nil
}

// Call runs msg read-only, for eth_call and gas estimation: on a
// throwaway cache over r, without the nonce check, and with no base fee
// when the message offers a zero gas price. A revert is a result with Err
// set to vm.ErrExecutionReverted and the revert data in res.Revert(); an
// error means the message could not run at all.
func (k Keeper) Call(r store.Reader, b Block, msg *core.Message, tracer *tracing.Hooks) (*core.ExecutionResult, error) {
	p := k.Params(r)
	sdb := NewStateDB(store.NewCache(r), k.ledger)
	sdb.SetHooks(tracer)
	bctx := k.blockContext(r, p, b)
	evm := vm.NewEVM(bctx, sdb, ChainConfig(p.ChainID), vm.Config{Tracer: tracer, NoBaseFee: true})
	defer evm.Release()
	txEnd := startTx(evm, tracer, nil, msg)
	res, err := core.ApplyMessage(evm, msg.SkipNonceCheck(), core.NewGasPool(bctx.GasLimit))
	txEnd(res, err)
	if err != nil {
		return nil, rejected(err)
	}
	return res, nil
}

// startTx tells the tracer, if it wants to know, that a transaction starts,
// and returns the function that tells it the transaction ended.
func startTx(evm *vm.EVM, tracer *tracing.Hooks, tx *ethtypes.Transaction, msg *core.Message) func(*core.ExecutionResult, error) {
	if tracer == nil {
		return func(*core.ExecutionResult, error) {}
	}
	if tracer.OnTxStart != nil {
		if tx == nil {
			tx = ethtypes.NewTx(&ethtypes.LegacyTx{
				Nonce: msg.Nonce, To: msg.To, Value: msg.Value.ToBig(), Gas: msg.GasLimit,
				GasPrice: msg.GasPrice.ToBig(), Data: msg.Data,
			})
		}
		tracer.OnTxStart(evm.GetVMContext(), tx, msg.From)
	}
	return func(res *core.ExecutionResult, err error) {
		if tracer.OnTxEnd == nil {
			return
		}
		if err != nil {
			tracer.OnTxEnd(nil, err)
			return
		}
		tracer.OnTxEnd(&ethtypes.Receipt{GasUsed: res.UsedGas}, nil)
	}
}

// rejected is the error of a message core.ApplyMessage refused: ErrBlockGas
// when the block has too little gas left, ErrMessageRejected otherwise,
// with go-ethereum's own words (nonce too low, insufficient funds for gas
// * price + value, ...).
func rejected(err error) error {
	if errors.Is(err, core.ErrGasLimitReached) {
		return ErrBlockGas.Wrap(err.Error())
	}
	return ErrMessageRejected.Wrap(err.Error())
}

// Reverted returns nil if res did not revert, and otherwise ErrReverted
// wrapped with the reason when the revert data is a Solidity Error(string)
// ("reason: execution reverted"), or with the data in hex when it is
// something else, such as a custom error, which a client decodes with the
// contract's ABI. The raw data is res.Revert().
func Reverted(res *core.ExecutionResult) error {
	if res == nil || !errors.Is(res.Err, vm.ErrExecutionReverted) {
		return nil
	}
	if reason, err := abi.UnpackRevert(res.Revert()); err == nil {
		return ErrReverted.Wrap(reason)
	}
	if data := res.Revert(); len(data) > 0 {
		return ErrReverted.Wrapf("revert data 0x%x", data)
	}
	return ErrReverted
}
