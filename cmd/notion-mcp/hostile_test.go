package main

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/testsupport"
)

// TestHostileArgumentsProcess sends, pipelined, the token sources that
// once hung the process or read what it must not — a FIFO, /dev/zero,
// /dev/stdin, a link to /proc/self/environ, a 2 GB sparse file, token_env
// HOME — then an ordinary call: every call is answered, the ordinary one
// too, nothing secret reaches stdout or stderr, and closing stdin ends the
// process with status 0.
func TestHostileArgumentsProcess(t *testing.T) {
	t.Parallel() // a process of its own
	if runtime.GOOS != "linux" {
		t.Skip("FIFOs, /dev and /proc as on Linux")
	}
	const secret = "wJalrXUtnFEMIK7MDENGbPxRfiCYProcessKEY"
	dir := t.TempDir()
	h := testsupport.MakeHostileFiles(t, dir, secret)
	fifo, environ, sparse := h.FIFO, h.Environ, h.Sparse
	p := start(t, []string{"NOTION_TOKEN=" + canaryValid, "AWS_SECRET_ACCESS_KEY=" + secret}, "--demo", "--log-level", "debug")
	p.initialize("2025-06-18")
	hostile := []map[string]any{
		{"env_file": fifo}, {"env_file": "/dev/zero"}, {"env_file": "/dev/stdin"}, {"env_file": environ},
		{"env_file": sparse}, {"token_env": "HOME"}, {"token_env": "AWS_SECRET_ACCESS_KEY"},
	}
	start := time.Now()
	for i, a := range hostile {
		for j, tool := range []string{"validate_token", "list_shared_databases"} {
			b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": fmt.Sprintf("h%d-%d", i, j), "method": "tools/call",
				"params": map[string]any{"name": tool, "arguments": a}})
			p.send(string(b))
		}
	}
	p.send(`{"jsonrpc":"2.0","id":"ok","method":"tools/call","params":{"name":"validate_token","arguments":{}}}`)
	// Replies come in any order: collect them all by id.
	got := map[string]message{}
	for len(got) < 2*len(hostile)+1 {
		m, ok := p.next()
		if !ok {
			t.Fatalf("stdout closed after %d replies; stderr:\n%s", len(got), p.stderrText())
		}
		if m.Method == "" {
			got[string(m.ID)] = m
		}
	}
	var out strings.Builder
	for i := range hostile {
		for j := range 2 {
			m := got[fmt.Sprintf(`"h%d-%d"`, i, j)]
			if !isErrorResult(t, m) {
				t.Errorf("call %d/%d: want an isError result, got %s", i, j, m.Result)
			}
			out.Write(m.Result)
		}
	}
	ok := got[`"ok"`]
	if !strings.Contains(string(ok.Result), `"status":"valid"`) {
		t.Errorf("the ordinary call after the hostile ones: %s", ok.Result)
	}
	t.Logf("%d hostile calls and one ordinary call answered in %s", 2*len(hostile), time.Since(start).Round(time.Millisecond))
	if code := p.closeAndWait(); code != 0 {
		t.Errorf("exit status %d after EOF", code)
	}
	all := out.String() + string(ok.Result) + p.stderrText()
	for _, s := range []string{secret[:12], canaryValid[4:16], "PATH=", "HOME=/"} {
		if strings.Contains(all, s) {
			t.Errorf("output holds %q", s)
		}
	}
}
