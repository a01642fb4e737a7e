package evm

import (
	"math/big"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/evm/types"
)

// DefaultChainID is the EIP-155 chain id of a new chain.
const DefaultChainID = 9000

// Params are the EVM's parameters.
type Params struct {
	// ChainID is the EIP-155 chain id.
	ChainID uint64 `json:"chain_id,string"`
	// BaseFee is the base fee per gas, in wei.
	BaseFee math.Int `json:"base_fee"`
}

// DefaultParams are the parameters of a new chain: a base fee of 1 gwei
// (10^-3 ustake per gas).
func DefaultParams() Params {
	return Params{ChainID: DefaultChainID, BaseFee: math.NewInt(1_000_000_000)}
}

var maxUint256 = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))

// Validate checks the parameters: a positive chain id and a base fee that
// is a non-negative 256-bit integer.
func (p Params) Validate() error {
	if p.ChainID == 0 {
		return ErrInvalidParams.Wrap("chain_id must be positive")
	}
	if p.BaseFee.IsNil() || p.BaseFee.IsNegative() {
		return ErrInvalidParams.Wrap("base_fee must be a non-negative integer of wei")
	}
	if p.BaseFee.BigInt().Cmp(maxUint256) > 0 {
		return ErrInvalidParams.Wrap("base_fee must fit in 256 bits")
	}
	return nil
}

// ParamsToProto returns p as the stored and wire type.
func ParamsToProto(p Params) *types.Params {
	return &types.Params{ChainId: p.ChainID, BaseFee: p.BaseFee.String()}
}

// ParamsFromProto returns the wire parameters as Params, unchecked beyond
// the base fee being an integer.
func ParamsFromProto(p *types.Params) (Params, error) {
	if p == nil {
		return Params{}, ErrInvalidParams.Wrap("no parameters")
	}
	fee, ok := math.NewIntFromString(p.BaseFee)
	if !ok {
		return Params{}, ErrInvalidParams.Wrapf("base_fee %q is not an integer", p.BaseFee)
	}
	return Params{ChainID: p.ChainId, BaseFee: fee}, nil
}

var storedParams = core.NewParamsStore(paramsKey, ParamsToProto, ParamsFromProto)

// Params returns the current parameters.
func (k Keeper) Params(r store.Reader) Params { return storedParams.Load(r) }

// SetParams stores validated parameters.
func (k Keeper) SetParams(w store.Writer, p Params) error { return storedParams.Store(w, p) }

// HasParams reports whether r holds the parameters: a state written before
// the chain had an EVM does not.
func (k Keeper) HasParams(r store.Reader) bool { return r.Has(paramsKey) }
