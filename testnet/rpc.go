package testnet

import (
	"context"
	"fmt"
	"sync"
	"time"

	rpchttp "github.com/cometbft/cometbft/rpc/client/http"

	"github.com/stakechain/stakechain/app"
)

// RPCTimeout bounds one request of an RPCClient, so a hung node cannot
// stall a caller whose context has no deadline.
const RPCTimeout = 5 * time.Second

// clients holds one client per address: each has its own connection pool,
// and a new one per request would leave idle connections behind.
var clients sync.Map // string -> *rpchttp.HTTP

// RPCClient returns the client of the node at addr (such as
// tcp://127.0.0.1:26657), one per address for the process's life.
func RPCClient(addr string) (*rpchttp.HTTP, error) {
	if c, ok := clients.Load(addr); ok {
		return c.(*rpchttp.HTTP), nil
	}
	c, err := rpchttp.NewWithTimeout(addr, "/websocket", uint(RPCTimeout/time.Second))
	if err != nil {
		return nil, fmt.Errorf("rpc %s: %w", addr, err)
	}
	actual, _ := clients.LoadOrStore(addr, c)
	return actual.(*rpchttp.HTTP), nil
}

// Latest is a node's view of the chain tip.
type Latest struct {
	Height int64
	// AppHash is the state after the block before Height, as in that
	// block's header.
	AppHash    []byte
	CatchingUp bool
	// NodeID is the answering node's P2P identity.
	NodeID string
}

// LatestBlock asks the node at addr (such as tcp://127.0.0.1:26657) for
// its latest block height and app hash.
func LatestBlock(ctx context.Context, addr string) (Latest, error) {
	c, err := RPCClient(addr)
	if err != nil {
		return Latest{}, err
	}
	st, err := c.Status(ctx)
	if err != nil {
		return Latest{}, fmt.Errorf("rpc %s: status: %w", addr, err)
	}
	return Latest{
		Height:     st.SyncInfo.LatestBlockHeight,
		AppHash:    st.SyncInfo.LatestAppHash,
		CatchingUp: st.SyncInfo.CatchingUp,
		NodeID:     string(st.NodeInfo.ID()),
	}, nil
}

// BlockAppHash returns the app hash in the header of the block at height on
// the node at addr: the state after executing block height-1. Every
// correct node returns the same bytes.
func BlockAppHash(ctx context.Context, addr string, height int64) ([]byte, error) {
	c, err := RPCClient(addr)
	if err != nil {
		return nil, err
	}
	res, err := c.Block(ctx, &height)
	if err != nil {
		return nil, fmt.Errorf("rpc %s: block %d: %w", addr, height, err)
	}
	return res.Block.AppHash, nil
}

// WaitForHeight polls the node at addr until its latest height is at least
// height, and returns that height. It gives up when ctx ends, with the last
// height seen or the last error.
func WaitForHeight(ctx context.Context, addr string, height int64) (int64, error) {
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	var last Latest
	var lastErr error
	for {
		l, err := LatestBlock(ctx, addr)
		if err == nil {
			last, lastErr = l, nil
			if l.Height >= height {
				return l.Height, nil
			}
		} else {
			lastErr = err
		}
		select {
		case <-ctx.Done():
			if lastErr != nil {
				return last.Height, fmt.Errorf("waiting for height %d at %s: %w (last error: %v)", height, addr, ctx.Err(), lastErr)
			}
			return last.Height, fmt.Errorf("waiting for height %d at %s: %w (height is %d)", height, addr, ctx.Err(), last.Height)
		case <-tick.C:
		}
	}
}

// CheckInvariants asks the node at addr to check the application's
// accounting invariants on its latest state; it returns the height checked.
func CheckInvariants(ctx context.Context, addr string) (int64, error) {
	c, err := RPCClient(addr)
	if err != nil {
		return 0, err
	}
	res, err := c.ABCIQuery(ctx, app.InvariantsPath, nil)
	if err != nil {
		return 0, err
	}
	if res.Response.Code != 0 {
		return res.Response.Height, fmt.Errorf("node %s: %s", addr, res.Response.Log)
	}
	return res.Response.Height, nil
}
