package bank

import "crypto/rand" // want `import of crypto/rand: random values differ between nodes`

var _ = rand.Read
