package core

// A List is a genesis list read one entry at a time: it calls fn with each
// entry in order and returns fn's first error, or an error reading the list.
// A genesis of a million accounts is read this way from its document, so
// that its entries are never all decoded at once.
type List[T any] func(fn func(T) error) error

// ListOf returns a List of the entries of a slice.
func ListOf[T any](entries []T) List[T] {
	return func(fn func(T) error) error {
		for _, e := range entries {
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	}
}
