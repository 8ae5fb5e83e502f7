package tools_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/rs/zerolog"

	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/sandbox/sandboxtest"
	"github.com/notion-mcp/notion-mcp/session"
	"github.com/notion-mcp/notion-mcp/tools"
)

// recorder is a Notifier that keeps every message it is asked to write.
type recorder struct {
	mu   sync.Mutex
	msgs []json.RawMessage
}

func (r *recorder) WriteMessage(_ context.Context, msg any) error {
	b, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, b)
	return nil
}

func (r *recorder) messages() []json.RawMessage {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]json.RawMessage(nil), r.msgs...)
}

// listServer is the MCP server over a sandbox with 250 generated databases
// (several search pages), rate limit lifted.
func listServer(t *testing.T) (*recorder, func(args map[string]any, progressToken any) callResult, *sandbox.Workspace) {
	t.Helper()
	ws := sandbox.New(sandbox.Options{ExtraDatabases: 250})
	sess := sandboxtest.Session(t, ws, sandboxtest.Env{"NOTION_TOKEN": sandbox.TokenValid}, sandboxtest.Options{
		Session: func(c *session.Config) { c.Sandbox = true },
	})
	rec := &recorder{}
	srv := tools.NewServer(&tools.Deps{Session: sess, Logger: zerolog.Nop(), Notifier: rec}, "test")
	id := 0
	call := func(args map[string]any, progressToken any) callResult {
		t.Helper()
		id++
		params := map[string]any{"name": "list_shared_databases", "arguments": args}
		if progressToken != nil {
			params["_meta"] = map[string]any{"progressToken": progressToken}
		}
		req, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "method": "tools/call", "params": params})
		resp := srv.HandleMessage(context.Background(), req)
		raw, err := json.Marshal(resp)
		if err != nil {
			t.Fatal(err)
		}
		var out struct {
			Result *callResult     `json:"result"`
			Error  json.RawMessage `json:"error"`
		}
		if err := json.Unmarshal(raw, &out); err != nil || out.Result == nil {
			t.Fatalf("not a tool result: %s (%v)", raw, err)
		}
		out.Result.notificationsAtReturn = len(rec.messages())
		return *out.Result
	}
	return rec, call, ws
}

type callResult struct {
	IsError bool `json:"isError"`
	Content []struct {
		Text string `json:"text"`
	} `json:"content"`
	Structured struct {
		Count      int  `json:"count"`
		Complete   bool `json:"complete"`
		Retrievals int  `json:"database_retrievals"`
		Cached     bool `json:"cached"`
	} `json:"structuredContent"`
	notificationsAtReturn int
}

func (r callResult) text() string {
	var b strings.Builder
	for _, c := range r.Content {
		b.WriteString(c.Text)
	}
	return b.String()
}

// TestListSharedDatabasesProgress: with a progressToken, one progress
// notification per search page and retrieval is written, with a rising
// count, before the call's result is returned; without one, none.
func TestListSharedDatabasesProgress(t *testing.T) {
	rec, call, ws := listServer(t)
	r := call(map[string]any{"query": "Generated DB"}, "list-1")
	if r.IsError || r.Structured.Count != 250 || !r.Structured.Complete {
		t.Fatalf("result: %+v %s", r.Structured, r.text())
	}
	msgs := rec.messages()
	if r.notificationsAtReturn != len(msgs) {
		t.Errorf("%d notifications when the result returned, %d afterwards", r.notificationsAtReturn, len(msgs))
	}
	want := ws.Count("POST", "/v1/search") + ws.Count("GET", "/v1/databases/")
	if len(msgs) != want || want < 3+25 {
		t.Fatalf("%d notifications for %d searches and retrievals", len(msgs), want)
	}
	last := -1.0
	for _, m := range msgs {
		var n struct {
			JSONRPC string `json:"jsonrpc"`
			Method  string `json:"method"`
			ID      any    `json:"id"`
			Params  struct {
				ProgressToken any     `json:"progressToken"`
				Progress      float64 `json:"progress"`
				Message       string  `json:"message"`
			} `json:"params"`
		}
		if err := json.Unmarshal(m, &n); err != nil {
			t.Fatal(err)
		}
		if n.JSONRPC != "2.0" || n.Method != "notifications/progress" || n.ID != nil || n.Params.ProgressToken != "list-1" ||
			n.Params.Progress <= last || n.Params.Message != fmt.Sprintf("%d objects so far", int(n.Params.Progress)) {
			t.Errorf("notification %s (previous progress %v)", m, last)
		}
		last = n.Params.Progress
	}

	// Without a progressToken: no notification. The same arguments would
	// come from the cache, so refresh.
	call(map[string]any{"query": "Generated DB", "refresh": true}, nil)
	if n := len(rec.messages()); n != len(msgs) {
		t.Errorf("%d notifications without a progressToken", n-len(msgs))
	}
	// A cached answer: no request, no progress, says cached.
	before := len(ws.Requests())
	if r := call(map[string]any{"query": "Generated DB"}, 7); !r.Structured.Cached || len(ws.Requests()) != before {
		t.Errorf("second call: cached %v, %d requests", r.Structured.Cached, len(ws.Requests())-before)
	}
}

// TestListSharedDatabasesBadArguments: bad arguments are isError results
// that name the argument, and nothing is sent to Notion.
func TestListSharedDatabasesBadArguments(t *testing.T) {
	_, call, ws := listServer(t)
	cases := []struct {
		name string
		args map[string]any
		want []string
	}{
		{"limit string", map[string]any{"limit": "x"}, []string{`"limit"`, "integer"}},
		{"limit fraction", map[string]any{"limit": 1.5}, []string{`"limit"`}},
		{"limit negative", map[string]any{"limit": -1}, []string{"limit"}},
		{"unknown", map[string]any{"colour": "red"}, []string{`"colour"`, "unknown argument"}},
		{"include_pages string", map[string]any{"include_pages": "yes"}, []string{`"include_pages"`, "boolean"}},
		{"old version", map[string]any{"api_version": "2021-08-16"}, []string{"2021-08-16", "2025-09-03"}},
		{"two token sources", map[string]any{"token": sandbox.TokenValid, "token_env": "NOTION_TOKEN"}, []string{"token_env", "token"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := call(tc.args, "bad")
			if !r.IsError {
				t.Fatalf("not an error: %s", r.text())
			}
			for _, w := range tc.want {
				if !strings.Contains(r.text(), w) {
					t.Errorf("%q does not say %s", r.text(), w)
				}
			}
			if strings.Contains(r.text(), sandbox.TokenValid) {
				t.Error("the token was echoed")
			}
		})
	}
	if n := len(ws.Requests()); n != 0 {
		t.Errorf("%d requests sent for bad arguments", n)
	}
}
