package bank

import (
	crand "crypto/rand"   //determinism:allowed nonces for the operator's local key file, never in state
	"math/rand"           // want `import of math/rand: random values differ between nodes`
	randv2 "math/rand/v2" // want `import of math/rand/v2: random values differ between nodes`
)

var _ = crand.Reader

func pick(n int) int {
	return rand.Intn(n) + randv2.IntN(n)
}
