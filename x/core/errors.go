package core

import (
	"errors"
	"fmt"
	"sort"
)

// Error is a registered error: its codespace and code are consensus-critical
// (they land in the block's results); its description and any wrapped
// context are for people.
type Error struct {
	codespace string
	code      uint32
	desc      string
}

// Codespace is the module's error namespace, "sdk" for transaction-level
// errors shared with Cosmos clients.
func (e *Error) Codespace() string { return e.codespace }

// Code is the error's number within its codespace.
func (e *Error) Code() uint32 { return e.code }

func (e *Error) Error() string { return e.desc }

// Wrap returns e with context; errors.Is(result, e) holds.
func (e *Error) Wrap(msg string) error { return &wrapped{err: e, msg: msg} }

// Wrapf is Wrap with formatting.
func (e *Error) Wrapf(format string, args ...any) error {
	return e.Wrap(fmt.Sprintf(format, args...))
}

type wrapped struct {
	err *Error
	msg string
}

func (w *wrapped) Error() string { return w.msg + ": " + w.err.desc }
func (w *wrapped) Unwrap() error { return w.err }

var registered []*Error

// Register declares an error code. Codes are never renumbered; a code must
// not be registered twice in a codespace (RegisteredErrors lets a test check
// that). Call it only from package-level variable declarations.
func Register(codespace string, code uint32, desc string) *Error {
	if code == 0 {
		panic("core: error code 0 means success")
	}
	e := &Error{codespace: codespace, code: code, desc: desc}
	registered = append(registered, e)
	return e
}

// RegisteredErrors returns every registered error, ordered by codespace and
// code.
func RegisteredErrors() []*Error {
	out := append([]*Error(nil), registered...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].codespace != out[j].codespace {
			return out[i].codespace < out[j].codespace
		}
		return out[i].code < out[j].code
	})
	return out
}

// ABCIInfo returns the codespace, code and log of err as a transaction result
// reports them. An error that is not registered reports ErrInternal's code,
// so that an unexpected failure never looks like success.
func ABCIInfo(err error) (codespace string, code uint32, log string) {
	if err == nil {
		return "", 0, ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.codespace, e.code, err.Error()
	}
	return ErrInternal.codespace, ErrInternal.code, err.Error()
}

// Transaction-level errors, with the codes Cosmos clients know (codespace
// "sdk").
var (
	ErrTxDecode          = Register("sdk", 2, "tx parse error")
	ErrInvalidSequence   = Register("sdk", 3, "invalid sequence")
	ErrUnauthorized      = Register("sdk", 4, "unauthorized")
	ErrInsufficientFunds = Register("sdk", 5, "insufficient funds")
	ErrUnknownRequest    = Register("sdk", 6, "unknown request")
	ErrInvalidAddress    = Register("sdk", 7, "invalid address")
	ErrInvalidPubKey     = Register("sdk", 8, "invalid pubkey")
	ErrUnknownAddress    = Register("sdk", 9, "unknown address")
	ErrInvalidCoins      = Register("sdk", 10, "invalid coins")
	ErrOutOfGas          = Register("sdk", 11, "out of gas")
	ErrMemoTooLarge      = Register("sdk", 12, "memo too large")
	ErrInsufficientFee   = Register("sdk", 13, "insufficient fee")
	ErrTooManySignatures = Register("sdk", 14, "maximum number of signatures exceeded")
	ErrNoSignatures      = Register("sdk", 15, "no signatures supplied")
	ErrInvalidRequest    = Register("sdk", 18, "invalid request")
	ErrTxTooLarge        = Register("sdk", 21, "tx too large")
	ErrInvalidChainID    = Register("sdk", 28, "invalid chain-id")
	ErrTxTimeoutHeight   = Register("sdk", 30, "tx timeout height")
	ErrUnknownExtension  = Register("sdk", 31, "unknown extension options")
	ErrWrongSequence     = Register("sdk", 32, "incorrect account sequence")
	ErrNotSupported      = Register("sdk", 37, "feature not supported")
	ErrNotFound          = Register("sdk", 38, "not found")
	ErrInvalidGasLimit   = Register("sdk", 41, "invalid gas limit")
	ErrTooManyMessages   = Register("sdk", 42, "too many messages")
	ErrInternal          = Register("sdk", 1, "internal error")
)
