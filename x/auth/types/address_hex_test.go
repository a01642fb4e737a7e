package types

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// hardhat is the first development account of Hardhat and Anvil, in its
// EIP-55 spelling.
const hardhat = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"

func TestParseAccountInputTakesBothSpellingsOfAnAccount(t *testing.T) {
	raw, err := hex.DecodeString(strings.ToLower(hardhat[2:]))
	require.NoError(t, err)
	want := Address(raw)
	bech := want.String()
	long := Address(make([]byte, 32))
	long[0] = 7
	// One mistyped digit keeps the letters' case: "6" for "5" in "e51a".
	typo := strings.Replace(hardhat, "e51a", "e61a", 1)
	// The checksum with the case of one letter flipped.
	flipped := strings.Replace(hardhat, "Fd6", "fd6", 1)

	tests := []struct {
		name    string
		in      string
		want    Address
		wantErr string
	}{
		{"bech32", bech, want, ""},
		{"bech32 in upper case", strings.ToUpper(bech), want, ""},
		{"a 32-byte bech32 address", long.String(), long, ""},
		{"0x with its EIP-55 checksum", hardhat, want, ""},
		{"0x in lower case", strings.ToLower(hardhat), want, ""},
		{"0x with upper-case digits", "0x" + strings.ToUpper(hardhat[2:]), want, ""},
		{"0X, the prefix in upper case", "0X" + strings.ToLower(hardhat[2:]), want, ""},
		{"mixed case with a mistyped digit", typo, nil, "not a valid EIP-55 checksum"},
		{"mixed case with one letter's case flipped", flipped, nil, "not a valid EIP-55 checksum"},
		{"39 hex digits", hardhat[:41], nil, "40 hex digits after 0x, this has 39"},
		{"41 hex digits", hardhat + "0", nil, "40 hex digits after 0x, this has 41"},
		{"64 hex digits, a 32-byte hash", "0x" + strings.Repeat("ab", 32), nil, "this has 64"},
		{"0x alone", "0x", nil, "this has 0"},
		{"a non-hex digit", "0x" + strings.Repeat("g", 40), nil, "not hexadecimal"},
		{"hex without 0x", strings.ToLower(hardhat[2:]), nil, "invalid address"},
		{"a validator operator address", want.Valoper(), nil, `want "stake"`},
		{"another chain's bech32", "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu", nil, `want "stake"`},
		{"empty", "", nil, "empty address"},
		{"spaces around", " " + hardhat, nil, "invalid address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAccountInput(tt.in)
			if tt.wantErr != "" {
				require.ErrorIs(t, err, ErrInvalidAddress)
				require.ErrorContains(t, err, tt.wantErr)
				require.Nil(t, got)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestAnAddressHasItsEIP55SpellingOnlyAtTwentyBytes(t *testing.T) {
	a, err := ParseHexAddress(strings.ToLower(hardhat))
	require.NoError(t, err)
	require.Equal(t, hardhat, a.Hex())
	back, err := ParseAccountInput(a.String())
	require.NoError(t, err)
	require.Equal(t, hardhat, back.Hex())
	require.Equal(t, "", Address(make([]byte, 32)).Hex())

	// EIP-55's own examples: all caps, all lower and mixed.
	for _, s := range []string{
		"0x52908400098527886E0F7030069857D2E4169EE7",
		"0xde709f2102306220921060314715629080e2fb77",
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
		"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
		"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
		"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
	} {
		a, err := ParseAccountInput(s)
		require.NoError(t, err, s)
		if strings.ToLower(s) != s && strings.ToUpper(s[2:]) != s[2:] {
			require.Equal(t, s, a.Hex())
		}
	}

	// Messages keep bech32 only.
	_, err = ParseAddress(hardhat)
	require.ErrorIs(t, err, ErrInvalidAddress)
}
