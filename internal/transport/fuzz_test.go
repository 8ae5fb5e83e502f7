package transport

import (
	"bufio"
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/testsupport"
)

// FuzzServe feeds arbitrary input after an initialize and checks that
// every line written is one JSON-RPC 2.0 message and that Serve returns
// nil at EOF.
func FuzzServe(f *testing.F) {
	for _, seed := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"ping"}`,
		`{"jsonrpc":"2.0","id":9007199254740993,"method":"tools/call","params":{"name":"echo","arguments":{"input":"x"}}}`,
		`{"jsonrpc":"2.0","id":"s","method":"tools/call","params":{"name":"slow","arguments":{"input":"x"}}}` + "\n" + `{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"s"}}`,
		`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"progress","arguments":{"input":"t"}}}`,
		`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"boom"}}`,
		`{"jsonrpc":"2.0","id":4,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}`,
		`[{"jsonrpc":"2.0","id":1,"method":"ping"}]`,
		`{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}`,
		"{\"jsonrpc\":\"2.0\",\"id\":\"\xff\",\"method\":\"ping\"}",
		`{"jsonrpc":"2.0","id":5,"result":{}}`,
		`{"jsonrpc":"2.0","ID":6,"Method":"ping","id":7}`,
		strings.Repeat("x", 3000),
		"\r\n\n  \n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		g := &gates{release: make(chan struct{}), started: make(chan string, 1<<12), stuck: make(chan struct{}), ended: make(chan string, 1<<12)}
		close(g.release)
		defer close(g.stuck)
		var out testsupport.LockedBuffer
		input := `{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"fuzz","version":"1"}}}` + "\n" + string(in)
		var loop *Server
		loop = New(testServer(g, func() *Server { return loop }), strings.NewReader(input), &out,
			Options{Queued: queuedTools, MaxLine: 2048, Drain: 100 * time.Millisecond, Grace: 10 * time.Millisecond, CancelWait: 10 * time.Millisecond})
		ctx, cancel := context.WithTimeout(context.Background(), safety)
		defer cancel()
		if err := loop.Serve(ctx); err != nil {
			t.Fatalf("Serve: %v", err)
		}
		sc := bufio.NewScanner(bytes.NewReader(out.Bytes()))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if _, err := parseLine(sc.Bytes()); err != nil {
				t.Fatalf("%v: %q", err, sc.Bytes())
			}
		}
	})
}
