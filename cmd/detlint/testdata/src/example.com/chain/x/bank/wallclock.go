package bank

import "time"

func wallClock(start, deadline time.Time) time.Duration {
	now := time.Now()            // want `time\.Now reads the wall clock, which differs between nodes: use the block time from the header`
	elapsed := time.Since(start) // want `time\.Since reads the wall clock`
	left := time.Until(deadline) // want `time\.Until reads the wall clock`
	clock := time.Now            // want `time\.Now reads the wall clock`
	_ = now.Add(clock().Sub(start))
	_ = time.Now() //determinism:allowed only feeds the debug log, never state
	// want +1 `time\.Now reads the wall clock` `//determinism:allowed needs a reason`
	_ = time.Now() //determinism:allowed
	return elapsed + left + time.Duration(deadline.Unix())
}

// blockTime is how state code gets the time: from the header it is given.
func blockTime(headerTime time.Time) int64 {
	return headerTime.Unix()
}
