package core

import "fmt"

// MarshalValue encodes a protobuf message to be stored. gogoproto's Marshal
// writes fields in field-number order, and no stored message has a map
// field, so the bytes are a function of the value. A message with every
// field at its default encodes to no bytes; it is stored as an empty,
// non-nil value, since a nil value is no value. The messages are generated
// code that cannot fail to encode, so a failure is a broken invariant and
// panics.
func MarshalValue(m interface{ Marshal() ([]byte, error) }) []byte {
	bz, err := m.Marshal()
	if err != nil {
		panic(fmt.Sprintf("encode %T: %v", m, err))
	}
	if bz == nil {
		bz = []byte{}
	}
	return bz
}
