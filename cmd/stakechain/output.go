package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/cosmos/gogoproto/jsonpb"
	"github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cobra"
)

// Output formats of the -o/--output flag.
const (
	outputText = "text"
	outputJSON = "json"
)

// wantJSON reports whether the command runs with -o json.
func wantJSON(cmd *cobra.Command) bool {
	out, _ := cmd.Flags().GetString(flagOutput)
	return out == outputJSON
}

// printResult writes a command's result to its standard output: v as one
// JSON document when the command runs with -o json, otherwise whatever
// text writes.
//
// How v becomes JSON:
//   - a gogoproto message is encoded with the proto field names (snake_case),
//     zero values included and 64-bit integers as strings, as Cosmos does;
//   - a json.RawMessage or []byte is taken to be JSON already and printed
//     as it is, indented (use it for documents encoded another way, such
//     as CometBFT's RPC results with cmtjson);
//   - anything else goes through encoding/json, so its struct tags must give
//     snake_case names.
//
// A value that cannot be encoded is a programming error: the message goes to
// standard error and the process exits with status 1.
func printResult(cmd *cobra.Command, v any, text func(w io.Writer)) {
	w := cmd.OutOrStdout()
	if !wantJSON(cmd) {
		text(w)
		return
	}
	bz, err := encodeJSON(v)
	if err != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "Error: cannot write the result as JSON: %v\n", err)
		os.Exit(1)
	}
	bz = append(bz, '\n')
	if _, err := w.Write(bz); err != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "Error: %v\n", err)
		os.Exit(1)
	}
}

func encodeJSON(v any) ([]byte, error) {
	switch v := v.(type) {
	case proto.Message:
		m := jsonpb.Marshaler{OrigName: true, EmitDefaults: true, Indent: "  "}
		var buf bytes.Buffer
		if err := m.Marshal(&buf, v); err != nil {
			return nil, err
		}
		return humanDecimals(v, buf.Bytes())
	case json.RawMessage:
		return indentJSON(v)
	case []byte:
		return indentJSON(v)
	default:
		return json.MarshalIndent(v, "", "  ")
	}
}

func indentJSON(bz []byte) ([]byte, error) {
	var buf bytes.Buffer
	if err := json.Indent(&buf, bz, "", "  "); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
