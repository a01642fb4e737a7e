package e2e_test

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	ethtypes "github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/testnet"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/evm/contracts"
)

// TestContractsThroughTheEthereumJSONRPC drives a real 4-validator localnet
// with go-ethereum's ethclient: an account funded by a Cosmos bank send
// deploys the ERC-20 coin and the Ballot, transfers, reads receipts, logs
// and views, runs the Ballot to its winner, and sees its balance in wei
// equal to its bank balance × 10^12 plus its remainder.
func TestContractsThroughTheEthereumJSONRPC(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 4-validator network; skipped with -short")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	bin := buildStakechain(t)
	dir := networkDir(t)
	_, err := testnet.InitFiles(testnet.Options{OutputDir: dir, BasePort: evmBasePort})
	require.NoError(t, err)
	network := startLocalnet(t, ctx, bin, dir)
	node := network.Nodes[0].RPCAddr()
	ethURL := fmt.Sprintf("http://127.0.0.1:%d", testnet.JSONRPCPort+evmBasePort-testnet.P2PPort)
	ec, err := ethclient.DialContext(ctx, ethURL)
	require.NoError(t, err)
	defer ec.Close()

	owner, other := ethKey(t, "owner"), ethKey(t, "other")
	ownerAddr, otherAddr := crypto.PubkeyToAddress(owner.PublicKey), crypto.PubkeyToAddress(other.PublicKey)
	bech32 := func(a common.Address) string { return authtypes.Address(a.Bytes()).String() }
	out := stakechain(t, ctx, bin, "tx", "bank", "send", testnet.FaucetKeyName, bech32(ownerAddr), "10000000ustake",
		"--keyring-backend", "test", "--keyring-dir", network.KeyringDir, "--node", node, "--broadcast-mode", "commit", "-y", "-o", "json")
	var sent struct{ Code uint32 }
	require.NoError(t, json.Unmarshal([]byte(out), &sent), out)
	require.Zero(t, sent.Code, out)

	chainID, err := ec.ChainID(ctx)
	require.NoError(t, err)
	signer := ethtypes.LatestSignerForChainID(chainID)
	require.Eventually(t, func() bool {
		bal, err := ec.BalanceAt(ctx, ownerAddr, nil)
		return err == nil && bal.Cmp(new(big.Int).Mul(big.NewInt(10_000_000), big.NewInt(1e12))) == 0
	}, 30*time.Second, 200*time.Millisecond, "eth_getBalance shows the 10 STAKE sent by the bank, in wei")

	// send signs, sends and waits for the receipt of one transaction.
	send := func(t *testing.T, key *ecdsa.PrivateKey, to *common.Address, value *big.Int, data []byte) *ethtypes.Receipt {
		t.Helper()
		from := crypto.PubkeyToAddress(key.PublicKey)
		nonce, err := ec.PendingNonceAt(ctx, from)
		require.NoError(t, err)
		gas, err := ec.EstimateGas(ctx, ethereum.CallMsg{From: from, To: to, Value: value, Data: data})
		require.NoError(t, err)
		tip, err := ec.SuggestGasTipCap(ctx)
		require.NoError(t, err)
		head, err := ec.HeaderByNumber(ctx, nil)
		require.NoError(t, err)
		feeCap := new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), tip)
		tx, err := ethtypes.SignNewTx(key, signer, &ethtypes.DynamicFeeTx{ChainID: chainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: gas, To: to, Value: value, Data: data})
		require.NoError(t, err)
		require.NoError(t, ec.SendTransaction(ctx, tx))
		var rcpt *ethtypes.Receipt
		require.Eventually(t, func() bool {
			rcpt, err = ec.TransactionReceipt(ctx, tx.Hash())
			return err == nil && rcpt != nil
		}, 30*time.Second, 200*time.Millisecond, "a receipt for %s", tx.Hash())
		require.Equal(t, tx.Hash(), rcpt.TxHash)
		require.Equal(t, ethtypes.ReceiptStatusSuccessful, rcpt.Status)
		got, _, err := ec.TransactionByHash(ctx, tx.Hash())
		require.NoError(t, err)
		require.Equal(t, tx.Hash(), got.Hash())
		return rcpt
	}
	call := func(t *testing.T, to common.Address, data []byte) []byte {
		t.Helper()
		out, err := ec.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
		require.NoError(t, err)
		return out
	}

	erc20 := mustABI(t, contracts.ERC20().ABI)
	var coin common.Address
	t.Run("the ERC-20 coin is deployed, transfers and logs its Transfer event", func(t *testing.T) {
		ctor, err := erc20.Pack("", "Seed", "SEED", uint8(18), big.NewInt(1_000_000))
		require.NoError(t, err)
		rcpt := send(t, owner, nil, nil, append(contracts.ERC20().Bin, ctor...))
		coin = rcpt.ContractAddress
		code, err := ec.CodeAt(ctx, coin, nil)
		require.NoError(t, err)
		require.NotEmpty(t, code)

		data, err := erc20.Pack("transfer", otherAddr, big.NewInt(250))
		require.NoError(t, err)
		rcpt = send(t, owner, &coin, nil, data)
		require.Len(t, rcpt.Logs, 1)
		require.Equal(t, erc20.Events["Transfer"].ID, rcpt.Logs[0].Topics[0])
		block, err := ec.BlockByNumber(ctx, rcpt.BlockNumber)
		require.NoError(t, err)
		require.Equal(t, rcpt.BlockHash, rcpt.Logs[0].BlockHash)
		require.NotEmpty(t, block.Transactions())

		logs, err := ec.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: big.NewInt(1), Addresses: []common.Address{coin}, Topics: [][]common.Hash{{erc20.Events["Transfer"].ID}}})
		require.NoError(t, err)
		require.Len(t, logs, 2, "the mint and the transfer")

		bal, err := erc20.Pack("balanceOf", otherAddr)
		require.NoError(t, err)
		require.Equal(t, big.NewInt(250), new(big.Int).SetBytes(call(t, coin, bal)))
	})

	t.Run("a value with more decimals than ustake arrives to the wei and the bank shows the whole ustake", func(t *testing.T) {
		value, ok := new(big.Int).SetString("1234567891000000001", 10)
		require.True(t, ok)
		send(t, owner, &otherAddr, value, nil)
		bal, err := ec.BalanceAt(ctx, otherAddr, nil)
		require.NoError(t, err)
		require.Equal(t, value, bal)
		out := stakechain(t, ctx, bin, "query", "bank", "balances", bech32(otherAddr), "--denom", "ustake", "--node", node, "-o", "json")
		var res struct {
			Balance struct{ Amount string } `json:"balance"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &res), out)
		require.Equal(t, "1234567", res.Balance.Amount, "eth_getBalance = bank balance × 10^12 + a remainder below 10^12")
	})

	t.Run("the Ballot runs to its winner", func(t *testing.T) {
		ballot := mustABI(t, contracts.Ballot().ABI)
		names := [][32]byte{{'a'}, {'b'}, {'c'}}
		ctor, err := ballot.Pack("", names)
		require.NoError(t, err)
		addr := send(t, owner, nil, nil, append(contracts.Ballot().Bin, ctor...)).ContractAddress
		pack := func(method string, args ...any) []byte {
			data, err := ballot.Pack(method, args...)
			require.NoError(t, err)
			return data
		}
		send(t, owner, &addr, nil, pack("giveRightToVote", otherAddr))
		send(t, other, &addr, nil, pack("delegate", ownerAddr))
		send(t, owner, &addr, nil, pack("vote", big.NewInt(2)))
		require.Equal(t, big.NewInt(2), new(big.Int).SetBytes(call(t, addr, pack("winningProposal"))))
		require.Equal(t, names[2][:], call(t, addr, pack("winnerName")))
	})
}

func ethKey(t *testing.T, name string) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.ToECDSA(crypto.Keccak256([]byte("e2e/" + name)))
	require.NoError(t, err)
	return k
}

func mustABI(t *testing.T, s string) abi.ABI {
	t.Helper()
	parsed, err := abi.JSON(strings.NewReader(s))
	require.NoError(t, err)
	return parsed
}
