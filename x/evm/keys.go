package evm

import (
	"encoding/binary"

	"github.com/ethereum/go-ethereum/common"
)

// ModuleName is the EVM module's name, error codespace and key prefix.
const ModuleName = "evm"

// ReserveName is the module account whose ustake backs every account's wei
// remainder: the remainders add up to its balance × 10^12.
const ReserveName = "evm_reserve"

var (
	paramsKey       = []byte("evm/params")
	codePrefix      = []byte("evm/code/")
	codeHashPrefix  = []byte("evm/codehash/")
	storagePrefix   = []byte("evm/storage/")
	remainderPrefix = []byte("evm/rem/")
	blockHashPrefix = []byte("evm/blockhash/")
)

// codeKey is codePrefix | code hash (32 bytes).
func codeKey(h common.Hash) []byte { return append(append([]byte(nil), codePrefix...), h[:]...) }

// codeHashKey is codeHashPrefix | address (20 bytes).
func codeHashKey(a common.Address) []byte {
	return append(append([]byte(nil), codeHashPrefix...), a[:]...)
}

// storageAddrPrefix is storagePrefix | address: one contract's slots.
func storageAddrPrefix(a common.Address) []byte {
	k := make([]byte, 0, len(storagePrefix)+20+32)
	return append(append(k, storagePrefix...), a[:]...)
}

// storageKey is storagePrefix | address (20 bytes) | slot (32 bytes).
func storageKey(a common.Address, slot common.Hash) []byte {
	return append(storageAddrPrefix(a), slot[:]...)
}

// remainderKey is remainderPrefix | address (20 bytes).
func remainderKey(a common.Address) []byte {
	return append(append([]byte(nil), remainderPrefix...), a[:]...)
}

// blockHashKey is blockHashPrefix | height (8 bytes, big-endian).
func blockHashKey(height uint64) []byte {
	return binary.BigEndian.AppendUint64(append([]byte(nil), blockHashPrefix...), height)
}
