package tools

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mark3labs/mcp-go/server"
	"github.com/rs/zerolog"

	"github.com/notion-mcp/notion-mcp/internal/transport"
	"github.com/notion-mcp/notion-mcp/session"
)

// TestDirectPathAnswersAsHandleMessage serves the same extract_notion_id
// calls through mcp-go's HandleMessage (which gives the handler both the
// decoded arguments and their JSON) and through DirectHandler (which gives
// it only the JSON): every answer, including each argument mistake's
// message, is the same line both ways.
func TestDirectPathAnswersAsHandleMessage(t *testing.T) {
	args := []string{
		`{"input":"https://www.notion.so/acme/Tasks-c6eda3ce729981de014cafc354107b25?v=0123456789abcdef0123456789abcdef"}`,
		`{"input":"c6eda3ce729981de014cafc354107b25","input":"not an id"}`,
		`{"INPUT":"c6eda3ce729981de014cafc354107b25"}`,
		`{"input":"x","extra":1,"extra":2,"ntn_1234567890abcdefghijABCDEFGHIJ0123456789abcd":"v"}`,
		`{"input":42}`,
		`{"input":null}`,
		`{}`,
		`null`,
		`[1]`,
		`"c6eda3ce729981de014cafc354107b25"`,
		`{"in\u0070ut":"c6eda3ce729981de014cafc354107b25"}`,
		`{"input":"<b>&amp;</b> \u2028 c6eda3ce-7299-81de-014c-afc354107b25"}`,
	}
	const initialize = `{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}` + "\n"
	var input strings.Builder
	input.WriteString(initialize)
	for i, a := range args {
		input.WriteString(`{"jsonrpc":"2.0","id":` + strconv.Itoa(i) + `,"method":"tools/call","params":{"name":"extract_notion_id","arguments":` + a + `}}` + "\n")
	}
	input.WriteString(`{"jsonrpc":"2.0","id":"none","method":"tools/call","params":{"name":"extract_notion_id"}}` + "\n")
	serve := func(direct bool) []string {
		sess, err := session.New(session.Config{Getenv: func(string) string { return "" }})
		if err != nil {
			t.Fatal(err)
		}
		deps := &Deps{Session: sess, Logger: zerolog.Nop()}
		srv := NewServer(deps, "test")
		opts := transport.Options{Queued: func(tool string) bool { return !Offline(tool) }}
		// A first connection lists the tools, which registers them: the
		// direct path serves nothing before that.
		var out bytes.Buffer
		if err := transport.New(srv, strings.NewReader(initialize+`{"jsonrpc":"2.0","id":"list","method":"tools/list"}`+"\n"), &out, opts).Serve(context.Background()); err != nil {
			t.Fatal(err)
		}
		var served atomic.Int64
		if direct {
			handler := DirectHandler(deps, srv)
			opts.Direct = func(tool string) server.ToolHandlerFunc {
				h := handler(tool)
				if h != nil {
					served.Add(1) // on the quick workers, several at once
				}
				return h
			}
		}
		out.Reset()
		loop := transport.New(srv, strings.NewReader(input.String()), &out, opts)
		deps.Notifier = loop
		if err := loop.Serve(context.Background()); err != nil {
			t.Fatal(err)
		}
		if want := int64(len(args) + 1); direct && served.Load() != want {
			t.Errorf("%d calls served directly, want %d", served.Load(), want)
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		slices.Sort(lines)
		return lines
	}
	via, direct := serve(false), serve(true)
	if want := len(args) + 2; len(via) != want {
		t.Fatalf("%d answers through HandleMessage, want %d", len(via), want)
	}
	if !slices.Equal(via, direct) {
		for i := range min(len(via), len(direct)) {
			if via[i] != direct[i] {
				t.Errorf("through HandleMessage:\n%s\ndirect:\n%s", via[i], direct[i])
			}
		}
		t.Fatal("the answers differ")
	}
	errors := 0
	for _, l := range via {
		if strings.Contains(l, `"isError":true`) {
			errors++
		}
	}
	if errors < 8 { // every mistake above is an isError result
		t.Errorf("%d isError answers, want at least 8:\n%s", errors, strings.Join(via, "\n"))
	}
}
