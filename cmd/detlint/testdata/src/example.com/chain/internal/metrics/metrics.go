// Package metrics is neither app nor x: it is not checked.
package metrics

import "time"

func Observe(m map[string]float64) {
	for range m {
	}
	go func() {}()
	_ = time.Since(time.Now())
}
