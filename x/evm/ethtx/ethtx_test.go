package ethtx

import (
	"bytes"
	"crypto/ecdsa"
	"fmt"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"
	"github.com/stretchr/testify/require"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

var (
	testChainID = big.NewInt(9000)
	testKey     = mustKey("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
	testSender  = crypto.PubkeyToAddress(testKey.PublicKey)
	testSigner  = types.LatestSignerForChainID(testChainID)
	recipient   = common.HexToAddress("0x00000000000000000000000000000000000000aa")

	// osaka has every fork through Osaka active, as the chain runs them.
	osaka = params.Rules{
		IsHomestead: true, IsEIP150: true, IsEIP155: true, IsEIP158: true, IsEIP2929: true,
		IsByzantium: true, IsConstantinople: true, IsPetersburg: true, IsIstanbul: true,
		IsBerlin: true, IsLondon: true, IsMerge: true, IsShanghai: true, IsCancun: true,
		IsPrague: true, IsOsaka: true,
	}
	testLimits = Limits{ChainID: testChainID, BaseFee: big.NewInt(10), MaxBlockGas: 30_000_000, Rules: osaka}
)

func mustKey(hex string) *ecdsa.PrivateKey {
	k, err := crypto.HexToECDSA(hex)
	if err != nil {
		panic(err)
	}
	return k
}

// sign signs data with testKey for testChainID and encodes it.
func sign(t testing.TB, data types.TxData) []byte {
	t.Helper()
	return signWith(t, testSigner, data)
}

func signWith(t testing.TB, s types.Signer, data types.TxData) []byte {
	t.Helper()
	tx, err := types.SignNewTx(testKey, s, data)
	require.NoError(t, err)
	return encode(t, tx)
}

func encode(t testing.TB, tx *types.Transaction) []byte {
	t.Helper()
	bz, err := tx.MarshalBinary()
	require.NoError(t, err)
	return bz
}

// transfer is an EIP-1559 transfer that passes every check under testLimits.
func transfer() *types.DynamicFeeTx {
	return &types.DynamicFeeTx{
		ChainID: testChainID, Nonce: 7, GasTipCap: big.NewInt(2), GasFeeCap: big.NewInt(100),
		Gas: params.TxGas, To: &recipient, Value: big.NewInt(1_000_000_000_000_000_000),
	}
}

func legacy() *types.LegacyTx {
	return &types.LegacyTx{Nonce: 1, GasPrice: big.NewInt(10), Gas: params.TxGas, To: &recipient, Value: big.NewInt(5)}
}

func accessList() *types.AccessListTx {
	return &types.AccessListTx{
		ChainID: testChainID, Nonce: 2, GasPrice: big.NewInt(10), Gas: params.TxGas + params.TxAccessListAddressGas + params.TxAccessListStorageKeyGas,
		To: &recipient, AccessList: types.AccessList{{Address: recipient, StorageKeys: []common.Hash{{1}}}},
	}
}

// create is an EIP-1559 creation with initCode of n zero bytes and gas to
// spare.
func create(n int) *types.DynamicFeeTx {
	tx := transfer()
	tx.To, tx.Value, tx.Data, tx.Gas = nil, new(big.Int), make([]byte, n), 1_000_000
	return tx
}

// initCodeGas is the intrinsic gas of a creation with n zero bytes of init
// code: the creation, 4 per zero byte, 2 per 32-byte word (EIP-3860).
func initCodeGas(n uint64) uint64 { return params.TxGasContractCreation + 4*n + 2*((n+31)/32) }

func blobTx() *types.BlobTx {
	return &types.BlobTx{
		ChainID: uint256.MustFromBig(testChainID), GasTipCap: uint256.NewInt(1), GasFeeCap: uint256.NewInt(100),
		Gas: params.TxGas, To: recipient, Value: uint256.NewInt(0), BlobFeeCap: uint256.NewInt(1),
		BlobHashes: []common.Hash{{0x01}},
	}
}

func setCodeTx() *types.SetCodeTx {
	return &types.SetCodeTx{
		ChainID: uint256.MustFromBig(testChainID), GasTipCap: uint256.NewInt(1), GasFeeCap: uint256.NewInt(100),
		Gas: 100_000, To: recipient, Value: uint256.NewInt(0),
		AuthList: []types.SetCodeAuthorization{{ChainID: *uint256.MustFromBig(testChainID), Address: recipient}},
	}
}

// highS re-signs data's signature with s' = n - s and the other recovery
// id: the same signer, a second valid ECDSA signature that EIP-2 forbids.
func highS(t testing.TB, data *types.DynamicFeeTx) []byte {
	t.Helper()
	tx, err := types.SignNewTx(testKey, testSigner, data)
	require.NoError(t, err)
	v, r, s := tx.RawSignatureValues()
	d := *data
	d.V = new(big.Int).Xor(v, big.NewInt(1))
	d.R = r
	d.S = new(big.Int).Sub(crypto.S256().Params().N, s)
	return encode(t, types.NewTx(&d))
}

func withSignature(t testing.TB, data *types.DynamicFeeTx, v, r, s int64) []byte {
	t.Helper()
	d := *data
	d.V, d.R, d.S = big.NewInt(v), big.NewInt(r), big.NewInt(s)
	return encode(t, types.NewTx(&d))
}

func TestEveryFirstByteGoesToTheDecoderTheRuleNames(t *testing.T) {
	for b := 0; b < 256; b++ {
		want := b <= 0x07 || b >= 0xc0
		require.Equal(t, want, IsEthereum([]byte{byte(b), 0x00}), "first byte 0x%02x", b)
		if want {
			// An Ethereum byte is never a one-byte protobuf tag of a field
			// numbered 1 to 15: field 0 does not exist, and 0xc0 and above
			// continue the tag varint into a second byte.
			require.True(t, b>>3 == 0 || b&0x80 != 0, "0x%02x", b)
		}
	}
	require.False(t, IsEthereum(nil), "the empty tx is the Cosmos decoder's to refuse")
}

func TestNoCosmosTxRawIsTakenForAnEthereumTx(t *testing.T) {
	sizes := []int{0, 1, 55, 56, 127, 128, 300, 70_000}
	filled := func(n int, b byte) []byte { return bytes.Repeat([]byte{b}, n) }
	seen := map[byte]bool{}
	for _, body := range sizes {
		for _, info := range sizes {
			for sigs := 0; sigs <= 2; sigs++ {
				for _, fill := range []byte{0x00, 0x0a, 0xc0, 0xff} {
					raw := authtypes.TxRaw{BodyBytes: filled(body, fill), AuthInfoBytes: filled(info, fill)}
					for i := 0; i < sigs; i++ {
						raw.Signatures = append(raw.Signatures, filled(65, fill))
					}
					bz, err := raw.Marshal()
					require.NoError(t, err)
					require.False(t, IsEthereum(bz), "TxRaw body %d, auth info %d, %d signatures of 0x%02x: % x", body, info, sigs, fill, bz[:min(len(bz), 4)])
					if len(bz) > 0 {
						seen[bz[0]] = true
					}
				}
			}
		}
	}
	// The only first bytes a TxRaw has: its fields 1, 2 and 3 as bytes.
	require.Equal(t, map[byte]bool{0x0a: true, 0x12: true, 0x1a: true}, seen)
}

func TestEveryEthereumTxTypeIsTakenForAnEthereumTx(t *testing.T) {
	for name, raw := range map[string][]byte{
		"legacy":   sign(t, legacy()),
		"EIP-2930": sign(t, accessList()),
		"EIP-1559": sign(t, transfer()),
		"blob":     sign(t, blobTx()),
		"set-code": sign(t, setCodeTx()),
	} {
		require.True(t, IsEthereum(raw), name)
		var cosmos authtypes.TxRaw
		err := cosmos.Unmarshal(raw)
		if err == nil {
			// What protobuf makes of it is never a TxRaw a client writes.
			again, merr := cosmos.Marshal()
			require.NoError(t, merr)
			require.NotEqual(t, raw, again, name)
		}
	}
}

func TestATxRawLedByAnUnknownFieldAbove23IsTakenForEthereumAndRefusedThere(t *testing.T) {
	// The app's TxRaw decoder skips unknown fields. A tag of field 24, wire
	// type 0, begins with 0xc0; no client writes one, and the Ethereum
	// decoder refuses the bytes as a malformed transaction.
	body, err := (&authtypes.TxRaw{BodyBytes: []byte{1}, Signatures: [][]byte{{2}}}).Marshal()
	require.NoError(t, err)
	raw := append([]byte{0xc0, 0x01, 0x00}, body...)
	var cosmos authtypes.TxRaw
	require.NoError(t, cosmos.Unmarshal(raw))
	require.True(t, IsEthereum(raw))
	_, err = Decode(raw)
	requireCode(t, err, ErrTxDecode)
}

func TestDecodeAcceptsProtectedLegacyAndEIP2930AndEIP1559Txs(t *testing.T) {
	for name, raw := range map[string][]byte{
		"legacy (EIP-155)":      sign(t, legacy()),
		"EIP-2930":              sign(t, accessList()),
		"EIP-1559 transfer":     sign(t, transfer()),
		"EIP-1559 creation":     sign(t, create(100)),
		"legacy, large chainID": signWith(t, types.NewEIP155Signer(new(big.Int).Lsh(big.NewInt(1), 100)), legacy()),
	} {
		tx, err := Decode(raw)
		require.NoError(t, err, name)
		require.Equal(t, crypto.Keccak256Hash(raw), tx.Hash(), "%s: the hash is keccak-256 of the raw bytes", name)
		again, err := tx.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, raw, again, name)
	}
}

func TestValidateReturnsTheSignerOfEachAcceptedTx(t *testing.T) {
	for name, raw := range map[string][]byte{
		"legacy":                sign(t, legacy()),
		"EIP-2930":              sign(t, accessList()),
		"EIP-1559":              sign(t, transfer()),
		"creation":              sign(t, create(100)),
		"gas = intrinsic":       sign(t, with(create(64), func(d *types.DynamicFeeTx) { d.Gas = initCodeGas(64) })),
		"fee cap = base fee":    sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.GasFeeCap = big.NewInt(10); d.GasTipCap = big.NewInt(0) })),
		"tip = fee cap":         sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.GasTipCap = big.NewInt(100) })),
		"gas = the tx cap":      sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.Gas = params.MaxTxGas })),
		"init code = the limit": sign(t, create(params.MaxInitCodeSize)),
		"nonce 2^64-2":          sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.Nonce = math.MaxUint64 - 1 })),
		"cost = 2^256-1": sign(t, with(transfer(), func(d *types.DynamicFeeTx) {
			d.GasFeeCap, d.GasTipCap = big.NewInt(10), big.NewInt(0)
			d.Value = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(10*int64(params.TxGas)+1))
		})),
	} {
		tx, err := Decode(raw)
		require.NoError(t, err, name)
		from, err := Validate(tx, testLimits)
		require.NoError(t, err, name)
		require.Equal(t, testSender, from, name)
	}
}

func TestTheCalldataFloorIsTheMinimumExactly(t *testing.T) {
	// 1000 non-zero bytes: intrinsic 21000 + 16×1000, floor 21000 + 10×4×1000.
	data := bytes.Repeat([]byte{0xff}, 1000)
	floor := params.TxGas + 40*1000
	at := sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.Data, d.Gas = data, floor }))
	below := sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.Data, d.Gas = data, floor-1 }))
	_, err := validateRaw(t, at, testLimits)
	require.NoError(t, err)
	_, err = validateRaw(t, below, testLimits)
	requireCode(t, err, ErrFloorDataGas)
	require.Contains(t, err.Error(), fmt.Sprintf("gas limit %d is below the calldata floor %d", floor-1, floor))
}

func TestAGasLimitUpToTheBlocksMaxGasFitsAndNoLimitMeansNone(t *testing.T) {
	raw := sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.Gas = 1_000_000 }))
	for _, max := range []int64{1_000_000, 0, -1} {
		lim := testLimits
		lim.MaxBlockGas = max
		_, err := validateRaw(t, raw, lim)
		require.NoError(t, err, "block max gas %d", max)
	}
	lim := testLimits
	lim.MaxBlockGas = 999_999
	_, err := validateRaw(t, raw, lim)
	requireCode(t, err, ErrGasAboveBlockMax)
}

func TestValidateRecoversTheSenderOncePerTx(t *testing.T) {
	tx, err := Decode(sign(t, transfer()))
	require.NoError(t, err)
	from, err := Validate(tx, testLimits)
	require.NoError(t, err)
	allocs := testing.AllocsPerRun(10, func() {
		again, err := Validate(tx, testLimits)
		if err != nil || again != from {
			panic("a second validation differs")
		}
	})
	// A recovery allocates far more (the hash, the public key, big numbers).
	require.Less(t, allocs, 15.0)
}

func with(d *types.DynamicFeeTx, f func(*types.DynamicFeeTx)) *types.DynamicFeeTx {
	f(d)
	return d
}

func validateRaw(t testing.TB, raw []byte, lim Limits) (common.Address, error) {
	t.Helper()
	tx, err := Decode(raw)
	if err != nil {
		return common.Address{}, err
	}
	return Validate(tx, lim)
}

// requireCode fails unless err carries want's codespace and code.
func requireCode(t testing.TB, err error, want *core.Error) {
	t.Helper()
	require.Error(t, err)
	space, code, log := core.ABCIInfo(err)
	require.Equal(t, Codespace, space, log)
	require.Equal(t, want.Code(), code, "want %q, got %q", want.Error(), log)
}

// nonCanonical rewrites the list header of a typed tx's payload from its
// one-byte length form (0xf8 L) to a two-byte one with a leading zero
// (0xf9 0x00 L), the same list spelled in more bytes.
func nonCanonical(t testing.TB, raw []byte) []byte {
	t.Helper()
	require.Equal(t, byte(0xf8), raw[1], "a payload of 56 to 255 bytes")
	out := append([]byte{raw[0], 0xf9, 0x00}, raw[2:]...)
	return out
}

func TestEachRefusalHasItsOwnCodeAndSaysWhy(t *testing.T) {
	big2 := func(exp uint) *big.Int { return new(big.Int).Lsh(big.NewInt(1), exp) }
	signed := sign(t, transfer())
	otherChain := new(big.Int).Add(testChainID, big.NewInt(1))
	for _, c := range []struct {
		name string
		raw  []byte
		lim  func(*Limits)
		want *core.Error
		code uint32
		msg  string
	}{
		{name: "empty input", raw: nil, want: ErrTxDecode, code: 2, msg: "empty transaction"},
		{name: "malformed RLP (truncated)", raw: signed[:len(signed)-1], want: ErrTxDecode, code: 2, msg: "type 0x02 transaction of 110 bytes: rlp: value size exceeds available input length"},
		{name: "a trailing byte", raw: append(append([]byte{}, signed...), 0x00), want: ErrTxDecode, code: 2},
		{name: "non-canonical RLP size", raw: nonCanonical(t, signed), want: ErrTxDecode, code: 2},
		{name: "an RLP string, not a list", raw: []byte{0x83, 1, 2, 3}, want: ErrTxDecode, code: 2, msg: "legacy transaction of 4 bytes"},
		{name: "a typed tx with no payload", raw: []byte{0x02}, want: ErrTxDecode, code: 2},
		{name: "type 0x00", raw: []byte{0x00, 0xc0}, want: ErrTxTypeNotSupported, code: 3, msg: "transaction type 0x00"},
		{name: "type 0x05", raw: append([]byte{0x05}, signed[1:]...), want: ErrTxTypeNotSupported, code: 3, msg: "transaction type 0x05"},
		{name: "type 0x7f", raw: []byte{0x7f, 0xc0}, want: ErrTxTypeNotSupported, code: 3},
		{name: "a blob tx", raw: sign(t, blobTx()), want: ErrBlobTxNotSupported, code: 4, msg: "blob transactions are not supported"},
		{name: "a set-code tx", raw: sign(t, setCodeTx()), want: ErrSetCodeTxNotSupported, code: 5, msg: "set-code (EIP-7702) transactions are not supported"},
		{name: "an unprotected legacy tx", raw: signWith(t, types.HomesteadSigner{}, legacy()), want: ErrUnprotectedTx, code: 6, msg: "without a chain id"},
		{name: "an EIP-1559 tx for another chain", raw: signWith(t, types.LatestSignerForChainID(otherChain),
			with(transfer(), func(d *types.DynamicFeeTx) { d.ChainID = otherChain })),
			want: ErrWrongChainID, code: 7, msg: "transaction is signed for chain id 9001, this chain's id is 9000"},
		{name: "a legacy tx for another chain", raw: signWith(t, types.NewEIP155Signer(big.NewInt(1)), legacy()),
			want: ErrWrongChainID, code: 7, msg: "chain id 1,"},
		{name: "a high-s signature", raw: highS(t, transfer()), want: ErrInvalidSignature, code: 8},
		{name: "a zero r", raw: withSignature(t, transfer(), 0, 0, 1), want: ErrInvalidSignature, code: 8},
		{name: "a recovery id of 2", raw: withSignature(t, transfer(), 2, 1, 1), want: ErrInvalidSignature, code: 8},
		{name: "gas below the intrinsic gas of a transfer", raw: sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.Gas = params.TxGas - 1 })),
			want: ErrIntrinsicGas, code: 9, msg: "gas limit 20999 is below the intrinsic gas 21000"},
		{name: "gas below the intrinsic gas of a creation", raw: sign(t, with(create(64), func(d *types.DynamicFeeTx) { d.Gas = initCodeGas(64) - 1 })),
			want: ErrIntrinsicGas, code: 9, msg: fmt.Sprintf("below the intrinsic gas %d", initCodeGas(64))},
		{name: "gas below the intrinsic gas of an access list", raw: sign(t, func() types.TxData { d := accessList(); d.Gas--; return d }()),
			want: ErrIntrinsicGas, code: 9},
		{name: "gas below the calldata floor", raw: sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.Data = bytes.Repeat([]byte{1}, 100); d.Gas = params.TxGas + 16*100 })),
			want: ErrFloorDataGas, code: 10, msg: fmt.Sprintf("below the calldata floor %d", params.TxGas+40*100)},
		{name: "gas above the block's max gas", raw: sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.Gas = 1_000_001 })),
			lim: func(l *Limits) { l.MaxBlockGas = 1_000_000 }, want: ErrGasAboveBlockMax, code: 11, msg: "gas limit 1000001 is above the block's max gas 1000000"},
		{name: "gas above the per-tx cap", raw: sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.Gas = params.MaxTxGas + 1 })),
			lim: func(l *Limits) { l.MaxBlockGas = -1 }, want: ErrGasAboveTxCap, code: 12, msg: "gas limit 16777217 is above the cap of 16777216 per transaction"},
		{name: "a gas price below the base fee", raw: sign(t, with2(legacy(), func(d *types.LegacyTx) { d.GasPrice = big.NewInt(5) })),
			want: ErrFeeCapBelowBaseFee, code: 13, msg: "gas price 5 is below the base fee 10"},
		{name: "a max fee per gas below the base fee", raw: sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.GasFeeCap, d.GasTipCap = big.NewInt(9), big.NewInt(1) })),
			want: ErrFeeCapBelowBaseFee, code: 13, msg: "max fee per gas 9 is below the base fee 10"},
		{name: "a fee below a base fee of 2^70", raw: sign(t, transfer()), lim: func(l *Limits) { l.BaseFee = big2(70) },
			want: ErrFeeCapBelowBaseFee, code: 13, msg: "below the base fee 1180591620717411303424"},
		{name: "a tip above the fee cap", raw: sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.GasTipCap = big.NewInt(101) })),
			want: ErrTipAboveFeeCap, code: 14, msg: "max priority fee per gas 101 is above max fee per gas 100"},
		{name: "init code one byte above the limit", raw: sign(t, create(params.MaxInitCodeSize+1)),
			want: ErrInitCodeTooLarge, code: 15, msg: "init code is 49153 bytes, the limit is 49152"},
		{name: "gas × fee cap above 2^256", raw: sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.GasFeeCap, d.GasTipCap = big2(255), big.NewInt(0) })),
			want: ErrCostOverflow, code: 16, msg: "gas limit 21000 ×"},
		{name: "gas × fee cap + value one above 2^256-1", raw: sign(t, with(transfer(), func(d *types.DynamicFeeTx) {
			d.GasFeeCap, d.GasTipCap = big.NewInt(10), big.NewInt(0)
			d.Value = new(big.Int).Sub(big2(256), big.NewInt(10*int64(params.TxGas)))
		})), want: ErrCostOverflow, code: 16},
		{name: "a fee cap of 257 bits", raw: sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.GasFeeCap = big2(256) })),
			want: ErrCostOverflow, code: 16, msg: "above 2^256-1"},
		{name: "a value of 257 bits", raw: sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.Value = big2(256) })),
			want: ErrCostOverflow, code: 16},
		{name: "nonce 2^64-1", raw: sign(t, with(transfer(), func(d *types.DynamicFeeTx) { d.Nonce = math.MaxUint64 })),
			want: ErrNonceTooHigh, code: 18, msg: "EIP-2681"},
	} {
		t.Run(c.name, func(t *testing.T) {
			lim := testLimits
			if c.lim != nil {
				c.lim(&lim)
			}
			// Codes 2 to 6 are Decode's; Validate's start at 7.
			_, derr := Decode(c.raw)
			if c.code <= ErrUnprotectedTx.Code() {
				requireCode(t, derr, c.want)
			} else {
				require.NoError(t, derr)
			}
			from, err := validateRaw(t, c.raw, lim)
			require.Equal(t, common.Address{}, from)
			requireCode(t, err, c.want)
			require.Equal(t, c.code, c.want.Code(), "the code is consensus: never renumbered")
			require.Contains(t, err.Error(), c.msg)
			require.True(t, strings.HasSuffix(err.Error(), c.want.Error()), err.Error())
		})
	}
}

func with2(d *types.LegacyTx, f func(*types.LegacyTx)) *types.LegacyTx {
	f(d)
	return d
}

func TestValidateRefusesTxsDecodeWouldHaveRefused(t *testing.T) {
	// Validate may be given a tx that did not come through Decode.
	for name, c := range map[string]struct {
		data types.TxData
		s    types.Signer
		want *core.Error
	}{
		"blob":        {blobTx(), testSigner, ErrBlobTxNotSupported},
		"set-code":    {setCodeTx(), testSigner, ErrSetCodeTxNotSupported},
		"unprotected": {legacy(), types.HomesteadSigner{}, ErrUnprotectedTx},
	} {
		tx, err := types.SignNewTx(testKey, c.s, c.data)
		require.NoError(t, err)
		_, err = Validate(tx, testLimits)
		require.ErrorIs(t, err, c.want, name)
	}
}

func TestTheStatefulErrorsSayWhatTheAccountHas(t *testing.T) {
	err := NonceTooLow(3, 5)
	requireCode(t, err, ErrNonceTooLow)
	require.Equal(t, "transaction nonce 3 is below the account's nonce 5 (already used): nonce too low", err.Error())
	err = NonceTooHigh(9, 5)
	requireCode(t, err, ErrNonceTooHigh)
	require.Equal(t, "transaction nonce 9 is above the next expected nonce 5: nonce too high", err.Error())
	err = InsufficientFunds(big.NewInt(100), big.NewInt(210_000))
	requireCode(t, err, ErrInsufficientFunds)
	require.Equal(t, "balance 100 wei is below the 210000 wei the transaction may spend: insufficient funds for gas limit × gas price + value", err.Error())
}

func TestEthereumTxErrorCodesAre2To19AndUnique(t *testing.T) {
	seen := map[uint32]string{}
	for _, e := range core.RegisteredErrors() {
		if e.Codespace() != Codespace {
			continue
		}
		require.GreaterOrEqual(t, e.Code(), uint32(2), e.Error())
		require.LessOrEqual(t, e.Code(), uint32(19), "codes from 20 are the EVM module's: %s", e.Error())
		prev, dup := seen[e.Code()]
		require.False(t, dup, "code %d is used by %q and %q", e.Code(), prev, e.Error())
		seen[e.Code()] = e.Error()
	}
	require.Len(t, seen, 18)
}

func BenchmarkDecodeAndValidate(b *testing.B) {
	raw := sign(b, transfer())
	for b.Loop() {
		tx, err := Decode(raw)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Validate(tx, testLimits); err != nil {
			b.Fatal(err)
		}
	}
}
