// Package tokencheck validates a Notion integration token: where it came
// from, what is wrong with its format, and whether Notion accepts it, with
// the next steps for each outcome. It never shows the token.
package tokencheck

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/argerr"
	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/token"
	"github.com/notion-mcp/notion-mcp/session"
)

// Statuses of a check.
const (
	StatusValid       = "valid"
	StatusInvalid     = "invalid"
	StatusMissing     = "missing"
	StatusMalformed   = "malformed"
	StatusRateLimited = "rate_limited"
	StatusUnreachable = "unreachable"
	StatusError       = "error"
)

// Statuses lists every status, for the tool's output schema.
var Statuses = []string{StatusValid, StatusInvalid, StatusMissing, StatusMalformed, StatusRateLimited, StatusUnreachable, StatusError}

// Format is the offline format check.
type Format struct {
	Kind     string   `json:"kind" jsonschema:"internal, legacy_internal or unrecognised."`
	Problems []string `json:"problems" jsonschema:"Offline warnings."`
}

// Person is who a personal access token acts as: users/me returns the
// person who created it (developers.notion.com/guides/get-started/personal-access-tokens).
type Person struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Bot is the integration the token belongs to.
type Bot struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	WorkspaceName string `json:"workspace_name"`
	WorkspaceID   string `json:"workspace_id"`
	OwnerType     string `json:"owner_type"`
}

// Result is the outcome of a check.
type Result struct {
	Status      string   `json:"status"`
	Valid       bool     `json:"valid"`
	Summary     string   `json:"summary"`
	Source      string   `json:"source,omitempty" jsonschema:"e.g. env:NOTION_TOKEN; never the value."`
	Fingerprint string   `json:"fingerprint,omitempty"`
	Format      *Format  `json:"format,omitempty"`
	Kind        string   `json:"kind,omitempty" jsonschema:"From users/me: internal, public or personal_access_token."`
	Bot         *Bot     `json:"bot,omitempty"`
	Person      *Person  `json:"person,omitempty" jsonschema:"Personal access tokens: the person it acts as."`
	Expiry      string   `json:"expiry,omitempty" jsonschema:"Personal access tokens: when it stops working."`
	NextSteps   []string `json:"next_steps"`
	Warnings    []string `json:"warnings"`
	APIVersion  string   `json:"api_version"`
	LatencyMS   int64    `json:"latency_ms"`
	RequestID   string   `json:"request_id,omitempty"`
	Sandbox     bool     `json:"sandbox,omitempty" jsonschema:"From the built-in sandbox, not Notion."`
}

// Request says which token to check and with which API version.
type Request struct {
	Token      token.Request
	APIVersion string
}

// budget bounds the live check. Without it a 429 with Retry-After: 30 would
// be waited out twice (a minute) before rate_limited is said; with it the
// transport gives up on any wait that would end past the deadline.
const budget = 20 * time.Second

// Check resolves and checks a token. It returns an error only for bad
// arguments; every token outcome, invalid included, is a Result.
func Check(ctx context.Context, s *session.Session, req Request) (*Result, error) {
	v, err := s.Version(req.APIVersion)
	if err != nil {
		return nil, argerr.Mark(err) // two sources, an env_file that cannot be read, a bad api_version
	}
	r := &Result{APIVersion: v, Sandbox: s.Sandbox(), NextSteps: []string{}, Warnings: []string{}}
	t, err := s.Token(req.Token)
	switch {
	case errors.Is(err, token.ErrMissing):
		r.Status = StatusMissing
		r.Summary = "No Notion token reached this server: " + err.Error() + "."
		r.NextSteps = stepsMissing()
		return r, nil
	case err != nil:
		return nil, argerr.Mark(err) // two sources, an env_file that cannot be read, a bad api_version
	}
	checkResolved(ctx, s, t, r)
	return r, nil
}

// CheckToken checks a token found elsewhere (in an MCP client's config, say)
// the way Check checks a resolved one. The caller registers it with the
// redactor first.
func CheckToken(ctx context.Context, s *session.Session, t *token.Token, apiVersion string) (*Result, error) {
	v, err := s.Version(apiVersion)
	if err != nil {
		return nil, argerr.Mark(err) // two sources, an env_file that cannot be read, a bad api_version
	}
	r := &Result{APIVersion: v, Sandbox: s.Sandbox(), NextSteps: []string{}, Warnings: []string{}}
	checkResolved(ctx, s, t, r)
	return r, nil
}

func checkResolved(ctx context.Context, s *session.Session, t *token.Token, r *Result) {
	r.Source, r.Fingerprint = t.Source(), t.Fingerprint()
	f := t.Format()
	r.Format = &Format{Kind: f.Kind, Problems: append([]string{}, f.Problems...)}
	r.Warnings = append(r.Warnings, sourceWarnings(t)...)
	if !t.Sendable() {
		r.Status = StatusMalformed
		r.Summary = fmt.Sprintf("The value from %s does not have the shape of a Notion token, so it was not sent to Notion; its problems are listed under format.", t.Source())
		if t.IsZero() {
			r.Summary = fmt.Sprintf("The token from %s is empty once cleaned of quotes, spaces and a Bearer prefix.", t.Source())
		} else {
			r.Warnings = append(r.Warnings, token.NotSent)
		}
		r.NextSteps = stepsReplace()
		return
	}
	if !t.Documented() {
		r.Warnings = append(r.Warnings, token.AssumedShape)
	}

	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	trace := &notion.Trace{}
	start := time.Now()
	u, _, err := s.Me(notion.WithTrace(ctx, trace), t, true)
	r.LatencyMS = time.Since(start).Milliseconds()
	if ex := trace.Exchanges(); len(ex) > 0 {
		r.RequestID = ex[len(ex)-1].RequestID
	}
	if err != nil {
		classify(r, t, err)
		return
	}
	r.Status, r.Valid = StatusValid, true
	r.Kind = u.Kind()
	if u.IsPAT() {
		validPAT(r, t, u, s.Sandbox())
		return
	}
	r.Bot = &Bot{ID: u.ID, Name: u.Name}
	if u.Bot != nil {
		r.Bot.WorkspaceName, r.Bot.WorkspaceID, r.Bot.OwnerType = u.Bot.WorkspaceName, u.Bot.WorkspaceID, u.Bot.OwnerType
	}
	ws := r.Bot.WorkspaceName
	if ws == "" {
		ws = "its workspace"
	} else {
		ws = "workspace " + quote(ws)
	}
	what := "the internal connection (integration)"
	if r.Kind == notion.KindPublic {
		what = "the public connection (OAuth integration)"
	}
	r.Summary = fmt.Sprintf("The token from %s is valid: it belongs to %s %s in %s.", t.Source(), what, quote(u.Name), ws)
	if s.Sandbox() {
		r.Summary += " (Answered by the built-in sandbox workspace, not Notion.)"
	}
	r.NextSteps = stepsValid(u.Name)
}

// classify turns a failed users/me into a status and its steps.
func classify(r *Result, t *token.Token, err error) {
	var ne *notion.Error
	if !errors.As(err, &ne) {
		r.Status, r.Summary = StatusError, "The token could not be checked: "+err.Error()
		r.NextSteps = []string{"Try again; if it keeps failing, run notion-mcp with --log-level debug and read its log."}
		return
	}
	switch {
	case ne.IsUnauthorized():
		r.Status = StatusInvalid
		r.Summary = fmt.Sprintf("Notion rejected the token from %s (401 unauthorized: %q): it was revoked or regenerated, mistyped, or is not a Notion integration token.", t.Source(), ne.Message)
		r.NextSteps = stepsReplace()
	case ne.IsBlocked():
		r.Status = StatusUnreachable
		r.Summary = fmt.Sprintf("A network rule blocked the request before it reached Notion's API (an HTML 403 from Notion's edge with cf-ray %s and no Notion request ID): a proxy, VPN, firewall or security rule, not the token and not a missing capability.", ne.CFRay)
		r.NextSteps = []string{"Try from another network or without the VPN/proxy; ask for https://api.notion.com to be allowed through the company firewall or proxy, then check again.",
			fmt.Sprintf("If it persists on a clean network, contact Notion support with the Cloudflare Ray ID %s.", ne.CFRay)}
	case ne.IsOverloaded():
		r.Status = StatusRateLimited
		r.Summary = fmt.Sprintf("Notion is overloaded (529 service_overload) and asked to wait %s, so the token could not be checked now. This is a temporary overload, not an outage and not a problem with the token.", ne.WaitText())
		r.NextSteps = []string{fmt.Sprintf("Wait %s and check again.", ne.WaitText())}
	case ne.WorkspaceLimited():
		r.Status = StatusRateLimited
		r.Summary = fmt.Sprintf("Notion is rate-limiting the whole workspace (429, rate_limit_reason %q), so the token could not be checked now: every connection of the workspace shares this budget.", ne.RateLimitReason())
		r.NextSteps = []string{fmt.Sprintf("Wait %s and check again.", ne.WaitText()),
			"Other connections and scripts of the workspace count against the same limit: pause or slow the busiest. Moving a script to its own integration does not help against a workspace limit."}
	case ne.IsRateLimited():
		r.Status = StatusRateLimited
		r.Summary = "Notion is rate-limiting this integration (429), so the token could not be checked now."
		if ne.Paced() {
			r.Summary = "This server is pacing requests to stay under Notion's limit of about 3 per second, and the call's deadline came first, so the token could not be checked now."
		}
		wait := ne.WaitText()
		r.NextSteps = []string{fmt.Sprintf("Wait %s and check again: Notion allows about 3 requests per second per integration.", wait),
			"If another script or server uses the same integration, it shares this limit; pause it or give it its own integration."}
	case ne.IsRestricted():
		// GET /v1/users/me answers whatever a connection's capabilities are
		// (NOTION_API_NOTES "Users/me works with any capability level").
		r.Status = StatusError
		r.Summary = fmt.Sprintf("Notion refused GET /v1/users/me for the token from %s (403 %s: %q). That endpoint answers whatever a connection's capabilities are, so this is not a missing capability: the token's account or workspace is restricted from the public API (an admin policy, a suspended account, or personal access tokens disabled by the workspace).", t.Source(), ne.Code, ne.Message)
		r.NextSteps = []string{"Ask a workspace owner whether connections or personal access tokens are restricted, and whether the account that made the token is still allowed.",
			"Or use the token of an internal connection that a workspace owner made in " + token.Portal + ".",
			"If it keeps failing, run notion-mcp with --log-level debug and read its log."}
	case ne.IsTimeout(), ne.IsNetwork(), ne.IsServer():
		r.Status = StatusUnreachable
		r.Summary = "Notion's API could not be reached: " + ne.Error()
		r.NextSteps = []string{"Check the network (a proxy or firewall must allow https://api.notion.com) and https://status.notion.so, then check again.",
			"If NOTION_BASE_URL or --base-url is set, make sure it points at the Notion API."}
	default:
		r.Status = StatusError
		r.Summary = "Checking the token failed: " + ne.Error()
		r.NextSteps = []string{"Read the error above; run notion-mcp with --log-level debug for the request log."}
	}
}

func sourceWarnings(t *token.Token) []string {
	var w []string
	if t.Literal() {
		w = append(w, "This token was passed as an argument, so it has been through the conversation (and maybe logs or a model provider). "+
			"Regenerate it (integration settings → Configuration → Refresh) and keep it in NOTION_TOKEN or a .env file; check it with env_file or token_env instead.")
	}
	if src := t.Source(); strings.HasPrefix(src, "env:NOTION_") && src != "env:NOTION_TOKEN" {
		w = append(w, fmt.Sprintf("The token came from %s. The official Notion MCP server and SDK examples read NOTION_TOKEN: set that name too if another tool cannot find the token.", strings.TrimPrefix(src, "env:")))
	}
	return w
}

// validPAT fills the result for a personal access token: it acts as its
// person, sees what that person can open without any sharing, and expires
// a year after it was made (developers.notion.com/guides/get-started/personal-access-tokens).
func validPAT(r *Result, t *token.Token, u *notion.User, sandbox bool) {
	r.Person = &Person{ID: u.ID, Name: u.Name}
	r.Expiry = "A personal access token expires one year after it was created; it also stops working when its person loses access or a workspace policy disables such tokens."
	r.Summary = fmt.Sprintf("The token from %s is valid: it is a personal access token of %s. It acts as that person and sees exactly what %s can open in Notion; nothing needs to be shared with it.", t.Source(), quote(u.Name), quote(u.Name))
	if sandbox {
		r.Summary += " (Answered by the built-in sandbox workspace, not Notion.)"
	}
	r.NextSteps = []string{
		"Call list_shared_databases to see the databases it can reach, and diagnose_access for any ID that fails: a 404 means " + quote(u.Name) + " cannot open it (ask its owner for access), or it was deleted or mistyped.",
		"Make a new personal access token before this one expires (a year after it was created): " + token.Portal + " → Personal access tokens.",
		"For automation a team relies on, prefer an internal connection: it does not depend on one person's access or account.",
	}
}

func stepsMissing() []string {
	return []string{
		"For a team's automation, create an internal connection (integration) in " + token.Portal + ": + New connection (New integration), pick the workspace, and give it the Read content capability.",
		"Open its Configuration tab, click Show next to the secret (Internal Integration Secret) and copy it (it starts with ntn_).",
		"For your own scripts, a personal access token is simpler: create one in the Developer portal → Personal access tokens. It acts as you, needs no sharing, and expires after a year.",
		`Put it in the env block of this server's entry in your MCP client's config, e.g. "env": {"NOTION_TOKEN": "ntn_…"}, then restart the client. A variable exported in a shell does not reach a server started by an editor or assistant.`,
		"Or keep it in your project's .env file and check it with validate_token's env_file argument, so it never passes through the chat.",
		"With an internal connection, share pages or databases with it: open each as a full page → ••• → Connections → Add connections → pick the connection.",
		`If the token is in your client's config already, call check_client_config: it reads the file each client really uses — on Windows, Claude Desktop from its current installer reads one under %LOCALAPPDATA%\Packages\Claude_…, not %APPDATA%\Claude — and says what is wrong with the entry.`,
	}
}

func stepsReplace() []string {
	return []string{
		"Open " + token.Portal + ", choose the connection (integration), open Configuration and click Show (or Refresh to regenerate) next to the secret (Internal Integration Secret); copy the whole value. For a personal access token, make a new one under Personal access tokens.",
		"Paste it as the value of NOTION_TOKEN in your MCP client's config (no quotes inside the value, no Bearer prefix, no trailing newline), then restart the client.",
		"If the token was shared anywhere, regenerate it: the old one stops working at once.",
	}
}

func stepsValid(name string) []string {
	return []string{
		fmt.Sprintf("Share what the integration should read: open the page or database as a full page → ••• → Connections → Add connections → search for %s. Sharing a page shares everything inside it.", quote(name)),
		"Then call list_shared_databases to see what it can reach, and diagnose_access for any ID that fails.",
	}
}

func quote(s string) string { return `"` + s + `"` }
