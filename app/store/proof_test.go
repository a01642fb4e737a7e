package store

import (
	"testing"

	dbm "github.com/cometbft/cometbft-db"
	ics23 "github.com/cosmos/ics23/go"
	"github.com/stretchr/testify/require"
)

func TestProofs(t *testing.T) {
	forBackends(t, func(t *testing.T, b Backend) {
		tr := openTree(t, dbm.NewMemDB(), Options{Backend: b})
		h1, _ := commit(t, tr, set("b", "1"), set("d", "2"), set("f", "3"), set("h", "4"))
		h2, _ := commit(t, tr, set("d", "20"), del("f"), set("g", "5"))
		hashes := map[int64][]byte{1: h1, 2: h2}

		for _, tc := range []struct {
			name    string
			key     string
			version int64
			want    string // "" for absent
		}{
			{"a key present in the last version", "d", 2, "20"},
			{"a key present in an earlier version", "d", 1, "2"},
			{"a key deleted since", "f", 1, "3"},
			{"a deleted key is absent", "f", 2, ""},
			{"a key below every key is absent", "a", 2, ""},
			{"a key above every key is absent", "z", 2, ""},
			{"a key between keys is absent", "c", 1, ""},
			{"the last key is present", "h", 2, "4"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				key := []byte(tc.key)
				value, proof, err := tr.Proof(key, tc.version)
				require.NoError(t, err)
				root := hashes[tc.version]
				ops, err := QueryProofOps(key, proof)
				require.NoError(t, err)
				require.Len(t, ops.Ops, 1)
				require.Equal(t, ProofOpType, ops.Ops[0].Type)
				require.Equal(t, key, ops.Ops[0].Key)

				if tc.want == "" {
					require.Nil(t, value)
					require.True(t, ics23.VerifyNonMembership(ics23.IavlSpec, root, proof, key))
					require.NoError(t, VerifyQueryProof(ops, root, key, nil))
					require.Error(t, VerifyQueryProof(ops, root, key, []byte("x")), "no membership from an absence proof")
					return
				}
				require.Equal(t, []byte(tc.want), value)
				require.True(t, ics23.VerifyMembership(ics23.IavlSpec, root, proof, key, value))
				require.NoError(t, VerifyQueryProof(ops, root, key, value))
				require.Error(t, VerifyQueryProof(ops, root, key, []byte(tc.want+"x")), "a wrong value fails")
				require.Error(t, VerifyQueryProof(ops, root, key, nil), "no absence from a membership proof")
				other := hashes[3-tc.version]
				require.Error(t, VerifyQueryProof(ops, other, key, value), "another app hash fails")
				require.Error(t, VerifyQueryProof(ops, root, []byte("q"), value), "another key fails")
			})
		}

		t.Run("proof operations of the wrong shape are refused", func(t *testing.T) {
			_, proof, err := tr.Proof([]byte("d"), 2)
			require.NoError(t, err)
			ops, err := QueryProofOps([]byte("d"), proof)
			require.NoError(t, err)
			ops.Ops[0].Type = "ics23:simple"
			require.Error(t, VerifyQueryProof(ops, h2, []byte("d"), []byte("20")))
			require.Error(t, VerifyQueryProof(nil, h2, []byte("d"), []byte("20")))
			_, err = QueryProofOps([]byte("d"), nil)
			require.Error(t, err)
		})
		t.Run("no proof of a version not stored or of an empty key", func(t *testing.T) {
			_, _, err := tr.Proof([]byte("d"), 3)
			require.ErrorIs(t, err, ErrVersionUnavailable)
			_, _, err = tr.Proof(nil, 2)
			require.Error(t, err)
		})
		t.Run("no proof against an empty tree", func(t *testing.T) {
			empty := openTree(t, dbm.NewMemDB(), Options{Backend: b})
			commit(t, empty)
			_, _, err := empty.Proof([]byte("a"), 1)
			require.Error(t, err)
		})
	})
}
