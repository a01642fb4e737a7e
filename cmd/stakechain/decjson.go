package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"reflect"
	"strings"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
	"github.com/stakechain/stakechain/x/core"
)

// On the protobuf wire a Cosmos decimal is its integer number of 10^-18
// units ("100000000000000000" for 0.1), sometimes as bytes; Cosmos clients
// print it as a decimal ("0.100000000000000000"). humanDecimals rewrites
// the JSON of a message so: it walks the message and its JSON side by side
// and converts the fields that hold decimals.

// decimalFields are the proto field names that hold a decimal wherever
// they appear.
var decimalFields = map[string]bool{
	"rate": true, "max_rate": true, "max_change_rate": true, "min_commission_rate": true,
	"delegator_shares": true, "shares": true, "shares_dst": true,
	"community_tax": true, "base_proposer_reward": true, "bonus_proposer_reward": true,
	"inflation": true, "annual_provisions": true, "inflation_rate_change": true,
	"inflation_max": true, "inflation_min": true, "goal_bonded": true,
	"min_signed_per_window": true, "slash_fraction_double_sign": true, "slash_fraction_downtime": true,
	"commission_rate": true,
}

var decCoinType = reflect.TypeOf(authtypes.DecCoin{})

// humanDecimals rewrites the decimal fields of msg's JSON.
func humanDecimals(msg any, js []byte) ([]byte, error) {
	var doc any
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	walkDecimals(reflect.ValueOf(msg), doc)
	return json.MarshalIndent(doc, "", "  ")
}

func walkDecimals(v reflect.Value, doc any) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Slice:
		arr, ok := doc.([]any)
		if !ok || v.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		for i := 0; i < v.Len() && i < len(arr); i++ {
			walkDecimals(v.Index(i), arr[i])
		}
	case reflect.Struct:
		obj, ok := doc.(map[string]any)
		if !ok {
			return
		}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			name := protoName(t.Field(i))
			if name == "" {
				continue
			}
			val, ok := obj[name]
			if !ok {
				continue
			}
			if decimalFields[name] || (t == decCoinType && name == "amount") {
				obj[name] = decimalText(val)
				continue
			}
			walkDecimals(v.Field(i), val)
		}
	}
}

// protoName is the proto field name in a generated struct field's tag.
func protoName(f reflect.StructField) string {
	for _, part := range strings.Split(f.Tag.Get("protobuf"), ",") {
		if n, ok := strings.CutPrefix(part, "name="); ok {
			return n
		}
	}
	return ""
}

// decimalText converts one JSON value holding a wire decimal (a string of
// atomics, or base64 of it for bytes fields) to its decimal form; anything
// else is left as it is.
func decimalText(val any) any {
	s, ok := val.(string)
	if !ok || s == "" {
		return val
	}
	if d, err := core.DecFromProto(s); err == nil {
		return d.String()
	}
	if raw, err := base64.StdEncoding.DecodeString(s); err == nil {
		if d, err := core.DecFromProtoBytes(raw); err == nil {
			return d.String()
		}
	}
	return val
}
