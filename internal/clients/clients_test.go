package clients

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/notion-mcp/notion-mcp/internal/token"
)

// The fixtures' tokens. They are shaped like real ones so that every check
// runs on them; none of them may appear in any output.
var secrets = []string{
	"ntn_41293851234AbCdEfGhIjKlMnOpQrStUvWxYz012345678",
	"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",
	"ntn_77700011122QwErTyUiOpAsDfGhJkLzXcVbNm123456789",
}

// fakeBin makes a PATH folder holding the commands the fixtures start.
func fakeBin(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"npx", "docker", "notion-mcp", "node"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func envFunc(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// codes lists "server: code" for every problem, sorted; config-level
// problems are listed under "(file)".
func codes(r *Report) []string {
	out := []string{}
	for _, c := range r.Configs {
		for _, p := range c.Problems {
			out = append(out, "(file): "+p.Code)
		}
		for _, s := range c.Servers {
			for _, p := range s.Problems {
				out = append(out, s.Name+": "+p.Code)
			}
		}
	}
	sort.Strings(out)
	return out
}

func TestFixtures(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fixtures' PATH lookups use Unix paths")
	}
	bin := fakeBin(t)
	cases := []struct {
		file, client, goos string
		env                map[string]string
		want               []string
		status             string
	}{
		{file: "config_invalid_trailing_comma.json", client: ClaudeDesktop, want: []string{"(file): config_invalid"}, status: StatusInvalid},
		{file: "config_invalid_unescaped_quote.json", client: Cursor, want: []string{"(file): config_invalid"}, status: StatusInvalid},
		{file: "config_invalid.toml", client: Codex, want: []string{"(file): config_invalid"}, status: StatusInvalid},
		{file: "headers_invalid_json.json", client: ClaudeDesktop, want: []string{"notion: headers_invalid_json", "notion: token_missing"}},
		{file: "headers_double_encoded.json", client: ClaudeDesktop, want: []string{"notion: headers_invalid_json"}},
		{file: "authorization_missing.json", client: ClaudeDesktop, want: []string{"notion: authorization_missing"}},
		{file: "bearer_missing.json", client: ClaudeDesktop, want: []string{"notion: bearer_missing"}},
		{file: "version_pinned_old.json", client: ClaudeDesktop, want: []string{"notion: version_pinned_old"}},
		{file: "token_missing.json", client: ClaudeDesktop, want: []string{"notion: token_missing"}},
		{file: "wrong_env_name.json", client: ClaudeDesktop, want: []string{"notion: wrong_env_name"}},
		{file: "token_placeholder.json", client: ClaudeDesktop, want: []string{"notion: token_placeholder"}},
		{file: "token_unexpanded.json", client: ClaudeDesktop, want: []string{"notion: token_unexpanded"}},
		{file: "token_malformed.json", client: ClaudeDesktop, want: []string{"notion: token_malformed"}},
		{file: "token_malformed_notion_mcp.json", client: ClaudeDesktop, want: []string{"notion-mcp: token_malformed"}},
		{file: "command_not_found.json", client: ClaudeDesktop, want: []string{"notion-mcp: command_not_found", "notion: command_not_found"}},
		{file: "windows_npx_without_cmd.json", client: ClaudeDesktop, goos: "windows", want: []string{"notion: windows_npx_without_cmd"}},
		{file: "hosted_uses_oauth.json", client: Cursor, want: []string{"notion-remote: hosted_uses_oauth", "notion: hosted_uses_oauth"}},
		{file: "duplicate_notion_servers.json", client: Cursor, want: []string{"notion-mcp: duplicate_notion_servers", "notion: duplicate_notion_servers"}},
		{file: "docker_env_not_passed.json", client: ClaudeDesktop, want: []string{"notion: token_missing"}},
		{file: "community.json", client: ClaudeDesktop, want: []string{"notion: wrong_env_name"}},
		{file: "vscode_mcp.json", client: VSCode, env: map[string]string{"NOTION_TOKEN": secrets[1]},
			want: []string{"notion-typo: token_unexpanded"}},
		{file: "vscode_mcp.json", client: VSCode,
			want: []string{"notion-env: token_missing", "notion-typo: token_unexpanded"}},
		{file: "codex_config.toml", client: Codex, env: map[string]string{"NOTION_TOKEN": secrets[1]},
			want: []string{"notion-hosted: hosted_uses_oauth", "notion: token_unexpanded"}},
		{file: "codex_config.toml", client: Codex,
			want: []string{"notion-hosted: hosted_uses_oauth", "notion-mcp: token_missing", "notion: token_unexpanded"}},
		{file: "claude_code_mcp.json", client: ClaudeCode, env: map[string]string{"NOTION_TOKEN": secrets[1]},
			want: []string{"notion-default: duplicate_notion_servers", "notion-unset: token_missing", "notion: duplicate_notion_servers"}},
		{file: "cursor_mcp.json", client: Cursor, env: map[string]string{"NOTION_TOKEN": secrets[1]},
			want: []string{"notion-plain: token_unexpanded"}},
		{file: "windsurf_mcp_config.json", client: Windsurf,
			want: []string{"notion-local: token_malformed", "notion: hosted_uses_oauth"}},
	}
	for _, tc := range cases {
		t.Run(strings.TrimSuffix(tc.file, filepath.Ext(tc.file))+"/"+tc.goos, func(t *testing.T) {
			env := map[string]string{"PATH": bin}
			for k, v := range tc.env {
				env[k] = v
			}
			goos := tc.goos
			if goos == "" {
				goos = runtime.GOOS
			}
			var registered []string
			rep, err := Check(context.Background(), Options{GOOS: goos, Getenv: envFunc(env), Client: tc.client,
				File: filepath.Join("testdata", "configs", tc.file), Secret: func(s string) { registered = append(registered, s) }})
			if err != nil {
				t.Fatal(err)
			}
			if got := codes(rep); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("codes:\n got %q\nwant %q", got, tc.want)
			}
			want := tc.status
			if want == "" {
				want = StatusOK
			}
			if got := rep.Configs[0].Status; got != want {
				t.Errorf("status %q, want %q", got, want)
			}
			assertNoSecret(t, rep)
			assertWellFormed(t, rep)
			data, _ := os.ReadFile(filepath.Join("testdata", "configs", tc.file))
			for _, s := range secrets {
				if strings.Contains(string(data), s) && tc.status == "" && !contains(registered, s) && !strings.Contains(tc.file, "unexpanded") {
					t.Errorf("a token in the file was not registered with the redactor")
				}
			}
		})
	}
}

func assertNoSecret(t *testing.T, rep *Report) {
	t.Helper()
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secrets {
		for _, part := range []string{s, s[4:20], s[len(s)-20:]} {
			if strings.Contains(string(b), part) {
				t.Fatalf("the report shows a token: %s", b)
			}
		}
	}
}

// assertWellFormed checks every problem has a known code and severity, a
// message and a fix, and that servers and tokens carry known values.
func assertWellFormed(t *testing.T, rep *Report) {
	t.Helper()
	for _, c := range rep.Configs {
		if !contains([]string{StatusOK, StatusMissing, StatusInvalid}, c.Status) {
			t.Errorf("status %q", c.Status)
		}
		all := append([]Problem(nil), c.Problems...)
		for _, s := range c.Servers {
			if !contains(Kinds, s.Kind) {
				t.Errorf("kind %q", s.Kind)
			}
			if !contains(TokenStatuses, s.Token.Status) {
				t.Errorf("token status %q", s.Token.Status)
			}
			all = append(all, s.Problems...)
		}
		for _, p := range all {
			if Codes[p.Code] != p.Severity && !(p.Code == "token_malformed" || p.Code == "token_missing" || p.Code == "headers_invalid_json" || p.Code == "config_not_read") {
				t.Errorf("%s: severity %q, want %q", p.Code, p.Severity, Codes[p.Code])
			}
			if _, ok := Codes[p.Code]; !ok {
				t.Errorf("unknown code %q", p.Code)
			}
			if p.Message == "" || p.Fix == "" {
				t.Errorf("%s: empty message or fix", p.Code)
			}
			if strings.Contains(p.Fix, "ntn_") && !strings.Contains(p.Fix, "<your token>") {
				t.Errorf("%s: a fix shows a token-like value: %s", p.Code, p.Fix)
			}
		}
	}
}

func TestFakeHome(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake home is laid out the Linux way")
	}
	home, _ := filepath.Abs(filepath.Join("testdata", "home"))
	project, _ := filepath.Abs(filepath.Join("testdata", "project"))
	env := map[string]string{"HOME": home, "PATH": fakeBin(t), "NOTION_TOKEN": secrets[0]}
	rep, err := Check(context.Background(), Options{GOOS: "linux", Getenv: envFunc(env), ProjectDir: project})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range rep.Configs {
		rel, _ := filepath.Rel(filepath.Dir(home), c.Path)
		var names []string
		for _, s := range c.Servers {
			names = append(names, s.Name+"="+s.Kind+"/"+s.Token.Status)
		}
		got = append(got, c.Client+" "+filepath.ToSlash(rel)+" "+c.Status+" "+strings.Join(names, ","))
	}
	want := []string{
		"claude-desktop home/.config/Claude/claude_desktop_config.json ok notion=official/missing",
		"claude-code home/.claude.json ok notion=notion-mcp/ok,notion-acme (project /work/acme)=official/ok",
		"cursor home/.cursor/mcp.json ok notion=hosted/oauth",
		"vscode home/.config/Code/User/mcp.json ok notion=hosted/oauth",
		"vscode home/.config/Code - Insiders/User/mcp.json missing ",
		"windsurf home/.codeium/windsurf/mcp_config.json ok notion=official/placeholder",
		"codex home/.codex/config.toml ok notion=notion-mcp/ok",
		"claude-code project/.mcp.json ok notion=notion-mcp/ok",
		"cursor project/.cursor/mcp.json missing ",
		"vscode project/.vscode/mcp.json ok notion=notion-mcp/prompted",
		"codex project/.codex/config.toml missing ",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("configs:\n got %q\nwant %q", got, want)
	}
	if !rep.Errors() {
		t.Error("Errors() = false; the fake home has wrong_env_name and token_placeholder")
	}
	wantCodes := []string{
		"notion-acme (project /work/acme): duplicate_notion_servers", "notion-acme (project /work/acme): version_pinned_old",
		"notion: duplicate_notion_servers", "notion: duplicate_notion_servers", "notion: hosted_uses_oauth", "notion: hosted_uses_oauth",
		"notion: token_placeholder", "notion: wrong_env_name",
	}
	if got := codes(rep); !reflect.DeepEqual(got, wantCodes) {
		t.Errorf("codes:\n got %q\nwant %q", got, wantCodes)
	}
	assertNoSecret(t, rep)
	assertWellFormed(t, rep)
}

func TestClientFilterAndUnknown(t *testing.T) {
	home, _ := filepath.Abs(filepath.Join("testdata", "home"))
	rep, err := Check(context.Background(), Options{GOOS: "linux", Getenv: envFunc(map[string]string{"HOME": home}), Client: Codex})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Configs) != 1 || rep.Configs[0].Client != Codex {
		t.Errorf("--client codex gave %+v", rep.Configs)
	}
	if _, err := Check(context.Background(), Options{Client: "emacs"}); err == nil {
		t.Error("an unknown client was accepted")
	}
}

func TestLocationsPerOS(t *testing.T) {
	env := envFunc(map[string]string{"HOME": "/Users/ada", "USERPROFILE": `C:\Users\ada`, "APPDATA": `C:\Users\ada\AppData\Roaming`})
	find := func(goos, client string) []string {
		var out []string
		for _, l := range Locations(goos, env, "") {
			if l.Client == client {
				out = append(out, l.Path)
			}
		}
		return out
	}
	for _, tc := range []struct {
		goos, client string
		want         []string
	}{
		{"darwin", ClaudeDesktop, []string{"/Users/ada/Library/Application Support/Claude/claude_desktop_config.json"}},
		{"windows", ClaudeDesktop, []string{`C:\Users\ada\AppData\Roaming\Claude\claude_desktop_config.json`}},
		{"linux", ClaudeDesktop, []string{"/Users/ada/.config/Claude/claude_desktop_config.json"}},
		{"darwin", VSCode, []string{"/Users/ada/Library/Application Support/Code/User/mcp.json", "/Users/ada/Library/Application Support/Code - Insiders/User/mcp.json"}},
		{"windows", VSCode, []string{`C:\Users\ada\AppData\Roaming\Code\User\mcp.json`, `C:\Users\ada\AppData\Roaming\Code - Insiders\User\mcp.json`}},
		{"linux", VSCode, []string{"/Users/ada/.config/Code/User/mcp.json", "/Users/ada/.config/Code - Insiders/User/mcp.json"}},
		{"windows", ClaudeCode, []string{`C:\Users\ada\.claude.json`}},
		{"darwin", Windsurf, []string{"/Users/ada/.codeium/windsurf/mcp_config.json"}},
		{"linux", Codex, []string{"/Users/ada/.codex/config.toml"}},
	} {
		if got := find(tc.goos, tc.client); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %s: %q, want %q", tc.goos, tc.client, got, tc.want)
		}
	}
}

func TestLive(t *testing.T) {
	bin := fakeBin(t)
	calls := map[string]int{}
	check := func(_ context.Context, tok *token.Token) LiveResult {
		calls[tok.Fingerprint()]++
		if tok.Value() == secrets[0] {
			return LiveResult{Status: "valid", Integration: "Acme Sync", Kind: "internal", Workspace: "Acme"}
		}
		return LiveResult{Status: "invalid"}
	}
	rep, err := Check(context.Background(), Options{GOOS: runtime.GOOS, Getenv: envFunc(map[string]string{"PATH": bin}),
		File: filepath.Join("testdata", "configs", "live.json"), Client: ClaudeDesktop, Live: true, Check: check})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"good: duplicate_notion_servers", "good: token_ok", "placeholder: token_placeholder", "revoked: duplicate_notion_servers", "revoked: token_invalid"}
	if got := codes(rep); !reflect.DeepEqual(got, want) {
		t.Errorf("codes:\n got %q\nwant %q", got, want)
	}
	if len(calls) != 2 {
		t.Errorf("live checks %v: want one per well-formed token, none for the placeholder", calls)
	}
	st := map[string]string{}
	for _, s := range rep.Configs[0].Servers {
		st[s.Name] = s.Token.Status
	}
	if st["good"] != TokenValid || st["revoked"] != TokenInvalid || st["placeholder"] != TokenPlaceholder {
		t.Errorf("token statuses %v", st)
	}
	for _, p := range rep.Configs[0].Servers[0].Problems {
		if p.Code == "duplicate_notion_servers" && !strings.Contains(p.Message, `workspace "Acme"`) {
			t.Errorf("the duplicate warning does not name the workspace --live found: %s", p.Message)
		}
	}
	assertNoSecret(t, rep)
}

func TestConfigInvalidPosition(t *testing.T) {
	rep, _ := Check(context.Background(), Options{File: filepath.Join("testdata", "configs", "config_invalid_trailing_comma.json"), Client: ClaudeDesktop})
	p := rep.Configs[0].Problems[0]
	if !strings.Contains(p.Message, "line 7, column 5") || !strings.Contains(p.Message, "trailing comma") {
		t.Errorf("message %q: want the line and column of the brace after the trailing comma", p.Message)
	}
	rep, _ = Check(context.Background(), Options{File: filepath.Join("testdata", "configs", "config_invalid.toml")})
	if p := rep.Configs[0].Problems[0]; !strings.Contains(p.Message, "line 4") {
		t.Errorf("toml message %q: want line 4", p.Message)
	}
	rep, _ = Check(context.Background(), Options{File: filepath.Join("testdata", "configs", "config_invalid_unescaped_quote.json")})
	if p := rep.Configs[0].Problems[0]; !strings.Contains(p.Message, "line 6") || !strings.Contains(p.Message, "escaped") {
		t.Errorf("message %q: want line 6 and the unescaped-quote hint", p.Message)
	}
}

func TestGuessClient(t *testing.T) {
	for path, want := range map[string]string{
		"/h/Library/Application Support/Claude/claude_desktop_config.json": ClaudeDesktop,
		"/h/.claude.json": ClaudeCode, "/p/.mcp.json": ClaudeCode, "/h/.cursor/mcp.json": Cursor,
		`C:\p\.vscode\mcp.json`: VSCode, "/h/.codeium/windsurf/mcp_config.json": Windsurf,
		"/h/.config/Code - Insiders/User/mcp.json": VSCode,
		"/h/.codex/config.toml":                    Codex, "/x/other.json": "",
	} {
		if got := GuessClient(path); got != want {
			t.Errorf("GuessClient(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestFileArgument(t *testing.T) {
	dir := t.TempDir()
	notJSON := filepath.Join(dir, "notes.txt")
	os.WriteFile(notJSON, []byte("{}"), 0o600)
	for _, path := range []string{"/dev/zero", "/proc/self/environ", filepath.Join(dir, "nope.json"), notJSON, dir + "/"} {
		_, err := Check(context.Background(), Options{File: path, FromTool: true})
		if err == nil || !strings.Contains(err.Error(), "was not read") {
			t.Errorf("tool config %s: %v; want the one refusal", path, err)
		}
	}
	if _, err := Check(context.Background(), Options{File: filepath.Join(dir, "nope.json")}); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("CLI --config of a missing file: %v", err)
	}
}
