package core

import (
	"errors"
	"testing"

	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"
)

type testAddr string

func (a testAddr) Equal(b testAddr) bool { return a == b }
func (a testAddr) String() string        { return string(a) }

func parseTestAddr(s string) (testAddr, error) {
	if s == "" {
		return "", errors.New("empty address")
	}
	return testAddr(s), nil
}

var (
	errTestUnauthorized = Register("coretest", 2, "only the authority may change the parameters")
	errTestComplete     = Register("coretest", 3, "refused against the current state")
)

func TestParseUpdateParams(t *testing.T) {
	for _, c := range []struct {
		name      string
		authority string
		params    *gogotypes.StringValue
		want      error
	}{
		{"a message with an authority and valid params is read", "gov", &gogotypes.StringValue{Value: "ustake"}, nil},
		{"an authority that does not decode is an invalid address", "", &gogotypes.StringValue{Value: "ustake"}, ErrInvalidAddress},
		{"missing params are an invalid request", "gov", nil, ErrInvalidRequest},
		{"params the conversion refuses are an invalid request", "gov", &gogotypes.StringValue{Value: "refused"}, ErrInvalidRequest},
		{"params that do not validate are an invalid request", "gov", &gogotypes.StringValue{}, ErrInvalidRequest},
	} {
		t.Run(c.name, func(t *testing.T) {
			u, err := ParseUpdateParams(c.authority, parseTestAddr, c.params, denomFromProto, denomParams.Validate)
			if c.want != nil {
				require.ErrorIs(t, err, c.want)
				return
			}
			require.NoError(t, err)
			require.Equal(t, UpdateParams[testAddr, denomParams]{Authority: "gov", Params: denomParams{Denom: "ustake"}}, u)
		})
	}
}

func TestApplyUpdateParams(t *testing.T) {
	update := ParamsUpdate[mapStore, denomParams]{
		Module: "test", Unauthorized: errTestUnauthorized,
		Set: func(s mapStore, p denomParams) error { return testParamsStore.Store(s, p) },
	}
	refuseOther := update
	refuseOther.Complete = func(s mapStore, p denomParams) (denomParams, error) {
		if p.Denom != testParamsStore.Load(s).Denom {
			return p, errTestComplete
		}
		return p, nil
	}
	for _, c := range []struct {
		name   string
		signer testAddr
		params denomParams
		update ParamsUpdate[mapStore, denomParams]
		want   error
		stored string
	}{
		{"the authority's update is stored", "gov", denomParams{Denom: "uatom"}, update, nil, "uatom"},
		{"another signer is refused with the module's error", "mallory", denomParams{Denom: "uatom"}, update, errTestUnauthorized, "ustake"},
		{"another signer is refused before Complete runs", "mallory", denomParams{Denom: "uatom"}, refuseOther, errTestUnauthorized, "ustake"},
		{"Complete's error is returned as it is", "gov", denomParams{Denom: "uatom"}, refuseOther, errTestComplete, "ustake"},
		{"params Set refuses are an invalid request", "gov", denomParams{}, update, ErrInvalidRequest, "ustake"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := mapStore{}
			require.NoError(t, testParamsStore.Store(s, denomParams{Denom: "ustake"}))
			var ev Events
			err := ApplyUpdateParams(s, &ev, testAddr("gov"), UpdateParams[testAddr, denomParams]{Authority: c.signer, Params: c.params}, c.update)
			require.Equal(t, c.stored, testParamsStore.Load(s).Denom)
			if c.want != nil {
				require.ErrorIs(t, err, c.want)
				if c.want != ErrInvalidRequest {
					require.NotErrorIs(t, err, ErrInvalidRequest)
				}
				require.Empty(t, ev.List())
				return
			}
			require.NoError(t, err)
			require.Equal(t, []Event{{Type: "update_params", Attributes: []Attribute{Attr("module", "test"), Attr("authority", "gov")}}}, ev.List())
		})
	}
}
