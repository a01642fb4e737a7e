package keys_test

import (
	"testing"

	gogotypes "github.com/cosmos/gogoproto/types"

	"github.com/stakechain/stakechain/x/auth/keys"
)

// FuzzPubKeyFromAny feeds arbitrary Any values, messages and signatures
// through key decoding and verification. Nothing may panic, a decoded key
// must re-encode to an Any that decodes to the same key, and a signature
// must not verify for a key that failed to decode. The seed corpus in
// testdata/fuzz/FuzzPubKeyFromAny holds valid and malformed keys and
// signatures of both algorithms.
func FuzzPubKeyFromAny(f *testing.F) {
	f.Fuzz(func(t *testing.T, typeURL string, value, msg, sig []byte) {
		pk, err := keys.PubKeyFromAny(&gogotypes.Any{TypeUrl: typeURL, Value: value})
		if err != nil {
			if pk != nil {
				t.Fatalf("a key returned with error %v", err)
			}
			return
		}
		again, err := keys.PubKeyFromAny(keys.PubKeyToAny(pk))
		if err != nil {
			t.Fatalf("re-encoded key does not decode: %v", err)
		}
		if string(again.Bytes()) != string(pk.Bytes()) || again.TypeURL() != pk.TypeURL() {
			t.Fatalf("re-encoded key differs")
		}
		_ = pk.Address()
		ok := pk.VerifySignature(msg, sig)
		if ok != again.VerifySignature(msg, sig) {
			t.Fatalf("verification is not deterministic")
		}
	})
}
