package auth

import (
	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// UpdateParams is a MsgUpdateParams with its authority decoded and its
// parameters checked.
type UpdateParams = core.UpdateParams[types.Address, Params]

// ParseMsgUpdateParams checks a MsgUpdateParams without state: the authority
// decodes and the parameters are present and valid.
func ParseMsgUpdateParams(m *types.MsgUpdateParams) (UpdateParams, error) {
	return core.ParseUpdateParams(m.Authority, types.ParseAddress, m.Params, paramsFromProto, Params.Validate)
}

// UpdateParams replaces the parameters if m is signed by authority, the
// chain's parameter authority, and emits an "update_params" event. It
// fails, changing nothing, for any other signer (core.ErrUnauthorized) or
// invalid parameters (core.ErrInvalidRequest).
func (k Keeper) UpdateParams(w store.Writer, ev *core.Events, authority types.Address, m UpdateParams) error {
	return core.ApplyUpdateParams(w, ev, authority, m, core.ParamsUpdate[store.Writer, Params]{
		Module: ModuleName, Unauthorized: core.ErrUnauthorized, Set: k.SetParams,
	})
}

// ParamsToProto returns p as the wire type, for queries and messages.
func ParamsToProto(p Params) *types.Params {
	return &types.Params{
		MaxMemoCharacters:      p.MaxMemoCharacters,
		TxSigLimit:             p.TxSigLimit,
		MaxTxBytes:             p.MaxTxBytes,
		MaxMsgsPerTx:           p.MaxMsgsPerTx,
		TxBaseGas:              p.TxBaseGas,
		TxSizeCostPerByte:      p.TxSizeCostPerByte,
		SigVerifyCostSecp256K1: p.SigVerifyCostSecp256k1,
		SigVerifyCostEd25519:   p.SigVerifyCostEd25519,
	}
}

// ParamsFromProto returns the wire parameters as Params, unchecked; nil
// gives the zero Params, which Validate refuses.
func ParamsFromProto(p *types.Params) Params {
	if p == nil {
		return Params{}
	}
	return Params{
		MaxMemoCharacters:      p.MaxMemoCharacters,
		TxSigLimit:             p.TxSigLimit,
		MaxTxBytes:             p.MaxTxBytes,
		MaxMsgsPerTx:           p.MaxMsgsPerTx,
		TxBaseGas:              p.TxBaseGas,
		TxSizeCostPerByte:      p.TxSizeCostPerByte,
		SigVerifyCostSecp256k1: p.SigVerifyCostSecp256K1,
		SigVerifyCostEd25519:   p.SigVerifyCostEd25519,
	}
}

// paramsFromProto is ParamsFromProto in the form core's parameter helpers
// take.
func paramsFromProto(p *types.Params) (Params, error) { return ParamsFromProto(p), nil }
