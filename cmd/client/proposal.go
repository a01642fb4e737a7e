package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/cosmos/gogoproto/jsonpb"
	"github.com/cosmos/gogoproto/proto"
	gogotypes "github.com/cosmos/gogoproto/types"
)

// MessageFromJSON reads one message written as JSON with its type URL in
// "@type", as Cosmos proposal files hold them:
//
//	{"@type": "/cosmos.staking.v1beta1.MsgUpdateParams", "authority": "stake1...", "params": {...}}
//
// and returns it packed in an Any. The type must be one of the chain's
// message types compiled into this binary.
func MessageFromJSON(raw json.RawMessage) (*gogotypes.Any, error) {
	var head struct {
		Type string `json:"@type"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, fmt.Errorf("message: %w", err)
	}
	if head.Type == "" {
		return nil, fmt.Errorf("message has no \"@type\"")
	}
	t := proto.MessageType(strings.TrimPrefix(head.Type, "/"))
	if t == nil {
		return nil, fmt.Errorf("unknown message type %s", head.Type)
	}
	msg, ok := reflect.New(t.Elem()).Interface().(proto.Message)
	if !ok {
		return nil, fmt.Errorf("%s is not a message", head.Type)
	}
	u := jsonpb.Unmarshaler{AllowUnknownFields: false}
	// "@type" names the message; the rest are its fields.
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, err
	}
	delete(fields, "@type")
	body, err := json.Marshal(fields)
	if err != nil {
		return nil, err
	}
	if err := u.Unmarshal(bytes.NewReader(body), msg); err != nil {
		return nil, fmt.Errorf("%s: %w", head.Type, err)
	}
	m, ok := msg.(interface{ Marshal() ([]byte, error) })
	if !ok {
		return nil, fmt.Errorf("%s cannot be encoded", head.Type)
	}
	return PackMsg(head.Type, m)
}
