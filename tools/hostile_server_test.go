package tools

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/listing"
	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/sandbox/sandboxtest"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/session"
)

const echoedToken = "ntn_" + "66601234567" + "EchoedByProxyQ7w2XZ9kLmN4pR8sT1vY3b"

// hostileServer is an MCP server whose Notion is h, over loopback HTTP.
func hostileServer(t *testing.T, h sandboxtest.Hostile) *faultRig {
	t.Helper()
	srv := h.Server(t)
	sess, err := session.New(session.Config{
		BaseURL: srv.URL,
		Timeout: 5 * time.Second,
		Getenv:  func(k string) string { return map[string]string{"NOTION_TOKEN": echoedToken}[k] },
		Client: func(cfg notion.Config, tok *token.Token) (*notion.Client, error) {
			cfg.Rate, cfg.Burst, cfg.Limiter = 1e9, 1e6, nil
			return notion.New(cfg, tok)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return &faultRig{sess: sess, srv: NewServer(&Deps{Session: sess}, "test")}
}

// leaksRun reports the first run of 8 characters of secret in out.
func leaksRun(out, secret string) string {
	for i := 0; i+8 <= len(secret); i++ {
		if strings.Contains(out, secret[i:i+8]) {
			return secret[i : i+8]
		}
	}
	return ""
}

// TestHostileServerEchoesToken: a server (a proxy, a wrong base URL) that
// echoes the token in 2xx bodies — the bot's name, every title — or in an
// error body, whole or half, never gets it into a result: every result is
// redacted, not only error strings.
func TestHostileServerEchoesToken(t *testing.T) {
	for _, tc := range []struct {
		name string
		h    sandboxtest.Hostile
		tool string
		args map[string]any
	}{
		{"2xx users/me", sandboxtest.Hostile{EchoToken: true}, "validate_token", map[string]any{}},
		{"2xx titles", sandboxtest.Hostile{EchoToken: true, Results: 150}, "list_shared_databases", map[string]any{}},
		{"error body", sandboxtest.Hostile{ErrorEcho: true}, "list_shared_databases", map[string]any{}},
		{"2xx diagnose", sandboxtest.Hostile{EchoToken: true}, "diagnose_access", map[string]any{"target": "0123456789abcdef0123456789abcdef"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := hostileServer(t, tc.h)
			res := r.call(t, 10*time.Second, tc.tool, tc.args)
			if run := leaksRun(res.raw, echoedToken); run != "" {
				t.Errorf("the answer holds %q of the token: %.600s", run, res.raw)
			}
			if res.RPCError != "" {
				t.Errorf("rpc error %s", res.RPCError)
			}
		})
	}
}

// TestHostile100kResults: a workspace of 100,000 results gives one answer
// of bounded size, saying it is incomplete and how to narrow it, within
// bounded time and allocation (runtime.ReadMemStats around the call).
func TestHostile100kResults(t *testing.T) {
	r := hostileServer(t, sandboxtest.Hostile{Results: 100000, Title: "Tasks %d \x1b[31m\u202e"})
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.TotalAlloc
	start := time.Now()
	res := r.call(t, time.Minute, "list_shared_databases", map[string]any{})
	took := time.Since(start)
	runtime.ReadMemStats(&ms)
	t.Logf("100k results: answered in %s, %d bytes, %d MB allocated", took.Round(time.Millisecond), len(res.raw), (ms.TotalAlloc-before)>>20)
	if res.IsError || res.Structured["complete"] != false || res.Structured["incomplete_reason"] == nil {
		t.Fatalf("want an incomplete listing: %.400s", res.raw)
	}
	// The text and the structured content each stay under the bound.
	if len(res.raw) > 2*listing.MaxResultBytes+64<<10 {
		t.Errorf("the answer is %d bytes", len(res.raw))
	}
	if ms.TotalAlloc-before > 1<<30 {
		t.Errorf("allocated %d MB", (ms.TotalAlloc-before)>>20)
	}
	if !strings.Contains(res.Text, "query") {
		t.Errorf("no advice to narrow the listing")
	}
}
