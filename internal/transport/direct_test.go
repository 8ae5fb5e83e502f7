package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/notion-mcp/notion-mcp/internal/rawjson"
)

// TestDirectAnswersAsHandleMessage serves the same tool calls through
// mcp-go's HandleMessage and through Options.Direct: every answer is the
// same line, whether a result, an isError result, a handler's error, a
// panic, or params the direct path leaves to mcp-go.
func TestDirectAnswersAsHandleMessage(t *testing.T) {
	newSrv := func() *server.MCPServer {
		s := server.NewMCPServer("direct", "1", server.WithToolCapabilities(false))
		s.AddTool(mcp.NewTool("echo", mcp.WithString("input")), func(_ context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			// As Options.Direct requires, the arguments are read from
			// their JSON (RawArguments), not mcp-go's decoded map.
			var args struct{ Input string }
			_ = req.BindArguments(&args)
			return mcp.NewToolResultStructured(map[string]any{"got": args.Input}, "got "+args.Input), nil
		})
		s.AddTool(mcp.NewTool("encoded"), func(_ context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			// The shape the tools return: the same encoded JSON as text and
			// structured content, written by hand on the direct path.
			text := `{"a":"\u003c\u0026\u003e \u2028","meta":` + strconv.Quote(fmt.Sprint(req.Params.Meta != nil)) + `}`
			return mcp.NewToolResultStructured(rawjson.Compact(text), text), nil
		})
		s.AddTool(mcp.NewTool("refuse"), func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			return mcp.NewToolResultError("do something else"), nil
		})
		s.AddTool(mcp.NewTool("fail"), func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			return nil, errors.New("the handler failed")
		})
		s.AddTool(mcp.NewTool("boom"), func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			panic("boom")
		})
		return s
	}
	input := strings.Join([]string{
		`{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`,
		`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"input":"a \"quoted\" \u00e9"}}}`,
		`{"jsonrpc":"2.0","id":"two","method":"tools/call","params":{"name":"refuse","_meta":{"progressToken":7}}}`,
		`{"jsonrpc":"2.0","id":9007199254740993,"method":"tools/call","params":{"name":"fail","arguments":{}}}`,
		`{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"echo","arguments":[1]}}`,
		`{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"nosuch"}}`,
		`{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"boom"}}`,
		`{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"encoded","arguments":null}}`,
		`{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"encoded","_meta":{"progressToken":"p"}}}`,
		`{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"echo","task":{"ttl":1000},"arguments":{"input":"with a task"}}}`,
		`{"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"name":"echo","arguments":{"input":1}}}`,
	}, "\n") + "\n"
	directCalls := 0 // on the quick workers, counted under mu
	var mu sync.Mutex
	serve := func(direct bool) []string {
		srv := newSrv()
		opts := Options{Queued: func(string) bool { return false }}
		if direct {
			opts.Direct = func(tool string) server.ToolHandlerFunc {
				if t := srv.GetTool(tool); t != nil {
					mu.Lock()
					directCalls++
					mu.Unlock()
					return t.Handler
				}
				return nil
			}
		}
		var out bytes.Buffer
		if err := New(srv, strings.NewReader(input), &out, opts).Serve(context.Background()); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		slices.Sort(lines)
		return lines
	}
	via, direct := serve(false), serve(true)
	if len(via) != 11 {
		t.Fatalf("%d answers through HandleMessage, want 11:\n%s", len(via), strings.Join(via, "\n"))
	}
	if directCalls != 9 {
		t.Errorf("%d calls served directly, want 9", directCalls)
	}
	if !slices.Equal(via, direct) {
		t.Errorf("the answers differ\nthrough HandleMessage:\n%s\ndirect:\n%s", strings.Join(via, "\n"), strings.Join(direct, "\n"))
	}
}
