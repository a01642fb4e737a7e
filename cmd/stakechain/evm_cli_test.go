package main

import (
	"encoding/hex"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	ethtypes "github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/x/evm/contracts"
)

// evmTestSecond is Hardhat's second development account.
const evmTestSecond = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"

// writeArtifact writes a contract's bytecode (with 0x and a trailing
// newline, as solc and editors leave them) and ABI to files.
func writeArtifact(t *testing.T, a contracts.Artifact) (bin, abiPath string) {
	t.Helper()
	dir := t.TempDir()
	bin, abiPath = filepath.Join(dir, a.Name+".bin"), filepath.Join(dir, a.Name+".abi")
	require.NoError(t, os.WriteFile(bin, []byte("0x"+hex.EncodeToString(a.Bin)+"\n\n"), 0o644))
	require.NoError(t, os.WriteFile(abiPath, []byte(a.ABI), 0o644))
	return bin, abiPath
}

// evmTxJSON is the JSON a tx evm command prints.
type evmTxJSON struct {
	TxHash          string `json:"txhash"`
	From            string `json:"from"`
	To              string `json:"to"`
	Nonce           string `json:"nonce"`
	Status          string `json:"status"`
	Block           string `json:"block"`
	GasUsed         string `json:"gas_used"`
	ContractAddress string `json:"contract_address"`
	RevertReason    string `json:"revert_reason"`
	Logs            []struct {
		Address string   `json:"address"`
		Topics  []string `json:"topics"`
		Data    string   `json:"data"`
		Event   string   `json:"event"`
		Args    []struct {
			Name  string `json:"name"`
			Type  string `json:"type"`
			Value any    `json:"value"`
		} `json:"args"`
	} `json:"logs"`
}

func decodeTxJSON(t *testing.T, out string) evmTxJSON {
	t.Helper()
	var res evmTxJSON
	require.NoError(t, json.Unmarshal([]byte(out), &res), out)
	return res
}

func TestTheEVMCommandsDeployTransferQueryAndExplainRevertsOnARealApp(t *testing.T) {
	t.Setenv(keysPassphraseEnv, "")
	node := newEVMTestNode(t, bech32Of(t, keysTestHardhatAddress), "10000000ustake") // 10 STAKE
	kr := []string{"--keyring-backend", "test", "--keyring-dir", t.TempDir()}
	keysTestMustRun(t, keysTestHardhatMnemonic+"\n", append([]string{"keys", "add", "eth", "--recover", "--key-type", "eth_secp256k1"}, kr...)...)
	keysTestMustRun(t, "", append([]string{"keys", "add", "cosmos"}, kr...)...)
	rpcFlag := []string{"--evm-rpc", node.url}
	// tx runs a tx evm command as the eth key.
	tx := func(args ...string) (string, error) {
		return run(t, append(append(append(append([]string{"tx", "evm"}, args...), "--from", "eth", "-y"), kr...), rpcFlag...)...)
	}
	q := func(args ...string) (string, error) {
		return run(t, append(append([]string{"query", "evm"}, args...), rpcFlag...)...)
	}
	mustQ := func(args ...string) string {
		t.Helper()
		out, err := q(args...)
		require.NoError(t, err, "query evm %s", strings.Join(args, " "))
		return out
	}
	second := common.HexToAddress(evmTestSecond)
	hardhat := common.HexToAddress(keysTestHardhatAddress)
	erc20Bin, erc20ABI := writeArtifact(t, contracts.ERC20())

	// Deploy: the constructor's arguments parsed by the ABI's types, the
	// Transfer of the whole supply decoded from the receipt.
	out, err := tx("deploy", erc20Bin, "--abi", erc20ABI, "--args", "Seed", "SEED", "18", "1000000", "-o", "json")
	require.NoError(t, err, out)
	deployed := decodeTxJSON(t, out)
	require.Equal(t, "success", deployed.Status, out)
	require.Equal(t, keysTestHardhatAddress, deployed.From)
	require.Equal(t, "0", deployed.Nonce)
	require.Equal(t, crypto.CreateAddress(hardhat, 0).Hex(), deployed.ContractAddress)
	require.Equal(t, node.height(), mustAtoi(t, deployed.Block))
	require.Len(t, deployed.Logs, 1)
	require.Equal(t, "Transfer", deployed.Logs[0].Event)
	require.Equal(t, []any{"0x0000000000000000000000000000000000000000", keysTestHardhatAddress, "1000000"},
		[]any{deployed.Logs[0].Args[0].Value, deployed.Logs[0].Args[1].Value, deployed.Logs[0].Args[2].Value})
	coin := deployed.ContractAddress

	// The code is the runtime code the constructor returned: not the
	// creation bytecode, and what the account shows.
	code := strings.TrimSpace(mustQ("code", coin))
	require.True(t, strings.HasPrefix(code, "0x6080"), code)
	require.NotContains(t, "0x"+hex.EncodeToString(contracts.ERC20().Bin), code[2:], "runtime code, not creation code")
	var acct struct {
		Nonce      string `json:"nonce"`
		BalanceWei string `json:"balance_wei"`
		Balance    string `json:"balance_stake"`
		CodeHash   string `json:"code_hash"`
		CodeSize   int    `json:"code_size"`
		Bech32     string `json:"bech32"`
	}
	require.NoError(t, json.Unmarshal([]byte(mustQ("account", coin, "-o", "json")), &acct))
	require.Equal(t, (len(code)-2)/2, acct.CodeSize)
	rawCode, err := hex.DecodeString(code[2:])
	require.NoError(t, err)
	require.Equal(t, crypto.Keccak256Hash(rawCode).Hex(), acct.CodeHash)

	// A transfer by signature, to the recipient's bech32 spelling, printed
	// as text; then one by bare name through the ABI, with its event decoded.
	_, err = tx("call", coin, "transfer(address,uint256)", evmTestSecond, "250", "--chain-id", "stakechain-localnet")
	require.ErrorContains(t, err, "has the EVM chain id 9000")
	out, err = tx("call", coin, "transfer(address,uint256)", bech32Of(t, evmTestSecond), "250", "--chain-id", "9000")
	require.NoError(t, err, out)
	require.Contains(t, out, "status: success\n")
	require.Contains(t, out, "nonce: 1\n")
	require.Contains(t, out, "topics: [0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef, ")
	out, err = tx("call", coin, "transfer", strings.ToLower(evmTestSecond), "50", "--abi", erc20ABI)
	require.NoError(t, err, out)
	require.Contains(t, out, "  event: Transfer(from: "+keysTestHardhatAddress+", to: "+evmTestSecond+", value: 50)\n")

	// Views: decoded by the signature's return part, as hex without it, by
	// the ABI with a bare name.
	require.Equal(t, "300\n", mustQ("call", coin, "balanceOf(address)(uint256)", evmTestSecond))
	require.Equal(t, "0x"+strings.Repeat("0", 61)+"12c\n", mustQ("call", coin, "balanceOf(address)", evmTestSecond))
	require.Equal(t, "999700\n", mustQ("call", coin, "balanceOf(address) returns (uint256)", bech32Of(t, keysTestHardhatAddress)))
	require.Equal(t, "Seed\n", mustQ("call", coin, "name()(string)"))
	var view struct {
		Function string `json:"function"`
		Values   []struct {
			Type  string `json:"type"`
			Value any    `json:"value"`
		} `json:"values"`
	}
	require.NoError(t, json.Unmarshal([]byte(mustQ("call", coin, "balanceOf", evmTestSecond, "--abi", erc20ABI, "-o", "json")), &view))
	require.Equal(t, "balanceOf(address)", view.Function)
	require.Equal(t, "uint256", view.Values[0].Type)
	require.Equal(t, "300", view.Values[0].Value)
	// A past height sees the state of then: before the transfers.
	require.Equal(t, "0\n", mustQ("call", coin, "balanceOf(address)(uint256)", evmTestSecond, "--height", deployed.Block))

	// Storage: totalSupply is slot 2, balanceOf the mapping at slot 3.
	require.Equal(t, common.BigToHash(big.NewInt(1_000_000)).Hex()+"\n", mustQ("storage", coin, "2"))
	slot := crypto.Keccak256Hash(common.LeftPadBytes(second.Bytes(), 32), common.LeftPadBytes([]byte{3}, 32))
	require.Equal(t, common.BigToHash(big.NewInt(300)).Hex()+"\n", mustQ("storage", coin, slot.Hex()))

	// Reverts in a view: Error(string) always, a custom error by name with
	// the ABI, by selector without.
	zero := "0x0000000000000000000000000000000000000000"
	_, err = q("call", coin, "transfer(address,uint256)(bool)", zero, "1", "--from", keysTestHardhatAddress)
	require.ErrorContains(t, err, "transfer(address,uint256) reverted: ERC20: transfer to the zero address")
	_, err = q("call", coin, "transfer", evmTestSecond, "5000000", "--from", keysTestHardhatAddress, "--abi", erc20ABI)
	require.ErrorContains(t, err, "reverted: InsufficientBalance(account: "+keysTestHardhatAddress+", held: 999700, needed: 5000000)")
	_, err = q("call", coin, "transfer(address,uint256)", evmTestSecond, "5000000", "--from", keysTestHardhatAddress)
	require.ErrorContains(t, err, "reverted: custom error 0x")

	// A transaction that would revert is not sent: the nonce stays.
	_, err = tx("call", coin, "transfer(address,uint256)", zero, "1")
	require.ErrorContains(t, err, "the transaction would revert: ERC20: transfer to the zero address (nothing was sent")
	require.Contains(t, mustQ("account", keysTestHardhatAddress), "nonce: 3\n")

	// With --gas it is sent, fails in its block, and the command exits
	// non-zero with the reason, printing the receipt.
	out, err = tx("call", coin, "transfer(address,uint256)", zero, "1", "--gas", "100000", "-o", "json")
	require.ErrorContains(t, err, "failed in block")
	require.ErrorContains(t, err, "ERC20: transfer to the zero address")
	failed := decodeTxJSON(t, out)
	require.Equal(t, "failed", failed.Status)
	require.Equal(t, "ERC20: transfer to the zero address", failed.RevertReason)
	require.Equal(t, "3", failed.Nonce)
	require.Equal(t, node.height(), mustAtoi(t, failed.Block))
	out, err = tx("call", coin, "transfer", evmTestSecond, "5000000", "--gas", "100000", "--abi", erc20ABI)
	require.ErrorContains(t, err, "InsufficientBalance(account: "+keysTestHardhatAddress+", held: 999700, needed: 5000000)")
	require.Contains(t, out, "status: failed\n")
	require.Contains(t, out, "revert_reason: InsufficientBalance(")
	require.Contains(t, mustQ("account", keysTestHardhatAddress), "nonce: 5\n", "failed transactions use their nonces")

	// --async returns the hash at once; query evm receipt finds it.
	out, err = tx("call", coin, "transfer(address,uint256)", evmTestSecond, "1", "--async", "-o", "json")
	require.NoError(t, err, out)
	sent := decodeTxJSON(t, out)
	require.Equal(t, "pending", sent.Status)
	require.Equal(t, "5", sent.Nonce)
	rcpt := decodeTxJSON(t, mustQ("receipt", sent.TxHash, "--abi", erc20ABI, "-o", "json"))
	require.Equal(t, "success", rcpt.Status)
	require.Equal(t, "Transfer", rcpt.Logs[0].Event)
	require.Equal(t, "301\n", mustQ("call", coin, "balanceOf(address)(uint256)", evmTestSecond))

	// Value in STAKE: 1.5 STAKE to the second account, seen in wei and STAKE.
	out, err = tx("call", evmTestSecond, "f()", "--value", "1.5stake", "--gas", "30000")
	require.NoError(t, err, out)
	require.NoError(t, json.Unmarshal([]byte(mustQ("account", bech32Of(t, evmTestSecond), "-o", "json")), &acct))
	require.Equal(t, "1500000000000000000", acct.BalanceWei)
	require.Equal(t, "1.5", acct.Balance)
	require.Equal(t, ethtypes.EmptyCodeHash.Hex(), acct.CodeHash)
	require.Equal(t, bech32Of(t, evmTestSecond), acct.Bech32)
	require.Equal(t, "0", acct.Nonce)

	// The Ballot: bytes32[] from short texts; its winner read back as text.
	ballotBin, ballotABI := writeArtifact(t, contracts.Ballot())
	out, err = tx("deploy", ballotBin, "--abi", ballotABI, "alice,bob,carol", "-o", "json")
	require.NoError(t, err, out)
	ballot := decodeTxJSON(t, out).ContractAddress
	out, err = tx("call", ballot, "vote(uint256)", "1")
	require.NoError(t, err, out)
	require.Equal(t, "0x"+hex.EncodeToString([]byte("bob"))+strings.Repeat("0", 58)+` ("bob")`+"\n", mustQ("call", ballot, "winnerName()(bytes32)"))
	_, err = tx("call", ballot, "vote(uint256)", "2")
	require.ErrorContains(t, err, "would revert: Ballot: already voted")

	// A Cosmos key cannot sign an Ethereum transaction.
	_, err = run(t, append(append([]string{"tx", "evm", "call", coin, "transfer(address,uint256)", evmTestSecond, "1", "--from", "cosmos", "-y"}, kr...), rpcFlag...)...)
	require.ErrorContains(t, err, `key "cosmos" is a secp256k1 key: Ethereum transactions are signed with an eth_secp256k1 key`)
}

func mustAtoi(t *testing.T, s string) int64 {
	t.Helper()
	n, ok := new(big.Int).SetString(s, 10)
	require.True(t, ok, s)
	return n.Int64()
}
