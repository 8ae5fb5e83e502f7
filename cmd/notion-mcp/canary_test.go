package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/cli"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/sandbox/sandboxtest"

	"github.com/notion-mcp/notion-mcp/internal/testsupport"
)

// The canaries: canaryValid is accepted by the sandbox; canaryRevoked has
// the real shape (ntn_ + 11 digits + 35 alphanumerics) but no workspace
// knows it, so every request made with it is answered 401.
const (
	canaryValid   = sandbox.TokenValid
	canaryRevoked = "ntn_" + "90817263544" + "CanaryRevokedQ7w2XZ9kLmN4pR8sT1vY3b"
)

// envLineGap is the one leak found: a token pasted into env_file after a
// prefix ("NOTION_TOKEN=ntn_…", " Bearer ntn_…") is echoed back as the path
// that does not exist, because token.looksLikeToken only checks how the
// value starts. Runs that show it are reported, not failed, and kept apart
// so they cannot hide another leak.
const envLineGap = "internal/token/resolve.go fromFile echoes an env_file value holding a token after a prefix"

// unknownArgGap: an argument named with a token (a model that put the token
// where a name belongs) is echoed in "unknown argument …".
const unknownArgGap = "tools/args.go bindArgs quotes unknown argument names, whatever they hold"

// leaks lists where in out a canary, or any 8-character (the redaction bound) slice of one,
// appears.
func leaks(where, out string) []string {
	var found []string
	for _, c := range []string{canaryValid, canaryRevoked} {
		for i := 0; i+8 <= len(c); i++ {
			if j := strings.Index(out, c[i:i+8]); j >= 0 {
				lo, hi := max(j-60, 0), min(j+72, len(out))
				found = append(found, fmt.Sprintf("%s holds %q (slice %d of %s…): …%s…", where, c[i:i+8], i, c[:8], out[lo:hi]))
				break
			}
		}
	}
	return found
}

// canaryRun is one in-process invocation of the command line.
type canaryRun struct {
	name  string
	args  []string
	env   map[string]string
	stdin string
	ctx   time.Duration // the invocation's deadline; default 20 s
	gap   string        // the leak this run once showed, named in the failure if it comes back
}

type canaryRan struct {
	canaryRun
	code                int
	stdout, stderr, log string
}

// invokeCLI runs r, with the log in logFile when it is set.
func invokeCLI(r canaryRun, logFile string) canaryRan {
	if r.ctx == 0 {
		r.ctx = 20 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), r.ctx)
	defer cancel()
	// Logs are written from concurrent goroutines, as to os.Stderr.
	var stdout, stderr testsupport.LockedBuffer
	args := append([]string(nil), r.args...)
	if logFile != "" {
		args = append(args, "--log-file", logFile)
	}
	code := cli.Main(ctx, args, cli.IO{
		Stdin: strings.NewReader(r.stdin), Stdout: &stdout, Stderr: &stderr,
		// Retries wait on a fake clock: what these runs prove is what
		// reaches the output and the logs, not how long a retry waits.
		Clock: sandboxtest.NewClock(),
		Getenv: func(k string) string {
			if v, ok := r.env[k]; ok || k != "NOTION_MCP_TEST_RATE" {
				return v
			}
			// The fake APIs of --base-url are on loopback: what these runs
			// prove is what reaches the output and the logs, not Notion's
			// 3 requests/s pacing, so they need not wait for it.
			return "1000"
		},
	})
	out := canaryRan{canaryRun: r, code: code, stdout: stdout.String(), stderr: stderr.String()}
	if logFile != "" {
		b, _ := os.ReadFile(logFile)
		out.log = string(b)
	}
	return out
}

// logMode is where and how a run logs.
type logMode struct {
	format string // json or console
	toFile bool   // --log-file instead of stderr
}

var allLogModes = []logMode{{"json", false}, {"json", true}, {"console", false}, {"console", true}}

// invokeAll runs every run in every mode, at debug level with the extra
// flags, all concurrently: each has its own runtime, so its own rate
// limiter, and most of their time is spent waiting.
func invokeAll(t *testing.T, runs []canaryRun, modes []logMode, flags ...string) []canaryRan {
	dir := t.TempDir()
	out := make([]canaryRan, len(runs)*len(modes))
	var wg sync.WaitGroup
	for m, mode := range modes {
		for i, r := range runs {
			r.name = fmt.Sprintf("%s [%s, log file %v]", r.name, mode.format, mode.toFile)
			r.args = append(append(append([]string(nil), r.args...), flags...), "--log-level", "debug", "--log-format", mode.format)
			logFile := ""
			if mode.toFile {
				logFile = filepath.Join(dir, fmt.Sprintf("%d-%d.log", m, i))
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				out[m*len(runs)+i] = invokeCLI(r, logFile)
			}()
		}
	}
	wg.Wait()
	return out
}

// check fails the test for every leak in what r printed or logged.
func (r canaryRan) check(t *testing.T) {
	t.Helper()
	var all []string
	all = append(all, leaks("stdout", r.stdout)...)
	all = append(all, leaks("stderr", r.stderr)...)
	all = append(all, leaks("log file", r.log)...)
	if len(all) > 0 {
		t.Errorf("%s %q: the token leaked (exit %d; once seen as: %s):\n  %s", r.name, r.args, r.code, r.gap, strings.Join(all, "\n  "))
	}
}

// checkAll checks every run and that Notion requests were logged at debug
// level (the log line most likely to carry a token by mistake).
func checkAll(t *testing.T, res []canaryRan) {
	t.Helper()
	requestLogs := 0
	for _, r := range res {
		r.check(t)
		requestLogs += strings.Count(r.stderr+r.log, "notion request")
	}
	if requestLogs == 0 {
		t.Error("no run logged a Notion request at debug level")
	}
}

// canaryFiles are .env files holding the canaries.
type canaryFiles struct{ valid, revoked, messy, home string }

func writeCanaryFiles(t *testing.T) canaryFiles {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A home whose MCP client configs hold the canaries in every place a
	// config can hold a token.
	headers := `{\"Authorization\": \"Bearer ` + canaryValid + `\", \"Notion-Version\": \"2022-06-28\"}`
	for name, body := range map[string]string{
		"home/.config/Claude/claude_desktop_config.json": `{"mcpServers": {"notion": {"command": "npx", "args": ["-y", "@notionhq/notion-mcp-server"],
			"env": {"OPENAPI_MCP_HEADERS": "` + headers + `"}}, "n2": {"command": "notion-mcp", "env": {"NOTION_API_KEY": "` + canaryRevoked + `"}}}}`,
		"home/.claude.json": `{"mcpServers": {"notion": {"command": "notion-mcp", "env": {"NOTION_TOKEN": "` + canaryValid + `"}}},
			"projects": {"/p": {"mcpServers": {"n": {"command": "docker", "args": ["run", "-i", "-e", "NOTION_TOKEN=` + canaryRevoked + `", "mcp/notion"]}}}}}`,
		"home/.cursor/mcp.json":                  `{"mcpServers": {"notion": {"command": "notion-mcp", "env": {"NOTION_TOKEN": " 'Bearer ` + canaryValid + `'"}}}}`,
		"home/.codeium/windsurf/mcp_config.json": `{"mcpServers": {"notion": {"command": "notion-mcp", "env": {"NOTION_TOKEN": "` + canaryRevoked + `"},}}`,
		"home/.codex/config.toml":                "[mcp_servers.notion]\ncommand = \"notion-mcp\"\nenv = { NOTION_TOKEN = \"" + canaryRevoked + "\" }\n",
		"home/.config/Code/User/mcp.json":        `{"servers": {"notion": {"command": "notion-mcp", "env": {"NOTION_TOKEN": "${env:NOTION_TOKEN}"}}}}`,
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o700); err != nil {
			t.Fatal(err)
		}
		write(name, body)
	}
	return canaryFiles{
		home:    filepath.Join(dir, "home"),
		valid:   write("valid.env", "# project settings\nexport NOTION_TOKEN="+canaryValid+"\nOTHER=1\n"),
		revoked: write("revoked.env", "NOTION_API_KEY='"+canaryRevoked+"'\n"),
		messy:   write("messy.env", "NOTION_TOKEN=\"Bearer "+canaryValid+"\"  # pasted from curl\r\n"),
	}
}

// pasted is what a user pastes from their app: the request with its token,
// and Notion's error.
func pasted(tok string) string {
	return "curl -H 'Authorization: Bearer " + tok + "' -H 'Notion-Version: 2025-09-03' " +
		"https://api.notion.com/v1/databases/" + sandbox.FinanceDatabaseID + "\n" +
		`{"object":"error","status":404,"code":"object_not_found","message":"Could not find database with ID: ` + sandbox.FinanceDatabaseID +
		`. Make sure the relevant pages and databases are shared with your integration.","token":"` + tok + `"}`
}

// tokenSource is one way a command is given a token.
type tokenSource struct {
	name  string
	env   map[string]string
	flags []string
}

func tokenSources(f canaryFiles) []tokenSource {
	return []tokenSource{
		{"env NOTION_TOKEN", map[string]string{"NOTION_TOKEN": canaryValid, "NOTION_API_KEY": canaryRevoked}, nil},
		{"env NOTION_TOKEN revoked", map[string]string{"NOTION_TOKEN": canaryRevoked}, nil},
		{"env NOTION_API_KEY", map[string]string{"NOTION_API_KEY": canaryValid, "NOTION_INTEGRATION_TOKEN": canaryRevoked}, nil},
		{"env messy", map[string]string{"NOTION_TOKEN": " 'Bearer " + canaryValid + "'\n"}, nil},
		{"token-env", map[string]string{"MY_NOTION_SECRET": canaryRevoked}, []string{"--token-env", "MY_NOTION_SECRET"}},
		{"env-file", nil, []string{"--env-file", f.valid}},
		{"env-file revoked", map[string]string{"NOTION_TOKEN": canaryValid}, []string{"--env-file", f.revoked}},
		{"env-file messy", nil, []string{"--env-file", f.messy}},
	}
}

// commandRuns are every command with the canaries in every place a token
// comes from, and pasted into the arguments.
func commandRuns(f canaryFiles) []canaryRun {
	runs := []canaryRun{
		{name: "id pasted", args: []string{"id", pasted(canaryValid)}},
		{name: "id json pasted", args: []string{"id", "--json", pasted(canaryRevoked), sandbox.TasksURL}},
		{name: "id token only", args: []string{"id", canaryValid}},
		{name: "id json token only", args: []string{"id", "--json", canaryRevoked}},
		{name: "id token in link", args: []string{"id", "https://www.notion.so/acme/Tasks-" + strings.ReplaceAll(sandbox.TasksDatabaseID, "-", "") + "?token=" + canaryRevoked}},
		{name: "tools", args: []string{"tools"}},
		{name: "tools json", args: []string{"tools", "--json"}},
		{name: "tools markdown", args: []string{"tools", "--markdown"}},
		{name: "version", args: []string{"version"}},
		{name: "--version", args: []string{"--version"}},
	}
	for _, src := range tokenSources(f) {
		runs = append(runs,
			canaryRun{name: "token " + src.name, args: append([]string{"token"}, src.flags...), env: src.env},
			canaryRun{name: "token json " + src.name, args: append([]string{"token", "--json"}, src.flags...), env: src.env},
			canaryRun{name: "databases " + src.name, args: append([]string{"databases", "--pages"}, src.flags...), env: src.env},
			canaryRun{name: "databases json " + src.name, args: append([]string{"databases", "--json"}, src.flags...), env: src.env},
			canaryRun{name: "doctor " + src.name, args: append([]string{"doctor", pasted(canaryValid)}, src.flags...), env: src.env},
			canaryRun{name: "doctor json " + src.name, args: append([]string{"doctor", "--json", sandbox.SprintBoardURL}, src.flags...), env: src.env},
		)
	}
	// MCP client configs holding the canaries, with the canaries in the
	// environment too (VS Code's ${env:NOTION_TOKEN}).
	home := map[string]string{"HOME": f.home, "NOTION_TOKEN": canaryValid, "PATH": "/nonexistent"}
	for _, args := range [][]string{
		{"clients"}, {"clients", "--json"}, {"clients", "--live"}, {"clients", "--json", "--live"},
		{"clients", "--client", "codex", "--live"},
		{"clients", "--config", filepath.Join(f.home, ".codeium", "windsurf", "mcp_config.json")},
		{"clients", "--json", "--config", filepath.Join(f.home, ".claude.json"), "--live"},
	} {
		runs = append(runs, canaryRun{name: strings.Join(args, " "), args: args, env: home})
	}
	// config prints entries with <your token>, never the environment's.
	for _, client := range []string{"claude-desktop", "claude-code", "cursor", "vscode", "windsurf", "codex"} {
		runs = append(runs,
			canaryRun{name: "config " + client, args: []string{"config", client}, env: home},
			canaryRun{name: "config json official " + client, args: []string{"config", client, "--server", "official", "--json"}, env: home})
	}
	// The token pasted where a name or a path belongs.
	runs = append(runs,
		canaryRun{name: "config given the token", args: []string{"config", canaryValid}},
		canaryRun{name: "config --server given the token", args: []string{"config", "cursor", "--server", canaryRevoked}},
		canaryRun{name: "config --command given the token", args: []string{"config", "cursor", "--command", canaryRevoked}},
		canaryRun{name: "clients --config given the token", args: []string{"clients", "--config", canaryValid}},
		canaryRun{name: "clients --client given the token", args: []string{"clients", "--client", canaryRevoked}},
		canaryRun{name: "token-env given the token", args: []string{"token", "--token-env", canaryValid}},
		canaryRun{name: "token-env given the .env line", args: []string{"databases", "--token-env", "NOTION_TOKEN=" + canaryRevoked}},
		canaryRun{name: "env-key given the token", args: []string{"doctor", "--env-file", f.valid, "--env-key", canaryValid}},
		canaryRun{name: "env-file given the token", args: []string{"token", "--env-file", canaryRevoked}},
		canaryRun{name: "env-file given the .env line", args: []string{"token", "--env-file", "NOTION_TOKEN=" + canaryRevoked}, gap: envLineGap},
		canaryRun{name: "env-file given a Bearer line", args: []string{"token", "--env-file", " Bearer " + canaryValid}, gap: envLineGap},
		canaryRun{name: "two sources", args: []string{"token", "--env-file", f.valid, "--token-env", "NOTION_TOKEN"}, env: map[string]string{"NOTION_TOKEN": canaryRevoked}},
	)
	return runs
}

// crossedLogModes cover both formats and both destinations in two runs
// (TestCanaryServe runs all four).
var crossedLogModes = []logMode{{"json", false}, {"console", true}}

// TestCanaryCommands runs every command at debug level in both log
// formats, to stderr and to --log-file, against the demo sandbox, and
// checks that no canary reaches stdout, stderr or the log.
func TestCanaryCommands(t *testing.T) {
	t.Parallel()
	checkAll(t, invokeAll(t, commandRuns(writeCanaryFiles(t)), crossedLogModes, "--demo"))
}

// faultyAPI serves a sandbox workspace with f injected over HTTP on
// loopback, for --base-url: the demo sandbox takes no faults.
func faultyAPI(t *testing.T, f sandbox.Fault) string {
	ws := sandbox.New(sandbox.Options{})
	if f.Kind != 0 {
		ws.Inject(f)
	}
	srv := httptest.NewServer(ws.Handler())
	t.Cleanup(srv.Close)
	return srv.URL
}

// failureFaults are the API failures the commands and the server are run
// against, with the natural 401 (canaryRevoked) and 404 (Finance) besides.
var failureFaults = []struct {
	name  string
	fault sandbox.Fault
}{
	{"none", sandbox.Fault{}},
	{"401", sandbox.Fault{Kind: sandbox.FaultStatus401}},
	{"403", sandbox.Fault{PathPrefix: "/v1/search", Kind: sandbox.Fault403Restricted}},
	{"404", sandbox.Fault{PathPrefix: "/v1/databases/", Kind: sandbox.Fault404}},
	{"429", sandbox.Fault{Kind: sandbox.Fault429, RetryAfter: "1"}},
	{"500", sandbox.Fault{Kind: sandbox.Fault500}},
	{"html 502", sandbox.Fault{Kind: sandbox.FaultHTML502}},
	{"503 on search", sandbox.Fault{PathPrefix: "/v1/search", Kind: sandbox.Fault503}},
	{"hang", sandbox.Fault{Kind: sandbox.FaultHang}},
	{"hang on probes", sandbox.Fault{PathPrefix: "/v1/pages/", Kind: sandbox.FaultHang}},
	{"reset mid-body", sandbox.Fault{Kind: sandbox.FaultResetMidBody}},
	{"malformed json", sandbox.Fault{PathPrefix: "/v1/search", Kind: sandbox.FaultMalformedJSON}},
	{"truncated json", sandbox.Fault{Kind: sandbox.FaultTruncatedJSON}},
	{"unexpected object", sandbox.Fault{PathPrefix: "/v1/pages/", Kind: sandbox.FaultUnexpectedObject}},
}

// TestCanaryFailures runs token, databases and doctor against an API that
// fails in every way (retries, timeouts, error pages), all at once.
func TestCanaryFailures(t *testing.T) {
	t.Parallel() // mostly waiting for retries and timeouts
	f := writeCanaryFiles(t)
	var runs []canaryRun
	for _, ff := range failureFaults {
		flags := []string{"--base-url", faultyAPI(t, ff.fault), "--timeout", "150ms"}
		for _, src := range []tokenSource{tokenSources(f)[0], tokenSources(f)[2]} { // revoked tokens never reach a fault
			for _, cmd := range [][]string{{"token"}, {"databases", "--pages"}, {"doctor", sandbox.FinanceURL, pasted(canaryRevoked)}} {
				runs = append(runs, canaryRun{
					name: fmt.Sprintf("%s %s, %s", cmd[0], src.name, ff.name),
					args: append(append(cmd, src.flags...), flags...),
					env:  src.env,
					ctx:  4 * time.Second, // bounds the runs against hanging faults
				})
			}
		}
	}
	checkAll(t, invokeAll(t, runs, []logMode{{"json", true}, {"console", false}}))
}

// rpcLine builds one JSON-RPC message line.
func rpcLine(id any, method string, params any) string {
	m := map[string]any{"jsonrpc": "2.0", "method": method}
	if id != nil {
		m["id"] = id
	}
	if params != nil {
		m["params"] = params
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// mcpScript is a serve session's input and the request ids to be answered.
type mcpScript struct {
	lines []string
	ids   []string
}

func newMCPScript() *mcpScript {
	s := &mcpScript{}
	s.add("initialize", map[string]any{"protocolVersion": "2025-06-18", "capabilities": map[string]any{}, "clientInfo": map[string]any{"name": "canary", "version": "1"}})
	s.lines = append(s.lines, rpcLine(nil, "notifications/initialized", nil))
	s.add("logging/setLevel", map[string]any{"level": "debug"})
	return s
}

func (s *mcpScript) add(method string, params any) {
	id := fmt.Sprint(len(s.ids) + 1)
	s.ids = append(s.ids, `"`+id+`"`)
	s.lines = append(s.lines, rpcLine(id, method, params))
}

func (s *mcpScript) call(tool string, args map[string]any) {
	s.add("tools/call", map[string]any{"name": tool, "arguments": args, "_meta": map[string]any{"progressToken": len(s.ids)}})
}

func (s *mcpScript) text() string { return strings.Join(s.lines, "\n") + "\n" }

// serveScript calls every tool with the canaries from every token source
// and pasted into the text a tool reads, among protocol noise. The
// session's one rate limiter (3 requests/s for all tokens, burst 5) runs on
// real time here, so live requests are few: light keeps at most 3 per
// token, for the runs that repeat the script in other log modes.
func serveScript(f canaryFiles, light bool) *mcpScript {
	s := newMCPScript()
	// A line cut short, holding a token: answered -32700, never logged.
	s.lines = append(s.lines, `{"jsonrpc":"2.0","id":"cut","method":"tools/call","params":{"name":"validate_token","arguments":{"token":"`+canaryRevoked+`"`)
	s.add("tools/list", nil)
	s.add("prompts/get", map[string]any{"name": "fix_notion_access", "arguments": map[string]any{"target": sandbox.FinanceURL}})
	s.add("resources/read", map[string]any{"uri": "notion-mcp://guide/errors"})
	s.call("extract_notion_id", map[string]any{"input": pasted(canaryValid)})
	s.call("extract_notion_id", map[string]any{"input": canaryRevoked})
	s.call("extract_notion_id", map[string]any{"input": "Bearer " + canaryValid + " " + sandbox.SprintBoardURL})
	// Valid token: NOTION_TOKEN, then the env_file (the listing is cached).
	s.call("validate_token", map[string]any{})
	s.call("list_shared_databases", map[string]any{"env_file": f.messy, "env_key": "NOTION_TOKEN"})
	// Revoked token: an argument, MY_NOTION_SECRET, an env_file.
	s.call("validate_token", map[string]any{"token": canaryRevoked})
	s.call("list_shared_databases", map[string]any{"token_env": "MY_NOTION_SECRET"})
	s.call("diagnose_access", map[string]any{"target": sandbox.FinanceURL, "env_file": f.revoked, "error": pasted(canaryValid)})
	s.call("diagnose_access", map[string]any{"target": canaryRevoked})
	if !light {
		s.call("validate_token", map[string]any{"token": canaryValid})
		s.call("validate_token", map[string]any{"token": "\"Bearer " + canaryValid + "\"\n"})
		s.call("validate_token", map[string]any{"env_file": f.valid})
		s.call("validate_token", map[string]any{"token_env": "MY_NOTION_SECRET"})
		s.call("diagnose_access", map[string]any{"target": pasted(canaryValid)})
	}
	// The token where a name, a path or another argument belongs.
	s.call("validate_token", map[string]any{"token_env": canaryValid})
	s.call("validate_token", map[string]any{"token_env": "NOTION_TOKEN=" + canaryValid})
	s.call("validate_token", map[string]any{"env_file": canaryRevoked})
	s.call("list_shared_databases", map[string]any{"env_file": f.valid, "env_key": canaryValid})
	s.call("diagnose_access", map[string]any{"target": sandbox.TasksURL, "token": canaryValid, "env_file": f.valid})
	s.call("validate_token", map[string]any{"token": []string{canaryValid}})
	s.call("list_shared_databases", map[string]any{"token": canaryValid, "api_version": "2021-05-13"})
	s.call("diagnose_access", map[string]any{"token": canaryValid, "target": sandbox.TasksURL, "expect": "spreadsheet"})
	s.add("tools/call", map[string]any{"name": "validate_token", "arguments": canaryValid})
	s.add("ping", nil)
	return s
}

// checkAnswers fails unless stdout is JSON-RPC only and answers every id.
func checkAnswers(t *testing.T, name, stdout string, ids []string) {
	t.Helper()
	got := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		m, err := testsupport.ParseMessage([]byte(line))
		if err != nil {
			t.Errorf("%s: stdout carried a line that is not JSON-RPC (%v): %.200q", name, err, line)
			continue
		}
		if m.IsResponse() {
			got[string(m.ID)] = true
		}
	}
	for _, id := range ids {
		if !got[id] {
			t.Errorf("%s: no answer to request %s", name, id)
		}
	}
}

// serveCanary runs one server session over pipes in-process.
func serveCanary(t *testing.T, s *mcpScript, r canaryRun, logFile string) {
	t.Helper()
	r.stdin = s.text()
	res := invokeCLI(r, logFile)
	if res.code != 0 {
		t.Errorf("%s: exit %d\n%s", r.name, res.code, res.stderr)
	}
	checkAnswers(t, r.name, res.stdout, s.ids)
	checkAll(t, []canaryRan{res})
}

// TestCanaryServe serves MCP over pipes in-process, at debug level in both
// formats, to stderr and to --log-file, calls every tool with the
// canaries, then does it against an API that fails. Sessions run one after
// another: mcp-go's stdio session is process-wide. Other tests that serve
// in-process are not parallel, so they end before this one starts.
func TestCanaryServe(t *testing.T) {
	t.Parallel() // mostly waiting for retries and timeouts
	f := writeCanaryFiles(t)
	env := map[string]string{"NOTION_TOKEN": canaryValid, "NOTION_API_KEY": canaryRevoked, "MY_NOTION_SECRET": canaryRevoked}
	for i, mode := range allLogModes {
		logFile := ""
		if mode.toFile {
			logFile = filepath.Join(t.TempDir(), "serve.log")
		}
		serveCanary(t, serveScript(f, i > 0), canaryRun{name: fmt.Sprintf("serve [%s, log file %v]", mode.format, mode.toFile), env: env,
			args: []string{"serve", "--demo", "--log-level", "debug", "--log-format", mode.format}}, logFile)
	}

	// Retries wait on a fake clock (invokeCLI); a hang costs the 150 ms timeout.
	for _, ff := range []sandbox.Fault{
		{Kind: sandbox.FaultStatus401},
		{Kind: sandbox.Fault429, Times: 1, RetryAfter: "1"},
		{Kind: sandbox.FaultHTML502, Times: 1},
		{PathPrefix: "/v1/search", Kind: sandbox.Fault503, Times: 1},
		{PathPrefix: "/v1/search", Kind: sandbox.FaultHang},
		{PathPrefix: "/v1/search", Kind: sandbox.FaultResetMidBody, Times: 1},
		{PathPrefix: "/v1/search", Kind: sandbox.FaultMalformedJSON},
	} {
		s := newMCPScript()
		s.call("validate_token", map[string]any{"token": canaryValid})
		s.call("list_shared_databases", map[string]any{})
		s.call("diagnose_access", map[string]any{"target": sandbox.FinanceURL, "env_file": f.revoked})
		serveCanary(t, s, canaryRun{name: "serve against " + ff.Kind.String(), env: env, ctx: 10 * time.Second,
			args: []string{"serve", "--base-url", faultyAPI(t, ff), "--timeout", "150ms", "--log-level", "debug", "--log-format", "console"}}, "")
	}
}

// TestCanaryServeKnownLeaks runs the calls that once echoed a token back
// (a token typed as an env_file path or as an argument's name).
func TestCanaryServeKnownLeaks(t *testing.T) {
	for _, c := range []struct {
		name, gap string
		args      map[string]any
	}{
		{"env_file given the .env line", envLineGap, map[string]any{"env_file": "NOTION_TOKEN=" + canaryRevoked}},
		{"env_file given a Bearer line", envLineGap, map[string]any{"env_file": " Bearer " + canaryValid}},
		{"the token as an argument's name", unknownArgGap, map[string]any{"token": canaryRevoked, canaryValid: true}},
	} {
		s := newMCPScript()
		s.call("validate_token", c.args)
		r := canaryRun{name: "serve: " + c.name, gap: c.gap, stdin: s.text(),
			args: []string{"serve", "--demo", "--log-level", "debug"}}
		res := invokeCLI(r, "")
		checkAnswers(t, r.name, res.stdout, s.ids)
		res.check(t)
	}
}

// TestCanaryBinary serves over the real process's pipes with the canaries
// in its environment (NOTION_API_KEY wins when NOTION_TOKEN is empty).
func TestCanaryBinary(t *testing.T) {
	t.Parallel() // a process of its own
	f := writeCanaryFiles(t)
	logFile := filepath.Join(t.TempDir(), "bin.log")
	p := start(t, []string{"NOTION_TOKEN=", "NOTION_API_KEY=" + canaryValid, "NOTION_API_TOKEN=" + canaryRevoked, "MY_NOTION_SECRET=" + canaryRevoked},
		"--demo", "--log-level", "debug", "--log-format", "console", "--log-file", logFile)
	p.initialize("2025-06-18")
	s := &mcpScript{}
	s.call("validate_token", map[string]any{})
	s.call("validate_token", map[string]any{"token_env": "MY_NOTION_SECRET"})
	s.call("list_shared_databases", map[string]any{"env_file": f.messy})
	s.call("diagnose_access", map[string]any{"target": pasted(canaryRevoked), "token": canaryValid})
	s.call("extract_notion_id", map[string]any{"input": pasted(canaryValid)})
	var stdout strings.Builder
	for i, line := range s.lines {
		p.send(line)
		m := p.reply(s.ids[i])
		b, _ := json.Marshal(m)
		stdout.Write(b)
	}
	if code := p.closeAndWait(); code != 0 {
		t.Errorf("exit %d", code)
	}
	log, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	res := canaryRan{canaryRun: canaryRun{name: "binary"}, stdout: stdout.String(), stderr: p.stderrText(), log: string(log)}
	checkAll(t, []canaryRan{res})
}

// lineWriter signals each complete line written to it.
type lineWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	lines chan string
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	for _, l := range strings.SplitAfter(string(p), "\n") {
		if strings.HasSuffix(l, "\n") {
			select {
			case w.lines <- l:
			default:
			}
		}
	}
	return len(p), nil
}

func (w *lineWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// TestCanarySandboxCommand serves the sandbox over HTTP and sends it the
// canaries as tokens: its log (stderr) must not show them.
func TestCanarySandboxCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &lineWriter{lines: make(chan string, 16)}
	done := make(chan int, 1)
	go func() {
		done <- cli.Main(ctx, []string{"sandbox", "--listen", "127.0.0.1:0", "--log-level", "debug"},
			cli.IO{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: stderr, Getenv: func(string) string { return "" }})
	}()
	var base string
	select {
	case l := <-stderr.lines:
		_, base, _ = strings.Cut(strings.TrimSpace(l), "listening on ")
	case code := <-done:
		t.Fatalf("sandbox exited %d: %s", code, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("the sandbox did not say where it listens")
	}
	if base == "" {
		t.Fatalf("no address in %q", stderr.String())
	}
	var bodies strings.Builder
	for _, tok := range []string{canaryValid, canaryRevoked, "Bearer " + canaryValid} {
		for _, path := range []string{"/v1/users/me", "/v1/databases/" + sandbox.FinanceDatabaseID, "/v1/search"} {
			req, _ := http.NewRequest(http.MethodGet, base+path, nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Notion-Version", "2025-09-03")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			bodies.Write(b)
		}
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("sandbox exit %d", code)
	}
	checkLeaks := canaryRan{canaryRun: canaryRun{name: "sandbox"}, stderr: stderr.String(), stdout: bodies.String()}
	checkLeaks.check(t)
}
