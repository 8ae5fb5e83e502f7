package release

import (
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// manifest is the part of an MCP Bundle manifest (schema 0.3, in
// @anthropic-ai/mcpb's schemas/mcpb-manifest-v0.3.schema.json) this test
// checks; `mcpb validate` checks the whole file against the schema.
type manifest struct {
	ManifestVersion string `json:"manifest_version"`
	Name            string `json:"name"`
	Version         string `json:"version"`
	Description     string `json:"description"`
	License         string `json:"license"`
	Icon            string `json:"icon"`
	Repository      struct{ Type, URL string }
	Server          struct {
		Type       string `json:"type"`
		EntryPoint string `json:"entry_point"`
		MCPConfig  struct {
			Command           string            `json:"command"`
			Args              []string          `json:"args"`
			Env               map[string]string `json:"env"`
			PlatformOverrides map[string]struct {
				Command string `json:"command"`
			} `json:"platform_overrides"`
		} `json:"mcp_config"`
	} `json:"server"`
	Tools         []serverTool   `json:"tools"`
	Prompts       []serverPrompt `json:"prompts"`
	Compatibility struct {
		Platforms []string `json:"platforms"`
	} `json:"compatibility"`
	UserConfig map[string]struct {
		Type      string `json:"type"`
		Title     string `json:"title"`
		Sensitive bool   `json:"sensitive"`
		Required  *bool  `json:"required"`
	} `json:"user_config"`
}

// TestBundleManifest checks mcpb/manifest.json: the version is VERSION's, the
// binary is started directly (with .exe on Windows), the token is optional
// and sensitive, and the tools and prompts are the server's own.
func TestBundleManifest(t *testing.T) {
	path := filepath.Join(root(t), "mcpb", "manifest.json")
	fs := readObject(t, path)
	fs = set(t, fs, "tools", liveTools(t))
	fs = set(t, fs, "prompts", livePrompts(t))
	checkGenerated(t, path, format(t, fs))

	var m manifest
	decode(t, format(t, fs), &m)
	if m.ManifestVersion != "0.3" {
		t.Errorf("manifest_version %q, want 0.3", m.ManifestVersion)
	}
	if want := releaseVersion(t); m.Version != want {
		t.Errorf("version %q, but VERSION says %q", m.Version, want)
	}
	if m.Name != "notion-mcp" || m.Repository.URL != repoURL {
		t.Errorf("name %q, repository %q", m.Name, m.Repository.URL)
	}
	s := m.Server
	if s.Type != "binary" || s.EntryPoint != "server/notion-mcp" || s.MCPConfig.Command != "${__dirname}/server/notion-mcp" {
		t.Errorf("server = %+v: want a binary at server/notion-mcp started as ${__dirname}/server/notion-mcp", s)
	}
	if win := s.MCPConfig.PlatformOverrides["win32"].Command; win != "${__dirname}/server/notion-mcp.exe" {
		t.Errorf("platform_overrides.win32.command = %q, want the .exe", win)
	}
	if len(s.MCPConfig.Args) != 0 {
		t.Errorf("args %q: the server is started with none (serve is the default)", s.MCPConfig.Args)
	}
	if got := s.MCPConfig.Env[tokenVar]; got != "${user_config.notion_token}" {
		t.Errorf("env %s = %q, want ${user_config.notion_token}", tokenVar, got)
	}
	tok, ok := m.UserConfig["notion_token"]
	if !ok || tok.Type != "string" || !tok.Sensitive || tok.Required == nil || *tok.Required {
		t.Errorf("user_config.notion_token = %+v: want a sensitive string, explicitly not required (the demo and extract_notion_id need no token)", tok)
	}
	if want := []string{"darwin", "linux", "win32"}; !slices.Equal(slices.Sorted(slices.Values(m.Compatibility.Platforms)), want) {
		t.Errorf("compatibility.platforms %q, want %q (make mcpb narrows each bundle to its own)", m.Compatibility.Platforms, want)
	}
	if m.License != "MIT" {
		t.Errorf("license %q, want MIT", m.License)
	}
	lic, err := os.ReadFile(filepath.Join(root(t), "LICENSE"))
	if err != nil || !strings.HasPrefix(string(lic), "MIT License") {
		t.Errorf("LICENSE is not the MIT licence (%v)", err)
	}
	checkIcon(t, filepath.Join(root(t), "mcpb", m.Icon))
}

func checkIcon(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatalf("icon %s: %v", path, err)
	}
	if cfg.Width != cfg.Height || cfg.Width < 256 {
		t.Errorf("icon is %dx%d, want a square of at least 256 pixels", cfg.Width, cfg.Height)
	}
}
