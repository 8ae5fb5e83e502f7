package token

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/testsupport"
)

func TestPlausible(t *testing.T) {
	tests := []struct {
		v    string
		want bool
	}{
		{ntnTok, true},
		{secretTok, true},
		{ntnTok[:40], true}, // truncated but of the family: sent, Notion decides
		{"ntn_" + strings.Repeat("Ab3", 41), true},  // 127 characters
		{"ntn_" + strings.Repeat("Ab3", 42), false}, // 130 characters
		{ntnTok[:39], false},                        // too short
		{"ntn_" + strings.Repeat("x", 46), false},   // placeholder
		{ntnTok[:30] + "-" + ntnTok[31:], false},    // punctuation
		{"AKIAIOSFODNN7EXAMPLEwJalrXUtnFEMIK7MDENGbPxRfiCY", false},
		{"/home/someone", false},
		{"hunter2", false},
		{"", false},
		{"sk-ant-" + ntnTok[4:], false},
	}
	for _, tt := range tests {
		if got := Plausible(tt.v); got != tt.want {
			t.Errorf("Plausible(%q) = %v", Fingerprint(tt.v), got)
		}
		if _, f := Check(tt.v); f.Malformed != !tt.want {
			t.Errorf("Check(%q).Malformed = %v", Fingerprint(tt.v), f.Malformed)
		}
		if New(tt.v, "x").Sendable() != tt.want {
			t.Errorf("Sendable(%q) != %v", Fingerprint(tt.v), tt.want)
		}
	}
}

func TestIsDotenvName(t *testing.T) {
	for name, want := range map[string]bool{
		".env": true, "/p/.env": true, ".env.local": true, "prod.env": true, "a/b/staging.env": true,
		".env.": false, ".envrc": false, "env": false, "credentials": false, "/proc/self/environ": false,
		"/dev/zero": false, "/dev/stdin": false, ".env/": true, "x.env.bak": false, "": false, "/": false,
	} {
		if got := IsDotenvName(name); got != want {
			t.Errorf("IsDotenvName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestResolveFromTool: through a tool, only variables named NOTION… are
// read, whatever holds them; the command line may name any.
func TestResolveFromTool(t *testing.T) {
	dir := t.TempDir()
	envFile := filepath.Join(dir, ".env")
	if err := os.WriteFile(envFile, []byte("DB_PASSWORD=hunter2hunter2\nACME_NOTION_KEY="+ntnTok+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := envOf(map[string]string{"HOME": "/root", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY", "MY_NOTION": ntnTok})
	refused := []Request{
		{TokenEnv: "HOME", FromTool: true},
		{TokenEnv: "AWS_SECRET_ACCESS_KEY", FromTool: true},
		{EnvFile: envFile, EnvKey: "DB_PASSWORD", FromTool: true},
	}
	for _, req := range refused {
		tok, err := Resolve(env, req)
		if err == nil {
			t.Errorf("%+v: resolved %s; want a refusal", req, tok.Fingerprint())
			continue
		}
		if !strings.Contains(err.Error(), "contains NOTION") || strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), "wJalr") {
			t.Errorf("%+v: %v", req, err)
		}
	}
	for _, req := range []Request{
		{TokenEnv: "MY_NOTION", FromTool: true},
		{TokenEnv: "my_notion", FromTool: true}, // case-insensitive rule; the variable is unset
		{EnvFile: envFile, EnvKey: "ACME_NOTION_KEY", FromTool: true},
	} {
		if _, err := Resolve(env, req); err != nil && !errors.Is(err, ErrMissing) {
			t.Errorf("%+v: %v", req, err)
		}
	}
	// The command line may name any variable, but a value that is not shaped
	// like a Notion token is malformed: it is never sent (Sendable) and its
	// fingerprint shows none of it.
	tok, err := Resolve(env, Request{TokenEnv: "AWS_SECRET_ACCESS_KEY"})
	if err != nil {
		t.Fatal(err)
	}
	if tok.Sendable() || !tok.Format().Malformed || strings.Contains(tok.Fingerprint(), "EKEY") {
		t.Errorf("AWS key from the command line: sendable=%v %+v fingerprint %s", tok.Sendable(), tok.Format(), tok.Fingerprint())
	}
}

// hostileFiles builds the paths an attacker would pass as env_file.
func hostileFiles(t *testing.T) map[string]string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"/dev/zero":  "/dev/zero",
		"/dev/stdin": "/dev/stdin",
		"missing":    filepath.Join(dir, "missing.env"),
		"directory":  filepath.Join(dir, "dir.env"),
	}
	if err := os.Mkdir(files["directory"], 0o700); err != nil {
		t.Fatal(err)
	}
	h := testsupport.MakeHostileFiles(t, dir, "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY")
	if runtime.GOOS == "linux" {
		files["fifo"] = h.FIFO
		files["symlink to /proc/self/environ"] = h.Environ
		zero := filepath.Join(dir, "zero.env")
		if err := os.Symlink("/dev/zero", zero); err != nil {
			t.Fatal(err)
		}
		files["symlink to /dev/zero"] = zero
	}
	files["2 GB sparse file"] = h.Sparse
	files["~/.aws/credentials"] = h.AWS
	files["symlink .env to credentials"] = h.AWSLink
	unreadable := filepath.Join(dir, "locked.env")
	if err := os.WriteFile(unreadable, []byte("NOTION_TOKEN="+ntnTok+"\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 { // root reads it anyway
		files["unreadable file"] = unreadable
	}
	return files
}

// TestEnvFileHostile: every hostile env_file gets, through a tool, the same
// refusal whatever it is (so the answers say nothing about what exists), at
// once, and from the command line a clear reason; nothing blocks or grows.
func TestEnvFileHostile(t *testing.T) {
	files := hostileFiles(t)
	var toolMsg string
	for name, path := range files {
		for _, fromTool := range []bool{true, false} {
			start := time.Now()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			before := ms.TotalAlloc
			tok, err := Resolve(envOf(nil), Request{EnvFile: path, FromTool: fromTool})
			runtime.ReadMemStats(&ms)
			took, alloc := time.Since(start), ms.TotalAlloc-before
			if err == nil {
				t.Errorf("%s (tool %v): resolved %s", name, fromTool, tok.Fingerprint())
				continue
			}
			if took > 2*time.Second || alloc > 4*MaxEnvFile {
				t.Errorf("%s (tool %v): took %s and allocated %d bytes", name, fromTool, took, alloc)
			}
			msg := strings.ReplaceAll(err.Error(), path, "PATH")
			if abs, _ := filepath.Abs(path); abs != path {
				msg = strings.ReplaceAll(err.Error(), abs, "PATH")
			}
			for _, leak := range []string{"wJalr", "aws_secret", "PATH=", "HOME="} {
				// A person at a terminal may see the names a file defines.
				if strings.Contains(err.Error(), leak) && (fromTool || leak == "wJalr") {
					t.Errorf("%s: the error leaks %q: %v", name, leak, err)
				}
			}
			if fromTool {
				if toolMsg == "" {
					toolMsg = msg
				} else if msg != toolMsg {
					t.Errorf("%s: the refusal differs from another's, so it tells what exists:\n%s\n%s", name, msg, toolMsg)
				}
			} else if strings.Contains(msg, "same whether or not") {
				t.Errorf("%s: the command line gets the terse tool message: %v", name, err)
			}
		}
	}
}

// TestEnvFileLargeButRegular: a regular .env file over the cap is refused
// after reading at most the cap, even if its reported size were wrong.
func TestEnvFileCap(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.env")
	if err := os.WriteFile(p, []byte("NOTION_TOKEN="+ntnTok+"\n"+strings.Repeat("#", MaxEnvFile)), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Resolve(envOf(nil), Request{EnvFile: p}); err == nil || !strings.Contains(err.Error(), "larger than 256 KiB") {
		t.Errorf("err = %v", err)
	}
	ok := filepath.Join(t.TempDir(), "prod.env")
	if err := os.WriteFile(ok, []byte("NOTION_TOKEN="+ntnTok+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if tok, err := Resolve(envOf(nil), Request{EnvFile: ok, FromTool: true}); err != nil || tok.Value() != ntnTok {
		t.Errorf("a plain prod.env: %v", err)
	}
}
