package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"strings"
	"time"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	ethtypes "github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/spf13/cobra"

	"github.com/stakechain/stakechain/x/auth/keys"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// Flags and environment of the evm commands.
const (
	flagEVMRPC = "evm-rpc"
	flagABI    = "abi"
	flagArgs   = "args"
	flagValue  = "value"
	flagAsync  = "async"

	// envEVMRPC gives the default of --evm-rpc.
	envEVMRPC = "STAKECHAIN_EVM_RPC"
)

// evmWaitTimeout bounds a transaction command: sending, then waiting for
// the receipt.
const evmWaitTimeout = 2 * time.Minute

// evmReceiptPoll is how often a transaction command asks for its receipt.
const evmReceiptPoll = 200 * time.Millisecond

// defaultEVMRPC is the default of --evm-rpc: $STAKECHAIN_EVM_RPC when set,
// else the JSON-RPC of node 0 of a localnet (and a node's default).
func defaultEVMRPC() string {
	if url := os.Getenv(envEVMRPC); url != "" {
		return url
	}
	return "http://127.0.0.1:8545"
}

func addEVMRPCFlag(cmd *cobra.Command) {
	cmd.PersistentFlags().String(flagEVMRPC, defaultEVMRPC(),
		"URL of the node's Ethereum JSON-RPC, http(s) or ws(s) (app.toml [json-rpc]; localnet node i serves http://127.0.0.1:8545+10i; $"+envEVMRPC+" sets the default)")
}

// txEVMCommand is `stakechain tx evm`: Ethereum transactions, signed with
// an eth_secp256k1 key of the keyring and sent to the node's Ethereum
// JSON-RPC.
func txEVMCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "evm",
		Short: "Deploy and call EVM contracts, signing with an Ethereum key of the keyring",
		Long: `Deploy and call EVM contracts with Ethereum transactions (EIP-1559), signed
with an eth_secp256k1 key of the keyring (--from: its name, or its 0x or
bech32 address; keys add NAME --key-type eth_secp256k1 makes one) and sent
to the node's Ethereum JSON-RPC (--evm-rpc).

The nonce is the account's next one counting the node's mempool
(eth_getTransactionCount "pending"), the gas limit what eth_estimateGas
says unless --gas N is given, the priority fee what
eth_maxPriorityFeePerGas suggests, and the fee cap twice the latest base
fee plus that tip; the chain id is the node's eth_chainId. Unless --async,
the command waits for the receipt and prints it: the hash, status, block,
gas used, the created contract's address, and the logs, decoded with
--abi. A transaction that fails in its block prints its revert reason
(Error(string), a panic, or with --abi a custom error by name) and exits
with status 1; one that would revert is not sent unless --gas is given.

The Cosmos flags --node, --fees, --memo, --broadcast-mode and
--timeout-height do not apply to Ethereum transactions; --chain-id, when
given, must be the node's EVM chain id (a number, such as 9000).`,
	}
	addEVMRPCFlag(cmd)
	hideCosmosFlags(cmd)
	f := cmd.PersistentFlags()
	// These replace the flags of the same names of `tx`, for Ethereum
	// transactions.
	f.String(flagFrom, "", "name or address (0x or bech32) of the eth_secp256k1 key of the keyring that signs")
	f.String(flagChainID, "", "EVM chain id the transaction must be for (default: the node's eth_chainId)")
	f.String(flagGas, "auto", `gas limit, or "auto" for what eth_estimateGas says (times --gas-adjustment)`)
	f.String(flagValue, "0", `value to send with the transaction: wei (1000), or a number with a unit: 1.5stake, 10ustake, 2gwei, 7wei`)
	f.String(flagABI, "", "the contract's JSON ABI (solc --abi, or an artifact with an \"abi\" member), to decode its logs and custom errors")
	f.Bool(flagAsync, false, "return once the node accepts the transaction, without waiting for its receipt")
	cmd.AddCommand(txEVMDeployCommand(), txEVMCallCommand())
	return cmd
}

func txEVMDeployCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "deploy FILE.bin [--abi FILE.abi] [--args] [ARG...]",
		Short: "Deploy a contract from its bytecode, with its constructor's arguments",
		Long: `Deploy a contract: FILE.bin holds its creation bytecode in hex (solc --bin;
0x and surrounding whitespace allowed). The constructor's arguments follow
FILE.bin, or --args (the two are the same): they are parsed by the
types of the constructor's inputs in --abi and ABI-encoded after the
bytecode.

` + evmArgsHelp,
		Example: `stakechain tx evm deploy ERC20.bin --abi ERC20.abi --args Seed SEED 18 1000000 --from alice
stakechain tx evm deploy Ballot.bin --abi Ballot.abi --args alice,bob,carol --from alice -o json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return errors.New("give the file of the contract's bytecode")
			}
			if abiPath, _ := cmd.Flags().GetString(flagABI); abiPath == "" && len(args) > 1 {
				return fmt.Errorf("arguments for the constructor (%s), but no --abi to tell their types", strings.Join(args[1:], " "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := refuseCosmosFlags(cmd); err != nil {
				return err
			}
			code, err := readBytecode(args[0])
			if err != nil {
				return err
			}
			contract, err := abiFlag(cmd)
			if err != nil {
				return err
			}
			if contract != nil {
				ctor := evmFunc{Name: "constructor", Inputs: contract.Constructor.Inputs}
				packed, err := packABIArgs(ctor.Inputs, args[1:], ctor.Sig())
				if err != nil {
					return err
				}
				code = append(code, packed...)
			}
			return sendEVMTx(cmd, nil, code, contract)
		},
	}
	cmd.Flags().Bool(flagArgs, false, "the constructor's arguments follow (optional: they may follow FILE.bin directly)")
	return cmd
}

// evmArgsHelp says how the commands read arguments of ABI types.
const evmArgsHelp = `Arguments by type: address as 0x... or stake1...; uintN and intN in decimal
or 0x hex; bool as true or false; string as it is; bytesN as 0x and
exactly 2N hex digits, or a text of at most N characters padded with
zeros (how Solidity lays out bytes32("alice")); bytes as 0x hex (else the
text's bytes); arrays T[] and T[k] as elements separated by commas. An
argument that starts with - goes after --.`

func txEVMCallCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "call ADDRESS SIGNATURE [ARG...]",
		Short: "Call a contract's function in a transaction",
		Long: `Call a function of the contract at ADDRESS (0x... or stake1...) in a
transaction. SIGNATURE names the function with the types of its arguments,
as Solidity does: 'transfer(address,uint256)' (argument names are allowed,
uint means uint256); the call data is the first 4 bytes of the Keccak-256
hash of that signature, followed by the ARGs ABI-encoded by those types.
With --abi, SIGNATURE may be the function's bare name.

` + evmArgsHelp,
		Example: `stakechain tx evm call 0x5FbDB2315678afecb367f032d93F642f64180aa3 'transfer(address,uint256)' 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 250 --from alice
stakechain tx evm call 0x5FbD... transfer stake1... 250 --abi ERC20.abi --from alice -o json
stakechain tx evm call 0x5FbD... 'deposit()' --value 1.5stake --from alice`,
		Args: evmCallArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := refuseCosmosFlags(cmd); err != nil {
				return err
			}
			to, contract, _, data, err := evmCallTarget(cmd, args)
			if err != nil {
				return err
			}
			return sendEVMTx(cmd, &to, data, contract)
		},
	}
}

// evmCallArgs checks the arguments of a call command: ADDRESS, SIGNATURE
// and as many ARGs as the signature has inputs (with --abi, once the ABI
// is read).
func evmCallArgs(cmd *cobra.Command, args []string) error {
	if len(args) < 2 {
		return errors.New("give the contract's address and the function's signature, such as 'balanceOf(address)'")
	}
	if abiPath, _ := cmd.Flags().GetString(flagABI); abiPath != "" {
		return nil
	}
	fn, err := parseEVMSignature(args[1])
	if err != nil {
		return err
	}
	if got := len(args) - 2; got != len(fn.Inputs) {
		return fmt.Errorf("%s takes %d arguments, got %d", fn.Sig(), len(fn.Inputs), got)
	}
	return nil
}

// evmCallTarget reads what tx evm call and query evm call share: the
// contract (args[0]), the --abi file if any, the function (args[1]) and
// the calldata of the arguments that follow.
func evmCallTarget(cmd *cobra.Command, args []string) (to common.Address, contract *abi.ABI, fn evmFunc, data []byte, err error) {
	if to, err = evmAddressArg("contract", args[0]); err != nil {
		return
	}
	if contract, err = abiFlag(cmd); err != nil {
		return
	}
	if fn, err = resolveEVMFunc(args[1], contract); err != nil {
		return
	}
	data, err = fn.Calldata(args[2:])
	return
}

// resolveEVMFunc reads a SIGNATURE argument, through the ABI when given.
func resolveEVMFunc(sig string, contract *abi.ABI) (evmFunc, error) {
	if contract != nil {
		return evmFuncFromABI(sig, contract)
	}
	return parseEVMSignature(sig)
}

// abiFlag reads the --abi file, or returns nil without the flag.
func abiFlag(cmd *cobra.Command) (*abi.ABI, error) {
	path, _ := cmd.Flags().GetString(flagABI)
	if path == "" {
		return nil, nil
	}
	return readABI(path)
}

// evmAddressArg reads an address argument in either spelling.
func evmAddressArg(what, s string) (common.Address, error) {
	a, err := authtypes.ParseAccountInput(s)
	if err != nil {
		return common.Address{}, fmt.Errorf("%s: %w", what, err)
	}
	return common.BytesToAddress(a), nil
}

// evmCosmosOnlyFlags are the flags of `tx` (and `query`) that mean nothing
// to the evm commands, each with what to do instead.
var evmCosmosOnlyFlags = []struct{ name, instead string }{
	{flagNode, "the evm commands talk to the node's Ethereum JSON-RPC: give its URL with --" + flagEVMRPC},
	{flagFees, "an Ethereum transaction pays gas used × (base fee + tip), set from the node's answers"},
	{flagMemo, "an Ethereum transaction has no memo"},
	{flagBroadcastMode, "the command waits for the receipt; --" + flagAsync + " returns without waiting"},
	{flagTimeoutHeight, "an Ethereum transaction has no timeout height"},
}

// hideCosmosFlags replaces, below cmd, the Cosmos-only flags of its
// parents by hidden ones of the same names, so that help does not offer
// them and refuseCosmosFlags can say what to use instead.
func hideCosmosFlags(cmd *cobra.Command) {
	for _, fl := range evmCosmosOnlyFlags {
		cmd.PersistentFlags().String(fl.name, "", fl.instead)
		_ = cmd.PersistentFlags().MarkHidden(fl.name)
	}
}

// refuseCosmosFlags fails when a Cosmos-only flag was given, rather than
// ignore it.
func refuseCosmosFlags(cmd *cobra.Command) error {
	for _, fl := range evmCosmosOnlyFlags {
		if f := cmd.Flags().Lookup(fl.name); f != nil && f.Changed {
			return fmt.Errorf("--%s does not apply here: %s", fl.name, fl.instead)
		}
	}
	return nil
}

// dialEVM connects to the --evm-rpc URL.
func dialEVM(ctx context.Context, cmd *cobra.Command) (*ethclient.Client, string, error) {
	url, _ := cmd.Flags().GetString(flagEVMRPC)
	if url == "" {
		return nil, "", fmt.Errorf("--%s is empty: give the URL of the node's Ethereum JSON-RPC", flagEVMRPC)
	}
	ec, err := ethclient.DialContext(ctx, url)
	if err != nil {
		return nil, "", evmRPCError(url, err)
	}
	return ec, url, nil
}

// evmRPCError explains a failure to reach the JSON-RPC at url.
func evmRPCError(url string, err error) error {
	var netErr *net.OpError
	if errors.As(err, &netErr) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("cannot reach the Ethereum JSON-RPC at %s (is the node running, with [json-rpc] enabled in its app.toml? --%s or $%s choose another URL): %w", url, flagEVMRPC, envEVMRPC, err)
	}
	return fmt.Errorf("Ethereum JSON-RPC at %s: %w", url, err)
}

// revertOf returns the reason of a call the node answered with a revert
// (eth_call and eth_estimateGas put the revert data in the error's data).
func revertOf(err error, contract *abi.ABI) (string, bool) {
	var de rpc.DataError
	if errors.As(err, &de) {
		if s, ok := de.ErrorData().(string); ok {
			if data, derr := hexutil.Decode(s); derr == nil {
				return revertReason(data, contract), true
			}
		}
	}
	if msg := err.Error(); strings.HasPrefix(msg, "execution reverted") {
		return strings.TrimPrefix(strings.TrimPrefix(msg, "execution reverted"), ": "), true
	}
	return "", false
}

// evmTxResult is what a transaction command prints: the transaction, and
// its receipt once it is in a block.
type evmTxResult struct {
	TxHash string `json:"txhash"`
	From   string `json:"from"`
	To     string `json:"to,omitempty"`
	Nonce  uint64 `json:"nonce,string"`
	// Status is "success", "failed", or "pending" (sent with --async).
	Status            string   `json:"status"`
	Block             uint64   `json:"block,string,omitempty"`
	BlockHash         string   `json:"block_hash,omitempty"`
	GasUsed           uint64   `json:"gas_used,string,omitempty"`
	EffectiveGasPrice string   `json:"effective_gas_price,omitempty"`
	ContractAddress   string   `json:"contract_address,omitempty"`
	Logs              []evmLog `json:"logs"`
	RevertReason      string   `json:"revert_reason,omitempty"`
}

// evmLog is a log of a receipt; Event and Args are set when --abi knows
// the event.
type evmLog struct {
	Address string   `json:"address"`
	Topics  []string `json:"topics"`
	Data    string   `json:"data"`
	Event   string   `json:"event,omitempty"`
	Args    []evmArg `json:"args,omitempty"`
}

// evmArg is a decoded value with its name (when the ABI gives one) and type.
type evmArg struct {
	Name  string `json:"name,omitempty"`
	Type  string `json:"type"`
	Value any    `json:"value"`
	text  string
}

func (r *evmTxResult) writeText(w io.Writer) {
	fmt.Fprintf(w, "txhash: %s\nfrom: %s\n", r.TxHash, r.From)
	if r.To != "" {
		fmt.Fprintf(w, "to: %s\n", r.To)
	}
	fmt.Fprintf(w, "nonce: %d\nstatus: %s\n", r.Nonce, r.Status)
	if r.Status == "pending" {
		return
	}
	fmt.Fprintf(w, "block: %d\ngas_used: %d\n", r.Block, r.GasUsed)
	if r.ContractAddress != "" {
		fmt.Fprintf(w, "contract_address: %s\n", r.ContractAddress)
	}
	if r.RevertReason != "" {
		fmt.Fprintf(w, "revert_reason: %s\n", r.RevertReason)
	}
	if len(r.Logs) == 0 {
		fmt.Fprintln(w, "logs: []")
		return
	}
	fmt.Fprintln(w, "logs:")
	for _, l := range r.Logs {
		fmt.Fprintf(w, "- address: %s\n", l.Address)
		if l.Event != "" {
			parts := make([]string, len(l.Args))
			for i, a := range l.Args {
				parts[i] = a.text
				if a.Name != "" {
					parts[i] = a.Name + ": " + a.text
				}
			}
			fmt.Fprintf(w, "  event: %s(%s)\n", l.Event, strings.Join(parts, ", "))
			continue
		}
		fmt.Fprintf(w, "  topics: [%s]\n  data: %s\n", strings.Join(l.Topics, ", "), l.Data)
	}
}

// sendEVMTx signs a transaction to `to` (nil: a contract creation) with
// data and --value, sends it, and unless --async waits for its receipt and
// prints it. A transaction that fails is an error with its revert reason.
func sendEVMTx(cmd *cobra.Command, to *common.Address, data []byte, contract *abi.ABI) error {
	if err := refuseCosmosFlags(cmd); err != nil {
		return err
	}
	f := cmd.Flags()
	valueFlag, _ := f.GetString(flagValue)
	value, err := parseWei(valueFlag)
	if err != nil {
		return fmt.Errorf("--%s: %w", flagValue, err)
	}
	from, _ := f.GetString(flagFrom)
	if from == "" {
		return fmt.Errorf("--%s: give the name or address of the eth_secp256k1 key of the keyring that signs", flagFrom)
	}
	in := keysNewInput(cmd)
	kr, err := keysOpenKeyring(cmd, in)
	if err != nil {
		return err
	}
	rec, err := findKey(kr, from)
	if err != nil {
		return err
	}
	if rec.KeyType != keys.KeyTypeEthSecp256k1 {
		return fmt.Errorf("key %q is a %s key: Ethereum transactions are signed with an %s key (keys add NAME --key-type %s)",
			rec.Name, rec.KeyType, keys.KeyTypeEthSecp256k1, keys.KeyTypeEthSecp256k1)
	}
	sender := common.BytesToAddress(rec.Address)

	ctx, cancel := context.WithTimeout(cmd.Context(), evmWaitTimeout)
	defer cancel()
	ec, url, err := dialEVM(ctx, cmd)
	if err != nil {
		return err
	}
	defer ec.Close()
	chainID, err := ec.ChainID(ctx)
	if err != nil {
		return evmRPCError(url, err)
	}
	if want, _ := f.GetString(flagChainID); want != "" && want != chainID.String() {
		return fmt.Errorf("--%s %s: the node at %s has the EVM chain id %s, and an Ethereum transaction is signed for that number", flagChainID, want, url, chainID)
	}
	nonce, err := ec.PendingNonceAt(ctx, sender)
	if err != nil {
		return fmt.Errorf("nonce of %s: %w", sender, err)
	}
	msg := ethereum.CallMsg{From: sender, To: to, Value: value, Data: data}
	gas, err := evmGas(ctx, cmd, ec, msg, contract)
	if err != nil {
		return err
	}
	tip, err := ec.SuggestGasTipCap(ctx)
	if err != nil {
		return fmt.Errorf("priority fee: %w", err)
	}
	head, err := ec.HeaderByNumber(ctx, nil)
	if err != nil {
		return fmt.Errorf("latest block: %w", err)
	}
	baseFee := head.BaseFee
	if baseFee == nil {
		if baseFee, err = ec.SuggestGasPrice(ctx); err != nil {
			return fmt.Errorf("gas price: %w", err)
		}
	}
	feeCap := new(big.Int).Add(new(big.Int).Mul(baseFee, big.NewInt(2)), tip)

	if yes, _ := f.GetBool(flagYes); !yes {
		if _, isTerm := in.terminal(); isTerm {
			target := "create a contract"
			if to != nil {
				target = to.Hex()
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "from: %s (%s)\nto: %s\nvalue: %s wei\ndata: %d bytes\ngas: %d\nmax fee: %s wei per gas (tip %s)\nchain id: %s\n",
				rec.Name, sender, target, value, len(data), gas, feeCap, tip, chainID)
			ok, err := in.confirm("Sign and send?")
			if err != nil {
				return err
			}
			if !ok {
				return errors.New("cancelled")
			}
		}
	}

	sk, err := kr.Signer(rec.Name)
	if err != nil {
		return err
	}
	priv, err := crypto.ToECDSA(sk.Bytes())
	if err != nil {
		return fmt.Errorf("key %q: %w", rec.Name, err)
	}
	tx, err := ethtypes.SignNewTx(priv, ethtypes.LatestSignerForChainID(chainID), &ethtypes.DynamicFeeTx{
		ChainID: chainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: gas, To: to, Value: value, Data: data,
	})
	if err != nil {
		return err
	}
	if err := ec.SendTransaction(ctx, tx); err != nil {
		return fmt.Errorf("the node refused the transaction: %w", err)
	}
	res := &evmTxResult{TxHash: tx.Hash().Hex(), From: sender.Hex(), Nonce: nonce, Status: "pending", Logs: []evmLog{}}
	if to != nil {
		res.To = to.Hex()
	}
	if async, _ := f.GetBool(flagAsync); async {
		printResult(cmd, res, res.writeText)
		return nil
	}
	rcpt, err := waitReceipt(ctx, ec, tx.Hash())
	if err != nil {
		return err
	}
	fillReceipt(ctx, ec, res, tx, rcpt, contract)
	printResult(cmd, res, res.writeText)
	if res.Status != "success" {
		return fmt.Errorf("transaction %s failed in block %d: %s", res.TxHash, res.Block, res.RevertReason)
	}
	return nil
}

// evmGas is the gas limit of msg: --gas, or what the node estimates.
// A transaction that would revert is refused with its reason.
func evmGas(ctx context.Context, cmd *cobra.Command, ec *ethclient.Client, msg ethereum.CallMsg, contract *abi.ABI) (uint64, error) {
	f := cmd.Flags()
	gasFlag, _ := f.GetString(flagGas)
	if gasFlag != "auto" {
		var gas uint64
		if _, err := fmt.Sscan(gasFlag, &gas); err != nil || gas == 0 {
			return 0, fmt.Errorf("--%s %q: give a positive number or \"auto\"", flagGas, gasFlag)
		}
		return gas, nil
	}
	gas, err := ec.EstimateGas(ctx, msg)
	if err != nil {
		if reason, ok := revertOf(err, contract); ok {
			return 0, fmt.Errorf("the transaction would revert: %s (nothing was sent; with --%s N it is sent anyway, and fails in its block)", reason, flagGas)
		}
		return 0, fmt.Errorf("estimate gas: %w", err)
	}
	adj, _ := f.GetFloat64(flagGasAdjustment)
	if adj < 1 {
		return 0, fmt.Errorf("--%s %v must be at least 1", flagGasAdjustment, adj)
	}
	return uint64(float64(gas) * adj), nil
}

// waitReceipt polls for the receipt of hash until ctx ends.
func waitReceipt(ctx context.Context, ec *ethclient.Client, hash common.Hash) (*ethtypes.Receipt, error) {
	tick := time.NewTicker(evmReceiptPoll)
	defer tick.Stop()
	for {
		rcpt, err := ec.TransactionReceipt(ctx, hash)
		switch {
		case err == nil:
			return rcpt, nil
		case !errors.Is(err, ethereum.NotFound):
			return nil, fmt.Errorf("receipt of %s: %w", hash, err)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("no receipt for %s after %s: the node accepted it, but no block has included it yet; look for it later with `query evm receipt %s`", hash, evmWaitTimeout, hash)
		case <-tick.C:
		}
	}
}

// fillReceipt copies a receipt into res, decoding its logs with contract
// and, for a failed transaction, finding its revert reason.
func fillReceipt(ctx context.Context, ec *ethclient.Client, res *evmTxResult, tx *ethtypes.Transaction, rcpt *ethtypes.Receipt, contract *abi.ABI) {
	res.Status = "success"
	if rcpt.Status != ethtypes.ReceiptStatusSuccessful {
		res.Status = "failed"
	}
	res.Block, res.BlockHash, res.GasUsed = rcpt.BlockNumber.Uint64(), rcpt.BlockHash.Hex(), rcpt.GasUsed
	if rcpt.EffectiveGasPrice != nil {
		res.EffectiveGasPrice = rcpt.EffectiveGasPrice.String()
	}
	if rcpt.ContractAddress != (common.Address{}) && tx.To() == nil && rcpt.Status == ethtypes.ReceiptStatusSuccessful {
		res.ContractAddress = rcpt.ContractAddress.Hex()
	}
	res.Logs = make([]evmLog, len(rcpt.Logs))
	for i, l := range rcpt.Logs {
		res.Logs[i] = decodeLog(l, contract)
	}
	if res.Status == "failed" {
		res.RevertReason = failureReason(ctx, ec, tx, rcpt, contract)
	}
}

// decodeLog is a log as printed, with its event decoded when contract
// declares it.
func decodeLog(l *ethtypes.Log, contract *abi.ABI) evmLog {
	out := evmLog{Address: l.Address.Hex(), Topics: make([]string, len(l.Topics)), Data: hexutil.Encode(l.Data)}
	for i, t := range l.Topics {
		out.Topics[i] = t.Hex()
	}
	if contract == nil || len(l.Topics) == 0 {
		return out
	}
	ev, err := contract.EventByID(l.Topics[0])
	if err != nil {
		return out
	}
	var indexed abi.Arguments
	for _, in := range ev.Inputs {
		if in.Indexed {
			indexed = append(indexed, in)
		}
	}
	topics := make(map[string]any, len(indexed))
	if err := abi.ParseTopicsIntoMap(topics, indexed, l.Topics[1:]); err != nil {
		return out
	}
	plain, err := ev.Inputs.NonIndexed().Unpack(l.Data)
	if err != nil {
		return out
	}
	args := make([]evmArg, 0, len(ev.Inputs))
	for _, in := range ev.Inputs {
		var v any
		if in.Indexed {
			v = topics[in.Name]
		} else {
			v, plain = plain[0], plain[1:]
		}
		args = append(args, evmArg{Name: in.Name, Type: in.Type.String(), Value: evmValue(v), text: evmText(v, true)})
	}
	out.Event, out.Args = ev.RawName, args
	return out
}

// failureReason says why a mined transaction failed: the callTracer's
// replay of it gives the revert data or the EVM's error (out of gas, ...);
// a node without it is asked to run the same call on the state before the
// block.
func failureReason(ctx context.Context, ec *ethclient.Client, tx *ethtypes.Transaction, rcpt *ethtypes.Receipt, contract *abi.ABI) string {
	var trace struct {
		Output hexutil.Bytes `json:"output"`
		Error  string        `json:"error"`
	}
	err := ec.Client().CallContext(ctx, &trace, "debug_traceTransaction", tx.Hash(), map[string]any{"tracer": "callTracer"})
	if err == nil && trace.Error != "" {
		if strings.HasPrefix(trace.Error, "execution reverted") {
			return revertReason(trace.Output, contract)
		}
		return trace.Error
	}
	from, err := ethtypes.Sender(ethtypes.LatestSignerForChainID(tx.ChainId()), tx)
	if err != nil {
		return "unknown (the transaction's sender cannot be recovered)"
	}
	before := new(big.Int).Sub(rcpt.BlockNumber, big.NewInt(1))
	_, err = ec.CallContract(ctx, ethereum.CallMsg{From: from, To: tx.To(), Gas: tx.Gas(), Value: tx.Value(), Data: tx.Data()}, before)
	if err == nil {
		return "unknown (the same call succeeds on the state before its block)"
	}
	if reason, ok := revertOf(err, contract); ok {
		return reason
	}
	return err.Error()
}

// queryEVMCommand is `stakechain query evm`: reads through the node's
// Ethereum JSON-RPC.
func queryEVMCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "evm",
		Short: "Call contracts' views and read EVM accounts, code and storage",
		Long: `Call contracts' views and read EVM accounts, code and storage through the
node's Ethereum JSON-RPC (--evm-rpc). Addresses are 0x... or stake1...
(the same 20 bytes). --height reads the state after that block.`,
	}
	addEVMRPCFlag(cmd)
	hideCosmosFlags(cmd)
	cmd.AddCommand(queryEVMCallCommand(), queryEVMCodeCommand(), queryEVMStorageCommand(), queryEVMAccountCommand(), queryEVMReceiptCommand())
	return cmd
}

// evmQuery runs a query command's work with a client of --evm-rpc and the
// block of --height (nil: latest).
func evmQuery(cmd *cobra.Command, work func(ctx context.Context, ec *ethclient.Client, block *big.Int) error) error {
	if err := refuseCosmosFlags(cmd); err != nil {
		return err
	}
	ctx, cancel := queryContext(cmd)
	defer cancel()
	ec, url, err := dialEVM(ctx, cmd)
	if err != nil {
		return err
	}
	defer ec.Close()
	var block *big.Int
	if h, _ := cmd.Flags().GetInt64(flagHeight); h > 0 {
		block = big.NewInt(h)
	} else if h < 0 {
		return fmt.Errorf("--%s %d: give a block height, or 0 for the latest", flagHeight, h)
	}
	if err := work(ctx, ec, block); err != nil {
		var netErr *net.OpError
		if errors.As(err, &netErr) {
			return evmRPCError(url, err)
		}
		return err
	}
	return nil
}

// evmCallResult is what `query evm call` prints.
type evmCallResult struct {
	To       string   `json:"to"`
	Function string   `json:"function"`
	Return   string   `json:"return"`
	Values   []evmArg `json:"values,omitempty"`
}

func queryEVMCallCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "call ADDRESS SIGNATURE [ARG...]",
		Short: "Call a contract's function without a transaction (eth_call) and print what it returns",
		Long: `Call a function of the contract at ADDRESS on the node's state, without a
transaction (eth_call), and print what it returns. SIGNATURE names the
function with the types of its arguments and, to decode what it returns,
the types of its results: 'balanceOf(address)(uint256)' or
'balanceOf(address) returns (uint256)'; without them the raw return data
is printed in hex. With --abi, SIGNATURE may be the bare name, and the ABI
gives the results' types. A call that reverts prints its reason and exits
with status 1.

` + evmArgsHelp,
		Example: `stakechain query evm call 0x5FbDB2315678afecb367f032d93F642f64180aa3 'balanceOf(address)(uint256)' 0x70997970C51812dc3A010C7d01b50e0d17dc79C8
stakechain query evm call 0x5FbD... 'name()(string)'
stakechain query evm call 0x5FbD... winnerName --abi Ballot.abi -o json`,
		Args: evmCallArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			to, contract, fn, data, err := evmCallTarget(cmd, args)
			if err != nil {
				return err
			}
			msg := ethereum.CallMsg{To: &to, Data: data}
			if from, _ := cmd.Flags().GetString(flagFrom); from != "" {
				if msg.From, err = evmAddressArg("--from", from); err != nil {
					return err
				}
			}
			return evmQuery(cmd, func(ctx context.Context, ec *ethclient.Client, block *big.Int) error {
				ret, err := ec.CallContract(ctx, msg, block)
				if err != nil {
					if reason, ok := revertOf(err, contract); ok {
						return fmt.Errorf("%s reverted: %s", fn.Sig(), reason)
					}
					return err
				}
				res := &evmCallResult{To: to.Hex(), Function: fn.Sig(), Return: hexutil.Encode(ret)}
				if fn.HasOutputs {
					values, err := fn.Outputs.UnpackValues(ret)
					if err != nil {
						return fmt.Errorf("decode the return data %s as (%s): %w", res.Return, typeList(fn.Outputs), err)
					}
					res.Values = make([]evmArg, len(values))
					for i, v := range values {
						res.Values[i] = evmArg{Name: fn.Outputs[i].Name, Type: fn.Outputs[i].Type.String(), Value: evmValue(v), text: evmText(v, false)}
					}
				}
				printResult(cmd, res, func(w io.Writer) {
					if !fn.HasOutputs {
						fmt.Fprintln(w, res.Return)
						return
					}
					for _, v := range res.Values {
						fmt.Fprintln(w, v.text)
					}
				})
				return nil
			})
		},
	}
	cmd.Flags().String(flagABI, "", "the contract's JSON ABI, to name the function and decode its results and custom errors")
	cmd.Flags().String(flagFrom, "", "address the call is made from (msg.sender), 0x... or stake1...")
	return cmd
}

func typeList(args abi.Arguments) string {
	types := make([]string, len(args))
	for i, a := range args {
		types[i] = a.Type.String()
	}
	return strings.Join(types, ",")
}

func queryEVMCodeCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "code ADDRESS",
		Short: "Print the code of a contract in hex (0x for an account without code)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			addr, err := evmAddressArg("address", args[0])
			if err != nil {
				return err
			}
			return evmQuery(cmd, func(ctx context.Context, ec *ethclient.Client, block *big.Int) error {
				code, err := ec.CodeAt(ctx, addr, block)
				if err != nil {
					return err
				}
				res := struct {
					Address string `json:"address"`
					Code    string `json:"code"`
					Size    int    `json:"size"`
				}{addr.Hex(), hexutil.Encode(code), len(code)}
				printResult(cmd, res, func(w io.Writer) { fmt.Fprintln(w, res.Code) })
				return nil
			})
		},
	}
}

func queryEVMStorageCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "storage ADDRESS SLOT",
		Short: "Print a contract's storage slot (SLOT: decimal, or 0x and up to 64 hex digits)",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			addr, err := evmAddressArg("address", args[0])
			if err != nil {
				return err
			}
			slot, err := parseSlot(args[1])
			if err != nil {
				return err
			}
			return evmQuery(cmd, func(ctx context.Context, ec *ethclient.Client, block *big.Int) error {
				value, err := ec.StorageAt(ctx, addr, slot, block)
				if err != nil {
					return err
				}
				res := struct {
					Address string `json:"address"`
					Slot    string `json:"slot"`
					Value   string `json:"value"`
				}{addr.Hex(), slot.Hex(), common.BytesToHash(value).Hex()}
				printResult(cmd, res, func(w io.Writer) { fmt.Fprintln(w, res.Value) })
				return nil
			})
		},
	}
}

// parseSlot reads a storage slot: a decimal number, or 0x and up to 64 hex
// digits.
func parseSlot(s string) (common.Hash, error) {
	n, err := parseABIInt(abi.Type{T: abi.UintTy, Size: 256}, s)
	if err != nil || strings.HasPrefix(s, "-") {
		return common.Hash{}, fmt.Errorf("slot %q: give a number from 0 to 2^256-1, in decimal or 0x hex", s)
	}
	return common.BigToHash(n), nil
}

// evmAccountResult is what `query evm account` prints.
type evmAccountResult struct {
	Address      string `json:"address"`
	Bech32       string `json:"bech32"`
	Nonce        uint64 `json:"nonce,string"`
	BalanceWei   string `json:"balance_wei"`
	BalanceStake string `json:"balance_stake"`
	CodeHash     string `json:"code_hash"`
	CodeSize     int    `json:"code_size"`
}

func queryEVMAccountCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "account ADDRESS",
		Short: "Show an account as the EVM sees it: nonce, balance in wei and in STAKE, code hash and size",
		Long: `Show an account as the EVM sees it: its nonce (the account's sequence), its
balance in wei and in STAKE (18 decimals: wei = ustake × 10^12 plus a
remainder below 10^12), and the hash and size of its code (the hash of
empty code for an account that is not a contract).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			addr, err := evmAddressArg("address", args[0])
			if err != nil {
				return err
			}
			return evmQuery(cmd, func(ctx context.Context, ec *ethclient.Client, block *big.Int) error {
				nonce, err := ec.NonceAt(ctx, addr, block)
				if err != nil {
					return err
				}
				bal, err := ec.BalanceAt(ctx, addr, block)
				if err != nil {
					return err
				}
				code, err := ec.CodeAt(ctx, addr, block)
				if err != nil {
					return err
				}
				res := &evmAccountResult{
					Address: addr.Hex(), Bech32: authtypes.Address(addr.Bytes()).String(), Nonce: nonce,
					BalanceWei: bal.String(), BalanceStake: formatStake(bal),
					CodeHash: crypto.Keccak256Hash(code).Hex(), CodeSize: len(code),
				}
				printResult(cmd, res, func(w io.Writer) {
					fmt.Fprintf(w, "address: %s\nbech32: %s\nnonce: %d\nbalance: %s STAKE\nbalance_wei: %s\ncode_hash: %s\ncode_size: %d\n",
						res.Address, res.Bech32, res.Nonce, res.BalanceStake, res.BalanceWei, res.CodeHash, res.CodeSize)
				})
				return nil
			})
		},
	}
}

func queryEVMReceiptCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "receipt TXHASH",
		Short: "Show an Ethereum transaction's receipt: status, block, gas used, created contract, logs",
		Long: `Show an Ethereum transaction's receipt, as the tx evm commands print it:
status, block, gas used, the created contract's address, the logs
(decoded with --abi) and, for a failed transaction, its revert reason.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			raw, err := hexutil.Decode(args[0])
			if err != nil || len(raw) != common.HashLength {
				return fmt.Errorf("transaction hash %q: give 0x and 64 hex digits", args[0])
			}
			hash := common.BytesToHash(raw)
			contract, err := abiFlag(cmd)
			if err != nil {
				return err
			}
			return evmQuery(cmd, func(ctx context.Context, ec *ethclient.Client, _ *big.Int) error {
				tx, _, err := ec.TransactionByHash(ctx, hash)
				if errors.Is(err, ethereum.NotFound) {
					return fmt.Errorf("no transaction %s in the node's blocks", hash)
				} else if err != nil {
					return err
				}
				rcpt, err := ec.TransactionReceipt(ctx, hash)
				if errors.Is(err, ethereum.NotFound) {
					return fmt.Errorf("no receipt for %s yet: no block has included it", hash)
				} else if err != nil {
					return err
				}
				from, err := ethtypes.Sender(ethtypes.LatestSignerForChainID(tx.ChainId()), tx)
				if err != nil {
					return err
				}
				res := &evmTxResult{TxHash: hash.Hex(), From: from.Hex(), Nonce: tx.Nonce()}
				if tx.To() != nil {
					res.To = tx.To().Hex()
				}
				fillReceipt(ctx, ec, res, tx, rcpt, contract)
				printResult(cmd, res, res.writeText)
				return nil
			})
		},
	}
	cmd.Flags().String(flagABI, "", "the contract's JSON ABI, to decode its logs and custom errors")
	return cmd
}

// weiUnits are the units --value takes, as powers of ten of a wei.
var weiUnits = []struct {
	name string
	exp  int
}{{"ustake", 12}, {"stake", 18}, {"gwei", 9}, {"wei", 0}}

// parseWei reads an amount of wei: a whole number of wei (decimal or 0x),
// or a decimal number with a unit (1.5stake, 10ustake, 2gwei, 7wei). An
// amount finer than a wei is refused.
func parseWei(s string) (*big.Int, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	exp := 0
	for _, u := range weiUnits {
		if num, ok := strings.CutSuffix(t, u.name); ok {
			t, exp = strings.TrimSpace(num), u.exp
			break
		}
	}
	if exp == 0 && hasHex(t) {
		n, ok := new(big.Int).SetString(t[2:], 16)
		if !ok {
			return nil, fmt.Errorf("%q is not an amount of wei", s)
		}
		return n, nil
	}
	whole, frac, _ := strings.Cut(t, ".")
	if whole == "" && frac == "" || strings.Trim(whole+frac, "0123456789") != "" {
		return nil, fmt.Errorf("%q is not an amount: give wei (1000) or a number with a unit (1.5stake, 10ustake, 2gwei)", s)
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > exp {
		return nil, fmt.Errorf("%q is finer than a wei", s)
	}
	n, _ := new(big.Int).SetString(whole+frac+strings.Repeat("0", exp-len(frac)), 10)
	if n == nil {
		n = new(big.Int)
	}
	return n, nil
}

// formatStake writes an amount of wei in STAKE (18 decimals), without
// trailing zeros: 1500000000000000000 is "1.5".
func formatStake(wei *big.Int) string {
	unit := new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
	whole, frac := new(big.Int).QuoRem(wei, unit, new(big.Int))
	if frac.Sign() == 0 {
		return whole.String()
	}
	digits := frac.String()
	f := strings.TrimRight(strings.Repeat("0", 18-len(digits))+digits, "0")
	return whole.String() + "." + f
}
