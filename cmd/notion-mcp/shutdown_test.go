package main

import (
	"encoding/json"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// demoEnv runs the binary against a big, slow sandbox (hidden variables read
// only in demo mode), with every token variable emptied so that a token in
// the developer's environment cannot reach it.
func demoEnv(databases, latency string) []string {
	return []string{
		"NOTION_MCP_DEMO=1", "NOTION_MCP_LOG_LEVEL=info",
		"NOTION_TOKEN=", "NOTION_API_KEY=", "NOTION_API_TOKEN=", "NOTION_INTEGRATION_TOKEN=",
		"NOTION_MCP_SANDBOX_DATABASES=" + databases, "NOTION_MCP_SANDBOX_LATENCY=" + latency,
	}
}

// listCall lists under API 2022-06-28 (no per-database retrievals, so the
// call lasts as long as its search pages), asking for progress.
func listCall(id string) string {
	return `{"jsonrpc":"2.0","id":` + id + `,"method":"tools/call","params":{"name":"list_shared_databases",` +
		`"arguments":{"api_version":"2022-06-28"},"_meta":{"progressToken":` + id + `}}}`
}

// waitProgress reads until the first progress notification for token and
// keeps every answer read on the way, by id.
func (p *proc) waitProgress(token string, answers map[string]message) {
	p.t.Helper()
	for {
		select {
		case line, ok := <-p.lines:
			if !ok {
				p.t.Fatalf("stdout closed before progress for %s; stderr:\n%s", token, p.stderrText())
			}
			var m struct {
				message
				Params struct {
					Token json.RawMessage `json:"progressToken"`
				} `json:"params"`
			}
			if err := json.Unmarshal([]byte(line), &m); err != nil || m.JSONRPC != "2.0" {
				p.t.Fatalf("stdout carried a line that is not JSON-RPC 2.0: %q", line)
			}
			if m.Method == "" {
				answers[string(m.ID)] = m.message
			} else if m.Method == "notifications/progress" && string(m.Params.Token) == token {
				return
			}
		case <-time.After(20 * time.Second):
			p.t.Fatalf("no progress within 20s; stderr:\n%s", p.stderrText())
		}
	}
}

// rest reads stdout to its end, adding the answers to answers.
func (p *proc) rest(answers map[string]message) {
	p.t.Helper()
	for {
		m, ok := p.next()
		if !ok {
			return
		}
		if m.Method == "" {
			answers[string(m.ID)] = m
		}
	}
}

// exitWithin waits for the process to exit by itself.
func (p *proc) exitWithin(d time.Duration) int {
	p.t.Helper()
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		if err != nil {
			p.t.Fatal(err)
		}
		return 0
	case <-time.After(d):
		p.t.Fatalf("still running %v later; stderr:\n%s", d, p.stderrText())
		return -1
	}
}

func isErrorResult(t *testing.T, m message) bool {
	t.Helper()
	var r struct {
		IsError bool `json:"isError"`
	}
	if m.Error != nil || json.Unmarshal(m.Result, &r) != nil {
		t.Fatalf("not a tool result: %+v %s", m.Error, m.Result)
	}
	return r.IsError
}

// SIGTERM while a long listing runs (30+ search pages at Notion's 3
// requests a second: about 10 s): the call gets the grace period, is then
// cancelled and answered as an error (a listing that ran to its end would
// not be one), and the process exits 0. The README says within 2 s; the
// bound here leaves a loaded machine room (the transport's own tests hold
// the grace and cancel wait).
func TestSIGTERMDuringCall(t *testing.T) {
	t.Parallel() // waits out the grace period
	p := start(t, demoEnv("3000", "5ms"))
	p.initialize("2025-06-18")
	p.send(listCall(`"list"`))
	answers := map[string]message{}
	p.waitProgress(`"list"`, answers)
	sent := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	p.rest(answers)
	code := p.exitWithin(20 * time.Second)
	took := time.Since(sent)
	if code != 0 {
		t.Errorf("exit status %d after SIGTERM; stderr:\n%s", code, p.stderrText())
	}
	if took > 8*time.Second {
		t.Errorf("exited %v after SIGTERM, want within the 2 s the README says", took)
	}
	m, ok := answers[`"list"`]
	if !ok {
		t.Fatalf("the call in flight was not answered before exit; stderr:\n%s", p.stderrText())
	}
	if !isErrorResult(t, m) {
		t.Errorf("the call cut short by SIGTERM was not an isError result: %s", m.Result)
	}
	t.Logf("exit %v after SIGTERM", took.Round(time.Millisecond))
}

// EOF while calls run: they finish, their answers arrive, then exit 0.
func TestEOFWithCallsInFlight(t *testing.T) {
	t.Parallel()                           // waits out the sandbox's latency
	p := start(t, demoEnv("250", "100ms")) // three search pages, 100 ms each
	p.initialize("2025-06-18")
	p.send(listCall(`"list"`))
	p.send(`{"jsonrpc":"2.0","id":"x","method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":"1f2e3d4c5b6a79880123456789abcdef"}}}`)
	answers := map[string]message{}
	p.waitProgress(`"list"`, answers)
	if code := p.closeAndWaitCollect(answers); code != 0 {
		t.Errorf("exit status %d after EOF", code)
	}
	m, ok := answers[`"list"`]
	if !ok {
		t.Fatalf("the listing in flight at EOF was not answered; stderr:\n%s", p.stderrText())
	}
	var r struct {
		IsError    bool `json:"isError"`
		Structured struct {
			Count    int  `json:"count"`
			Complete bool `json:"complete"`
		} `json:"structuredContent"`
	}
	if err := json.Unmarshal(m.Result, &r); err != nil || r.IsError || !r.Structured.Complete || r.Structured.Count < 225 {
		t.Errorf("listing in flight at EOF: %.300s", m.Result)
	}
	if x, ok := answers[`"x"`]; !ok || isErrorResult(t, x) {
		t.Errorf("extract_notion_id: %+v", x)
	}
}

// closeAndWaitCollect closes stdin, collects the remaining answers and
// returns the exit status.
func (p *proc) closeAndWaitCollect(answers map[string]message) int {
	p.t.Helper()
	p.stdin.Close()
	p.rest(answers)
	return p.exitWithin(20 * time.Second)
}
