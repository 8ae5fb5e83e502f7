package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/notion-mcp/notion-mcp/internal/diagnose"
	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
)

// TestDoctorLate2026 runs doctor against the sandbox over real HTTP
// (--base-url on loopback) with the tokens and faults of Notion as of late
// 2026: a personal access token, a view, a linked database, a 529 and a
// Cloudflare block.
func TestDoctorLate2026(t *testing.T) {
	type dcase struct {
		name    string
		tok     string
		fault   *sandbox.Fault
		args    []string
		verdict []string // one per target
		says    string   // in the text report
		never   string
	}
	cases := []dcase{
		{name: "PAT", tok: sandbox.TokenPersonal, args: []string{sandbox.FinanceURL, sandbox.PrivateNotesURL},
			verdict: []string{diagnose.NotShared, diagnose.Accessible}, says: "personal access token of \"" + sandbox.UserAdaName + "\"", never: "Add connections"},
		{name: "view and linked database", tok: sandbox.TokenValid, args: []string{"view://" + sandbox.TasksViewID, sandbox.LinkedTasksURL},
			verdict: []string{diagnose.WrongType, diagnose.LinkedDatabase}, says: "↗"},
		{name: "529", tok: sandbox.TokenValid, fault: &sandbox.Fault{Kind: sandbox.Fault529, PathPrefix: "/v1/pages", RetryAfter: "120"},
			args: []string{sandbox.PrivateNotesPageID}, verdict: []string{diagnose.RateLimited}, says: "overloaded", never: "status.notion.so"},
		{name: "Cloudflare 403", tok: sandbox.TokenValid, fault: &sandbox.Fault{Kind: sandbox.FaultHTML403, PathPrefix: "/v1/pages"},
			args: []string{sandbox.PrivateNotesPageID}, verdict: []string{diagnose.APIUnreachable}, says: "network rule blocked"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Each case has its own workspace and server; the real-time
			// pacing of --base-url overlaps.
			t.Parallel()
			ws := sandbox.New(sandbox.Options{})
			if c.fault != nil {
				ws.Inject(*c.fault)
			}
			srv := httptest.NewServer(ws.Handler())
			defer srv.Close()
			env := func(k string) string {
				switch k {
				case "NOTION_TOKEN":
					return c.tok
				case "NOTION_MCP_TEST_RATE":
					// The fake Notion is on loopback: no need to wait for
					// the real 3 requests/s (TestTestRate covers the knob).
					return "1000"
				}
				return ""
			}
			run := func(json bool) string {
				var out, errb bytes.Buffer
				args := []string{"doctor", "--base-url", srv.URL, "--log-level", "error"}
				if json {
					args = append(args, "--json")
				}
				Main(context.Background(), append(args, c.args...), IO{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: env})
				return out.String()
			}
			var rep doctorReport
			raw := run(true)
			if err := json.Unmarshal([]byte(raw), &rep); err != nil || len(rep.Diagnoses) != len(c.verdict) {
				t.Fatalf("output %s: %v", raw, err)
			}
			for i, d := range rep.Diagnoses {
				if d.Verdict != c.verdict[i] || !d.CheckedLive {
					t.Errorf("target %d: verdict %s (live %v), want %s: %s", i, d.Verdict, d.CheckedLive, c.verdict[i], d.Summary)
				}
				if c.tok == sandbox.TokenPersonal && (d.Integration == nil || d.Integration.Kind != notion.KindPAT) {
					t.Errorf("integration %+v", d.Integration)
				}
			}
			text := run(false)
			if !strings.Contains(text, c.says) || c.never != "" && strings.Contains(text, c.never) {
				t.Errorf("report must say %q and not %q:\n%s", c.says, c.never, text)
			}
		})
	}
}
