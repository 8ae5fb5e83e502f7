package clients

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestMSIXClaudeDesktop: on Windows, a packaged Claude Desktop (a
// Claude_<id> folder under %LOCALAPPDATA%\Packages) reads its own config,
// which is checked first, and the %APPDATA% file its documentation names is
// flagged config_not_read: an error when the Notion entry lives only there,
// a warning when the packaged config has one too (and the two tokens are not
// reported as duplicate servers, since only one runs).
//
// The Windows paths are file names inside a temporary folder: on Unix a
// backslash is an ordinary character, so the same strings name real files.
func TestMSIXClaudeDesktop(t *testing.T) {
	entry := func(tok string) string {
		return `{"mcpServers":{"notion":{"command":"cmd","args":["/c","npx","-y","@notionhq/notion-mcp-server"],"env":{"NOTION_TOKEN":"` + tok + `"}}}}`
	}
	for _, tc := range []struct {
		name          string
		packages      []string
		appData, msix string // file contents; "" for no file
		wantSeverity  string // of config_not_read on the %APPDATA% file; "" for none
	}{
		{"the entry only in the file the app does not read", []string{"Claude_pzs8sxrjxfjjc", "Microsoft.WindowsTerminal_8wekyb3d8bbwe"}, entry(secrets[0]), "", SevError},
		{"entries in both files", []string{"Claude_pzs8sxrjxfjjc"}, entry(secrets[0]), entry(secrets[1]), SevWarning},
		{"an unpackaged install", []string{"Microsoft.WindowsTerminal_8wekyb3d8bbwe"}, entry(secrets[0]), "", ""},
		{"no Packages folder", nil, entry(secrets[0]), "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			local := filepath.Join(dir, `C:\Users\ada\AppData\Local`)
			appData := filepath.Join(dir, `C:\Users\ada\AppData\Roaming`)
			plain := appData + `\Claude\claude_desktop_config.json`
			msix := local + `\Packages\Claude_pzs8sxrjxfjjc\LocalCache\Roaming\Claude\claude_desktop_config.json`
			write := func(path, data string) {
				if data != "" {
					if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
						t.Fatal(err)
					}
				}
			}
			write(plain, tc.appData)
			write(msix, tc.msix)
			var listed []string
			rep, err := Check(context.Background(), Options{
				GOOS:   "windows",
				Getenv: envFunc(map[string]string{"USERPROFILE": filepath.Join(dir, `C:\Users\ada`), "APPDATA": appData, "LOCALAPPDATA": local}),
				Client: ClaudeDesktop,
				ReadDir: func(d string) ([]string, error) {
					listed = append(listed, d)
					if tc.packages == nil {
						return nil, errors.New("no such folder")
					}
					return tc.packages, nil
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(listed, []string{local + `\Packages`}) {
				t.Errorf("listed %q, want the Packages folder", listed)
			}
			var paths []string
			for _, c := range rep.Configs {
				paths = append(paths, c.Path)
			}
			want := []string{plain}
			if tc.wantSeverity != "" {
				want = []string{msix, plain} // the packaged app's own file first
			}
			if !slices.Equal(paths, want) {
				t.Fatalf("configs %q, want %q", paths, want)
			}
			got := ""
			for _, c := range rep.Configs {
				for _, p := range c.Problems {
					if p.Code == "config_not_read" {
						if c.Path != plain {
							t.Errorf("config_not_read on %s", c.Path)
						}
						got = p.Severity
						if !strings.Contains(p.Message, msix) || !strings.Contains(p.Fix, msix) {
							t.Errorf("the problem does not name the file the app reads:\n%s\n%s", p.Message, p.Fix)
						}
					}
				}
				for _, s := range c.Servers {
					for _, p := range s.Problems {
						if p.Code == "duplicate_notion_servers" {
							t.Errorf("%s: duplicate_notion_servers, though only one file is read", c.Path)
						}
					}
				}
			}
			if got != tc.wantSeverity {
				t.Errorf("config_not_read severity %q, want %q", got, tc.wantSeverity)
			}
		})
	}
}
