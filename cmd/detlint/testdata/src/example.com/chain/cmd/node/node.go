// Package node is under cmd/: the node may read the clock and start goroutines.
package node

import (
	"math/rand"
	"time"
)

func Run(peers map[string]float64) {
	for range peers {
	}
	go func() {}()
	_ = time.Now()
	_ = rand.Int()
}
