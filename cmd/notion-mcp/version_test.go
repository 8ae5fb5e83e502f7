package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// The stamped binary is built in TestMain, next to the plain one.
const (
	stampedVersion = "1.2.3-rc.1+abc1234"
	stampedCommit  = "0123456789abcdef0123456789abcdef01234567"
	stampedLDFlags = "-X github.com/notion-mcp/notion-mcp/internal/cli.version=v" + stampedVersion +
		" -X github.com/notion-mcp/notion-mcp/internal/cli.commit=" + stampedCommit
)

var stampedBinary string

// TestStampedVersion runs the binary built the way `make build` and
// GoReleaser do (-ldflags -X, in TestMain) and checks that every place a version shows agrees: `version`,
// `--version`, `version --json` and the serverInfo of initialize.
func TestStampedVersion(t *testing.T) {
	t.Parallel() // processes of their own
	const want = stampedVersion
	const commit = stampedCommit
	bin := stampedBinary
	output := func(args ...string) string {
		t.Helper()
		out, err := exec.Command(bin, args...).Output()
		if err != nil {
			t.Fatalf("notion-mcp %s: %v", strings.Join(args, " "), err)
		}
		return string(out)
	}
	for _, args := range [][]string{{"version"}, {"--version"}, {"serve", "--version"}} {
		if got := output(args...); got != "notion-mcp "+want+"\n" {
			t.Errorf("notion-mcp %s = %q, want %q (the leading v dropped)", strings.Join(args, " "), got, "notion-mcp "+want+"\n")
		}
	}
	var info struct {
		Version, Commit, Platform string
		GoVersion                 string `json:"go_version"`
		Source                    string `json:"version_source"`
	}
	if err := json.Unmarshal([]byte(output("version", "--json")), &info); err != nil {
		t.Fatal(err)
	}
	if info.Version != want || info.Commit != commit || info.Source != "ldflags" || info.GoVersion == "" || !strings.Contains(info.Platform, "/") {
		t.Errorf("version --json = %+v", info)
	}
	if out, err := exec.Command(bin, "version", "extra").CombinedOutput(); err == nil {
		t.Errorf("version with an argument succeeded: %s", out)
	}

	p := startBinary(t, bin, nil)
	var res struct {
		ServerInfo struct{ Name, Version string }
	}
	if err := json.Unmarshal(p.initialize("2025-11-25").Result, &res); err != nil {
		t.Fatal(err)
	}
	if res.ServerInfo.Name != "notion-mcp" || res.ServerInfo.Version != want {
		t.Errorf("serverInfo = %+v, want version %s", res.ServerInfo, want)
	}
	p.closeAndWait()
}

// TestUnstampedVersion: a plain `go build` still reports a semantic version,
// from the module's build info.
func TestUnstampedVersion(t *testing.T) {
	t.Parallel() // processes of their own
	out, err := exec.Command(binary, "version", "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var info struct {
		Version string
		Source  string `json:"version_source"`
	}
	if err := json.Unmarshal(out, &info); err != nil {
		t.Fatal(err)
	}
	if info.Source == "ldflags" || !semverish(info.Version) {
		t.Errorf("unstamped build: %+v", info)
	}
}

// semverish checks MAJOR.MINOR.PATCH and an optional -pre-release/+build tail.
func semverish(v string) bool {
	core, _, _ := strings.Cut(v, "+")
	core, _, _ = strings.Cut(core, "-")
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}
