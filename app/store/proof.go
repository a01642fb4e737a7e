package store

import (
	"bytes"
	"errors"
	"fmt"

	cmtcrypto "github.com/cometbft/cometbft/proto/tendermint/crypto"
	ics23 "github.com/cosmos/ics23/go"
)

// ProofOpType is the type of the proof operation QueryProofOps returns: an
// ics23 commitment proof in the IAVL proof format, checked against the
// application hash directly (there is one tree, so there is one step).
const ProofOpType = "ics23:iavl"

// Proof implements Tree.
func (t *iavlTree) Proof(key []byte, version int64) (value []byte, proof *ics23.CommitmentProof, err error) {
	if len(key) == 0 {
		return nil, nil, errors.New("store: proof of an empty key")
	}
	v, err := t.view(version)
	if err != nil {
		return nil, nil, err
	}
	if v.empty() {
		return nil, nil, fmt.Errorf("store: no proof against the empty tree of version %d", version)
	}
	proof, err = v.tree.GetProof(key)
	if err != nil {
		return nil, nil, fmt.Errorf("store: proof of %X at version %d: %w", key, version, err)
	}
	return v.Get(key), proof, nil
}

// QueryProofOps wraps proof, a proof of key from Tree.Proof, as the proof
// operations of an abci_query response: one operation of type ProofOpType
// whose Key is key and whose Data is the marshalled proof.
func QueryProofOps(key []byte, proof *ics23.CommitmentProof) (*cmtcrypto.ProofOps, error) {
	if proof == nil {
		return nil, errors.New("store: nil proof")
	}
	data, err := proof.Marshal()
	if err != nil {
		return nil, fmt.Errorf("store: marshal proof: %w", err)
	}
	return &cmtcrypto.ProofOps{Ops: []cmtcrypto.ProofOp{{Type: ProofOpType, Key: key, Data: data}}}, nil
}

// VerifyQueryProof checks proof operations from QueryProofOps against
// appHash, the application hash of the queried version (found in the header
// of the next height). A non-nil value is checked to be key's value; a nil
// value is checked to be key's absence. A present empty value is []byte{}.
func VerifyQueryProof(ops *cmtcrypto.ProofOps, appHash, key, value []byte) error {
	if ops == nil || len(ops.Ops) != 1 {
		return errors.New("store: want exactly one proof operation")
	}
	op := ops.Ops[0]
	if op.Type != ProofOpType {
		return fmt.Errorf("store: proof operation of type %q, want %q", op.Type, ProofOpType)
	}
	if !bytes.Equal(op.Key, key) {
		return fmt.Errorf("store: proof is of key %X, not %X", op.Key, key)
	}
	var proof ics23.CommitmentProof
	if err := proof.Unmarshal(op.Data); err != nil {
		return fmt.Errorf("store: decode proof: %w", err)
	}
	if value == nil {
		if !ics23.VerifyNonMembership(ics23.IavlSpec, appHash, &proof, key) {
			return fmt.Errorf("store: proof does not show %X absent under app hash %X", key, appHash)
		}
		return nil
	}
	if !ics23.VerifyMembership(ics23.IavlSpec, appHash, &proof, key, value) {
		return fmt.Errorf("store: proof does not show %X set to the value under app hash %X", key, appHash)
	}
	return nil
}
