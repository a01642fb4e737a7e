package bank

import "math"

type Ratio float64 // want `floating-point type float64: floating-point results can differ between platforms`

type Params struct {
	Fee    float32    // want `floating-point type float32`
	Weight complex128 // want `floating-point type complex128`
	Rates  []float64  // want `floating-point type float64`
	Count  int64
}

const half = 0.5 // want `floating-point literal 0\.5`

const precision int64 = 1e9 // an exact integer constant: not reported

func scale(amount int64, p Params) int64 {
	f := float64(amount) * half // want `f has floating-point type float64`
	g := math.Sqrt(f)           // want `g has floating-point type float64`
	if p.Rates[0] > 1 {         // want `floating-point value of type float64`
		return int64(g) * precision // want `floating-point value of type float64`
	}
	var r Ratio = 2         // want `r has floating-point type Ratio`
	_ = p.Weight            // want `floating-point value of type complex128`
	_ = 3i                  // want `floating-point literal 3i`
	_ = amount * int64(2e3) // an exact integer constant: not reported
	return int64(r)         //determinism:allowed converting a value checked to be integral above
}

func mean(xs []int64) (avg float64) { // want `floating-point type float64`
	for _, x := range xs {
		avg += float64(x) // want `floating-point value of type float64`
	}
	return avg / float64(len(xs)) // want `floating-point value of type float64`
}

type Number interface {
	~int64 | ~float64 // want `floating-point type float64`
}
