package app

import (
	"crypto/sha256"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/stakechain/stakechain/x/auth/keys"
	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
	"github.com/stakechain/stakechain/x/evm/ethtx"
)

// Tx is a decoded, statelessly checked transaction.
type Tx struct {
	Hash     [32]byte
	raw      []byte // the encoded tx, kept by PrepareProposal
	Size     int
	Raw      *authtypes.TxRaw
	Body     *authtypes.TxBody
	AuthInfo *authtypes.AuthInfo
	Msgs     []Msg
	// Signers are the required signers in order of first appearance in the
	// messages; Signers[0] pays the fee.
	Signers []authtypes.Address
	// PubKeys[i] is the key given in SignerInfos[i], or nil.
	PubKeys  []keys.PubKey
	Fee      core.Coins
	GasLimit uint64
	// Eth is set for an Ethereum transaction (evm.go), which has one
	// signer, its sender, and no Raw, Body, AuthInfo, Msgs or Fee.
	Eth *EthTx

	// signerTexts[i] is Signers[i].String(); feeText is Fee.String().
	// Events show them several times per tx.
	signerTexts []string
	feeText     string
}

// A decoded Tx is shared: decodeTx returns the same one for the same bytes
// and limits (CheckTx, recheck, the proposal and the block each decode a
// tx), and CheckTx and FinalizeBlock may use it at once. Nothing changes a
// Tx after decodeTx returns it.

// decodeTx decodes tx bytes and checks everything that needs no state. The
// limits come from the auth params of the state the tx will run on. A tx
// decoded before under the same limits comes from the cache.
func (a *App) decodeTx(bz []byte, lim txLimits) (*Tx, error) {
	if uint64(len(bz)) > lim.maxTxBytes {
		return nil, core.ErrTxTooLarge.Wrapf("tx is %d bytes, the limit is %d", len(bz), lim.maxTxBytes)
	}
	if len(bz) == 0 {
		return nil, core.ErrTxDecode.Wrap("empty tx")
	}
	hash := sha256.Sum256(bz)
	if lim.simulate {
		return a.decodeTxBytes(bz, hash, lim)
	}
	key := decodeKey{hash: hash, lim: lim}
	if tx, ok := a.decoded.get(key); ok {
		return tx, nil
	}
	tx, err := a.decodeTxBytes(bz, hash, lim)
	if err != nil {
		return nil, err
	}
	a.decoded.put(key, tx)
	return tx, nil
}

// decodeBlock decodes a block's transactions through the cache, on
// GOMAXPROCS goroutines: a node that did not see them in its mempool (one
// that catches up, or one the gossip had not reached) decodes thousands at
// once, and decoding is a pure function of the bytes. txs[i] or errs[i] is
// set for every i, whatever the schedule.
func (a *App) decodeBlock(bzs [][]byte, lim txLimits) (txs []*Tx, errs []error) {
	txs, errs = make([]*Tx, len(bzs)), make([]error, len(bzs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := min(runtime.GOMAXPROCS(0), len(bzs)/64+1); w > 0; w-- {
		wg.Add(1)
		go func() { //determinism:allowed decoding is pure; each result goes to its index
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(bzs); i = int(next.Add(1) - 1) {
				txs[i], errs[i] = a.decodeTx(bzs[i], lim)
			}
		}()
	}
	wg.Wait()
	return txs, errs
}

// decodeTxBytes is decodeTx without the cache, for bytes of a size within
// the limit and their hash.
func (a *App) decodeTxBytes(bz []byte, hash [32]byte, lim txLimits) (*Tx, error) {
	if ethtx.IsEthereum(bz) {
		return a.decodeEthTx(bz, hash, lim)
	}
	tx := &Tx{Hash: hash, raw: bz, Size: len(bz), Raw: new(authtypes.TxRaw)}
	if err := tx.Raw.Unmarshal(bz); err != nil {
		return nil, core.ErrTxDecode.Wrapf("not a TxRaw: %v", err)
	}
	tx.Body = new(authtypes.TxBody)
	if err := tx.Body.Unmarshal(tx.Raw.BodyBytes); err != nil {
		return nil, core.ErrTxDecode.Wrapf("body: %v", err)
	}
	tx.AuthInfo = new(authtypes.AuthInfo)
	if err := tx.AuthInfo.Unmarshal(tx.Raw.AuthInfoBytes); err != nil {
		return nil, core.ErrTxDecode.Wrapf("auth info: %v", err)
	}
	body, info := tx.Body, tx.AuthInfo

	if len(body.ExtensionOptions) > 0 {
		return nil, core.ErrUnknownExtension.Wrapf("%s", body.ExtensionOptions[0].TypeUrl)
	}
	if uint64(len(body.Memo)) > lim.maxMemo {
		return nil, core.ErrMemoTooLarge.Wrapf("memo is %d bytes, the limit is %d", len(body.Memo), lim.maxMemo)
	}
	if len(body.Messages) == 0 {
		return nil, core.ErrInvalidRequest.Wrap("tx has no messages")
	}
	if uint64(len(body.Messages)) > lim.maxMsgs {
		return nil, core.ErrTooManyMessages.Wrapf("tx has %d messages, the limit is %d", len(body.Messages), lim.maxMsgs)
	}

	tx.Msgs = make([]Msg, len(body.Messages))
	for i, anyMsg := range body.Messages {
		if anyMsg == nil {
			return nil, core.ErrTxDecode.Wrapf("message %d is empty", i)
		}
		m, err := a.router.decode(anyMsg.TypeUrl, anyMsg.Value)
		if err != nil {
			return nil, err
		}
		tx.Msgs[i] = m
		for _, s := range m.Signers() {
			tx.addSigner(s)
		}
	}

	if info.Fee == nil {
		return nil, core.ErrInsufficientFee.Wrap("tx has no fee (gas limit and amount)")
	}
	if info.Fee.Payer != "" || info.Fee.Granter != "" {
		return nil, core.ErrNotSupported.Wrap("fee payer and fee granter are not supported")
	}
	fee, err := authtypes.FeeFromProto(info.Fee.Amount)
	if err != nil {
		return nil, core.ErrInsufficientFee.Wrapf("fee: %v", err)
	}
	tx.Fee, tx.GasLimit = fee, info.Fee.GasLimit
	if tx.GasLimit == 0 && lim.simulate {
		tx.GasLimit = maxGasLimit // a simulation asks how much it needs
	}
	if tx.GasLimit == 0 {
		return nil, core.ErrInvalidGasLimit.Wrap("gas limit is zero")
	}
	if tx.GasLimit > maxGasLimit {
		return nil, core.ErrInvalidGasLimit.Wrapf("gas limit %d is above %d", tx.GasLimit, uint64(maxGasLimit))
	}

	n := len(tx.Signers)
	if uint64(n) > lim.maxSigs {
		return nil, core.ErrTooManySignatures.Wrapf("tx has %d signers, the limit is %d", n, lim.maxSigs)
	}
	if len(tx.Raw.Signatures) == 0 && !lim.simulate {
		return nil, core.ErrNoSignatures.Wrap("tx is not signed")
	}
	if len(info.SignerInfos) != n {
		return nil, core.ErrUnauthorized.Wrapf("tx has %d signer infos, its messages need %d signers", len(info.SignerInfos), n)
	}
	if len(tx.Raw.Signatures) != n && !lim.simulate {
		return nil, core.ErrUnauthorized.Wrapf("tx has %d signatures, its messages need %d signers", len(tx.Raw.Signatures), n)
	}
	tx.PubKeys = make([]keys.PubKey, n)
	for i, si := range info.SignerInfos {
		if si == nil || si.ModeInfo == nil {
			return nil, core.ErrNotSupported.Wrapf("signer %d has no signing mode", i)
		}
		single := si.ModeInfo.GetSingle()
		if single == nil {
			return nil, core.ErrNotSupported.Wrapf("signer %d: multisig signers are not supported", i)
		}
		// A simulation is not signed, and Cosmos clients (CosmJS) mark its
		// signers SIGN_MODE_UNSPECIFIED.
		if single.Mode != authtypes.SignMode_SIGN_MODE_DIRECT && !lim.simulate {
			return nil, core.ErrNotSupported.Wrapf("signer %d: sign mode %s is not supported, use SIGN_MODE_DIRECT", i, single.Mode)
		}
		if si.PublicKey != nil {
			pk, err := keys.PubKeyFromAny(si.PublicKey)
			if err != nil {
				return nil, core.ErrInvalidPubKey.Wrapf("signer %d: %v", i, err)
			}
			if !pk.Address().Equal(tx.Signers[i]) {
				return nil, core.ErrInvalidPubKey.Wrapf("signer %d: public key is of %s, the signer is %s", i, pk.Address(), tx.Signers[i])
			}
			tx.PubKeys[i] = pk
		}
	}
	tx.signerTexts = make([]string, n)
	for i, s := range tx.Signers {
		tx.signerTexts[i] = s.String()
	}
	tx.feeText = tx.Fee.String()
	return tx, nil
}

func (tx *Tx) addSigner(s authtypes.Address) {
	for _, have := range tx.Signers {
		if have.Equal(s) {
			return
		}
	}
	tx.Signers = append(tx.Signers, s)
}

// sequence is the sequence tx carries for Signers[i]: an Ethereum
// transaction's nonce, or the signer info's sequence.
func (tx *Tx) sequence(i int) uint64 {
	if tx.Eth != nil {
		return tx.Eth.Tx.Nonce()
	}
	return tx.AuthInfo.SignerInfos[i].Sequence
}

// signerText returns the bech32 form of Signers[i].
func (tx *Tx) signerText(i int) string { return tx.signerTexts[i] }

// addrText returns addr.String(), reusing the form of the signer it is.
func (tx *Tx) addrText(addr authtypes.Address) string {
	for i, s := range tx.Signers {
		if s.Equal(addr) {
			return tx.signerText(i)
		}
	}
	return addr.String()
}

// feeString returns Fee.String().
func (tx *Tx) feeString() string { return tx.feeText }

// signBytes is the SIGN_MODE_DIRECT document of the tx for one signer.
func (tx *Tx) signBytes(chainID string, accountNumber uint64) []byte {
	doc := authtypes.SignDoc{
		BodyBytes:     tx.Raw.BodyBytes,
		AuthInfoBytes: tx.Raw.AuthInfoBytes,
		ChainId:       chainID,
		AccountNumber: accountNumber,
	}
	bz, err := doc.Marshal()
	if err != nil {
		panic(err) // a SignDoc of byte slices and scalars always encodes
	}
	return bz
}

// maxGasLimit bounds a single tx's gas limit so that fee arithmetic and
// block gas sums stay far from overflow.
const maxGasLimit = 1 << 50

// txLimits are the stateless bounds a tx is decoded under.
type txLimits struct {
	maxTxBytes, maxMemo, maxMsgs, maxSigs uint64
	simulate                              bool
	// evmChainID is the chain id Ethereum transactions must sign.
	evmChainID uint64
}
