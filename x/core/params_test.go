package core

import (
	"errors"
	"testing"

	gogotypes "github.com/cosmos/gogoproto/types"
	"github.com/stretchr/testify/require"
)

// denomParams is a parameter set of one field, stored as a StringValue.
type denomParams struct{ Denom string }

func (p denomParams) Validate() error {
	if p.Denom == "" {
		return errors.New("denom is empty")
	}
	return nil
}

func denomToProto(p denomParams) *gogotypes.StringValue {
	return &gogotypes.StringValue{Value: p.Denom}
}

func denomFromProto(w *gogotypes.StringValue) (denomParams, error) {
	if w.Value == "refused" {
		return denomParams{}, errors.New("refused denom")
	}
	return denomParams{Denom: w.Value}, nil
}

type mapStore map[string][]byte

func (m mapStore) Get(k []byte) []byte { return m[string(k)] }
func (m mapStore) Set(k, v []byte)     { m[string(k)] = v }

var testParamsStore = NewParamsStore([]byte("test/params"), denomToProto, denomFromProto)

func TestParamsAreStoredAsTheirProtobufMessage(t *testing.T) {
	s := mapStore{}
	require.False(t, testParamsStore.Has(s))
	require.NoError(t, testParamsStore.Store(s, denomParams{Denom: "ustake"}))
	require.True(t, testParamsStore.Has(s))

	want, err := (&gogotypes.StringValue{Value: "ustake"}).Marshal()
	require.NoError(t, err)
	require.Equal(t, want, s["test/params"])
	require.Equal(t, denomParams{Denom: "ustake"}, testParamsStore.Load(s))
}

func TestInvalidParamsAreRefusedAndNothingIsWritten(t *testing.T) {
	s := mapStore{}
	require.Error(t, testParamsStore.Store(s, denomParams{}))
	require.Empty(t, s)
}

func TestLoadingParamsThatAreMissingOrCorruptPanics(t *testing.T) {
	for _, c := range []struct {
		name   string
		stored []byte
	}{
		{"params that were never written", nil},
		{"bytes that are not the message", []byte{0xff, 0xff}},
		{"a message the conversion refuses", mustMarshal(t, &gogotypes.StringValue{Value: "refused"})},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := mapStore{}
			if c.stored != nil {
				s["test/params"] = c.stored
			}
			require.Panics(t, func() { testParamsStore.Load(s) })
		})
	}
}

func mustMarshal(t *testing.T, m interface{ Marshal() ([]byte, error) }) []byte {
	t.Helper()
	bz, err := m.Marshal()
	require.NoError(t, err)
	return bz
}
