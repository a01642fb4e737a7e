package client_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stakechain/stakechain/cmd/client"
)

// A node's answer to broadcast_tx_sync for a tx its mempool cache holds.
const txInCacheAnswer = `{"jsonrpc":"2.0","id":%s,"error":{"code":-32603,"message":"Internal error","data":"tx already exists in cache"}}`

func TestATransactionTheNodeAlreadyHasIsReportedAsAlreadySent(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		// The answer carries the request's id, as JSON-RPC wants.
		id := idOf(body)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, txInCacheAnswer, id)
	}))
	defer srv.Close()

	c, err := client.New(srv.URL)
	require.NoError(t, err)
	tx := []byte("signed tx bytes")
	_, err = c.Broadcast(context.Background(), tx, "sync", time.Second)
	var sent *client.AlreadySentError
	require.ErrorAs(t, err, &sent)
	require.Equal(t, fmt.Sprintf("%X", sha256.Sum256(tx)), sent.Hash)
	require.Contains(t, err.Error(), "already has this exact transaction")
	require.Contains(t, err.Error(), sent.Hash)
	require.NotContains(t, err.Error(), "Internal error")
}

// idOf returns the raw "id" of a JSON-RPC request body.
func idOf(body []byte) string {
	var req struct {
		ID json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return ""
	}
	return string(req.ID)
}
