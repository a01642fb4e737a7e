package bench

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/cmd/client"
	"github.com/stakechain/stakechain/cmd/client/keyring"
	"github.com/stakechain/stakechain/testnet"
	"github.com/stakechain/stakechain/x/auth/keys"
	"github.com/stakechain/stakechain/x/auth/keys/secp256k1"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	banktypes "github.com/stakechain/stakechain/x/bank/types"
	"github.com/stakechain/stakechain/x/core"
)

// LoadOptions shape a quick load run against a running network.
type LoadOptions struct {
	// Accounts is how many senders are funded by the faucet (default 200).
	Accounts int
	// Duration is how long transactions are submitted (default 20 s).
	Duration time.Duration
	// TxsPerAccount is how many transfers are signed in advance for each
	// sender (default 400); the run stops early if they are used up.
	TxsPerAccount int
	// Progress, if set, receives a line now and then.
	Progress func(string)
}

// LoadResult is what a load run measured.
type LoadResult struct {
	Submitted   int   `json:"submitted"`
	Accepted    int   `json:"accepted"`
	Committed   int   `json:"committed"`
	Failed      int   `json:"failed"`
	FirstHeight int64 `json:"first_height"`
	LastHeight  int64 `json:"last_height"`
	Blocks      int   `json:"blocks"`
	// Seconds is the time between the block before the first one holding
	// load transactions and the last one, by block time.
	Seconds float64 `json:"seconds"`
	// TPS is committed transactions per second over those blocks.
	TPS float64 `json:"committed_tps"`
}

// RunLoad funds senders from the faucet, signs transfers in advance, then
// submits them for Duration over broadcast_tx_sync, each sender to one node
// (so its sequence order holds), and counts what the blocks committed.
func RunLoad(ctx context.Context, net *testnet.Network, o LoadOptions) (LoadResult, error) {
	if o.Accounts <= 0 {
		o.Accounts = 200
	}
	if o.Duration <= 0 {
		o.Duration = 20 * time.Second
	}
	if o.TxsPerAccount <= 0 {
		o.TxsPerAccount = 400
	}
	say := o.Progress
	if say == nil {
		say = func(string) {}
	}
	kr, err := keyring.New(testnet.KeyringBackend, net.KeyringDir, nil)
	if err != nil {
		return LoadResult{}, err
	}
	faucet, err := kr.Signer(testnet.FaucetKeyName)
	if err != nil {
		return LoadResult{}, err
	}
	clients := make([]*client.Client, len(net.Nodes))
	for i, n := range net.Nodes {
		if clients[i], err = client.New(n.RPCAddr()); err != nil {
			return LoadResult{}, err
		}
	}

	senders := make([]keys.PrivKey, o.Accounts)
	for i := range senders {
		secret := sha256.Sum256([]byte(fmt.Sprintf("stakechain load sender %d", i)))
		sk, err := secp256k1.PrivKeyFromSecret(secret[:])
		if err != nil {
			return LoadResult{}, err
		}
		senders[i] = keys.WrapSecp256k1(sk)
	}
	say(fmt.Sprintf("funding %d senders from the faucet", len(senders)))
	if err := Fund(ctx, clients[0], net.ChainID, faucet, senders, o.TxsPerAccount); err != nil {
		return LoadResult{}, err
	}

	say(fmt.Sprintf("signing %d transfers", len(senders)*o.TxsPerAccount))
	signed := make([][][]byte, len(senders))
	back := faucet.PubKey().Address().String()
	for i, s := range senders {
		acc, err := clients[0].Account(ctx, s.PubKey().Address().String())
		if err != nil || acc == nil {
			return LoadResult{}, fmt.Errorf("sender %d has no account after funding: %v", i, err)
		}
		msg, err := client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: s.PubKey().Address().String(), ToAddress: back,
			Amount: []*authtypes.Coin{{Denom: "ustake", Amount: "1"}}})
		if err != nil {
			return LoadResult{}, err
		}
		for j := 0; j < o.TxsPerAccount; j++ {
			tx, err := client.Sign(client.TxSpec{Msgs: []*gogotypes.Any{msg}, Fee: core.Coins{}, GasLimit: 50_000,
				ChainID: net.ChainID, AccountNumber: acc.AccountNumber, Sequence: acc.Sequence + uint64(j)}, s)
			if err != nil {
				return LoadResult{}, err
			}
			signed[i] = append(signed[i], tx)
		}
	}

	start, err := testnet.LatestBlock(ctx, net.Nodes[0].RPCAddr())
	if err != nil {
		return LoadResult{}, err
	}
	say(fmt.Sprintf("submitting for %s from height %d", o.Duration, start.Height))
	var submitted, accepted atomic.Int64
	window, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()
	var wg sync.WaitGroup
	// One submitter per node; each owns the senders i with i % nodes == node.
	for n := range clients {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			for j := 0; j < o.TxsPerAccount; j++ {
				for i := n; i < len(senders); i += len(clients) {
					if window.Err() != nil {
						return
					}
					submitted.Add(1)
					// A full mempool is back-pressure: wait and offer the
					// same tx again, or the sender's later txs would all
					// fail on their sequence.
					for window.Err() == nil {
						res, err := clients[n].RPC.BroadcastTxSync(window, signed[i][j])
						if err == nil {
							if res.Code == 0 {
								accepted.Add(1)
							}
							break
						}
						time.Sleep(20 * time.Millisecond)
					}
				}
			}
		}(n)
	}
	wg.Wait()
	// Let the mempools drain into blocks.
	time.Sleep(3 * time.Second)
	end, err := testnet.LatestBlock(ctx, net.Nodes[0].RPCAddr())
	if err != nil {
		return LoadResult{}, err
	}
	res := LoadResult{Submitted: int(submitted.Load()), Accepted: int(accepted.Load())}
	if err := countCommitted(ctx, net.Nodes[0].RPCAddr(), start.Height+1, end.Height, &res); err != nil {
		return res, err
	}
	return res, nil
}

// Fund sends each sender enough for txs transfers, in one burst from the
// faucet, and waits until the last funding tx is committed.
func Fund(ctx context.Context, c *client.Client, chainID string, faucet keys.PrivKey, senders []keys.PrivKey, txs int) error {
	acc, err := c.Account(ctx, faucet.PubKey().Address().String())
	if err != nil || acc == nil {
		return fmt.Errorf("faucet account: %v", err)
	}
	var last []byte
	for i, s := range senders {
		msg, err := client.PackMsg(banktypes.TypeURLMsgSend, &banktypes.MsgSend{FromAddress: faucet.PubKey().Address().String(),
			ToAddress: s.PubKey().Address().String(), Amount: []*authtypes.Coin{{Denom: "ustake", Amount: fmt.Sprint(txs * 10)}}})
		if err != nil {
			return err
		}
		tx, err := client.Sign(client.TxSpec{Msgs: []*gogotypes.Any{msg}, Fee: core.Coins{}, GasLimit: 50_000, ChainID: chainID,
			AccountNumber: acc.AccountNumber, Sequence: acc.Sequence + uint64(i)}, faucet)
		if err != nil {
			return err
		}
		res, err := c.Broadcast(ctx, tx, "sync", 0)
		if err != nil {
			return err
		}
		if res.Code != 0 {
			return fmt.Errorf("funding sender %d: code %d: %s", i, res.Code, res.RawLog)
		}
		last = tx
	}
	if last == nil {
		return errors.New("no senders")
	}
	h := sha256.Sum256(last)
	_, err = c.WaitForTx(ctx, h[:], time.Minute)
	return err
}

// countCommitted reads blocks from..to and their results.
func countCommitted(ctx context.Context, addr string, from, to int64, res *LoadResult) error {
	c, err := testnet.RPCClient(addr)
	if err != nil {
		return err
	}
	var first, last time.Time
	for h := from; h <= to; h++ {
		height := h
		b, err := c.Block(ctx, &height)
		if err != nil {
			return err
		}
		if len(b.Block.Txs) == 0 {
			continue
		}
		r, err := c.BlockResults(ctx, &height)
		if err != nil {
			return err
		}
		for _, tr := range r.TxsResults {
			if tr.Code == 0 {
				res.Committed++
			} else {
				res.Failed++
			}
		}
		if res.FirstHeight == 0 {
			res.FirstHeight, first = h, b.Block.Time
			// The first block's txs were submitted during the interval
			// before it; count from the previous block's time.
			if prev := h - 1; prev > 0 {
				if pb, err := c.Block(ctx, &prev); err == nil {
					first = pb.Block.Time
				}
			}
		}
		res.LastHeight, last = h, b.Block.Time
		res.Blocks++
	}
	res.Seconds = last.Sub(first).Seconds()
	if res.Seconds > 0 {
		res.TPS = float64(res.Committed) / res.Seconds
	}
	return nil
}
