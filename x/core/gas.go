package core

import "math/bits"

// AddGas is a + b, or the largest uint64 if the sum overflows: gas figures
// computed from parameters and input sizes saturate instead of wrapping
// around to a small number.
func AddGas(a, b uint64) uint64 {
	sum, carry := bits.Add64(a, b, 0)
	if carry != 0 {
		return ^uint64(0)
	}
	return sum
}

// MulGas is a × b, or the largest uint64 if the product overflows.
func MulGas(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	if hi != 0 {
		return ^uint64(0)
	}
	return lo
}
