package cli

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/sandbox"
)

// The hidden sandbox variables: read in demo mode only, checked there.
func TestSandboxEnv(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		demo bool
		want sandbox.Options
		err  string
	}{
		{name: "unset", demo: true},
		{name: "both", demo: true, env: map[string]string{"NOTION_MCP_SANDBOX_DATABASES": "3000", "NOTION_MCP_SANDBOX_LATENCY": "50ms"},
			want: sandbox.Options{ExtraDatabases: 3000, Latency: 50 * time.Millisecond}},
		{name: "bad count", demo: true, env: map[string]string{"NOTION_MCP_SANDBOX_DATABASES": "lots"}, err: "NOTION_MCP_SANDBOX_DATABASES"},
		{name: "negative count", demo: true, env: map[string]string{"NOTION_MCP_SANDBOX_DATABASES": "-1"}, err: "NOTION_MCP_SANDBOX_DATABASES"},
		{name: "bad latency", demo: true, env: map[string]string{"NOTION_MCP_SANDBOX_LATENCY": "50"}, err: "NOTION_MCP_SANDBOX_LATENCY"},
		{name: "ignored without demo", env: map[string]string{"NOTION_MCP_SANDBOX_DATABASES": "lots", "NOTION_MCP_SANDBOX_LATENCY": "x"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := &app{IO: IO{Stderr: io.Discard, Getenv: func(k string) string { return tc.env[k] }}}
			a.opts.demo, a.opts.logLevel = tc.demo, "disabled"
			rt, err := a.newRuntime()
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want one naming %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			rt.close()
			if !tc.demo {
				if rt.sandbox != nil {
					t.Error("a sandbox outside demo mode")
				}
				return
			}
			if got, _ := a.sandboxOptions(); got != tc.want {
				t.Errorf("options = %+v, want %+v", got, tc.want)
			}
		})
	}
}
