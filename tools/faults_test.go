package tools

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/sandbox"
)

// matrixFault is one way the Notion API can fail, as injected into the
// sandbox.
type matrixFault struct {
	kind       sandbox.FaultKind
	times      int           // 0: every matching request
	retryAfter string        // for 429s
	timeout    time.Duration // per Notion request; 0: 5 s
	deadline   time.Duration // of the whole call; 0: 10 s
}

// matrixFaults are the failures of the matrix, by the name its rows use.
var matrixFaults = map[string]matrixFault{
	"401":               {kind: sandbox.FaultStatus401},
	"403 restricted":    {kind: sandbox.Fault403Restricted},
	"404":               {kind: sandbox.Fault404},
	"429 once":          {kind: sandbox.Fault429, times: 1, retryAfter: "2"},
	"429 forever":       {kind: sandbox.Fault429, retryAfter: "2"},
	"429 wait 120s":     {kind: sandbox.Fault429, retryAfter: "120"}, // beyond the client's 60 s cap
	"500":               {kind: sandbox.Fault500},
	"html 502":          {kind: sandbox.FaultHTML502},
	"503":               {kind: sandbox.Fault503},
	"hang":              {kind: sandbox.FaultHang, timeout: 100 * time.Millisecond},
	"hang past call":    {kind: sandbox.FaultHang, timeout: 10 * time.Second, deadline: time.Second}, // the call's deadline ends it
	"reset mid-body":    {kind: sandbox.FaultResetMidBody},
	"malformed json":    {kind: sandbox.FaultMalformedJSON},
	"truncated json":    {kind: sandbox.FaultTruncatedJSON},
	"unexpected object": {kind: sandbox.FaultUnexpectedObject},
	"529 once":          {kind: sandbox.Fault529, times: 1, retryAfter: "2"},
	"529 forever":       {kind: sandbox.Fault529, retryAfter: "2"},
	"429 workspace":     {kind: sandbox.Fault429Workspace}, // Retry-After 90: beyond the cap, not waited
	"html 403":          {kind: sandbox.FaultHTML403},
}

// Scopes: where a row's fault is injected.
const (
	// scopeMain: the endpoints the tool exists for, after the token check
	// (users/me) succeeded — users/me itself for validate_token, search for
	// list_shared_databases, the four object probes for diagnose_access.
	scopeMain = "main"
	// scopeAll: every request, so the first one (users/me) fails.
	scopeAll = "all"
)

// matrixScopes are the path prefixes a row's fault is injected at, by tool
// and scope.
var matrixScopes = map[string]map[string][]string{
	"validate_token":        {scopeMain: {"/v1/users/me"}},
	"list_shared_databases": {scopeMain: {"/v1/search"}, scopeAll: {""}},
	"diagnose_access":       {scopeMain: {"/v1/pages/", "/v1/databases/", "/v1/data_sources/", "/v1/blocks/"}, scopeAll: {""}},
	"check_client_config":   {scopeMain: {"/v1/users/me"}},
}

// matrixMaxLogical bounds the distinct requests (method, path, query,
// body) one call may make; each may be attempted at most 3 times.
var matrixMaxLogical = map[string]int{"validate_token": 1, "list_shared_databases": 3, "diagnose_access": 7, "check_client_config": 1}

// matrixArgs are the arguments each tool is called with: the token comes
// from NOTION_TOKEN; diagnose_access checks the shared database Tasks.
var matrixArgs = map[string]map[string]any{
	"validate_token":        {},
	"list_shared_databases": {},
	"diagnose_access":       {"target": sandbox.TasksURL},
	// check_client_config: a Claude Desktop config holding the token, written
	// by TestFaultMatrix (config), checked live.
	"check_client_config": {"client": "claude-desktop", "live": true},
}

// matrixRow is one cell of the matrix.
type matrixRow struct {
	tool, scope, fault string
	// want is the status (validate_token) or verdict (diagnose_access) the
	// result must have; for list_shared_databases "listed" (a result) or
	// "isError".
	want string
	// advice must appear in the steps, or in the isError text: the part
	// that tells the user what to do.
	advice string
	// attempts is how often the failing request is sent: 1 for answers a
	// retry cannot change, 3 for retried ones, 2 for a single 429.
	attempts int
}

const vUnreach = "api_unreachable"

var faultMatrix = []matrixRow{
	// validate_token: GET /v1/users/me is its only request.
	{"validate_token", scopeMain, "401", "invalid", "Internal Integration Secret", 1},
	{"validate_token", scopeMain, "403 restricted", "error", "restricted", 1},
	{"validate_token", scopeMain, "404", "error", "--log-level debug", 1},
	{"validate_token", scopeMain, "429 once", "valid", "Add connections", 2},
	{"validate_token", scopeMain, "429 forever", "rate_limited", "Wait 2s", 3},
	{"validate_token", scopeMain, "429 wait 120s", "rate_limited", "Wait 2m0s", 1},
	{"validate_token", scopeMain, "500", "unreachable", "status.notion.so", 3},
	{"validate_token", scopeMain, "html 502", "unreachable", "status.notion.so", 3},
	{"validate_token", scopeMain, "503", "unreachable", "status.notion.so", 3},
	{"validate_token", scopeMain, "hang", "unreachable", "status.notion.so", 1},
	{"validate_token", scopeMain, "hang past call", "unreachable", "status.notion.so", 1},
	{"validate_token", scopeMain, "reset mid-body", "unreachable", "status.notion.so", 3},
	{"validate_token", scopeMain, "malformed json", "error", "--log-level debug", 1},
	{"validate_token", scopeMain, "truncated json", "error", "--log-level debug", 1},
	{"validate_token", scopeMain, "unexpected object", "error", "--log-level debug", 1},
	{"validate_token", scopeMain, "529 once", "valid", "Add connections", 2},
	{"validate_token", scopeMain, "529 forever", "rate_limited", "Wait 2s", 3},
	{"validate_token", scopeMain, "429 workspace", "rate_limited", "does not help", 1},
	{"validate_token", scopeMain, "html 403", "unreachable", "firewall", 1},

	// list_shared_databases: API failures are isError results by design.
	{"list_shared_databases", scopeMain, "401", "isError", "Call validate_token", 1},
	{"list_shared_databases", scopeMain, "403 restricted", "isError", "lacks the Read content capability", 1},
	{"list_shared_databases", scopeMain, "404", "isError", "--log-level debug", 1},
	{"list_shared_databases", scopeMain, "429 once", "listed", "", 2},
	{"list_shared_databases", scopeMain, "429 forever", "isError", "wait 2s and call again", 3},
	{"list_shared_databases", scopeMain, "429 wait 120s", "isError", "wait 2m0s and call again", 1},
	{"list_shared_databases", scopeMain, "500", "isError", "then call again", 3},
	{"list_shared_databases", scopeMain, "html 502", "isError", "then call again", 3},
	{"list_shared_databases", scopeMain, "503", "isError", "then call again", 3},
	{"list_shared_databases", scopeMain, "hang", "isError", "then call again", 1},
	{"list_shared_databases", scopeMain, "hang past call", "isError", "then call again", 1},
	{"list_shared_databases", scopeMain, "reset mid-body", "isError", "then call again", 3},
	{"list_shared_databases", scopeMain, "malformed json", "isError", "--log-level debug", 1},
	{"list_shared_databases", scopeMain, "truncated json", "isError", "--log-level debug", 1},
	{"list_shared_databases", scopeMain, "unexpected object", "isError", "--log-level debug", 1},
	{"list_shared_databases", scopeMain, "529 once", "listed", "", 2},
	{"list_shared_databases", scopeMain, "529 forever", "isError", "wait 2s and call again", 3},
	{"list_shared_databases", scopeMain, "429 workspace", "isError", "a separate integration does not help", 1},
	{"list_shared_databases", scopeMain, "html 403", "isError", "network rule", 1},
	{"list_shared_databases", scopeAll, "401", "isError", "Call validate_token", 1},
	{"list_shared_databases", scopeAll, "403 restricted", "isError", "Call validate_token", 1},
	{"list_shared_databases", scopeAll, "404", "isError", "--log-level debug", 1},
	{"list_shared_databases", scopeAll, "429 once", "listed", "", 2},
	{"list_shared_databases", scopeAll, "429 forever", "isError", "wait 2s and call again", 3},
	{"list_shared_databases", scopeAll, "429 wait 120s", "isError", "wait 2m0s and call again", 1},
	{"list_shared_databases", scopeAll, "500", "isError", "then call again", 3},
	{"list_shared_databases", scopeAll, "html 502", "isError", "then call again", 3},
	{"list_shared_databases", scopeAll, "503", "isError", "then call again", 3},
	{"list_shared_databases", scopeAll, "hang", "isError", "then call again", 1},
	{"list_shared_databases", scopeAll, "hang past call", "isError", "then call again", 1},
	{"list_shared_databases", scopeAll, "reset mid-body", "isError", "then call again", 3},
	{"list_shared_databases", scopeAll, "malformed json", "isError", "--log-level debug", 1},
	{"list_shared_databases", scopeAll, "truncated json", "isError", "--log-level debug", 1},
	{"list_shared_databases", scopeAll, "unexpected object", "isError", "--log-level debug", 1},
	{"list_shared_databases", scopeAll, "529 once", "listed", "", 2},
	{"list_shared_databases", scopeAll, "529 forever", "isError", "wait 2s and call again", 3},
	{"list_shared_databases", scopeAll, "429 workspace", "isError", "a separate integration does not help", 1},
	{"list_shared_databases", scopeAll, "html 403", "isError", "network rule", 1},

	// check_client_config --live: users/me per token, as validate_token; the
	// outcome is the live problem's code, the advice its message and fix.
	{"check_client_config", scopeMain, "401", "token_invalid", "Internal Integration Secret", 1},
	{"check_client_config", scopeMain, "403 restricted", "token_unchecked", "capability", 1},
	{"check_client_config", scopeMain, "404", "token_unchecked", "failed", 1},
	{"check_client_config", scopeMain, "429 once", "token_ok", "shared with", 2},
	{"check_client_config", scopeMain, "429 forever", "token_unchecked", "rate-limiting", 3},
	{"check_client_config", scopeMain, "429 wait 120s", "token_unchecked", "rate-limiting", 1},
	{"check_client_config", scopeMain, "500", "token_unchecked", "could not be reached", 3},
	{"check_client_config", scopeMain, "html 502", "token_unchecked", "could not be reached", 3},
	{"check_client_config", scopeMain, "503", "token_unchecked", "could not be reached", 3},
	{"check_client_config", scopeMain, "hang", "token_unchecked", "could not be reached", 1},
	{"check_client_config", scopeMain, "hang past call", "token_unchecked", "could not be reached", 1},
	{"check_client_config", scopeMain, "reset mid-body", "token_unchecked", "could not be reached", 3},
	{"check_client_config", scopeMain, "malformed json", "token_unchecked", "failed", 1},
	{"check_client_config", scopeMain, "truncated json", "token_unchecked", "failed", 1},
	{"check_client_config", scopeMain, "unexpected object", "token_unchecked", "failed", 1},
	{"check_client_config", scopeMain, "529 once", "token_ok", "shared with", 2},
	{"check_client_config", scopeMain, "529 forever", "token_unchecked", "overloaded", 3},
	{"check_client_config", scopeMain, "429 workspace", "token_unchecked", "whole workspace", 1},
	{"check_client_config", scopeMain, "html 403", "token_unchecked", "network rule", 1},

	// diagnose_access on the shared database Tasks.
	{"diagnose_access", scopeMain, "401", "token_invalid", "Internal Integration Secret", 1},
	{"diagnose_access", scopeMain, "403 restricted", "missing_capability", "Capabilities", 1},
	{"diagnose_access", scopeMain, "404", "not_shared", "Add connections", 1},
	{"diagnose_access", scopeMain, "429 once", "accessible", "as the database ID", 2},
	{"diagnose_access", scopeMain, "429 forever", "rate_limited", "Wait 2s", 3},
	{"diagnose_access", scopeMain, "429 wait 120s", "rate_limited", "Wait 2m0s", 1},
	{"diagnose_access", scopeMain, "500", vUnreach, "status.notion.so", 3},
	{"diagnose_access", scopeMain, "html 502", vUnreach, "status.notion.so", 3},
	{"diagnose_access", scopeMain, "503", vUnreach, "status.notion.so", 3},
	{"diagnose_access", scopeMain, "hang", vUnreach, "status.notion.so", 1},
	{"diagnose_access", scopeMain, "hang past call", vUnreach, "status.notion.so", 1},
	{"diagnose_access", scopeMain, "reset mid-body", vUnreach, "status.notion.so", 3},
	{"diagnose_access", scopeMain, "malformed json", vUnreach, "--log-level debug", 1},
	{"diagnose_access", scopeMain, "truncated json", vUnreach, "--log-level debug", 1},
	{"diagnose_access", scopeMain, "unexpected object", vUnreach, "--log-level debug", 1},
	{"diagnose_access", scopeMain, "529 once", "accessible", "as the database ID", 2},
	{"diagnose_access", scopeMain, "529 forever", "rate_limited", "Wait 2s", 3},
	{"diagnose_access", scopeMain, "429 workspace", "rate_limited", "does not help", 1},
	{"diagnose_access", scopeMain, "html 403", vUnreach, "firewall", 1},
	{"diagnose_access", scopeAll, "401", "token_invalid", "Internal Integration Secret", 1},
	{"diagnose_access", scopeAll, "403 restricted", "token_invalid", "restricted", 1},
	{"diagnose_access", scopeAll, "404", vUnreach, "--log-level debug", 1},
	{"diagnose_access", scopeAll, "429 once", "accessible", "as the database ID", 2},
	{"diagnose_access", scopeAll, "429 forever", "rate_limited", "Wait 2s", 3},
	{"diagnose_access", scopeAll, "429 wait 120s", "rate_limited", "Wait 2m0s", 1},
	{"diagnose_access", scopeAll, "500", vUnreach, "status.notion.so", 3},
	{"diagnose_access", scopeAll, "html 502", vUnreach, "status.notion.so", 3},
	{"diagnose_access", scopeAll, "503", vUnreach, "status.notion.so", 3},
	{"diagnose_access", scopeAll, "hang", vUnreach, "status.notion.so", 1},
	{"diagnose_access", scopeAll, "hang past call", vUnreach, "status.notion.so", 1},
	{"diagnose_access", scopeAll, "reset mid-body", vUnreach, "status.notion.so", 3},
	{"diagnose_access", scopeAll, "malformed json", vUnreach, "--log-level debug", 1},
	{"diagnose_access", scopeAll, "truncated json", vUnreach, "--log-level debug", 1},
	{"diagnose_access", scopeAll, "unexpected object", vUnreach, "--log-level debug", 1},
	{"diagnose_access", scopeAll, "529 once", "accessible", "as the database ID", 2},
	{"diagnose_access", scopeAll, "529 forever", "rate_limited", "Wait 2s", 3},
	{"diagnose_access", scopeAll, "429 workspace", "rate_limited", "does not help", 1},
	{"diagnose_access", scopeAll, "html 403", vUnreach, "firewall", 1},
}

// TestFaultMatrix drives every networked tool through the MCP layer against
// every API failure and checks the answer a user gets: a result (or, for
// list_shared_databases, an isError result) with the right status or
// verdict, advice on what to do, few requests, and no hang. The calls all
// run at once (most of their time is spent waiting on a timeout or a
// deadline), then each cell is checked in its own subtest.
func TestFaultMatrix(t *testing.T) {
	t.Parallel() // mostly waiting for timeouts and deadlines
	checkMatrixComplete(t)
	matrixArgs["check_client_config"]["config"] = writeClientConfig(t, sandbox.TokenValid)
	cells := make([]matrixCell, len(faultMatrix))
	var wg sync.WaitGroup
	for i, c := range faultMatrix {
		f := matrixFaults[c.fault]
		cell := &cells[i]
		cell.deadline = f.deadline
		if cell.deadline == 0 {
			cell.deadline = 10 * time.Second
		}
		cell.rig = newFaultRig(t, faultRigOptions{env: map[string]string{"NOTION_TOKEN": sandbox.TokenValid}, timeout: f.timeout})
		for _, p := range matrixScopes[c.tool][c.scope] {
			cell.rig.ws.Inject(sandbox.Fault{PathPrefix: p, Kind: f.kind, Times: f.times, RetryAfter: f.retryAfter})
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			cell.res, cell.err = cell.rig.ask(cell.deadline, c.tool, matrixArgs[c.tool])
			cell.elapsed = time.Since(start)
		}()
	}
	wg.Wait()
	for i, c := range faultMatrix {
		t.Run(c.tool+"/"+c.scope+"/"+c.fault, func(t *testing.T) { cells[i].check(t, c) })
	}
}

// matrixCell is one cell's call and what came of it.
type matrixCell struct {
	rig      *faultRig
	deadline time.Duration
	res      mcpAnswer
	err      error
	elapsed  time.Duration
}

func (cell *matrixCell) check(t *testing.T, c matrixRow) {
	res := cell.res
	if cell.err != nil {
		t.Fatal(cell.err)
	}
	if res.RPCError != "" {
		t.Fatalf("JSON-RPC error %s; want a tool result", res.RPCError)
	}
	got, advice := matrixOutcome(c.tool, res)
	if got != c.want {
		t.Errorf("outcome %q, want %q\n%s", got, c.want, res.raw)
	}
	switch {
	case c.want == "listed":
		if n, _ := res.Structured["count"].(float64); n == 0 {
			t.Errorf("listing after a transient fault has no databases: %s", res.raw)
		}
	case strings.TrimSpace(advice) == "":
		t.Errorf("no advice: the user is not told what to do\n%s", res.raw)
	case !strings.Contains(advice, c.advice):
		t.Errorf("advice does not say %q:\n%s", c.advice, advice)
	}

	checkMatrixRequests(t, c, cell.rig.ws.Requests())
	if c.fault == "429 once" || c.fault == "429 forever" {
		if !slices.Contains(cell.rig.clock.Sleeps(), 2*time.Second) {
			t.Errorf("Retry-After: 2 was not waited out; waits %v", cell.rig.clock.Sleeps())
		}
	}
	// ask gave up on answers later than the deadline plus 3 s, which for
	// "hang past call" is less than its 10 s request timeout: a call that
	// ignored its deadline fails. This notes how late a slow machine made
	// the others.
	if late := cell.elapsed - cell.deadline; late > 500*time.Millisecond {
		t.Logf("answered %s after the call's deadline", late)
	}
}

// matrixOutcome reads a result's status or verdict and the text that advises
// the user.
func matrixOutcome(tool string, res mcpAnswer) (got, advice string) {
	if tool == "list_shared_databases" {
		if res.IsError {
			return "isError", res.Text
		}
		return "listed", ""
	}
	if res.IsError || res.Structured == nil {
		return "isError: " + res.Text, ""
	}
	if tool == "check_client_config" {
		return clientConfigOutcome(res.Structured)
	}
	key, stepsKey := "status", "next_steps"
	if tool == "diagnose_access" {
		key, stepsKey = "verdict", "steps"
	}
	got, _ = res.Structured[key].(string)
	steps, _ := res.Structured[stepsKey].([]any)
	var b strings.Builder
	for _, s := range steps {
		str, _ := s.(string)
		if strings.TrimSpace(str) == "" {
			return got, "" // an empty step is no advice
		}
		b.WriteString(str + "\n")
	}
	if sum, _ := res.Structured["summary"].(string); sum == "" {
		return got, ""
	}
	return got, b.String()
}

// checkMatrixRequests bounds what the call sent: few distinct requests, each
// attempted at most 3 times, and the failing one exactly as often as the
// retry policy says.
func checkMatrixRequests(t *testing.T, c matrixRow, reqs []sandbox.Request) {
	t.Helper()
	perRequest := map[string]int{}
	var order []string
	for _, q := range reqs {
		k := q.Method + " " + q.Path + "?" + q.Query + " " + q.Body
		if perRequest[k] == 0 {
			order = append(order, k)
		}
		perRequest[k]++
	}
	most := 0
	for _, n := range perRequest {
		most = max(most, n)
	}
	if len(perRequest) > matrixMaxLogical[c.tool] {
		t.Errorf("%d distinct requests, want at most %d: %v", len(perRequest), matrixMaxLogical[c.tool], order)
	}
	if most != c.attempts {
		t.Errorf("the failing request was sent %d times, want %d: %v", most, c.attempts, perRequest)
	}
}

// checkMatrixComplete fails if a tool, scope or fault lacks its row, so a new
// fault or tool cannot be left out of the matrix.
func checkMatrixComplete(t *testing.T) {
	t.Helper()
	seen := map[string]bool{}
	for _, c := range faultMatrix {
		k := c.tool + "/" + c.scope + "/" + c.fault
		if seen[k] {
			t.Errorf("matrixRow %s twice", k)
		}
		seen[k] = true
		if _, ok := matrixFaults[c.fault]; !ok {
			t.Errorf("matrixRow %s: no fault %q", k, c.fault)
		}
	}
	for tool, scopes := range matrixScopes {
		for scope := range scopes {
			for name := range matrixFaults {
				if k := tool + "/" + scope + "/" + name; !seen[k] {
					t.Errorf("the faultMatrix has no matrixRow %s", k)
				}
			}
		}
	}
	for _, st := range Tools(&Deps{}) {
		if _, ok := matrixArgs[st.Tool.Name]; !ok && st.Tool.Annotations.OpenWorldHint != nil && *st.Tool.Annotations.OpenWorldHint {
			t.Errorf("networked tool %s is not in the fault faultMatrix", st.Tool.Name)
		}
	}
	kinds := map[sandbox.FaultKind]bool{}
	for _, f := range matrixFaults {
		kinds[f.kind] = true
	}
	for k := sandbox.FaultStatus401; k <= sandbox.FaultUnexpectedObject; k++ {
		if !kinds[k] {
			t.Errorf("sandbox fault %s is not in the faultMatrix", k)
		}
	}
}

// writeClientConfig writes a Claude Desktop config whose notion-mcp server
// holds tok.
func writeClientConfig(t *testing.T, tok string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "claude_desktop_config.json")
	cfg := `{"mcpServers": {"notion": {"command": "notion-mcp", "env": {"NOTION_TOKEN": "` + tok + `"}}}}`
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// clientConfigOutcome is the code of the live check's problem and its
// message and fix.
func clientConfigOutcome(st map[string]any) (got, advice string) {
	configs, _ := st["configs"].([]any)
	for _, c := range configs {
		servers, _ := c.(map[string]any)["servers"].([]any)
		for _, s := range servers {
			problems, _ := s.(map[string]any)["problems"].([]any)
			for _, p := range problems {
				pm, _ := p.(map[string]any)
				code, _ := pm["code"].(string)
				if code == "token_ok" || code == "token_invalid" || code == "token_unchecked" {
					msg, _ := pm["message"].(string)
					fix, _ := pm["fix"].(string)
					return code, msg + "\n" + fix
				}
			}
		}
	}
	return "no live check", ""
}
