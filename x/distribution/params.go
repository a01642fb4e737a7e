package distribution

import (
	"fmt"

	"cosmossdk.io/math"

	"github.com/stakechain/stakechain/app/store"
	"github.com/stakechain/stakechain/x/core"
)

// Params govern the allocation of fees and inflation.
type Params struct {
	// CommunityTax is the fraction of every block's fees and inflation that
	// goes to the community pool before the validators get theirs.
	CommunityTax math.LegacyDec `json:"community_tax"`
}

// DefaultParams are the parameters of a new chain: a 2% community tax, as
// in Cosmos.
func DefaultParams() Params {
	return Params{CommunityTax: math.LegacyNewDecWithPrec(2, 2)}
}

// Validate checks 0 ≤ community tax ≤ 1.
func (p Params) Validate() error {
	if p.CommunityTax.IsNil() || p.CommunityTax.IsNegative() || p.CommunityTax.GT(math.LegacyOneDec()) {
		return fmt.Errorf("community_tax must be between 0 and 1")
	}
	return nil
}

// storedParams keeps the parameters as a
// cosmos.distribution.v1beta1.Params.
var storedParams = core.NewParamsStore(paramsKey, ParamsToProto, ParamsFromProto)

// Params returns the current parameters.
func (k Keeper) Params(r store.Reader) Params { return storedParams.Load(r) }

// SetParams stores validated parameters.
func (k Keeper) SetParams(w store.Writer, p Params) error { return storedParams.Store(w, p) }
