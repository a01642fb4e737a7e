package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/spf13/cobra"

	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/cmd/client/keyring"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

// Flags shared by every transaction command.
const (
	flagFrom          = "from"
	flagChainID       = "chain-id"
	flagFees          = "fees"
	flagGas           = "gas"
	flagGasAdjustment = "gas-adjustment"
	flagBroadcastMode = "broadcast-mode"
	flagYes           = "yes"
	flagMemo          = "memo"
	flagTimeoutHeight = "timeout-height"
)

// defaultGas is the gas limit of a tx when --gas is not given, as in Cosmos.
const defaultGas = 200_000

// txCommand is `stakechain tx`: builds, signs and broadcasts transactions.
func txCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "tx", Short: "Sign and broadcast transactions"}
	f := cmd.PersistentFlags()
	f.String(flagNode, defaultNode(), "RPC address of the node to broadcast to "+nodeFlagNote)
	f.String(flagChainID, "", "chain id to sign for (default: the node's)")
	f.String(flagFees, "", "fee to pay, such as 200ustake")
	f.String(flagGas, fmt.Sprint(defaultGas), `gas limit, or "auto" to simulate and use what the tx needs`)
	f.Float64(flagGasAdjustment, 1.0, "factor applied to the simulated gas with --gas auto")
	f.String(flagBroadcastMode, "sync", `"sync": return once the mempool accepts the tx; "commit": wait until it is in a block`)
	f.BoolP(flagYes, "y", false, "skip the confirmation prompt")
	f.String(flagMemo, "", "memo to attach")
	f.Uint64(flagTimeoutHeight, 0, "height after which the tx may no longer be included (0 = none)")
	f.String(keysFlagKeyringBackend, keyring.BackendFile, `keyring backend: "file" or "test"`)
	f.String(keysFlagKeyringDir, "", "keyring directory (default: the --home directory + /keyring)")

	f.String(flagFrom, "", "name or address of the signing key (staking, slashing and distribution txs)")

	bank := &cobra.Command{Use: "bank", Short: "Send coins"}
	bank.AddCommand(txBankSendCommand())
	cmd.AddCommand(bank, txStakingCommand(), txSlashingCommand(), txDistributionCommand(), txTokenCommand(), txBallotCommand(), txGovCommand(), txEVMCommand())
	return cmd
}

func txBankSendCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "send FROM TO AMOUNT",
		Short: "Send coins from a key of the keyring to an address",
		Long: `Send coins from a key of the keyring (FROM: its name or address) to an
address, bech32 (stake1...) or Ethereum's 0x form of the same account.
AMOUNT is one or more coins, such as 1000ustake or 10ustake,5foo.`,
		Example: "stakechain tx bank send faucet stake1... 1000000ustake --chain-id stakechain-localnet -y\n" +
			"stakechain tx bank send faucet 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 5ustake -y",
		Args: cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			to, err := accountArg("recipient", args[1])
			if err != nil {
				return err
			}
			amt, err := core.ParseCoins(args[2])
			if err != nil {
				return fmt.Errorf("amount: %w", err)
			}
			if amt.IsZero() {
				return errors.New("amount: nothing to send")
			}
			return broadcastTx(cmd, args[0], func(from authtypes.Address) ([]*gogotypes.Any, error) {
				m, err := client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{
					FromAddress: from.String(), ToAddress: to, Amount: authtypes.CoinsToProto(amt)})
				return []*gogotypes.Any{m}, err
			})
		},
	}
}

// broadcastTx signs the messages built for the key named (or addressed)
// by from and broadcasts them, printing the result. A tx the node rejects
// is an error carrying its code and reason.
func broadcastTx(cmd *cobra.Command, from string, build func(from authtypes.Address) ([]*gogotypes.Any, error)) error {
	in := keysNewInput(cmd)
	kr, err := keysOpenKeyring(cmd, in)
	if err != nil {
		return err
	}
	rec, err := findKey(kr, from)
	if err != nil {
		return err
	}
	msgs, err := build(rec.Address)
	if err != nil {
		return err
	}

	f := cmd.Flags()
	node, _ := f.GetString(flagNode)
	c, err := client.New(node)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(cmd.Context(), 2*time.Minute)
	defer cancel()

	chainID, _ := f.GetString(flagChainID)
	if chainID == "" {
		if chainID, err = c.ChainID(ctx); err != nil {
			return err
		}
	}
	// The account's next transaction carries the sequence that follows
	// those the node's mempool already holds, so that commands sent back to
	// back, before a block, do not collide.
	acc, err := c.PendingAccount(ctx, rec.Address.String())
	if err != nil {
		if client.IsNotFound(err) {
			return fmt.Errorf("account %s does not exist on chain %s yet: it must receive coins, in a committed block, before it can send", rec.Address, chainID)
		}
		return err
	}
	fees, _ := f.GetString(flagFees)
	fee, err := core.ParseCoins(fees)
	if err != nil {
		return fmt.Errorf("--fees: %w", err)
	}
	memo, _ := f.GetString(flagMemo)
	timeout, _ := f.GetUint64(flagTimeoutHeight)
	spec := client.TxSpec{Msgs: msgs, Memo: memo, TimeoutHeight: timeout, Fee: fee, ChainID: chainID,
		AccountNumber: acc.AccountNumber, Sequence: acc.Sequence}

	gasFlag, _ := f.GetString(flagGas)
	if gasFlag == "auto" {
		// The node simulates on its committed state, so the simulated tx
		// carries the committed sequence; the gas does not depend on it.
		committed, err := c.Account(ctx, rec.Address.String())
		if err != nil {
			return fmt.Errorf("estimate gas: %w", err)
		}
		if committed == nil {
			return fmt.Errorf("estimate gas: account %s is not in a committed block", rec.Address)
		}
		sim := spec
		sim.Sequence = committed.Sequence
		used, err := c.Simulate(ctx, sim, rec.PubKey)
		if err != nil {
			return fmt.Errorf("estimate gas: %w", err)
		}
		adj, _ := f.GetFloat64(flagGasAdjustment)
		if adj < 1 {
			return fmt.Errorf("--gas-adjustment %v must be at least 1", adj)
		}
		spec.GasLimit = uint64(float64(used) * adj)
		fmt.Fprintf(cmd.ErrOrStderr(), "estimated gas: %d\n", spec.GasLimit)
	} else if _, err := fmt.Sscan(gasFlag, &spec.GasLimit); err != nil || spec.GasLimit == 0 {
		return fmt.Errorf("--gas %q: give a positive number or \"auto\"", gasFlag)
	}

	if yes, _ := f.GetBool(flagYes); !yes {
		if _, isTerm := in.terminal(); isTerm {
			fmt.Fprintf(cmd.ErrOrStderr(), "from: %s (%s)\nchain: %s\nmessages: %d\nfee: %s\ngas: %d\n", rec.Name, rec.Address, chainID, len(msgs), fee, spec.GasLimit)
			ok, err := in.confirm("Sign and broadcast?")
			if err != nil {
				return err
			}
			if !ok {
				return errors.New("cancelled")
			}
		}
	}

	signer, err := kr.Signer(rec.Name)
	if err != nil {
		return err
	}
	txBytes, err := client.Sign(spec, signer)
	if err != nil {
		return err
	}
	mode, _ := f.GetString(flagBroadcastMode)
	res, err := c.Broadcast(ctx, txBytes, mode, time.Minute)
	if err != nil {
		return err
	}
	printResult(cmd, res, func(w io.Writer) {
		fmt.Fprintf(w, "txhash: %s\ncode: %d\n", res.TxHash, res.Code)
		if res.Height > 0 {
			fmt.Fprintf(w, "height: %d\ngas_used: %d\n", res.Height, res.GasUsed)
		}
		if res.RawLog != "" {
			fmt.Fprintf(w, "raw_log: %s\n", res.RawLog)
		}
	})
	if res.Code != 0 {
		return fmt.Errorf("transaction rejected: code %d (%s): %s", res.Code, res.Codespace, res.RawLog)
	}
	return nil
}

// findKey is the key of the keyring named by from, or whose address from
// is (bech32 or 0x).
func findKey(kr keyring.Keyring, from string) (keyring.Record, error) {
	rec, err := kr.Get(from)
	if err == nil {
		return rec, nil
	}
	addr, perr := authtypes.ParseAccountInput(from)
	if perr != nil {
		return keyring.Record{}, err
	}
	return kr.GetByAddress(addr)
}
