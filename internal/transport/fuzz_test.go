package transport

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"reflect"
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
			if _, err := testsupport.ParseMessage(sc.Bytes()); err != nil {
				t.Fatalf("%v: %q", err, sc.Bytes())
			}
		}
	})
}

var envelopeSeeds = []string{
	`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":"x"}}}`,
	`{"jsonrpc":"2.0","ID":6,"Method":"ping","id":7, "METHOD" : "tools/list"}`,
	`{"jsonrpc":"2.0","id":null,"method":"notifications/cancelled","params":{"requestId":"s"}}`,
	`{"jsonrpc":"2.0","id":"a\u0062","method":"tools/call","params":{"Name":"x","name":"y","ARGUMENTS":[1],"_meta":{"progressToken":1},"task":{},"inputResponses":{},"requestState":"s"}}`,
	`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":null,"arguments":null}}`,
	`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"caf\u00e9"}}`,
	`{"json\u0072pc":"2.0","id":4,"method":"ping"}`,
	"{\"paramſ\":{},\"id\":5,\"method\":\"ping\",\"jsonrpc\":\"2.0\"}",
	`{"jsonrpc":"2.0","id":5,"result":{"a":[1,{"b":"}"}]}}`,
	`  { "jsonrpc" : "2.0" , "id" : 1e29 , "method" : "ping" }  `,
	`{}`, `{"params":"s"}`, `[1]`, `null`,
	// params objects, for scanParams
	`{"name":"extract_notion_id","arguments":{"input":"x"},"_meta":{"progressToken":1},"NAME":"y","Task":{"ttl":1}}`,
	`{"name":"x","name":2}`, `{"arguments":null,"requestState":"s","inputResponses":{"a":{}}}`,
}

// FuzzScanEnvelope holds the loop's own reading of an envelope and of a
// tools/call's params to encoding/json's: whenever scanEnvelope or
// scanParams answers, every member is what json.Unmarshal gives, and
// jsonString decodes a string as encoding/json does.
func FuzzScanEnvelope(f *testing.F) {
	for _, s := range envelopeSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		if !json.Valid(line) {
			return
		}
		sameAsUnmarshal(t, "scanEnvelope", line, scanEnvelope)
		sameAsUnmarshal(t, "scanParams", line, scanParams)
		var want string // a string; null (which json.Unmarshal accepts) is not one
		werr := json.Unmarshal(line, &want)
		v := bytes.TrimSpace(line) // a member's value, as the envelope holds it
		isString := werr == nil && v[0] == '"'
		if got, ok := jsonString(v); ok != isString || (ok && got != want) {
			t.Fatalf("jsonString(%s) = %q, %v; encoding/json: %q, %v", line, got, ok, want, werr)
		}
	})
}

// sameAsUnmarshal fails t unless scan, whenever it answers, gives what
// json.Unmarshal gives for line.
func sameAsUnmarshal[T any](t *testing.T, name string, line []byte, scan func([]byte) (T, bool)) {
	t.Helper()
	got, ok := scan(line)
	if !ok {
		return
	}
	var want T
	if err := json.Unmarshal(line, &want); err != nil {
		t.Fatalf("%s read a line encoding/json refuses (%v): %s", name, err, line)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s(%s):\n got %+v\nwant %+v", name, line, got, want)
	}
}

// TestScanEnvelopeSeeds: the seeds read as encoding/json reads them, and
// the names only encoding/json's folding matches are left to it.
func TestScanEnvelopeSeeds(t *testing.T) {
	for _, s := range envelopeSeeds {
		m := decode([]byte(s))
		var e envelope
		if json.Unmarshal([]byte(s), &e) == nil && len(e.Method) > 0 && m.kind == kindReject {
			t.Errorf("%s: rejected: %s", s, m.reply)
		}
	}
	if _, ok := scanEnvelope([]byte("{\"paramſ\":{}}")); ok {
		t.Error(`"paramſ" (which encoding/json matches to params) was read by the scanner`)
	}
	e, ok := scanEnvelope([]byte(`{"ID":6,"id":7,"Method":"a","METHOD":"b"}`))
	if !ok || string(e.ID) != "7" || string(e.Method) != `"b"` {
		t.Errorf("the last duplicate, any case, must win: %+v", e)
	}
}
