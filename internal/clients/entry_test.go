package clients

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestEntriesPassTheirOwnCheck: every entry MakeEntry prints, with a token
// where it asks for one, is a config the checker finds nothing wrong with.
func TestEntriesPassTheirOwnCheck(t *testing.T) {
	bin := fakeBin(t)
	for _, client := range Names {
		for _, server := range []string{ServerNotionMCP, ServerOfficial} {
			for _, goos := range []string{runtime.GOOS, "windows"} {
				e, err := MakeEntry(EntryOptions{Client: client, Server: server, GOOS: goos, Command: filepath.Join(bin, "notion-mcp")})
				if err != nil {
					t.Fatal(err)
				}
				name := client + "/" + server + "/" + goos
				if strings.Contains(e.Text, secrets[0]) {
					t.Fatalf("%s: holds a token", name)
				}
				if e.Format == "shell" {
					if !strings.HasPrefix(e.Text, "claude mcp add ") || !strings.Contains(e.Text, "${NOTION_TOKEN}") || !strings.Contains(e.Text, " -- ") {
						t.Errorf("%s: %s", name, e.Text)
					}
					continue
				}
				text := strings.ReplaceAll(e.Text, Placeholder, secrets[0])
				ext := ".json"
				if e.Format == "toml" {
					ext = ".toml"
				}
				path := filepath.Join(t.TempDir(), "entry"+ext)
				if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
					t.Fatal(err)
				}
				rep, err := Check(context.Background(), Options{GOOS: goos, Client: client, File: path,
					Getenv: envFunc(map[string]string{"PATH": bin, "NOTION_TOKEN": secrets[1]})})
				if err != nil {
					t.Fatal(err)
				}
				c := rep.Configs[0]
				if c.Status != StatusOK || len(c.Servers) != 1 {
					t.Errorf("%s: %+v\n%s", name, c, text)
					continue
				}
				for _, p := range c.Servers[0].Problems {
					t.Errorf("%s: %s %s: %s\n%s", name, p.Severity, p.Code, p.Message, text)
				}
				if want := map[string]string{ServerNotionMCP: KindNotionMCP, ServerOfficial: KindOfficial}[server]; c.Servers[0].Kind != want {
					t.Errorf("%s: kind %s", name, c.Servers[0].Kind)
				}
			}
		}
	}
}

// TestOfficialHeadersEscaping: OPENAPI_MCP_HEADERS in the printed JSON is a
// string that holds a JSON object, escaped exactly once.
func TestOfficialHeadersEscaping(t *testing.T) {
	e, err := MakeEntry(EntryOptions{Client: ClaudeDesktop, Server: ServerOfficial, GOOS: "linux"})
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		MCPServers map[string]struct {
			Env map[string]string `json:"env"`
		} `json:"mcpServers"`
	}
	if err := json.Unmarshal([]byte(e.Text), &cfg); err != nil {
		t.Fatal(err)
	}
	var h map[string]string
	if err := json.Unmarshal([]byte(cfg.MCPServers["notion"].Env["OPENAPI_MCP_HEADERS"]), &h); err != nil {
		t.Fatalf("headers are not a JSON object: %v", err)
	}
	if h["Authorization"] != "Bearer "+Placeholder || h["Notion-Version"] != "2025-09-03" {
		t.Errorf("headers %v", h)
	}
	if _, err := MakeEntry(EntryOptions{Client: "emacs"}); err == nil {
		t.Error("unknown client accepted")
	}
	if _, err := MakeEntry(EntryOptions{Client: Cursor, Server: "other"}); err == nil {
		t.Error("unknown server accepted")
	}
}
