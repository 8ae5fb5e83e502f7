package release

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/notion-mcp/notion-mcp/tools"
)

var update = flag.Bool("update", false, "rewrite the tool and prompt lists of mcpb/manifest.json and server.json from the server's registry")

// Names shared by every file this package checks.
const (
	serverName = "io.github.notion-mcp/notion-mcp" // io.github.<owner>/<repo>: GitHub OIDC publishes under the owner's namespace
	repoURL    = "https://github.com/notion-mcp/notion-mcp"
	image      = "ghcr.io/notion-mcp/notion-mcp"
	versionVar = "github.com/notion-mcp/notion-mcp/internal/cli.version"
	tokenVar   = "NOTION_TOKEN"
)

// releaseVersion is the VERSION file: the one place the release version is
// written. server.json, the bundle manifest and the Dockerfile must repeat it,
// and the release workflow refuses a tag that differs from it.
func releaseVersion(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root(t), "VERSION"))
	if err != nil {
		t.Fatal(err)
	}
	v := strings.TrimSpace(string(b))
	if !semver.MatchString(v) || strings.ContainsAny(v, "+") {
		t.Fatalf("VERSION %q is not a semantic version without build metadata", v)
	}
	return v
}

// serverTool is a tool as the bundle manifest lists it.
type serverTool struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// serverPrompt is a prompt as the bundle manifest lists it: its text is the
// server's own prompt, rendered with ${arguments.NAME} placeholders.
type serverPrompt struct {
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Arguments   []string `json:"arguments,omitempty"`
	Text        string   `json:"text"`
}

// liveTools reads the tools from the server's registry (tools.Tools), the
// same list tools/list serves.
func liveTools(t *testing.T) []serverTool {
	t.Helper()
	var out []serverTool
	for _, st := range tools.Tools(&tools.Deps{}) {
		out = append(out, serverTool{Name: st.Tool.Name, Description: st.Tool.Description})
	}
	if len(out) == 0 {
		t.Fatal("the registry lists no tools")
	}
	return out
}

// livePrompts reads the prompts from the server's registry and renders each.
func livePrompts(t *testing.T) []serverPrompt {
	t.Helper()
	var out []serverPrompt
	for _, sp := range tools.Prompts() {
		p := serverPrompt{Name: sp.Prompt.Name, Description: sp.Prompt.Description}
		args := map[string]string{}
		for _, a := range sp.Prompt.Arguments {
			p.Arguments = append(p.Arguments, a.Name)
			args[a.Name] = "${arguments." + a.Name + "}"
		}
		var req mcp.GetPromptRequest
		req.Params.Name, req.Params.Arguments = p.Name, args
		res, err := sp.Handler(context.Background(), req)
		if err != nil {
			t.Fatalf("prompt %s: %v", p.Name, err)
		}
		var text []string
		for _, m := range res.Messages {
			if c, ok := m.Content.(mcp.TextContent); ok {
				text = append(text, c.Text)
			}
		}
		p.Text = strings.Join(text, "\n\n")
		out = append(out, p)
	}
	return out
}

// field is one member of a JSON object, kept in file order so that -update
// rewrites only what it owns.
type field struct {
	key string
	val json.RawMessage
}

func readObject(t *testing.T, path string) []field {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := parseObject(b)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return fs
}

func parseObject(b []byte) ([]field, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("not a JSON object")
	}
	var fs []field
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		fs = append(fs, field{tok.(string), raw})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("data after the object")
	}
	return fs, nil
}

func set(t *testing.T, fs []field, key string, v any) []field {
	t.Helper()
	raw := marshal(t, v)
	for i, f := range fs {
		if f.key == key {
			fs[i].val = raw
			return fs
		}
	}
	return append(fs, field{key, raw})
}

func marshal(t *testing.T, v any) json.RawMessage {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSpace(buf.Bytes())
}

// format writes fs as the checked-in files are formatted: two-space indent,
// a final newline.
func format(t *testing.T, fs []field) []byte {
	t.Helper()
	var compact bytes.Buffer
	compact.WriteByte('{')
	for i, f := range fs {
		if i > 0 {
			compact.WriteByte(',')
		}
		compact.Write(marshal(t, f.key))
		compact.WriteByte(':')
		if err := json.Compact(&compact, f.val); err != nil {
			t.Fatal(err)
		}
	}
	compact.WriteByte('}')
	var out bytes.Buffer
	if err := json.Indent(&out, compact.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	out.WriteByte('\n')
	return out.Bytes()
}

// checkGenerated compares path with what -update writes, or writes it.
func checkGenerated(t *testing.T, path string, want []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not current (a tool or prompt changed, or it is not formatted): run go test ./internal/release -update", filepath.Base(path))
	}
}

func decode(t *testing.T, raw json.RawMessage, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
}
