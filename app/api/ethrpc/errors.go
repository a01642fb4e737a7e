package ethrpc

import (
	"fmt"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common/hexutil"
)

// rpcError is a JSON-RPC error with a code and, optionally, data; the rpc
// package sends both (it looks for ErrorCode and ErrorData).
type rpcError struct {
	code int
	msg  string
	data any
}

func (e *rpcError) Error() string  { return e.msg }
func (e *rpcError) ErrorCode() int { return e.code }

// ErrorData is the error's data member, or nil.
func (e *rpcError) ErrorData() any { return e.data }

// The codes clients act on, as Ethereum nodes use them.
const (
	codeInvalidParams = -32602
	codeServer        = -32000 // a refusal: nonce too low, unknown block, ...
	codeLimitExceeded = -32005
	codeReverted      = 3 // ethers and viem decode data as the revert data
)

func invalidParams(format string, args ...any) error {
	return &rpcError{code: codeInvalidParams, msg: fmt.Sprintf(format, args...)}
}

func serverError(format string, args ...any) error {
	return &rpcError{code: codeServer, msg: fmt.Sprintf(format, args...)}
}

func limitExceeded(format string, args ...any) error {
	return &rpcError{code: codeLimitExceeded, msg: fmt.Sprintf(format, args...)}
}

// revertError reports a reverted call: "execution reverted", with the
// reason when the revert data is an Error(string), and the raw revert data
// as the error's data, which is what client libraries decode custom errors
// from.
func revertError(ret []byte) error {
	msg := "execution reverted"
	if reason, err := abi.UnpackRevert(ret); err == nil {
		msg += ": " + reason
	}
	return &rpcError{code: codeReverted, msg: msg, data: hexutil.Encode(ret)}
}
