package app

import (
	"math/rand" // want `import of math/rand`
	"time"
)

func finalize(txs map[string][]byte) (n int) {
	for range txs { // want `map iteration order is random`
		n++
	}
	go func() {}() // want `go statement`
	_ = time.Now() // want `time\.Now reads the wall clock`
	return n + rand.Int()
}
