package bank

func work() {}

func goroutines(done chan struct{}) {
	go work()   // want `go statement: goroutine scheduling differs between nodes`
	go func() { // want `go statement`
		close(done)
	}()
	go work() //determinism:allowed warms a read-only cache; results never reach state
	// want +1 `go statement` `//determinism:allowed needs a reason`
	go work() //determinism:allowed
	// want +1 `go statement` `//determinism:sorted marks no map range`
	go work() //determinism:sorted
}
