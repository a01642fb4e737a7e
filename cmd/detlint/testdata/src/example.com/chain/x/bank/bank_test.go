package bank

import (
	"math/rand"
	"testing"
	"time"
)

func TestTestFilesAreSkipped(t *testing.T) {
	m := map[int]float64{1: rand.Float64()}
	for k := range m {
		go func() { _ = k }()
	}
	_ = time.Now()
}
