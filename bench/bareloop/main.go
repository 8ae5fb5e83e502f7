// Command bareloop is the other floor of `make bench`: a hand-written
// JSON-RPC loop on one goroutine, with only encoding/json, answering
// initialize, ping, tools/list and tools/call of one tool, echo, which
// returns its input as text. It is what reading a line, decoding it,
// encoding an answer and writing it costs with no MCP library at all; it
// is not a complete MCP server (no cancellation, no concurrency).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

type request struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params struct {
		Name            string `json:"name"`
		ProtocolVersion string `json:"protocolVersion"`
		Arguments       struct {
			Input string `json:"input"`
		} `json:"arguments"`
	} `json:"params"`
}

type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

type text struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

var echoTool = map[string]any{
	"name":        "echo",
	"description": "Return the input.",
	"inputSchema": map[string]any{"type": "object", "properties": map[string]any{"input": map[string]any{"type": "string"}}},
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 64<<10)
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	enc := json.NewEncoder(out) // Encode ends each message with a newline
	for {
		line, err := in.ReadBytes('\n')
		if len(line) > 0 {
			if r := answer(line); r != nil {
				if err := enc.Encode(r); err != nil {
					fmt.Fprintln(os.Stderr, "bareloop:", err)
					os.Exit(1)
				}
			}
		}
		// Flush once nothing more is waiting, so a burst is written in
		// large writes and a single request is answered at once.
		if in.Buffered() == 0 || err != nil {
			if err := out.Flush(); err != nil {
				fmt.Fprintln(os.Stderr, "bareloop:", err)
				os.Exit(1)
			}
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bareloop:", err)
			os.Exit(1)
		}
	}
}

func answer(line []byte) *response {
	var req request
	if err := json.Unmarshal(line, &req); err != nil {
		return &response{JSONRPC: "2.0", ID: json.RawMessage("null"), Error: &rpcError{-32700, "Parse error"}}
	}
	if len(req.ID) == 0 || string(req.ID) == "null" {
		return nil // a notification
	}
	r := &response{JSONRPC: "2.0", ID: req.ID}
	switch req.Method {
	case "initialize":
		r.Result = map[string]any{
			"protocolVersion": req.Params.ProtocolVersion,
			"capabilities":    map[string]any{"tools": map[string]any{}},
			"serverInfo":      map[string]any{"name": "bareloop", "version": "1"},
		}
	case "ping":
		r.Result = struct{}{}
	case "tools/list":
		r.Result = map[string]any{"tools": []any{echoTool}}
	case "tools/call":
		if req.Params.Name != "echo" {
			r.Error = &rpcError{-32602, "unknown tool"}
			break
		}
		r.Result = map[string]any{"content": []text{{"text", req.Params.Arguments.Input}}}
	default:
		r.Error = &rpcError{-32601, "Method not found"}
	}
	return r
}
