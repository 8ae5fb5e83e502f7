package tokencheck

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/argerr"
	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/sandbox"
	"github.com/notion-mcp/notion-mcp/internal/sandbox/sandboxtest"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/session"
)

type env = sandboxtest.Env

func newSession(t *testing.T, ws *sandbox.Workspace, e env, timeout time.Duration) *session.Session {
	t.Helper()
	return sandboxtest.Session(t, ws, e, sandboxtest.Options{Timeout: timeout})
}

var allTokens = []string{
	sandbox.TokenValid, sandbox.TokenLegacy, sandbox.TokenRevoked, sandbox.TokenNoReadContent,
	sandbox.TokenRestricted, sandbox.TokenRateLimited, sandbox.TokenFlaky, sandbox.TokenOtherWorkspace,
	sandbox.TokenNothingShared, sandbox.TokenDemo,
}

// assertNoSecret fails if out holds a token or any 12-character slice of one.
func assertNoSecret(t *testing.T, out []byte) {
	t.Helper()
	for _, s := range allTokens {
		for i := 0; i+12 <= len(s); i++ {
			if bytes.Contains(out, []byte(s[i:i+12])) {
				t.Fatalf("the result holds %q, a slice of the token %s", s[i:i+12], token.Fingerprint(s))
			}
		}
	}
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// writeEnv writes a .env file and returns its path.
func writeEnv(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

type tcase struct {
	name     string
	env      env
	req      Request
	faults   []sandbox.Fault
	latency  time.Duration
	timeout  time.Duration // per request; default 5s
	status   string        // "" when an argerr.ErrInvalid error is wanted
	source   string        // exact Source; "" skips
	bot      *Bot          // exact Bot; nil means none
	kind     string        // Format.Kind; "" skips
	warn     string        // a warning must contain it; "" means no warning
	step     string        // a next step must contain it
	requests int           // requests the sandbox saw
	minMS    int64         // LatencyMS at least

	summary   string  // the summary must contain it
	tokenKind string  // Result.Kind; "" skips
	person    *Person // exact Person; nil means none
}

func TestCheck(t *testing.T) {
	acmeBot := &Bot{ID: sandbox.AcmeSyncBotID, Name: sandbox.AcmeSyncName, WorkspaceName: sandbox.AcmeWorkspaceName, WorkspaceID: sandbox.AcmeWorkspaceID, OwnerType: "workspace"}
	globexBot := &Bot{ID: sandbox.GlobexBotID, Name: sandbox.GlobexBotName, WorkspaceName: sandbox.GlobexWorkspaceName, WorkspaceID: sandbox.GlobexWorkspaceID, OwnerType: "workspace"}
	found := writeEnv(t, "# project settings\nexport NOTION_TOKEN=\""+sandbox.TokenValid+"\"\nOTHER=1\n")
	custom := writeEnv(t, "ACME_NOTION_KEY="+sandbox.TokenOtherWorkspace+"\n")
	noKey := writeEnv(t, "OPENAI_API_KEY=sk-not-a-notion-token\nDEBUG=1\n")
	absFound, _ := filepath.Abs(found)

	cases := []tcase{
		{name: "valid", env: env{"NOTION_TOKEN": sandbox.TokenValid}, latency: 20 * time.Millisecond, minMS: 20,
			status: StatusValid, source: "env:NOTION_TOKEN", bot: acmeBot, kind: token.KindInternal, step: `"Acme Sync"`, requests: 1},
		{name: "legacy", env: env{"NOTION_TOKEN": sandbox.TokenLegacy},
			status: StatusValid, bot: acmeBot, kind: token.KindLegacyInternal, step: `"Acme Sync"`, requests: 1},
		{name: "other workspace", env: env{"NOTION_TOKEN": sandbox.TokenOtherWorkspace},
			status: StatusValid, bot: globexBot, step: `"Globex Bot"`, requests: 1},
		{name: "revoked", env: env{"NOTION_TOKEN": sandbox.TokenRevoked},
			status: StatusInvalid, source: "env:NOTION_TOKEN", step: "Refresh", requests: 1},
		{name: "missing", env: env{}, status: StatusMissing, step: "NOTION_TOKEN", requests: 0},
		{name: "only quotes", env: env{"NOTION_TOKEN": `""`}, status: StatusMalformed, step: "no quotes", requests: 0},
		// Not shaped like a Notion token: never sent, whoever named it.
		{name: "another secret by name", env: env{"AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"}, req: Request{Token: token.Request{TokenEnv: "AWS_SECRET_ACCESS_KEY"}},
			status: StatusMalformed, source: "env:AWS_SECRET_ACCESS_KEY", kind: token.KindUnrecognised, warn: "not sent to Notion", step: "Refresh", requests: 0},
		{name: "HOME by name", env: env{"HOME": "/home/someone"}, req: Request{Token: token.Request{TokenEnv: "HOME"}},
			status: StatusMalformed, warn: "not sent to Notion", step: "Refresh", requests: 0},
		{name: "through a tool, HOME is not read", env: env{"HOME": "/home/someone"}, req: Request{Token: token.Request{TokenEnv: "HOME", FromTool: true}}},
		// Of the Notion family but not the documented shape: sent, saying so.
		{name: "longer than documented", env: env{"NOTION_TOKEN": sandbox.TokenValid + "Ab3De5"},
			status: StatusInvalid, warn: "sent to Notion anyway", step: "Refresh", requests: 1},
		{name: "env_file", env: env{}, req: Request{Token: token.Request{EnvFile: found}},
			status: StatusValid, source: "env_file:" + absFound + "#NOTION_TOKEN", bot: acmeBot, step: `"Acme Sync"`, requests: 1},
		{name: "env_file with env_key", env: env{}, req: Request{Token: token.Request{EnvFile: custom, EnvKey: "ACME_NOTION_KEY"}},
			status: StatusValid, bot: globexBot, step: `"Globex Bot"`, requests: 1},
		{name: "env_file without the key", env: env{"NOTION_TOKEN": sandbox.TokenValid}, req: Request{Token: token.Request{EnvFile: noKey}},
			status: StatusMissing, step: "NOTION_TOKEN", requests: 0},
		{name: "env_file that does not exist", req: Request{Token: token.Request{EnvFile: filepath.Join(t.TempDir(), "nope.env")}}},
		{name: "token_env", env: env{"ACME_NOTION": sandbox.TokenValid}, req: Request{Token: token.Request{TokenEnv: "ACME_NOTION"}},
			status: StatusValid, source: "env:ACME_NOTION", bot: acmeBot, step: `"Acme Sync"`, requests: 1},
		{name: "token_env not set", env: env{"NOTION_TOKEN": sandbox.TokenValid}, req: Request{Token: token.Request{TokenEnv: "ACME_NOTION"}},
			status: StatusMissing, step: "NOTION_TOKEN", requests: 0},
		{name: "literal token", req: Request{Token: token.Request{Literal: sandbox.TokenValid}},
			status: StatusValid, source: token.SourceArgument, bot: acmeBot, warn: "Regenerate", step: `"Acme Sync"`, requests: 1},
		{name: "two sources", env: env{"NOTION_TOKEN": sandbox.TokenValid}, req: Request{Token: token.Request{TokenEnv: "NOTION_TOKEN", Literal: sandbox.TokenValid}}},
		{name: "bad api_version", env: env{"NOTION_TOKEN": sandbox.TokenValid}, req: Request{APIVersion: "2021-08-16"}},
		{name: "NOTION_API_KEY", env: env{"NOTION_API_KEY": sandbox.TokenValid},
			status: StatusValid, source: "env:NOTION_API_KEY", bot: acmeBot, warn: "NOTION_TOKEN", step: `"Acme Sync"`, requests: 1},
		{name: "rate limited", env: env{"NOTION_TOKEN": sandbox.TokenRateLimited}, status: StatusRateLimited, step: "30s", requests: 1},
		{name: "flaky", env: env{"NOTION_TOKEN": sandbox.TokenFlaky}, status: StatusValid, bot: acmeBot, step: `"Acme Sync"`, requests: 2},
		{name: "HTML 502 forever", env: env{"NOTION_TOKEN": sandbox.TokenValid}, faults: []sandbox.Fault{{Kind: sandbox.FaultHTML502}},
			status: StatusUnreachable, step: "status.notion.so", requests: notion.DefaultMaxAttempts},
		{name: "hang", env: env{"NOTION_TOKEN": sandbox.TokenValid}, faults: []sandbox.Fault{{Kind: sandbox.FaultHang}}, timeout: 50 * time.Millisecond,
			status: StatusUnreachable, step: "status.notion.so", requests: 1},
		{name: "restricted users/me is no capability", env: env{"NOTION_TOKEN": sandbox.TokenValid}, faults: []sandbox.Fault{{Kind: sandbox.Fault403Restricted}},
			status: StatusError, step: "restricted", summary: "not a missing capability", requests: 1},
		{name: "personal access token", env: env{"NOTION_TOKEN": sandbox.TokenPersonal}, status: StatusValid, step: "Personal access tokens",
			summary: "personal access token of \"" + sandbox.UserAdaName + "\"", requests: 1, tokenKind: notion.KindPAT,
			person: &Person{ID: sandbox.UserAdaID, Name: sandbox.UserAdaName}},
		{name: "internal connection", env: env{"NOTION_TOKEN": sandbox.TokenValid}, status: StatusValid, bot: acmeBot, step: `"Acme Sync"`,
			summary: "internal connection", requests: 1, tokenKind: notion.KindInternal},
		{name: "529 overload", env: env{"NOTION_TOKEN": sandbox.TokenValid}, faults: []sandbox.Fault{{Kind: sandbox.Fault529, RetryAfter: "120"}},
			status: StatusRateLimited, step: "2m0s", summary: "not an outage", requests: 1},
		{name: "workspace 429", env: env{"NOTION_TOKEN": sandbox.TokenValid}, faults: []sandbox.Fault{{Kind: sandbox.Fault429Workspace}},
			status: StatusRateLimited, step: "does not help", summary: "whole workspace", requests: 1},
		{name: "Cloudflare 403", env: env{"NOTION_TOKEN": sandbox.TokenValid}, faults: []sandbox.Fault{{Kind: sandbox.FaultHTML403}},
			status: StatusUnreachable, step: "firewall", summary: "network rule blocked", requests: 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runCheck(t, c)
		})
	}
}

func runCheck(t *testing.T, c tcase) {
	ws := sandbox.New(sandbox.Options{Latency: c.latency})
	for _, f := range c.faults {
		ws.Inject(f)
	}
	if c.timeout == 0 {
		c.timeout = 5 * time.Second
	}
	r, err := Check(context.Background(), newSession(t, ws, c.env, c.timeout), c.req)
	if c.status == "" {
		if !errors.Is(err, argerr.ErrInvalid) || r != nil {
			t.Fatalf("got %+v, %v; want an argerr.ErrInvalid error", r, err)
		}
		assertNoSecret(t, []byte(err.Error()))
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.MarshalIndent(r, "", "  ")
	assertNoSecret(t, out)
	if r.Status != c.status || r.Valid != (c.status == StatusValid) || r.Summary == "" {
		t.Fatalf("status %s valid %v, want %s:\n%s", r.Status, r.Valid, c.status, out)
	}
	if c.source != "" && r.Source != c.source {
		t.Errorf("source %q, want %q", r.Source, c.source)
	}
	if r.Status != StatusMalformed && r.Source != "" && !strings.Contains(r.Fingerprint, "…") {
		t.Errorf("fingerprint %q", r.Fingerprint)
	}
	if (c.bot == nil) != (r.Bot == nil) || c.bot != nil && *c.bot != *r.Bot {
		t.Errorf("bot %+v, want %+v", r.Bot, c.bot)
	}
	if c.kind != "" && (r.Format == nil || r.Format.Kind != c.kind) {
		t.Errorf("format %+v, want kind %s", r.Format, c.kind)
	}
	switch {
	case c.warn == "" && len(r.Warnings) > 0:
		t.Errorf("warnings %q, want none", r.Warnings)
	case c.warn != "" && !strings.Contains(strings.Join(r.Warnings, "\n"), c.warn):
		t.Errorf("warnings %q lack %q", r.Warnings, c.warn)
	}
	if c.summary != "" && !strings.Contains(r.Summary, c.summary) {
		t.Errorf("summary lacks %q: %s", c.summary, r.Summary)
	}
	if c.tokenKind != "" && r.Kind != c.tokenKind {
		t.Errorf("kind %q, want %q", r.Kind, c.tokenKind)
	}
	if (c.person == nil) != (r.Person == nil) || c.person != nil && (*c.person != *r.Person || !strings.Contains(r.Expiry, "one year")) {
		t.Errorf("person %+v expiry %q, want %+v", r.Person, r.Expiry, c.person)
	}
	if r.Person != nil && strings.Contains(strings.Join(r.NextSteps, "\n"), "Add connections") {
		t.Errorf("a personal access token needs no sharing: %q", r.NextSteps)
	}
	if !strings.Contains(strings.Join(r.NextSteps, "\n"), c.step) {
		t.Errorf("next steps lack %q: %q", c.step, r.NextSteps)
	}
	if n := len(ws.Requests()); n != c.requests {
		t.Errorf("%d requests, want %d", n, c.requests)
	}
	if c.requests > 0 && r.RequestID == "" && c.status != StatusUnreachable {
		t.Errorf("no request_id")
	}
	if r.RequestID != "" && !uuidRE.MatchString(r.RequestID) {
		t.Errorf("request_id %q", r.RequestID)
	}
	if r.LatencyMS < c.minMS {
		t.Errorf("latency %d ms, want at least %d", r.LatencyMS, c.minMS)
	}
}

// TestCheckRateLimitedIsQuick: with the real clock, a 429 asking to wait
// 30 s is reported at once rather than waited out twice.
func TestCheckRateLimitedIsQuick(t *testing.T) {
	ws := sandbox.New(sandbox.Options{})
	s, err := session.New(session.Config{Getenv: env{"NOTION_TOKEN": sandbox.TokenRateLimited}.Get, Transport: ws.Transport()})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r, err := Check(context.Background(), s, Request{})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); r.Status != StatusRateLimited || took > 5*time.Second {
		t.Errorf("status %s after %v, want rate_limited at once", r.Status, took)
	}
}
