// Package gosdk drives the notion-mcp binary with the official MCP Go SDK
// (github.com/modelcontextprotocol/go-sdk), a client nobody here wrote, on
// both protocol generations: 2026-07-28 (server/discover, then per-request
// _meta; the SDK's default) and 2025-11-25 (the initialize handshake). Every
// tool, prompt and resource is exercised, and progress and cancellation.
//
// It is its own Go module so that the SDK stays out of the server's
// dependencies. `make interop` runs it against bin/notion-mcp:
//
//	cd interop/gosdk && NOTION_MCP_BIN=$PWD/../../bin/notion-mcp go test -race ./...
//
// Without NOTION_MCP_BIN it builds the server from ../.. first. The server
// runs with --demo (the built-in sandbox workspace): nothing reaches Notion.
package gosdk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// Values of the built-in sandbox workspace, from internal/sandbox/fixtures.go
// (keep in sync; interop/fixtures.mjs holds the same).
const (
	tasksURL         = "https://www.notion.so/acme/Tasks-c6eda3ce729981de014cafc354107b25?v=6577a14a5f178f3de25366373c2d9a1f"
	tasksDatabaseID  = "c6eda3ce-7299-81de-014c-afc354107b25"
	tasksDataSource  = "e29f6486-8937-81b2-6a7d-aa6010ff10df"
	financeURL       = "https://www.notion.so/acme/Finance-c0c4fde29ed5896e50737ef5053075b6?v=90cf8fe9912a8ec5475029b85904960a"
	financeID        = "c0c4fde2-9ed5-896e-5073-7ef5053075b6"
	acmeSyncBotName  = "Acme Sync"
	acmeWorkspace    = "Acme"
	setupGuideURI    = "notion-mcp://guide/setup"
	errorsGuideURI   = "notion-mcp://guide/errors"
	modernProtocol   = "2026-07-28"
	handshakeVersion = "2025-11-25"
)

// safety bounds every test: a net for hangs, never a way to let time pass.
const safety = 60 * time.Second

var protocols = []string{modernProtocol, handshakeVersion}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// serverBinary is $NOTION_MCP_BIN, or the server built from ../.. once.
func serverBinary(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("NOTION_MCP_BIN"); bin != "" {
		return bin
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "notion-mcp-gosdk")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "notion-mcp")
		cmd := exec.Command("go", "build", "-o", builtBin, "./cmd/notion-mcp")
		cmd.Dir = filepath.Join("..", "..")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("building the server: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// lockedBuffer keeps the server's stderr, written by exec's copier and read
// by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// session is one server process and the SDK client connected to it.
type session struct {
	cs       *mcp.ClientSession
	cmd      *exec.Cmd
	stderr   *lockedBuffer
	progress chan *mcp.ProgressNotificationParams
	closed   bool
}

// connect starts `notion-mcp --demo` with env (and nothing else of the
// process environment) and connects the SDK's client asking for protocol.
func connect(t *testing.T, ctx context.Context, protocol string, env ...string) *session {
	t.Helper()
	cmd := exec.Command(serverBinary(t), "--demo", "--log-level", "debug")
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}, env...)
	s := &session{cmd: cmd, stderr: &lockedBuffer{}, progress: make(chan *mcp.ProgressNotificationParams, 1024)}
	cmd.Stderr = s.stderr
	client := mcp.NewClient(&mcp.Implementation{Name: "notion-mcp-gosdk-interop", Version: "1"}, &mcp.ClientOptions{
		ProgressNotificationHandler: func(_ context.Context, req *mcp.ProgressNotificationClientRequest) {
			select {
			case s.progress <- req.Params:
			default:
			}
		},
	})
	cs, err := client.Connect(ctx, &mcp.CommandTransport{Command: cmd}, &mcp.ClientSessionOptions{ProtocolVersion: protocol})
	if err != nil {
		t.Fatalf("connect with protocol %s: %v; stderr:\n%s", protocol, err, s.stderr)
	}
	s.cs = cs
	t.Cleanup(func() {
		if !s.closed {
			s.cs.Close()
		}
	})
	return s
}

// close closes the session (stdin) and checks that the server exited 0.
func (s *session) close(t *testing.T) {
	t.Helper()
	s.closed = true
	err := s.cs.Close()
	if st := s.cmd.ProcessState; st == nil || st.ExitCode() != 0 {
		t.Errorf("server did not exit 0 at EOF (close: %v, state: %v); stderr:\n%s", err, st, s.stderr)
	}
}

// call calls a tool, failing on a protocol error or an isError result, and
// returns its structuredContent decoded into out.
func (s *session) call(t *testing.T, ctx context.Context, name string, args map[string]any, out any) *mcp.CallToolResult {
	t.Helper()
	res, err := s.cs.CallTool(ctx, &mcp.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("%s: %v; stderr:\n%s", name, err, s.stderr)
	}
	if res.IsError {
		t.Fatalf("%s: isError result: %s", name, text(res.Content))
	}
	checkTextMatchesStructured(t, name, res)
	if out != nil {
		b, err := json.Marshal(res.StructuredContent)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s structuredContent: %v: %s", name, err, b)
		}
	}
	return res
}

// checkTextMatchesStructured: clients without structuredContent read the
// text, which must carry the same JSON.
func checkTextMatchesStructured(t *testing.T, name string, res *mcp.CallToolResult) {
	t.Helper()
	if res.StructuredContent == nil {
		t.Fatalf("%s: no structuredContent", name)
	}
	var fromText, fromStructured any
	b, _ := json.Marshal(res.StructuredContent)
	if err := json.Unmarshal(b, &fromStructured); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(text(res.Content)), &fromText); err != nil {
		t.Fatalf("%s: the text is not JSON: %v", name, err)
	}
	if a, b := fmt.Sprint(fromText), fmt.Sprint(fromStructured); a != b {
		t.Errorf("%s: text and structuredContent differ:\n%s\n%s", name, a, b)
	}
}

func text(cs []mcp.Content) string {
	var b strings.Builder
	for _, c := range cs {
		if tc, ok := c.(*mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

func forEachProtocol(t *testing.T, f func(t *testing.T, ctx context.Context, protocol string)) {
	for _, p := range protocols {
		t.Run(p, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), safety)
			defer cancel()
			f(t, ctx, p)
		})
	}
}

// The SDK negotiates the protocol it asked for: 2026-07-28 through
// server/discover (no initialize), 2025-11-25 through initialize; the server
// describes itself and exits 0 when the client closes its input.
func TestConnect(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, ctx context.Context, protocol string) {
		s := connect(t, ctx, protocol)
		init := s.cs.InitializeResult()
		if init == nil || init.ProtocolVersion != protocol {
			t.Fatalf("negotiated %+v, want protocol %s", init, protocol)
		}
		if init.ServerInfo == nil || init.ServerInfo.Name != "notion-mcp" || init.ServerInfo.Version == "" {
			t.Errorf("serverInfo %+v", init.ServerInfo)
		}
		c := init.Capabilities
		if c == nil || c.Tools == nil || c.Prompts == nil || c.Resources == nil {
			t.Errorf("capabilities %+v: want tools, prompts and resources", c)
		}
		if !strings.Contains(init.Instructions, "extract_notion_id") {
			t.Errorf("instructions do not describe the tools: %.200q", init.Instructions)
		}
		if protocol == handshakeVersion {
			// ping was removed in 2026-07-28.
			if err := s.cs.Ping(ctx, nil); err != nil {
				t.Errorf("ping: %v", err)
			}
		}
		s.close(t)
	})
}

// tools/list: the five tools, each with a full outputSchema and all four
// hints, and the SDK's own result caching does not get in the way.
func TestListTools(t *testing.T) {
	want := []string{"check_client_config", "diagnose_access", "extract_notion_id", "list_shared_databases", "validate_token"}
	forEachProtocol(t, func(t *testing.T, ctx context.Context, protocol string) {
		s := connect(t, ctx, protocol)
		res, err := s.cs.ListTools(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, tool := range res.Tools {
			names = append(names, tool.Name)
			if tool.Description == "" {
				t.Errorf("%s has no description", tool.Name)
			}
			for what, schema := range map[string]any{"input": tool.InputSchema, "output": tool.OutputSchema} {
				b, _ := json.Marshal(schema)
				var sc struct {
					Type       string         `json:"type"`
					Properties map[string]any `json:"properties"`
				}
				if json.Unmarshal(b, &sc) != nil || sc.Type != "object" || (what == "output" && len(sc.Properties) == 0) {
					t.Errorf("%s %sSchema: %s", tool.Name, what, b)
				}
			}
			a := tool.Annotations
			if a == nil || a.DestructiveHint == nil || a.OpenWorldHint == nil || !a.ReadOnlyHint || !a.IdempotentHint || *a.DestructiveHint {
				t.Errorf("%s annotations %+v: want read-only, idempotent, not destructive, openWorld set", tool.Name, a)
			}
		}
		slices.Sort(names)
		if !slices.Equal(names, want) {
			t.Errorf("tools %v, want %v", names, want)
		}
		s.close(t)
	})
}

// Every tool, called the way a client would, against the demo workspace.
func TestEveryTool(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, ctx context.Context, protocol string) {
		s := connect(t, ctx, protocol)
		// The SDK checks structuredContent against the outputSchema it got
		// from tools/list when it has one.
		if _, err := s.cs.ListTools(ctx, nil); err != nil {
			t.Fatal(err)
		}

		var ext struct {
			ID       string   `json:"id"`
			Kind     string   `json:"kind"`
			Source   string   `json:"source"`
			ViewID   string   `json:"view_id"`
			Warnings []string `json:"warnings"`
		}
		s.call(t, ctx, "extract_notion_id", map[string]any{"input": tasksURL}, &ext)
		if ext.ID != tasksDatabaseID || ext.Kind != "database" || ext.Source != "url" || ext.ViewID == "" {
			t.Errorf("extract_notion_id: %+v", ext)
		}

		var tok struct {
			Status  string `json:"status"`
			Valid   bool   `json:"valid"`
			Sandbox bool   `json:"sandbox"`
			Bot     struct {
				Name          string `json:"name"`
				WorkspaceName string `json:"workspace_name"`
			} `json:"bot"`
			Fingerprint string `json:"fingerprint"`
		}
		s.call(t, ctx, "validate_token", map[string]any{}, &tok)
		if tok.Status != "valid" || !tok.Valid || !tok.Sandbox || tok.Bot.Name != acmeSyncBotName || tok.Bot.WorkspaceName != acmeWorkspace || !strings.Contains(tok.Fingerprint, "…") {
			t.Errorf("validate_token: %+v", tok)
		}

		// check_client_config on a config file of its own, never the
		// machine's: the Notion server in it reads NOTION_TOKEN but is given
		// NOTION_API_KEY.
		cfg := filepath.Join(t.TempDir(), "claude_desktop_config.json")
		if err := os.WriteFile(cfg, []byte(`{"mcpServers": {"notion": {"command": "npx", "args": ["-y", "@notionhq/notion-mcp-server"], "env": {"NOTION_API_KEY": "x"}}}}`), 0o600); err != nil {
			t.Fatal(err)
		}
		var cc struct {
			Configs []struct {
				Status  string `json:"status"`
				Servers []struct {
					Kind     string `json:"kind"`
					Problems []struct {
						Code string `json:"code"`
					} `json:"problems"`
				} `json:"servers"`
			} `json:"configs"`
		}
		s.call(t, ctx, "check_client_config", map[string]any{"config": cfg}, &cc)
		if len(cc.Configs) != 1 || len(cc.Configs[0].Servers) != 1 || cc.Configs[0].Servers[0].Kind != "official" ||
			!slices.ContainsFunc(cc.Configs[0].Servers[0].Problems, func(p struct {
				Code string `json:"code"`
			}) bool {
				return p.Code == "wrong_env_name"
			}) {
			t.Errorf("check_client_config: %+v", cc)
		}

		var list struct {
			Complete  bool `json:"complete"`
			Count     int  `json:"count"`
			Sandbox   bool `json:"sandbox"`
			Databases []struct {
				ID          string `json:"id"`
				Title       string `json:"title"`
				DataSources []struct {
					ID string `json:"id"`
				} `json:"data_sources"`
			} `json:"databases"`
		}
		s.call(t, ctx, "list_shared_databases", map[string]any{}, &list)
		found := false
		for _, db := range list.Databases {
			if db.ID == tasksDatabaseID {
				found = len(db.DataSources) == 1 && db.DataSources[0].ID == tasksDataSource
			}
			if db.ID == financeID {
				t.Errorf("list_shared_databases lists the unshared Finance database")
			}
		}
		if !list.Complete || list.Count != len(list.Databases) || list.Count < 3 || !found || !list.Sandbox {
			t.Errorf("list_shared_databases: complete=%v count=%d listed=%d Tasks with its data source=%v", list.Complete, list.Count, len(list.Databases), found)
		}

		for target, verdict := range map[string]string{tasksURL: "accessible", financeURL: "not_shared"} {
			var d struct {
				Verdict  string   `json:"verdict"`
				Summary  string   `json:"summary"`
				Steps    []string `json:"steps"`
				Evidence []any    `json:"evidence"`
			}
			s.call(t, ctx, "diagnose_access", map[string]any{"target": target}, &d)
			if d.Verdict != verdict || d.Summary == "" || len(d.Evidence) == 0 {
				t.Errorf("diagnose_access %s: verdict %q (want %q), summary %q, %d evidence", target, d.Verdict, verdict, d.Summary, len(d.Evidence))
			}
		}

		// A model-actionable problem is an isError result, not a protocol error.
		res, err := s.cs.CallTool(ctx, &mcp.CallToolParams{Name: "extract_notion_id", Arguments: map[string]any{"input": "my Tasks database"}})
		if err != nil || !res.IsError || !strings.Contains(text(res.Content), "Copy link") {
			t.Errorf("extract_notion_id with no ID: err=%v result=%+v", err, res)
		}
		// An unknown tool is a protocol error, and the session goes on.
		if _, err := s.cs.CallTool(ctx, &mcp.CallToolParams{Name: "no_such_tool", Arguments: map[string]any{}}); err == nil || !strings.Contains(err.Error(), "no_such_tool") {
			t.Errorf("unknown tool: %v", err)
		}
		s.call(t, ctx, "extract_notion_id", map[string]any{"input": financeURL}, nil)
		s.close(t)
	})
}

// Both prompts are listed and rendered with their arguments.
func TestPrompts(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, ctx context.Context, protocol string) {
		s := connect(t, ctx, protocol)
		res, err := s.cs.ListPrompts(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range res.Prompts {
			names = append(names, p.Name)
		}
		slices.Sort(names)
		if want := []string{"fix_notion_access", "setup_notion_integration"}; !slices.Equal(names, want) {
			t.Fatalf("prompts %v, want %v", names, want)
		}
		for _, tc := range []struct {
			name string
			args map[string]string
			want []string
		}{
			{"fix_notion_access", map[string]string{"target": financeURL}, []string{financeURL, "diagnose_access", "validate_token"}},
			{"setup_notion_integration", nil, []string{"validate_token"}},
			{"setup_notion_integration", map[string]string{"database": tasksURL}, []string{tasksURL}},
		} {
			got, err := s.cs.GetPrompt(ctx, &mcp.GetPromptParams{Name: tc.name, Arguments: tc.args})
			if err != nil {
				t.Errorf("%s %v: %v", tc.name, tc.args, err)
				continue
			}
			var all strings.Builder
			for _, m := range got.Messages {
				if tc, ok := m.Content.(*mcp.TextContent); ok {
					all.WriteString(tc.Text)
				}
			}
			for _, w := range tc.want {
				if !strings.Contains(all.String(), w) {
					t.Errorf("%s %v: the messages do not mention %q:\n%.500s", tc.name, tc.args, w, all.String())
				}
			}
		}
		// A required argument missing is a protocol error.
		if _, err := s.cs.GetPrompt(ctx, &mcp.GetPromptParams{Name: "fix_notion_access"}); err == nil {
			t.Errorf("fix_notion_access without its target: no error")
		}
		s.close(t)
	})
}

// Both guides are listed and read as markdown.
func TestResources(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, ctx context.Context, protocol string) {
		s := connect(t, ctx, protocol)
		res, err := s.cs.ListResources(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		var uris []string
		for _, r := range res.Resources {
			uris = append(uris, r.URI)
		}
		slices.Sort(uris)
		if want := []string{errorsGuideURI, setupGuideURI}; !slices.Equal(uris, want) {
			t.Fatalf("resources %v, want %v", uris, want)
		}
		for uri, want := range map[string]string{setupGuideURI: "Connections", errorsGuideURI: "object_not_found"} {
			got, err := s.cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: uri})
			if err != nil {
				t.Errorf("%s: %v", uri, err)
				continue
			}
			if len(got.Contents) != 1 || got.Contents[0].URI != uri || got.Contents[0].MIMEType != "text/markdown" || !strings.Contains(got.Contents[0].Text, want) {
				t.Errorf("%s: %d contents, want one markdown text mentioning %q", uri, len(got.Contents), want)
			}
		}
		if _, err := s.cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: "notion-mcp://guide/none"}); err == nil {
			t.Errorf("an unknown resource: no error")
		}
		s.close(t)
	})
}

// listArgs is a listing long enough to report progress: 250 extra
// databases under 2022-06-28 are three search pages.
var listArgs = map[string]any{"api_version": "2022-06-28", "refresh": true}

// A call with a progress token gets rising progress notifications, all
// before its result (the SDK handles notifications in order, before the
// response that follows them).
func TestProgress(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, ctx context.Context, protocol string) {
		s := connect(t, ctx, protocol, "NOTION_MCP_SANDBOX_DATABASES=250")
		params := &mcp.CallToolParams{Name: "list_shared_databases", Arguments: listArgs}
		params.SetProgressToken("list-" + protocol)
		res, err := s.cs.CallTool(ctx, params)
		if err != nil || res.IsError {
			t.Fatalf("list_shared_databases: %v %+v", err, res)
		}
		var got []*mcp.ProgressNotificationParams
		for len(s.progress) > 0 {
			got = append(got, <-s.progress)
		}
		if len(got) < 2 {
			t.Fatalf("%d progress notifications before the result, want at least 2 (one per search page)", len(got))
		}
		last := -1.0
		for _, p := range got {
			if p.ProgressToken != "list-"+protocol || p.Progress <= last || p.Message == "" {
				t.Errorf("progress %+v after %v", p, last)
			}
			last = p.Progress
		}
		s.close(t)
	})
}

// Cancelling the context of a long listing makes the SDK send
// notifications/cancelled: the server stops the listing (its log shows it
// stopped searching), keeps serving, and exits 0 at once on EOF instead of
// finishing the listing first.
func TestCancel(t *testing.T) {
	forEachProtocol(t, func(t *testing.T, ctx context.Context, protocol string) {
		// 3,000 databases are 31 search pages under 2022-06-28: at Notion's
		// 3 requests a second, over ten seconds uncancelled.
		s := connect(t, ctx, protocol, "NOTION_MCP_SANDBOX_DATABASES=3000", "NOTION_MCP_SANDBOX_LATENCY=5ms")
		callCtx, cancel := context.WithCancel(ctx)
		defer cancel()
		params := &mcp.CallToolParams{Name: "list_shared_databases", Arguments: listArgs}
		params.SetProgressToken("cancel-me")
		done := make(chan error, 1)
		go func() {
			_, err := s.cs.CallTool(callCtx, params)
			done <- err
		}()
		select {
		case <-s.progress: // the listing is under way
		case err := <-done:
			t.Fatalf("the listing ended before any progress: %v", err)
		case <-ctx.Done():
			t.Fatal("no progress")
		}
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("the cancelled call returned %v, want context.Canceled", err)
		}
		s.call(t, ctx, "extract_notion_id", map[string]any{"input": tasksURL}, nil)
		s.close(t)
		n := strings.Count(s.stderr.String(), `"path":"/v1/search"`)
		if n >= 31 {
			t.Errorf("%d search requests: the cancelled listing ran to its end", n)
		}
		t.Logf("%d search requests of 31 were made", n)
	})
}
