package bench

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"sync"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/stakechain/stakechain/x/auth/keys"
	"github.com/stakechain/stakechain/x/auth/keys/secp256k1"
)

// The kvstore ceiling checks no signature, while every StakeChain
// transaction carries one that each validator verifies once. The signed
// kvstore is a second ceiling that does the same: CometBFT's kvstore with one
// secp256k1 signature per transaction, verified once per node, as our
// application does (a new transaction in CheckTx; in ProcessProposal and
// FinalizeBlock only the transactions the node has not verified yet), with
// libsecp256k1, the verifier our application uses.
//
// A signed transaction is still a kvstore "key=value" transaction:
//
//	key "=" hex(public key, 33 bytes) hex(signature, 64 bytes) padding
//
// signed over the transaction without its signature's 128 hex digits.

// The lengths in hex of a signed transaction's public key, which starts
// right after the "=", and of its signature, which follows it.
const (
	signedKVPubHex = 2 * secp256k1.PubKeySize
	signedKVSigHex = 2 * 64
)

// SignKVTx returns a signed kvstore transaction of at least size bytes
// that stores under key.
func SignKVTx(sk keys.PrivKey, key string, size int) ([]byte, error) {
	unsigned := []byte(key + "=" + hex.EncodeToString(sk.PubKey().Bytes()))
	for len(unsigned)+signedKVSigHex < size {
		unsigned = append(unsigned, 'v')
	}
	sig, err := sk.Sign(unsigned)
	if err != nil {
		return nil, err
	}
	at := len(key) + 1 + signedKVPubHex
	tx := make([]byte, 0, len(unsigned)+signedKVSigHex)
	tx = append(tx, unsigned[:at]...)
	tx = hex.AppendEncode(tx, sig)
	return append(tx, unsigned[at:]...), nil
}

// VerifyKVTx reports whether tx is a signed kvstore transaction with a valid
// signature.
func VerifyKVTx(tx []byte) bool {
	eq := bytes.IndexByte(tx, '=')
	if eq <= 0 || len(tx) < eq+1+signedKVPubHex+signedKVSigHex {
		return false
	}
	pubHex := tx[eq+1 : eq+1+signedKVPubHex]
	sigHex := tx[eq+1+signedKVPubHex : eq+1+signedKVPubHex+signedKVSigHex]
	pub, err := hex.DecodeString(string(pubHex))
	if err != nil {
		return false
	}
	sig, err := hex.DecodeString(string(sigHex))
	if err != nil {
		return false
	}
	pk := &secp256k1.PubKey{Key: pub}
	if pk.Validate() != nil {
		return false
	}
	msg := make([]byte, 0, len(tx)-signedKVSigHex)
	msg = append(msg, tx[:eq+1+signedKVPubHex]...)
	msg = append(msg, tx[eq+1+signedKVPubHex+signedKVSigHex:]...)
	return pk.VerifySignature(msg, sig)
}

// signedKVTxs returns rounds*len(senders) distinct signed kvstore
// transactions of size bytes, each sender signing every len(senders)-th.
func signedKVTxs(senders []keys.PrivKey, rounds, size int) ([][]byte, error) {
	txs := make([][]byte, rounds*len(senders))
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	workers := min(runtime.GOMAXPROCS(0), len(txs))
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(txs); i += workers {
				tx, err := SignKVTx(senders[i%len(senders)], fmt.Sprintf("bench-%d", i), size)
				if err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
					return
				}
				txs[i] = tx
			}
		})
	}
	wg.Wait()
	return txs, firstErr
}

// SignedKVStore wraps CometBFT's kvstore application so that it verifies
// each transaction's signature once per node (see above). Transactions with
// a bad signature are refused in CheckTx and make a proposal invalid.
type SignedKVStore struct {
	abci.Application
	mu       sync.Mutex
	verified map[[sha256.Size]byte]struct{}
	order    [][sha256.Size]byte // verified hashes, oldest first
}

// signedKVRemembered is how many verified transactions a node remembers:
// more than its mempool and a few blocks hold.
const signedKVRemembered = 100_000

// CodeBadSignature is the CheckTx code of a transaction whose signature
// does not verify.
const CodeBadSignature = 100

// NewSignedKVStore wraps app.
func NewSignedKVStore(app abci.Application) *SignedKVStore {
	return &SignedKVStore{Application: app, verified: make(map[[sha256.Size]byte]struct{})}
}

// verify checks tx's signature unless this node did before.
func (s *SignedKVStore) verify(tx []byte) bool {
	h := sha256.Sum256(tx)
	s.mu.Lock()
	_, ok := s.verified[h]
	s.mu.Unlock()
	if ok {
		return true
	}
	if !VerifyKVTx(tx) {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.verified[h]; !ok {
		s.verified[h] = struct{}{}
		s.order = append(s.order, h)
		if len(s.order) > signedKVRemembered {
			delete(s.verified, s.order[0])
			s.order = s.order[1:]
		}
	}
	return true
}

// CheckTx verifies a new transaction's signature, then checks it as the
// kvstore does. A recheck verifies nothing again.
func (s *SignedKVStore) CheckTx(ctx context.Context, req *abci.RequestCheckTx) (*abci.ResponseCheckTx, error) {
	if req.Type == abci.CheckTxType_New && !s.verify(req.Tx) {
		return &abci.ResponseCheckTx{Code: CodeBadSignature, Log: "invalid signature"}, nil
	}
	return s.Application.CheckTx(ctx, req)
}

// ProcessProposal refuses a block with a transaction whose signature does
// not verify.
func (s *SignedKVStore) ProcessProposal(ctx context.Context, req *abci.RequestProcessProposal) (*abci.ResponseProcessProposal, error) {
	for _, tx := range req.Txs {
		if !s.verify(tx) {
			return &abci.ResponseProcessProposal{Status: abci.ResponseProcessProposal_REJECT}, nil
		}
	}
	return s.Application.ProcessProposal(ctx, req)
}

// FinalizeBlock verifies what the node has not (its own proposal's
// transactions that it did not check), then executes the block as the
// kvstore does. A transaction whose signature fails (which a correct
// majority never decides) is left out of the kvstore's block and answered
// with CodeBadSignature.
func (s *SignedKVStore) FinalizeBlock(ctx context.Context, req *abci.RequestFinalizeBlock) (*abci.ResponseFinalizeBlock, error) {
	bad := make([]bool, len(req.Txs))
	kept := make([][]byte, 0, len(req.Txs))
	for i, tx := range req.Txs {
		if bad[i] = !s.verify(tx); !bad[i] {
			kept = append(kept, tx)
		}
	}
	if len(kept) == len(req.Txs) {
		return s.Application.FinalizeBlock(ctx, req)
	}
	only := *req
	only.Txs = kept
	res, err := s.Application.FinalizeBlock(ctx, &only)
	if err != nil {
		return nil, err
	}
	results := make([]*abci.ExecTxResult, len(req.Txs))
	j := 0
	for i := range req.Txs {
		if bad[i] {
			results[i] = &abci.ExecTxResult{Code: CodeBadSignature, Log: "invalid signature"}
			continue
		}
		results[i] = res.TxResults[j]
		j++
	}
	res.TxResults = results
	return res, nil
}
