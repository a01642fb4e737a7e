package core

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Duration is a time.Duration that reads and writes JSON as Cosmos does:
// a string of seconds such as "1814400s" (any Go duration such as "21h" is
// read too).
type Duration time.Duration

// MarshalJSON writes whole seconds as "Ns", anything finer in Go's form.
func (d Duration) MarshalJSON() ([]byte, error) {
	td := time.Duration(d)
	if td%time.Second == 0 {
		return json.Marshal(strconv.FormatInt(int64(td/time.Second), 10) + "s")
	}
	return json.Marshal(td.String())
}

// UnmarshalJSON reads a duration string.
func (d *Duration) UnmarshalJSON(bz []byte) error {
	var s string
	if err := json.Unmarshal(bz, &s); err != nil {
		return fmt.Errorf("duration must be a string such as \"60s\": %w", err)
	}
	td, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("duration %q: %w", s, err)
	}
	*d = Duration(td)
	return nil
}

// D returns the value as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }
