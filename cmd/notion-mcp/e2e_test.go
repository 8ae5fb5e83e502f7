package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/testsupport"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "notion-mcp-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "notion-mcp")
	stampedBinary = filepath.Join(dir, "notion-mcp-stamped")
	// The plain binary and the one stamped the way `make build` and
	// GoReleaser do (TestStampedVersion) link at the same time.
	builds := [][]string{
		{"build", "-o", binary, "."},
		{"build", "-ldflags", stampedLDFlags, "-o", stampedBinary, "."},
	}
	errs := make([]error, len(builds))
	var wg sync.WaitGroup
	for i, args := range builds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
				errs[i] = fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			fmt.Fprintf(os.Stderr, "build: %v\n", err)
			os.RemoveAll(dir)
			os.Exit(1)
		}
	}
	code := m.Run()
	os.RemoveAll(dir)
	testsupport.Exit(code) // without the race runtime's exit sleep
}

// proc is the server under test, spoken to over real pipes.
type proc struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  chan string // every stdout line
	stderr *strings.Builder
	errMu  *sync.Mutex
}

func start(t *testing.T, env []string, args ...string) *proc {
	t.Helper()
	return startBinary(t, binary, env, args...)
}

// startBinary is start with another build of the binary.
func startBinary(t *testing.T, bin string, env []string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &proc{t: t, cmd: cmd, stdin: stdin, lines: make(chan string, 4096), stderr: &strings.Builder{}, errMu: &sync.Mutex{}}
	cmd.Stderr = lockedWriter{p.errMu, p.stderr}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return p
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *strings.Builder
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (p *proc) send(line string) {
	p.t.Helper()
	if _, err := io.WriteString(p.stdin, line+"\n"); err != nil {
		p.t.Fatalf("write: %v", err)
	}
}

// message is any JSON-RPC line the server writes.
type message = testsupport.Message

// next reads the next stdout line and checks that it is JSON-RPC 2.0.
func (p *proc) next() (message, bool) {
	p.t.Helper()
	select {
	case line, ok := <-p.lines:
		if !ok {
			return message{}, false
		}
		m, err := testsupport.ParseMessage([]byte(line))
		if err != nil {
			p.t.Fatalf("stdout carried a line that is not JSON-RPC 2.0 (%v): %q", err, line)
		}
		return m, true
	case <-time.After(20 * time.Second):
		p.t.Fatalf("no reply within 20s; stderr:\n%s", p.stderrText())
		return message{}, false
	}
}

// reply waits for the response with the given id; replies may come out of order.
func (p *proc) reply(id string) message {
	p.t.Helper()
	for {
		m, ok := p.next()
		if !ok {
			p.t.Fatalf("stdout closed before the reply to %s; stderr:\n%s", id, p.stderrText())
		}
		if string(m.ID) == id && m.Method == "" {
			return m
		}
	}
}

func (p *proc) stderrText() string {
	p.errMu.Lock()
	defer p.errMu.Unlock()
	return p.stderr.String()
}

func (p *proc) initialize(version string) message {
	p.send(`{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"` + version + `","capabilities":{},"clientInfo":{"name":"e2e","version":"1"}}}`)
	m := p.reply(`"init"`)
	p.send(`{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	return m
}

// closeAndWait closes stdin and waits for the exit status.
func (p *proc) closeAndWait() int {
	p.t.Helper()
	p.stdin.Close()
	for range p.lines {
	}
	return p.exitWithin(20 * time.Second)
}

func TestInitializeVersions(t *testing.T) {
	for _, v := range []string{"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"} {
		t.Run(v, func(t *testing.T) {
			t.Parallel() // one process each
			p := start(t, nil)
			m := p.initialize(v)
			var res struct {
				ProtocolVersion string `json:"protocolVersion"`
				ServerInfo      struct{ Name, Version string }
				Instructions    string `json:"instructions"`
			}
			if err := json.Unmarshal(m.Result, &res); err != nil {
				t.Fatal(err)
			}
			if res.ProtocolVersion != v {
				t.Errorf("protocolVersion = %q, want %q", res.ProtocolVersion, v)
			}
			if res.ServerInfo.Name != "notion-mcp" || res.ServerInfo.Version == "" {
				t.Errorf("serverInfo = %+v", res.ServerInfo)
			}
			if !strings.Contains(res.Instructions, "extract_notion_id") {
				t.Errorf("instructions do not describe the tools: %q", res.Instructions)
			}
			if code := p.closeAndWait(); code != 0 {
				t.Errorf("exit status %d after EOF", code)
			}
		})
	}
}

func TestSession(t *testing.T) {
	t.Parallel() // a process of its own
	p := start(t, []string{"NOTION_MCP_LOG_LEVEL=debug"})
	p.initialize("2025-06-18")

	p.send(`{"jsonrpc":"2.0","id":2,"method":"tools/list"}`)
	var list struct {
		Tools []struct {
			Name         string          `json:"name"`
			OutputSchema json.RawMessage `json:"outputSchema"`
			Annotations  map[string]any  `json:"annotations"`
		} `json:"tools"`
	}
	if err := json.Unmarshal(p.reply("2").Result, &list); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, tool := range list.Tools {
		if len(tool.OutputSchema) == 0 {
			t.Errorf("tool %s has no outputSchema", tool.Name)
		}
		for _, k := range []string{"readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"} {
			if _, ok := tool.Annotations[k]; !ok {
				t.Errorf("tool %s does not set %s", tool.Name, k)
			}
		}
		found = found || tool.Name == "extract_notion_id"
	}
	if !found {
		t.Fatal("tools/list lacks extract_notion_id")
	}

	p.send(`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":"https://www.notion.so/acme/Tasks-1f2e3d4c5b6a79880123456789abcdef?v=aa11bb22cc33dd44ee55ff6677889900"}}}`)
	var call struct {
		IsError    bool `json:"isError"`
		Structured struct {
			ID, Kind, ViewID string
		} `json:"structuredContent"`
	}
	if err := json.Unmarshal(p.reply("3").Result, &call); err != nil {
		t.Fatal(err)
	}
	if call.IsError || call.Structured.ID != "1f2e3d4c-5b6a-7988-0123-456789abcdef" || call.Structured.Kind != "database" {
		t.Errorf("extract_notion_id = %+v", call)
	}

	// A malformed line is answered with -32700 and the next line is served.
	p.send(`{"jsonrpc":"2.0","id":4,"method":`)
	m, _ := p.next()
	if m.Error == nil || m.Error.Code != -32700 {
		t.Errorf("malformed line: got %+v, want a -32700 error", m)
	}
	p.send(`{"jsonrpc":"2.0","id":5,"method":"ping"}`)
	if m := p.reply("5"); m.Error != nil {
		t.Errorf("ping after a malformed line: %+v", m.Error)
	}

	// An unknown tool is a JSON-RPC error; a bad argument an isError result.
	p.send(`{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"no_such_tool","arguments":{}}}`)
	if m := p.reply("6"); m.Error == nil {
		t.Errorf("unknown tool: got a result, want a JSON-RPC error")
	}
	p.send(`{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":42}}}`)
	var bad struct {
		IsError bool `json:"isError"`
		Content []struct{ Text string }
	}
	_ = json.Unmarshal(p.reply("7").Result, &bad)
	if !bad.IsError || len(bad.Content) == 0 || !strings.Contains(bad.Content[0].Text, `"input"`) {
		t.Errorf("wrong argument type: got %+v, want an isError result naming the argument", bad)
	}
	p.send(`{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"extract_notion_id","arguments":{"input":"no id here"}}}`)
	_ = json.Unmarshal(p.reply("8").Result, &bad)
	if !bad.IsError || !strings.Contains(bad.Content[0].Text, "Copy link") {
		t.Errorf("input without an ID: got %+v, want an isError result saying where to copy a link", bad)
	}

	if code := p.closeAndWait(); code != 0 {
		t.Errorf("exit status %d after EOF", code)
	}
	if !strings.Contains(p.stderrText(), `"level":"debug"`) && !strings.Contains(p.stderrText(), `"level":"info"`) {
		t.Errorf("expected logs on stderr, got:\n%s", p.stderrText())
	}
}

func TestCLIID(t *testing.T) {
	t.Parallel() // a process of its own
	out, err := exec.Command(binary, "id", "--json", "https://www.notion.so/acme/Tasks-1f2e3d4c5b6a79880123456789abcdef?v=aa11bb22cc33dd44ee55ff6677889900").Output()
	if err != nil {
		t.Fatal(err)
	}
	var r struct{ ID, ViewID string }
	if err := json.Unmarshal(out, &r); err != nil || r.ID != "1f2e3d4c-5b6a-7988-0123-456789abcdef" {
		t.Errorf("id --json = %s (%v)", out, err)
	}
	err = exec.Command(binary, "id", "nothing here").Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() == 0 {
		t.Errorf("id without an ID: err = %v, want a non-zero exit", err)
	}
	v1, _ := exec.Command(binary, "--version").Output()
	v2, _ := exec.Command(binary, "version").Output()
	if !strings.HasPrefix(string(v1), "notion-mcp ") || string(v1) != string(v2) {
		t.Errorf("--version = %q, version = %q", v1, v2)
	}
}
