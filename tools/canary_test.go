package tools

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/rs/zerolog"

	"github.com/notion-mcp/notion-mcp/internal/logging"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/testsupport"
	"github.com/notion-mcp/notion-mcp/internal/token"
)

// The canaries (cmd/notion-mcp runs the same check on the command line):
// toolCanaryValid is accepted by the sandbox, toolCanaryRevoked has the
// real shape but is known nowhere, so it gets 401s.
const (
	toolCanaryValid   = sandbox.TokenValid
	toolCanaryRevoked = "ntn_" + "90817263544" + "CanaryRevokedQ7w2XZ9kLmN4pR8sT1vY3b"
)

// canarySlices finds a canary, or any 8-character (the redaction bound) slice of one, in out.
func canarySlices(out string) []string {
	var found []string
	for _, c := range []string{toolCanaryValid, toolCanaryRevoked} {
		for i := 0; i+8 <= len(c); i++ {
			if j := strings.Index(out, c[i:i+8]); j >= 0 {
				lo, hi := max(j-60, 0), min(j+72, len(out))
				found = append(found, fmt.Sprintf("%q (slice %d of %s…) in …%s…", c[i:i+8], i, c[:8], out[lo:hi]))
				break
			}
		}
	}
	return found
}

// canaryLog builds the logger the way internal/cli does: debug level, the
// format given, to stderr or a file, through the session's redactor. read
// returns everything logged so far.
func canaryLog(t *testing.T, format string, toFile bool) (log zerolog.Logger, red *token.Redactor, read func() string) {
	t.Helper()
	red = &token.Redactor{}
	stderr := &testsupport.LockedBuffer{}
	file := ""
	if toFile {
		file = filepath.Join(t.TempDir(), "notion-mcp.log")
	}
	log, closer, err := logging.New(logging.Config{Level: "debug", Format: format, File: file}, stderr, red.Writer)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closer.Close() })
	return log, red, func() string {
		if file == "" {
			return stderr.String()
		}
		b, _ := os.ReadFile(file)
		return stderr.String() + string(b)
	}
}

// canaryCall is one tool call of the canary check.
type canaryCall struct {
	tool string
	args map[string]any
}

// canaryCalls are the networked tools with the canaries from every source,
// and extract_notion_id and diagnose_access with a canary pasted in.
func canaryCalls(envFile string) []canaryCall {
	paste := "Authorization: Bearer " + toolCanaryRevoked + " → GET " + sandbox.TasksURL +
		"\n{\"object\":\"error\",\"status\":404,\"message\":\"Could not find database with ID: " + sandbox.TasksDatabaseID + ".\"}"
	var calls []canaryCall
	for _, src := range []map[string]any{
		{},
		{"token": toolCanaryValid},
		{"token": " Bearer " + toolCanaryRevoked + "\n"},
		{"token_env": "MY_NOTION_SECRET"},
		{"env_file": envFile},
	} {
		calls = append(calls,
			canaryCall{"validate_token", src},
			canaryCall{"list_shared_databases", withArgs(src, map[string]any{"include_pages": true, "refresh": true})},
			canaryCall{"diagnose_access", withArgs(src, map[string]any{"target": sandbox.TasksURL, "error": paste})},
		)
	}
	cfg := filepath.Join(filepath.Dir(envFile), "claude_desktop_config.json")
	return append(calls,
		canaryCall{"check_client_config", map[string]any{"config": cfg, "live": true}},
		canaryCall{"check_client_config", map[string]any{"config": cfg}},
		canaryCall{"check_client_config", map[string]any{"config": filepath.Join(filepath.Dir(envFile), "broken.json"), "live": true}},
		canaryCall{"diagnose_access", map[string]any{"target": paste}},
		canaryCall{"extract_notion_id", map[string]any{"input": paste}},
		canaryCall{"extract_notion_id", map[string]any{"input": toolCanaryValid}},
	)
}

func withArgs(a, b map[string]any) map[string]any {
	m := map[string]any{}
	for k, v := range a {
		m[k] = v
	}
	for k, v := range b {
		m[k] = v
	}
	return m
}

// TestCanaryToolFaults calls every tool with the canaries, against every
// fault of the matrix, logging at debug level in both formats to stderr and
// to a file, and checks no canary reaches a result, an error or the log.
// Each setting's calls run at once with the others, then are checked.
func TestCanaryToolFaults(t *testing.T) {
	t.Parallel() // its hangs and the other parallel tests' waits overlap
	envFile := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(envFile, []byte("NOTION_API_KEY=\""+toolCanaryValid+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	writeCanaryClientConfig(t, filepath.Dir(envFile))
	env := map[string]string{"NOTION_TOKEN": toolCanaryValid, "NOTION_API_KEY": toolCanaryRevoked, "MY_NOTION_SECRET": toolCanaryRevoked}
	names := []string{"none"}
	for name, f := range matrixFaults {
		if f.deadline == 0 { // "hang past call" is "hang" here
			names = append(names, name)
		}
	}
	type setting struct {
		name    string
		faulted bool
		read    func() string
		calls   []string
		answers []string
		errs    []error
	}
	slices.Sort(names[1:])
	var settings []*setting
	var wg sync.WaitGroup
	// Pairwise, not the full cross product: every fault is logged in both
	// formats and to both sinks (stderr, file), each format reaches both
	// sinks, but a fault's format and sink alternate. The sink is only where
	// the redacted writer ends; the fault and the format decide what is
	// written.
	for fi, format := range []string{"json", "console"} {
		for i, name := range names {
			toFile := (i+fi)%2 == 1
			log, red, read := canaryLog(t, format, toFile)
			f := matrixFaults[name]
			timeout := f.timeout
			if f.kind == sandbox.FaultHang {
				timeout = 20 * time.Millisecond
			}
			r := newFaultRig(t, faultRigOptions{env: env, timeout: timeout, logger: log, red: red})
			r.sess.LogStartup()
			if f.kind != 0 {
				r.ws.Inject(sandbox.Fault{Kind: f.kind, Times: f.times, RetryAfter: f.retryAfter})
			}
			st := &setting{name: fmt.Sprintf("%s/file=%v/%s", format, toFile, name), faulted: f.kind != 0, read: read}
			settings = append(settings, st)
			wg.Add(1)
			go func() {
				defer wg.Done()
				for _, c := range canaryCalls(envFile) {
					res, err := r.ask(10*time.Second, c.tool, c.args)
					st.calls = append(st.calls, c.tool)
					st.answers = append(st.answers, res.raw)
					st.errs = append(st.errs, err)
				}
			}()
		}
	}
	wg.Wait()
	for _, st := range settings {
		t.Run(st.name, func(t *testing.T) {
			for i, a := range st.answers {
				if st.errs[i] != nil {
					t.Error(st.errs[i])
				}
				for _, l := range canarySlices(a) {
					t.Errorf("call %d (%s): the answer holds a canary: %s", i, st.calls[i], l)
				}
			}
			logs := st.read()
			for _, l := range canarySlices(logs) {
				t.Errorf("the log holds a canary: %s", l)
			}
			if !strings.Contains(logs, "notion request") {
				t.Errorf("no Notion request logged at debug level:\n%s", logs)
			}
		})
	}
}

// TestCanaryPanic makes handlers panic, through a test-only tool and a
// missing dependency, with canaries in their arguments and panic values:
// the client gets an internal error without them, the log gets the panic
// redacted.
func TestCanaryPanic(t *testing.T) {
	for _, format := range []string{"json", "console"} {
		for _, toFile := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/file=%v", format, toFile), func(t *testing.T) {
				log, red, read := canaryLog(t, format, toFile)
				r := newFaultRig(t, faultRigOptions{env: map[string]string{"NOTION_TOKEN": toolCanaryRevoked}, logger: log, red: red})
				// A tool that resolves the token as every tool does, then
				// panics with it and its arguments in the panic value.
				d := &Deps{Session: r.sess, Logger: log}
				r.srv.AddTool(mcp.NewTool("panic_with_token", mcp.WithString("token")),
					structured(func(_ context.Context, _ mcp.CallToolRequest, a TokenArgs) (any, error) {
						tok, err := d.Session.Token(a.request())
						if err != nil {
							return nil, err
						}
						panic(fmt.Sprintf("boom with %s and %+v and %#v", tok.Value(), a, a))
					}))
				// Every tool built with a nil session: validate_token and
				// the others dereference it once the arguments are bound.
				nilSrv := NewServer(&Deps{Logger: log}, "test")

				// The nil-session panics come first, before any token is
				// known to the redactor.
				calls := []struct {
					srv  *server.MCPServer
					tool string
					args map[string]any
				}{
					{nilSrv, "validate_token", map[string]any{"token": toolCanaryValid}},
					{nilSrv, "list_shared_databases", map[string]any{"token": toolCanaryRevoked}},
					{nilSrv, "diagnose_access", map[string]any{"target": sandbox.TasksURL, "token": toolCanaryValid}},
					{r.srv, "panic_with_token", map[string]any{"token": toolCanaryValid}},
					{r.srv, "panic_with_token", map[string]any{}},
				}
				for _, c := range calls {
					ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
					res := callMCPTool(t, ctx, c.srv, 7*time.Second, c.tool, c.args)
					cancel()
					if res.RPCError == "" || !strings.Contains(res.RPCError, "internal error in "+c.tool) {
						t.Errorf("%s: want the recovery's internal error, got %s", c.tool, res.raw)
					}
					for _, l := range canarySlices(res.raw) {
						t.Errorf("%s: the answer holds a canary: %s", c.tool, l)
					}
				}
				logs := read()
				if n := strings.Count(logs, "tool handler panicked"); n != len(calls) {
					t.Errorf("%d panics logged, want %d:\n%s", n, len(calls), logs)
				}
				for _, l := range canarySlices(logs) {
					t.Errorf("the log holds a canary: %s", l)
				}
				// The server keeps serving after the panics.
				if res := r.call(t, 5*time.Second, "validate_token", map[string]any{}); res.Structured["status"] != "invalid" {
					t.Errorf("after the panics validate_token = %s", res.raw)
				}
			})
		}
	}
}

// TestCanaryPanicUnresolvedToken: a panic value holding a token no call
// resolved is still masked in the log, by the Redactor's pattern net.
func TestCanaryPanicUnresolvedToken(t *testing.T) {
	log, red, read := canaryLog(t, "json", false)
	r := newFaultRig(t, faultRigOptions{env: map[string]string{}, logger: log, red: red})
	r.srv.AddTool(mcp.NewTool("panic_with_arguments", mcp.WithString("token")),
		func(_ context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			panic(fmt.Sprint(req.Params.Arguments))
		})
	res := r.call(t, 5*time.Second, "panic_with_arguments", map[string]any{"token": toolCanaryRevoked})
	if l := canarySlices(res.raw); len(l) > 0 {
		t.Errorf("the answer holds a canary: %s", l)
	}
	if l := canarySlices(read()); len(l) > 0 {
		t.Errorf("a panic value with an unresolved token reaches the log unredacted: %s", l[0])
	}
}

// writeCanaryClientConfig writes MCP client configs holding the canaries in
// every place a config can hold a token, and a broken one.
func writeCanaryClientConfig(t *testing.T, dir string) {
	t.Helper()
	headers := `{\"Authorization\": \"Bearer ` + toolCanaryRevoked + `\", \"Notion-Version\": \"2022-06-28\"}`
	cfg := `{"mcpServers": {
  "a": {"command": "notion-mcp", "env": {"NOTION_TOKEN": "` + toolCanaryValid + `"}},
  "b": {"command": "npx", "args": ["-y", "@notionhq/notion-mcp-server"], "env": {"OPENAPI_MCP_HEADERS": "` + headers + `"}},
  "c": {"command": "npx", "args": ["-y", "@notionhq/notion-mcp-server"], "env": {"NOTION_API_KEY": "` + toolCanaryRevoked + `"}},
  "d": {"command": "docker", "args": ["run", "-i", "-e", "NOTION_TOKEN=` + toolCanaryRevoked + `", "mcp/notion"]},
  "e": {"command": "notion-mcp", "env": {"NOTION_TOKEN": " Bearer ` + toolCanaryRevoked + `\\n"}},
  "f": {"command": "npx", "args": ["-y", "@notionhq/notion-mcp-server"], "env": {"OPENAPI_MCP_HEADERS": "{\\\"Authorization\\\": \\\"` + toolCanaryValid + `\\\"}"}}
}}`
	if err := os.WriteFile(filepath.Join(dir, "claude_desktop_config.json"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	broken := `{"mcpServers": {"a": {"env": {"NOTION_TOKEN": "` + toolCanaryValid + `" "x": 1}}}}`
	if err := os.WriteFile(filepath.Join(dir, "broken.json"), []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
}
