package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"reflect"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	authtypes "github.com/stakechain/stakechain/x/auth/types"
)

// evmFunc is a contract function as the command line names it: its name,
// the types of its arguments and, when the signature has a return part,
// the types of what it returns.
type evmFunc struct {
	Name   string
	Inputs abi.Arguments
	// Outputs is what the function returns; HasOutputs reports whether the
	// signature said (a signature without a return part leaves the output
	// undecoded).
	Outputs    abi.Arguments
	HasOutputs bool
}

// Sig is the canonical signature, name(type,type,...), whose Keccak-256
// hash starts with the selector.
func (f evmFunc) Sig() string {
	types := make([]string, len(f.Inputs))
	for i, in := range f.Inputs {
		types[i] = in.Type.String()
	}
	return f.Name + "(" + strings.Join(types, ",") + ")"
}

// Selector is the first 4 bytes of the Keccak-256 hash of Sig: what a call
// of the function starts with.
func (f evmFunc) Selector() []byte { return crypto.Keccak256([]byte(f.Sig()))[:4] }

// Calldata is the selector followed by args, each parsed by the type of
// its argument (parseABIArg).
func (f evmFunc) Calldata(args []string) ([]byte, error) {
	packed, err := packABIArgs(f.Inputs, args, f.Sig())
	if err != nil {
		return nil, err
	}
	return append(f.Selector(), packed...), nil
}

// parseEVMSignature reads a function signature as a person writes it:
// `transfer(address,uint256)`, with the argument names Solidity allows
// (`transfer(address to, uint256 value)`), and optionally a return part,
// `balanceOf(address)(uint256)` or `balanceOf(address) returns (uint256)`.
// uint and int stand for uint256 and int256. Tuples are not supported.
func parseEVMSignature(s string) (evmFunc, error) {
	orig := s
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimPrefix(s, "function "))
	open := strings.IndexByte(s, '(')
	if open < 0 {
		return evmFunc{}, fmt.Errorf("signature %q: give the function with its argument types, such as 'transfer(address,uint256)'", orig)
	}
	f := evmFunc{Name: strings.TrimSpace(s[:open])}
	if !isIdentifier(f.Name) {
		return evmFunc{}, fmt.Errorf("signature %q: %q is not a function name", orig, f.Name)
	}
	params, rest, err := cutParens(s[open:])
	if err != nil {
		return evmFunc{}, fmt.Errorf("signature %q: %w", orig, err)
	}
	if f.Inputs, err = parseParams(params); err != nil {
		return evmFunc{}, fmt.Errorf("signature %q: %w", orig, err)
	}
	rest = strings.TrimSpace(rest)
	if r, ok := strings.CutPrefix(rest, "returns"); ok {
		rest = strings.TrimSpace(r)
		if rest == "" {
			return evmFunc{}, fmt.Errorf("signature %q: returns what? give the types in parentheses", orig)
		}
	}
	if rest == "" {
		return f, nil
	}
	if rest[0] != '(' {
		return evmFunc{}, fmt.Errorf("signature %q: unexpected %q after the arguments", orig, rest)
	}
	results, rest, err := cutParens(rest)
	if err != nil {
		return evmFunc{}, fmt.Errorf("signature %q: %w", orig, err)
	}
	if strings.TrimSpace(rest) != "" {
		return evmFunc{}, fmt.Errorf("signature %q: unexpected %q after the return types", orig, strings.TrimSpace(rest))
	}
	if f.Outputs, err = parseParams(results); err != nil {
		return evmFunc{}, fmt.Errorf("signature %q: return types: %w", orig, err)
	}
	f.HasOutputs = true
	return f, nil
}

// evmFuncFromABI is the function named by s in a contract's ABI: s is a
// bare name (which must not be overloaded) or a full signature, whose
// return types the ABI supplies when s has none.
func evmFuncFromABI(s string, contract *abi.ABI) (evmFunc, error) {
	if !strings.Contains(s, "(") {
		name := strings.TrimSpace(s)
		var found []abi.Method
		for _, m := range contract.Methods {
			if m.RawName == name {
				found = append(found, m)
			}
		}
		switch len(found) {
		case 0:
			return evmFunc{}, fmt.Errorf("the ABI has no function %q", name)
		case 1:
			return evmFunc{Name: found[0].RawName, Inputs: found[0].Inputs, Outputs: found[0].Outputs, HasOutputs: true}, nil
		default:
			return evmFunc{}, fmt.Errorf("the ABI has %d functions named %q: give the signature, such as %s", len(found), name, found[0].Sig)
		}
	}
	f, err := parseEVMSignature(s)
	if err != nil {
		return evmFunc{}, err
	}
	if !f.HasOutputs {
		if m, err := contract.MethodById(f.Selector()); err == nil {
			f.Outputs, f.HasOutputs = m.Outputs, true
		}
	}
	return f, nil
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		letter := r == '_' || r == '$' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// cutParens splits "(inside)rest" at the parenthesis that closes the first.
func cutParens(s string) (inside, rest string, err error) {
	depth := 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return s[1:i], s[i+1:], nil
			}
		}
	}
	return "", "", errors.New("a parenthesis is not closed")
}

// parseParams reads a comma-separated list of types, each optionally
// followed by a data location and a name.
func parseParams(s string) (abi.Arguments, error) {
	if strings.TrimSpace(s) == "" {
		return abi.Arguments{}, nil
	}
	parts := strings.Split(s, ",")
	args := make(abi.Arguments, len(parts))
	for i, p := range parts {
		fields := strings.Fields(p)
		if len(fields) == 0 {
			return nil, fmt.Errorf("type %d is empty", i+1)
		}
		t, err := parseABIType(fields[0])
		if err != nil {
			return nil, err
		}
		args[i] = abi.Argument{Type: t}
	}
	return args, nil
}

// parseABIType is go-ethereum's type of a Solidity type name, with uint and
// int read as uint256 and int256 (the names the selector is computed on).
func parseABIType(s string) (abi.Type, error) {
	if strings.ContainsAny(s, "()") {
		return abi.Type{}, fmt.Errorf("type %q: tuples are not supported on the command line", s)
	}
	base, dims, _ := strings.Cut(s, "[")
	if dims != "" {
		dims = "[" + dims
	}
	switch base {
	case "uint", "int":
		base += "256"
	}
	t, err := abi.NewType(base+dims, "", nil)
	if err != nil {
		return abi.Type{}, fmt.Errorf("type %q: %v", s, err)
	}
	elem := t
	for elem.Elem != nil {
		elem = *elem.Elem
	}
	// go-ethereum takes sizes Solidity has no type for (uint7, bytes0,
	// address5), which would give a wrong selector.
	switch {
	case elem.T == abi.FunctionTy:
		return abi.Type{}, fmt.Errorf("type %q is not supported on the command line", s)
	case (elem.T == abi.UintTy || elem.T == abi.IntTy) && (elem.Size < 8 || elem.Size > 256 || elem.Size%8 != 0):
		return abi.Type{}, fmt.Errorf("type %q: integers have 8 to 256 bits, in steps of 8", s)
	case elem.T == abi.FixedBytesTy && (elem.Size < 1 || elem.Size > 32):
		return abi.Type{}, fmt.Errorf("type %q: bytesN has 1 to 32 bytes", s)
	}
	if name, ok := unsizedTypes[elem.T]; ok && base != name {
		return abi.Type{}, fmt.Errorf("type %q: did you mean %s?", s, name)
	}
	return t, nil
}

// unsizedTypes are the names of the types that take no size.
var unsizedTypes = map[byte]string{abi.AddressTy: "address", abi.BoolTy: "bool", abi.StringTy: "string", abi.BytesTy: "bytes"}

// packABIArgs parses each of args by the type of its argument and
// ABI-encodes them; what names the function or constructor in errors.
func packABIArgs(inputs abi.Arguments, args []string, what string) ([]byte, error) {
	if len(args) != len(inputs) {
		return nil, fmt.Errorf("%s takes %d arguments, got %d", what, len(inputs), len(args))
	}
	values := make([]any, len(args))
	for i, in := range inputs {
		v, err := parseABIArg(in.Type, args[i])
		if err != nil {
			name := in.Name
			if name == "" {
				name = fmt.Sprint(i + 1)
			}
			return nil, fmt.Errorf("%s: argument %s (%s): %w", what, name, in.Type, err)
		}
		values[i] = v
	}
	return inputs.Pack(values...)
}

// parseABIArg reads a command-line argument as a value of type t, of the
// Go type go-ethereum packs for it:
//   - address: 0x (EIP-55 checked when mixed case) or bech32;
//   - uintN, intN: decimal or 0x hex, range-checked;
//   - bool: true or false (also 1, 0, t, f);
//   - string: as it is;
//   - bytesN: 0x and exactly 2N hex digits, or a text of at most N bytes,
//     padded with zeros on the right (how Solidity's bytes32("text") is laid
//     out);
//   - bytes: 0x and hex digits, or else the text's bytes;
//   - arrays T[] and T[k]: the elements separated by commas, optionally in
//     brackets.
func parseABIArg(t abi.Type, s string) (any, error) {
	v, err := parseABIValue(t, s)
	if err != nil {
		return nil, err
	}
	return v.Interface(), nil
}

func parseABIValue(t abi.Type, s string) (reflect.Value, error) {
	switch t.T {
	case abi.AddressTy:
		a, err := authtypes.ParseAccountInput(strings.TrimSpace(s))
		if err != nil {
			return reflect.Value{}, err
		}
		return reflect.ValueOf(common.BytesToAddress(a)), nil
	case abi.UintTy, abi.IntTy:
		n, err := parseABIInt(t, strings.TrimSpace(s))
		if err != nil {
			return reflect.Value{}, err
		}
		goType := t.GetType()
		if goType.Kind() == reflect.Ptr {
			return reflect.ValueOf(n), nil
		}
		if t.T == abi.UintTy {
			return reflect.ValueOf(n.Uint64()).Convert(goType), nil
		}
		return reflect.ValueOf(n.Int64()).Convert(goType), nil
	case abi.BoolTy:
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true", "t", "1":
			return reflect.ValueOf(true), nil
		case "false", "f", "0":
			return reflect.ValueOf(false), nil
		}
		return reflect.Value{}, fmt.Errorf("%q is not a bool: give true or false", s)
	case abi.StringTy:
		return reflect.ValueOf(s), nil
	case abi.FixedBytesTy:
		raw, err := parseFixedBytes(s, t.Size)
		if err != nil {
			return reflect.Value{}, err
		}
		v := reflect.New(t.GetType()).Elem()
		reflect.Copy(v, reflect.ValueOf(raw))
		return v, nil
	case abi.BytesTy:
		if hasHex(s) {
			raw, err := hexutil.Decode(strings.TrimSpace(s))
			if err != nil {
				return reflect.Value{}, fmt.Errorf("%q: %v", s, err)
			}
			return reflect.ValueOf(raw), nil
		}
		return reflect.ValueOf([]byte(s)), nil
	case abi.SliceTy, abi.ArrayTy:
		if t.Elem.T == abi.SliceTy || t.Elem.T == abi.ArrayTy {
			return reflect.Value{}, errors.New("arrays of arrays are not supported on the command line")
		}
		elems := splitList(s)
		var v reflect.Value
		if t.T == abi.ArrayTy {
			if len(elems) != t.Size {
				return reflect.Value{}, fmt.Errorf("%d elements, want %d (separated by commas)", len(elems), t.Size)
			}
			v = reflect.New(t.GetType()).Elem()
		} else {
			v = reflect.MakeSlice(t.GetType(), len(elems), len(elems))
		}
		for i, e := range elems {
			ev, err := parseABIValue(*t.Elem, e)
			if err != nil {
				return reflect.Value{}, fmt.Errorf("element %d: %w", i+1, err)
			}
			v.Index(i).Set(ev)
		}
		return v, nil
	}
	return reflect.Value{}, fmt.Errorf("type %s is not supported on the command line", t)
}

// splitList splits an array argument at its commas; "" and "[]" are empty.
func splitList(s string) []string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		s = s[1 : len(s)-1]
	}
	if strings.TrimSpace(s) == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func hasHex(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X")
}

// parseABIInt reads a decimal or 0x integer and checks that it fits t.
func parseABIInt(t abi.Type, s string) (*big.Int, error) {
	digits, neg := strings.CutPrefix(s, "-")
	base := 10
	if hasHex(digits) {
		digits, base = digits[2:], 16
	}
	n, ok := new(big.Int).SetString(strings.ReplaceAll(digits, "_", ""), base)
	if !ok || digits == "" || strings.HasPrefix(digits, "+") || strings.HasPrefix(digits, "-") {
		return nil, fmt.Errorf("%q is not an integer: give decimal digits or 0x and hex digits", s)
	}
	if neg {
		n.Neg(n)
	}
	lo, hi := new(big.Int), new(big.Int).Lsh(big.NewInt(1), uint(t.Size)) // [lo, hi)
	if t.T == abi.IntTy {
		hi.Rsh(hi, 1)
		lo.Neg(hi)
	}
	if n.Cmp(lo) < 0 || n.Cmp(hi) >= 0 {
		return nil, fmt.Errorf("%s does not fit in %s (from %s to %s)", n, t, lo, new(big.Int).Sub(hi, big.NewInt(1)))
	}
	return n, nil
}

// parseFixedBytes reads a bytesN argument: 0x and 2N hex digits, or a text
// of at most N bytes padded with zeros.
func parseFixedBytes(s string, size int) ([]byte, error) {
	if hasHex(s) {
		raw, err := hex.DecodeString(strings.TrimSpace(s)[2:])
		if err != nil {
			return nil, fmt.Errorf("%q is not hex: %v", s, err)
		}
		if len(raw) != size {
			return nil, fmt.Errorf("%q has %d bytes, bytes%d takes exactly %d in hex (or a text of at most %d characters, without 0x, padded with zeros)", s, len(raw), size, size, size)
		}
		return raw, nil
	}
	if len(s) > size {
		return nil, fmt.Errorf("the text %q has %d bytes, more than bytes%d holds", s, len(s), size)
	}
	raw := make([]byte, size)
	copy(raw, s)
	return raw, nil
}

// readBytecode reads a file of hex bytecode, as solc's --bin writes it: with
// or without 0x, surrounded by whitespace.
func readBytecode(path string) ([]byte, error) {
	bz, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s := strings.TrimSpace(string(bz))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	if s == "" {
		return nil, fmt.Errorf("%s: no bytecode in the file", path)
	}
	if strings.Contains(s, "__") {
		return nil, fmt.Errorf("%s: the bytecode has unlinked library placeholders (__...__): link the libraries first", path)
	}
	code, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%s: not hex bytecode: %v", path, err)
	}
	return code, nil
}

// readABI reads a contract's JSON ABI, as solc's --abi writes it (or an
// artifact with an "abi" member, as Hardhat and Foundry write them).
func readABI(path string) (*abi.ABI, error) {
	bz, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	bz = bytes.TrimSpace(bz)
	if len(bz) > 0 && bz[0] == '{' {
		var artifact struct {
			ABI json.RawMessage `json:"abi"`
		}
		if err := json.Unmarshal(bz, &artifact); err == nil && len(artifact.ABI) > 0 {
			bz = artifact.ABI
		}
	}
	parsed, err := abi.JSON(bytes.NewReader(bz))
	if err != nil {
		return nil, fmt.Errorf("%s: not a JSON ABI: %v", path, err)
	}
	return &parsed, nil
}

// evmValue is a decoded ABI value made fit for JSON: integers as decimal
// strings, addresses in EIP-55, bytes in 0x hex, arrays as lists and
// tuples as objects.
func evmValue(v any) any {
	switch v := v.(type) {
	case *big.Int:
		return v.String()
	case common.Address:
		return v.Hex()
	case []byte:
		return hexutil.Encode(v)
	case bool, string:
		return v
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return fmt.Sprint(v)
	case reflect.Array:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			raw := make([]byte, rv.Len())
			reflect.Copy(reflect.ValueOf(raw), rv)
			return hexutil.Encode(raw)
		}
		fallthrough
	case reflect.Slice:
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = evmValue(rv.Index(i).Interface())
		}
		return out
	case reflect.Struct:
		out := make(map[string]any, rv.NumField())
		for i := 0; i < rv.NumField(); i++ {
			name := rv.Type().Field(i).Tag.Get("json")
			if name == "" {
				name = rv.Type().Field(i).Name
			}
			out[name] = evmValue(rv.Field(i).Interface())
		}
		return out
	}
	return fmt.Sprint(v)
}

// evmText is how a decoded value reads in text output: as evmValue, with
// strings quoted when nested, and a fixed-size bytes value that holds a
// short text (a Ballot's proposal name) followed by that text.
func evmText(v any, nested bool) string {
	switch x := evmValue(v).(type) {
	case string:
		if s, ok := v.(string); ok {
			if nested {
				return fmt.Sprintf("%q", s)
			}
			return s
		}
		if text, ok := paddedText(v); ok {
			return fmt.Sprintf("%s (%q)", x, text)
		}
		return x
	case []any:
		rv := reflect.ValueOf(v)
		parts := make([]string, rv.Len())
		for i := range parts {
			parts[i] = evmText(rv.Index(i).Interface(), true)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	default:
		return fmt.Sprint(x)
	}
}

// paddedText reports the text of a bytesN value that is printable ASCII
// followed by zeros.
func paddedText(v any) (string, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Array || rv.Type().Elem().Kind() != reflect.Uint8 {
		return "", false
	}
	raw := make([]byte, rv.Len())
	reflect.Copy(reflect.ValueOf(raw), rv)
	text := bytes.TrimRight(raw, "\x00")
	if len(text) == 0 {
		return "", false
	}
	for _, c := range text {
		if c < 0x20 || c > 0x7e {
			return "", false
		}
	}
	return string(text), true
}

// revertReason says why a call reverted, from its revert data: the message
// of Error(string), the meaning of Panic(uint256), or a custom error of
// contract (when known) by name with its arguments.
func revertReason(data []byte, contract *abi.ABI) string {
	if len(data) == 0 {
		return "reverted without a reason"
	}
	if reason, err := abi.UnpackRevert(data); err == nil {
		return reason
	}
	if len(data) >= 4 && contract != nil {
		if e, err := contract.ErrorByID([4]byte(data[:4])); err == nil {
			if values, err := e.Inputs.Unpack(data[4:]); err == nil {
				return e.Name + "(" + namedValues(e.Inputs, values) + ")"
			}
		}
	}
	if len(data) >= 4 {
		return fmt.Sprintf("custom error 0x%x, data %s (give the contract's --abi to decode it)", data[:4], hexutil.Encode(data))
	}
	return "revert data " + hexutil.Encode(data)
}

// namedValues is "name: value, ..." for decoded arguments.
func namedValues(args abi.Arguments, values []any) string {
	parts := make([]string, len(values))
	for i, v := range values {
		name := ""
		if i < len(args) && args[i].Name != "" {
			name = args[i].Name + ": "
		}
		parts[i] = name + evmText(v, true)
	}
	return strings.Join(parts, ", ")
}
