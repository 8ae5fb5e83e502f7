package release

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestGoReleaserConfig checks .goreleaser.yaml for what the release promises;
// `goreleaser check` (make release-check) checks its syntax. Textual on
// purpose: the module takes no YAML dependency for one test.
func TestGoReleaserConfig(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root(t), ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := string(b)
	for _, want := range []string{
		"\nversion: 2\n",
		"- CGO_ENABLED=0",
		"- -trimpath",
		"-X " + versionVar + "={{ .Version }}",
		"main: ./cmd/notion-mcp",
		"goos: [linux, darwin, windows]",
		"goarch: [amd64, arm64]",
		"universal_binaries:",
		"formats: [tar.gz]",
		"- goos: windows\n        formats: [zip]",
		"- README.md\n      - LICENSE",
		"checksum:",
	} {
		if !strings.Contains(cfg, want) {
			t.Errorf(".goreleaser.yaml lacks %q", want)
		}
	}
	// Every build stamps the same variables, and only variables that exist.
	for _, name := range []string{".goreleaser.yaml", "Makefile", "Dockerfile"} {
		b, err := os.ReadFile(filepath.Join(root(t), name))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "-X "+versionVar+"=") {
			t.Errorf("%s does not stamp %s", name, versionVar)
		}
		for _, m := range regexp.MustCompile(`-X ([^= ]+)=`).FindAllStringSubmatch(string(b), -1) {
			if m[1] != versionVar && m[1] != strings.TrimSuffix(versionVar, ".version")+".commit" {
				t.Errorf("%s stamps %s, which is not a variable of internal/cli", name, m[1])
			}
		}
	}
}
