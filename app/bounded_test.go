package app

import "testing"

func TestABoundedMapKeepsWhatIsReadAndDropsWhatIsNot(t *testing.T) {
	const size = 100
	m := newBoundedMap[int, int](size)
	m.put(-1, 1) // read after every ten puts
	m.put(-2, 2) // never read
	for i := 0; i < 10*size; i++ {
		m.put(i, i*i)
		if n := m.len(); n > size {
			t.Fatalf("after %d puts the map holds %d entries, more than its bound of %d", i+3, n, size)
		}
		if i%10 == 9 {
			if v, ok := m.get(-1); !ok || v != 1 {
				t.Fatalf("after %d puts the entry read every ten puts is gone (%d, %v)", i+3, v, ok)
			}
		}
	}
	if _, ok := m.get(-2); ok {
		t.Fatalf("an entry never read survived %d puts into a map of %d", 10*size, size)
	}
	// The newest half is always there, with the values put.
	for i := 10*size - size/2 + 1; i < 10*size; i++ {
		if v, ok := m.get(i); !ok || v != i*i {
			t.Fatalf("entry %d, put among the last %d, reads (%d, %v)", i, size/2, v, ok)
		}
	}
	// Putting a key again replaces its value wherever it is.
	m.put(-1, 7)
	if v, _ := m.get(-1); v != 7 {
		t.Fatalf("after a second put the entry reads %d, not 7", v)
	}
}
