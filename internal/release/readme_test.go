package release

import (
	"encoding/base64"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestREADMEInstallLinks decodes the README's one-click install links (VS
// Code's, which opens vscode:mcp/install, and Cursor's deeplink) and checks
// that they start the image server.json publishes, passing NOTION_TOKEN.
func TestREADMEInstallLinks(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	wantArgs := []string{"run", "-i", "--rm", "-e", tokenVar, image}
	type entry struct {
		Command string
		Args    []string
		Env     map[string]string
	}
	check := func(which, raw string, decodeConfig func(string) ([]byte, error)) {
		t.Helper()
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("%s link: %v", which, err)
		}
		q := u.Query()
		cfg, err := decodeConfig(q.Get("config"))
		if err != nil {
			t.Fatalf("%s link config: %v", which, err)
		}
		var e entry
		decode(t, cfg, &e)
		if q.Get("name") != "notion-mcp" || e.Command != "docker" || !slices.Equal(e.Args, wantArgs) || e.Env[tokenVar] == "" {
			t.Errorf("%s link installs %q %+v, want notion-mcp running docker %q with %s set", which, q.Get("name"), e, wantArgs, tokenVar)
		}
		if in := q.Get("inputs"); in != "" {
			var inputs []struct{ ID string }
			decode(t, []byte(in), &inputs)
			if len(inputs) != 1 || e.Env[tokenVar] != "${input:"+inputs[0].ID+"}" {
				t.Errorf("%s link: inputs %s do not define %s", which, in, e.Env[tokenVar])
			}
		}
	}
	links := regexp.MustCompile(`\]\((https://(?:insiders\.vscode\.dev/redirect/mcp/install|cursor\.com/en/install-mcp)\?[^)\s]+)\)`).FindAllStringSubmatch(readme, -1)
	var seen []string
	for _, l := range links {
		switch {
		case strings.Contains(l[1], "vscode.dev"):
			check("VS Code", l[1], func(s string) ([]byte, error) { return []byte(s), nil })
			seen = append(seen, "vscode")
		default:
			check("Cursor", l[1], base64.StdEncoding.DecodeString)
			seen = append(seen, "cursor")
		}
	}
	if !slices.Contains(seen, "vscode") || !slices.Contains(seen, "cursor") {
		t.Errorf("README install links found: %q; want VS Code's and Cursor's", seen)
	}
	// Every command line shown with the image runs it the same way.
	for _, line := range strings.Split(readme, "\n") {
		if strings.Contains(line, "docker run") && strings.Contains(line, image) && !strings.Contains(line, "docker run -i --rm ") {
			t.Errorf("README runs the image without -i --rm: %s", line)
		}
	}
	var s serverJSON
	sj, err := os.ReadFile(filepath.Join(root(t), "server.json"))
	if err != nil {
		t.Fatal(err)
	}
	decode(t, sj, &s)
	for _, p := range s.Packages {
		if m := bundleName.FindStringSubmatch(p.Identifier[strings.LastIndex(p.Identifier, "/")+1:]); m != nil && !strings.Contains(readme, "`"+m[2]+"`") {
			t.Errorf("README's bundle section does not name the bundle platform %s", m[2])
		}
	}
}
