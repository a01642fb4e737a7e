package app

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
)

// FuzzCheckTx feeds arbitrary bytes to CheckTx (and so to the tx decoder):
// it must never panic, and whatever it rejects it rejects with a registered
// code and a log. Seeds: testdata/fuzz/FuzzCheckTx and a valid transfer.
func FuzzCheckTx(f *testing.F) {
	c := newTestChain(f)
	valid := c.sign(c.send(testKey("alice"), addrOf(testKey("bob")), "1ustake"))
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add([]byte{})
	if dir := os.Getenv("STAKECHAIN_WRITE_FUZZ_SEEDS"); dir != "" {
		writeSeed(f, dir, "valid-send", valid)
	}
	f.Fuzz(func(t *testing.T, tx []byte) {
		res, err := c.app.CheckTx(context.Background(), &abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_New})
		if err != nil {
			t.Fatalf("CheckTx returned an error instead of a result: %v", err)
		}
		if res.Code != 0 && (res.Codespace == "" || res.Log == "") {
			t.Fatalf("rejection without codespace or log: %+v", res)
		}
	})
}

// FuzzProcessProposal feeds arbitrary transactions to ProcessProposal,
// which must answer (ACCEPT or REJECT) and never panic or change state.
func FuzzProcessProposal(f *testing.F) {
	c := newTestChain(f)
	valid := c.sign(c.send(testKey("alice"), addrOf(testKey("bob")), "1ustake"))
	f.Add(valid, []byte("junk"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		before := c.app.tree.Hash()
		res, err := c.app.ProcessProposal(context.Background(), &abci.RequestProcessProposal{Txs: [][]byte{a, b}, Height: c.height + 1})
		if err != nil {
			t.Fatalf("ProcessProposal returned an error: %v", err)
		}
		if res.Status != abci.ResponseProcessProposal_ACCEPT && res.Status != abci.ResponseProcessProposal_REJECT {
			t.Fatalf("status %v", res.Status)
		}
		if string(before) != string(c.app.tree.Hash()) {
			t.Fatal("ProcessProposal changed the state")
		}
	})
}

// writeSeed stores a corpus entry in Go's fuzz corpus format.
func writeSeed(f *testing.F, dir, name string, data []byte) {
	path := filepath.Join(dir, name)
	body := "go test fuzz v1\n[]byte(" + strconv.Quote(string(data)) + ")\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		f.Fatal(err)
	}
}
