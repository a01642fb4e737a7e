package client

import (
	"context"
	"fmt"

	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/x/auth/keys"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// TxSpec is an unsigned transaction of one signer.
type TxSpec struct {
	Msgs          []*gogotypes.Any
	Memo          string
	TimeoutHeight uint64
	Fee           core.Coins
	GasLimit      uint64
	ChainID       string
	AccountNumber uint64
	Sequence      uint64
}

// Sign encodes spec as a TxRaw signed by key in SIGN_MODE_DIRECT.
func Sign(spec TxSpec, key keys.PrivKey) ([]byte, error) {
	raw, err := encode(spec, key.PubKey())
	if err != nil {
		return nil, err
	}
	doc := authtypes.SignDoc{BodyBytes: raw.BodyBytes, AuthInfoBytes: raw.AuthInfoBytes, ChainId: spec.ChainID, AccountNumber: spec.AccountNumber}
	signBytes, err := doc.Marshal()
	if err != nil {
		return nil, err
	}
	sig, err := key.Sign(signBytes)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	raw.Signatures = [][]byte{sig}
	return raw.Marshal()
}

// Unsigned encodes spec with an empty signature, as a simulation takes it.
func Unsigned(spec TxSpec, pub keys.PubKey) ([]byte, error) {
	raw, err := encode(spec, pub)
	if err != nil {
		return nil, err
	}
	raw.Signatures = [][]byte{{}}
	return raw.Marshal()
}

func encode(spec TxSpec, pub keys.PubKey) (*authtypes.TxRaw, error) {
	body := authtypes.TxBody{Messages: spec.Msgs, Memo: spec.Memo, TimeoutHeight: spec.TimeoutHeight}
	bodyBytes, err := body.Marshal()
	if err != nil {
		return nil, err
	}
	info := authtypes.AuthInfo{
		SignerInfos: []*authtypes.SignerInfo{{
			PublicKey: keys.PubKeyToAny(pub),
			ModeInfo: &authtypes.ModeInfo{Sum: &authtypes.ModeInfo_Single_{
				Single: &authtypes.ModeInfo_Single{Mode: authtypes.SignMode_SIGN_MODE_DIRECT},
			}},
			Sequence: spec.Sequence,
		}},
		Fee: &authtypes.Fee{Amount: authtypes.CoinsToProto(spec.Fee), GasLimit: spec.GasLimit},
	}
	infoBytes, err := info.Marshal()
	if err != nil {
		return nil, err
	}
	return &authtypes.TxRaw{BodyBytes: bodyBytes, AuthInfoBytes: infoBytes}, nil
}

// Simulate asks the node how much gas spec would use.
func (c *Client) Simulate(ctx context.Context, spec TxSpec, pub keys.PubKey) (uint64, error) {
	spec.GasLimit = 0
	bz, err := Unsigned(spec, pub)
	if err != nil {
		return 0, err
	}
	var resp authtypes.SimulateResponse
	if _, err := c.Query(ctx, "/cosmos.tx.v1beta1.Service/Simulate", &authtypes.SimulateRequest{TxBytes: bz}, &resp, 0); err != nil {
		return 0, err
	}
	if resp.GasInfo == nil {
		return 0, fmt.Errorf("simulation returned no gas info")
	}
	return resp.GasInfo.GasUsed, nil
}

// PackMsg wraps a message in an Any with its type URL.
func PackMsg(typeURL string, m interface{ Marshal() ([]byte, error) }) (*gogotypes.Any, error) {
	bz, err := m.Marshal()
	if err != nil {
		return nil, err
	}
	return &gogotypes.Any{TypeUrl: typeURL, Value: bz}, nil
}
