package tools

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/testsupport"
)

// hostileSecret stands for any secret that is not a Notion token and lives
// where a steered tool call could point: the environment, ~/.aws/credentials.
const hostileSecret = "wJalrXUtnFEMIK7MDENGbPxRfiCYHostileKEY"

// hostileArg is a token source an attacker would pass, and a word the
// answer must hold.
type hostileArg struct {
	name string
	args map[string]any
	want string
}

// hostileArgs are the token-source arguments a prompt-injected client would
// try: files that block, never end, steal the client's input or hold other
// secrets, and variables that are not Notion's.
func hostileArgs(t *testing.T) []hostileArg {
	t.Helper()
	dir := t.TempDir()
	h := testsupport.MakeHostileFiles(t, dir, hostileSecret)
	fifo, environ, sparse, aws, awsLink := h.FIFO, h.Environ, h.Sparse, h.AWS, h.AWSLink
	locked := filepath.Join(dir, "locked.env")
	if err := os.WriteFile(locked, []byte("NOTION_TOKEN="+sandbox.TokenValid+"\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	mixed := filepath.Join(dir, ".env")
	if err := os.WriteFile(mixed, []byte("DB_PASSWORD="+hostileSecret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	const refused = "was not read"
	out := []hostileArg{
		{"FIFO", map[string]any{"env_file": fifo}, refused},
		{"/dev/zero", map[string]any{"env_file": "/dev/zero"}, refused},
		{"/dev/urandom", map[string]any{"env_file": "/dev/urandom"}, refused},
		{"/dev/stdin", map[string]any{"env_file": "/dev/stdin"}, refused},
		{"symlink to /proc/self/environ", map[string]any{"env_file": environ}, refused},
		{"~/.aws/credentials", map[string]any{"env_file": aws, "env_key": "aws_secret_access_key"}, "contains NOTION"},
		{"~/.aws/credentials, no key", map[string]any{"env_file": aws}, refused},
		{"a .env link to ~/.aws/credentials", map[string]any{"env_file": awsLink}, refused},
		{"env_key DB_PASSWORD", map[string]any{"env_file": mixed, "env_key": "DB_PASSWORD"}, "contains NOTION"},
		{"token_env HOME", map[string]any{"token_env": "HOME"}, "contains NOTION"},
		{"token_env AWS_SECRET_ACCESS_KEY", map[string]any{"token_env": "AWS_SECRET_ACCESS_KEY"}, "contains NOTION"},
		{"2 GB sparse file", map[string]any{"env_file": sparse}, refused},
		{"directory", map[string]any{"env_file": dir}, refused},
		{"missing file", map[string]any{"env_file": filepath.Join(dir, "nope.env")}, refused},
	}
	if os.Geteuid() != 0 { // root reads a mode-000 file anyway
		out = append(out, hostileArg{"unreadable file", map[string]any{"env_file": locked}, refused})
	}
	return out
}

// TestHostileToolArguments calls every networked tool with every hostile
// token source and checks each answer: an isError result saying what was
// refused, within a bounded time, with bounded allocation (measured with
// runtime.ReadMemStats around the call), with no secret in it, and a server
// that keeps answering afterwards. The process-level half (EOF still ends
// the process) is cmd/notion-mcp's TestHostileArgumentsProcess.
func TestHostileToolArguments(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("FIFOs, /dev and /proc as on Linux")
	}
	env := map[string]string{"NOTION_TOKEN": sandbox.TokenValid, "HOME": "/home/someone", "AWS_SECRET_ACCESS_KEY": hostileSecret}
	r := newFaultRig(t, faultRigOptions{env: env})
	var refusals = map[string]string{} // refusal text by tool, for files
	for _, h := range hostileArgs(t) {
		for _, tool := range []string{"validate_token", "list_shared_databases", "diagnose_access"} {
			args := withArgs(h.args, nil)
			if tool == "diagnose_access" {
				args["target"] = sandbox.TasksURL
			}
			var ms runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&ms)
			before := ms.TotalAlloc
			start := time.Now()
			res := r.call(t, 5*time.Second, tool, args)
			took := time.Since(start)
			runtime.ReadMemStats(&ms)
			alloc := ms.TotalAlloc - before
			t.Logf("%-36s %-22s %8s %8d B allocated", h.name, tool, took.Round(time.Microsecond), alloc)
			if !res.IsError || !strings.Contains(res.Text, h.want) {
				t.Errorf("%s / %s: want an isError result saying %q, got %s", h.name, tool, h.want, res.raw)
			}
			if took > 2*time.Second || alloc > 4<<20 {
				t.Errorf("%s / %s: took %s and allocated %d bytes", h.name, tool, took, alloc)
			}
			if strings.Contains(res.raw, hostileSecret[:12]) || strings.Contains(res.raw, "/home/someone") || len(canarySlices(res.raw)) > 0 {
				t.Errorf("%s / %s: the answer holds a secret: %s", h.name, tool, res.raw)
			}
			if h.want == "was not read" {
				text := res.Text
				for _, v := range h.args {
					text = strings.ReplaceAll(text, v.(string), "PATH")
				}
				if prev, ok := refusals[tool]; ok && prev != text {
					t.Errorf("%s / %s: the refusal differs from another file's, so it tells what exists:\n%s\n%s", h.name, tool, text, prev)
				}
				refusals[tool] = text
			}
		}
		// The server keeps serving after each.
		if res := r.call(t, 5*time.Second, "validate_token", map[string]any{}); res.Structured["status"] != "valid" {
			t.Fatalf("after %s: validate_token = %s", h.name, res.raw)
		}
	}
}
