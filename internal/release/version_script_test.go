package release

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// semver is the grammar of semver.org 2.0.0 (its recommended regular
// expression, without the leading v).
var semver = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// TestVersionScript runs scripts/version.sh, which `make build` stamps into
// the binary, in scratch repositories: without tags, on a tag, after one,
// after a pre-release tag, with uncommitted changes, and outside git.
func TestVersionScript(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	script, err := os.ReadFile(filepath.Join(root(t), "scripts", "version.sh"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "scripts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "scripts", "version.sh"), script, 0o755); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	version := func() string {
		t.Helper()
		v := run("sh", "scripts/version.sh")
		if !semver.MatchString(v) {
			t.Errorf("%q is not a semantic version", v)
		}
		return v
	}
	commit := func(msg string) string {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "file"), []byte(msg), 0o644); err != nil {
			t.Fatal(err)
		}
		run("git", "add", "-A")
		run("git", "commit", "-q", "-m", msg)
		return run("git", "rev-parse", "--short=7", "HEAD")
	}

	if v := version(); v != "0.0.0-dev" {
		t.Errorf("outside git: %q, want 0.0.0-dev", v)
	}
	run("git", "init", "-q")
	sha := commit("one")
	check := func(state, want string) {
		t.Helper()
		if v := version(); v != want {
			t.Errorf("%s: %q, want %q", state, v, want)
		}
	}
	check("no tags", "0.0.0-dev+"+sha)
	run("git", "tag", "v1.2.3")
	check("on v1.2.3", "1.2.3")
	if err := os.WriteFile(filepath.Join(dir, "file"), []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	check("on v1.2.3, modified", "1.2.3+"+sha+".dirty")
	commit("two")
	sha = commit("three")
	check("two commits after v1.2.3", "1.2.4-dev.2+"+sha)
	run("git", "tag", "-a", "-m", "rc", "v1.3.0-rc.1")
	sha = commit("four")
	check("a commit after v1.3.0-rc.1", "1.3.0-rc.1.dev.1+"+sha)
	run("git", "tag", "not-a-version")
	check("a non-version tag on HEAD", "1.3.0-rc.1.dev.1+"+sha)
}

// root is the repository's top directory.
func root(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
