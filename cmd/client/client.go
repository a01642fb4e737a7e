package client

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cometbft/cometbft/mempool"
	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	ctypes "github.com/cometbft/cometbft/rpc/core/types"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// Client talks to one node over its CometBFT RPC.
type Client struct {
	RPC *rpchttp.HTTP
}

// New connects to a node, given as tcp://host:port or http://host:port.
func New(node string) (*Client, error) {
	addr := node
	if strings.HasPrefix(addr, "tcp://") {
		addr = "http://" + strings.TrimPrefix(addr, "tcp://")
	}
	c, err := rpchttp.NewWithTimeout(addr, "/websocket", 30)
	if err != nil {
		return nil, fmt.Errorf("node %s: %w", node, err)
	}
	return &Client{RPC: c}, nil
}

// QueryError is a query the application answered with an error code.
type QueryError struct {
	Path      string
	Codespace string
	Code      uint32
	Log       string
}

func (e *QueryError) Error() string {
	return fmt.Sprintf("query %s failed: code %d (%s): %s", e.Path, e.Code, e.Codespace, e.Log)
}

// IsNotFound reports whether err is a query that found nothing.
func IsNotFound(err error) bool {
	var qe *QueryError
	return errors.As(err, &qe) && strings.Contains(qe.Log, "NotFound")
}

type marshaler interface{ Marshal() ([]byte, error) }
type unmarshaler interface{ Unmarshal([]byte) error }

// Query runs a gRPC-path query over abci_query at height (0 = latest) and
// decodes the response into resp. It returns the height answered.
func (c *Client) Query(ctx context.Context, path string, req marshaler, resp unmarshaler, height int64) (int64, error) {
	data, err := req.Marshal()
	if err != nil {
		return 0, err
	}
	res, err := c.RPC.ABCIQueryWithOptions(ctx, path, data, rpcQueryOptions(height))
	if err != nil {
		return 0, fmt.Errorf("query %s: %w", path, err)
	}
	r := res.Response
	if r.Code != 0 {
		return r.Height, &QueryError{Path: path, Codespace: r.Codespace, Code: r.Code, Log: r.Log}
	}
	if err := resp.Unmarshal(r.Value); err != nil {
		return r.Height, fmt.Errorf("query %s: decode response: %w", path, err)
	}
	return r.Height, nil
}

// Account returns the account at addr, or nil if it does not exist.
func (c *Client) Account(ctx context.Context, addr string) (*authtypes.BaseAccount, error) {
	var resp authtypes.QueryAccountResponse
	if _, err := c.Query(ctx, "/cosmos.auth.v1beta1.Query/Account", &authtypes.QueryAccountRequest{Address: addr}, &resp, 0); err != nil {
		if IsNotFound(err) {
			return nil, nil
		}
		return nil, err
	}
	if resp.Account == nil {
		return nil, nil
	}
	acc := new(authtypes.BaseAccount)
	switch resp.Account.TypeUrl {
	case "/cosmos.auth.v1beta1.BaseAccount":
		if err := acc.Unmarshal(resp.Account.Value); err != nil {
			return nil, err
		}
	case "/cosmos.auth.v1beta1.ModuleAccount":
		var m authtypes.ModuleAccount
		if err := m.Unmarshal(resp.Account.Value); err != nil {
			return nil, err
		}
		acc = m.BaseAccount
	default:
		return nil, fmt.Errorf("unknown account type %s", resp.Account.TypeUrl)
	}
	return acc, nil
}

// PendingAccount returns the account number and the next sequence of the
// account at addr as the node's mempool sees them (the committed state plus
// the transactions it has admitted), which is what the account's next
// transaction must be signed with. A missing account, or one that only a
// pending transfer creates, is an error for which IsNotFound is true.
func (c *Client) PendingAccount(ctx context.Context, addr string) (*authtypes.QueryPendingAccountResponse, error) {
	var resp authtypes.QueryPendingAccountResponse
	if _, err := c.Query(ctx, authtypes.QueryPathPendingAccount, &authtypes.QueryPendingAccountRequest{Address: addr}, &resp, 0); err != nil {
		return nil, err
	}
	return &resp, nil
}

// ChainID asks the node for its chain id.
func (c *Client) ChainID(ctx context.Context) (string, error) {
	st, err := c.RPC.Status(ctx)
	if err != nil {
		return "", fmt.Errorf("node status: %w", err)
	}
	return st.NodeInfo.Network, nil
}

// BroadcastResult is what a broadcast reports, in the shape Cosmos CLIs
// print.
type BroadcastResult struct {
	TxHash    string `json:"txhash"`
	Code      uint32 `json:"code"`
	Codespace string `json:"codespace"`
	Height    int64  `json:"height,string"`
	RawLog    string `json:"raw_log"`
	GasWanted int64  `json:"gas_wanted,string"`
	GasUsed   int64  `json:"gas_used,string"`
}

// AlreadySentError is a broadcast of a transaction whose exact bytes the
// node has seen before: it is in the node's mempool, or in its cache of
// recent transactions (those it admitted or committed lately). The node did
// not take it again.
type AlreadySentError struct {
	// Hash is the transaction's hash, in hex.
	Hash string
}

func (e *AlreadySentError) Error() string {
	return fmt.Sprintf("the node already has this exact transaction (txhash %s): the same signed bytes were sent before, and are in its mempool or were committed lately; "+
		"it was not sent again (see it with `query tx %s`; to send another, sign a new transaction)", e.Hash, e.Hash)
}

// Broadcast submits a signed tx. In "sync" mode it returns once the node's
// mempool accepted or rejected it; in "commit" mode it then waits (up to
// timeout) until the tx is in a committed block and reports its result.
func (c *Client) Broadcast(ctx context.Context, tx []byte, mode string, timeout time.Duration) (*BroadcastResult, error) {
	if mode != "sync" && mode != "commit" {
		return nil, fmt.Errorf("broadcast mode %q: use sync or commit", mode)
	}
	res, err := c.RPC.BroadcastTxSync(ctx, tx)
	if err != nil {
		if strings.Contains(err.Error(), mempool.ErrTxInCache.Error()) {
			return nil, &AlreadySentError{Hash: fmt.Sprintf("%X", sha256.Sum256(tx))}
		}
		return nil, fmt.Errorf("broadcast: %w", err)
	}
	out := &BroadcastResult{TxHash: res.Hash.String(), Code: res.Code, Codespace: res.Codespace, RawLog: res.Log}
	if res.Code != 0 || mode == "sync" {
		return out, nil
	}
	committed, err := c.WaitForTx(ctx, res.Hash, timeout)
	if err != nil {
		return out, err
	}
	r := committed.TxResult
	out.Height, out.Code, out.Codespace, out.RawLog = committed.Height, r.Code, r.Codespace, r.Log
	out.GasWanted, out.GasUsed = r.GasWanted, r.GasUsed
	return out, nil
}

// WaitForTx polls for a tx by hash until it is committed or timeout passes.
func (c *Client) WaitForTx(ctx context.Context, hash []byte, timeout time.Duration) (*ctypes.ResultTx, error) {
	deadline := time.Now().Add(timeout)
	for {
		res, err := c.RPC.Tx(ctx, hash, false)
		if err == nil {
			return res, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("tx %X not committed within %s: %w", hash, timeout, err)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}
