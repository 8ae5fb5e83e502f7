package diagnose

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/notionid"
	"github.com/notion-mcp/notion-mcp/internal/token"
)

// notFound: no endpoint settled the type. Either the API could not answer,
// or every endpoint said 404 — then the token's workspace and integration
// are compared with what the input names before "not shared" is said.
func notFound(r *Result, p *prober, all []*outcome, ext *notionid.Result, text string) {
	var limited, down, other *notion.Error
	for _, o := range all {
		if o == nil || o.err == nil {
			continue
		}
		switch e := o.err; {
		case e.IsRestricted():
			r.Verdict = MissingCap
			r.Summary = fmt.Sprintf("%q lacks a capability Notion requires here (403 restricted_resource: %s).", r.Integration.Name, e.Message)
			r.Steps = []string{
				fmt.Sprintf("Open https://www.notion.so/profile/integrations, choose %q, open Capabilities, enable Read content (and what else your app needs), Save, then diagnose again.", r.Integration.Name),
			}
			return
		case e.IsRateLimited():
			limited = e
		case e.IsServer(), e.IsNetwork(), e.IsTimeout():
			down = e
		case !e.IsNotFound():
			other = e
		}
	}
	switch {
	case limited != nil:
		r.Verdict = RateLimited
		wait := "a minute"
		if limited.RetryAfter > 0 {
			wait = limited.RetryAfter.Round(time.Second).String()
		}
		r.Summary = fmt.Sprintf("Notion kept answering 429 (rate limited) until the deadline, so the ID could not be checked; it asks to wait %s.", wait)
		r.Steps = []string{fmt.Sprintf("Wait %s and diagnose again.", wait),
			fmt.Sprintf("Notion allows about 3 requests per second per integration; pause other scripts that use %q meanwhile.", r.Integration.Name)}
		return
	case down != nil:
		r.Verdict = Unreachable
		r.Summary = "Notion's API did not answer properly after retries (" + down.Error() + "), so the ID could not be checked."
		r.Steps = []string{"Check https://status.notion.so and the network (proxy, firewall, NOTION_BASE_URL), then diagnose again."}
		return
	case other != nil:
		r.Verdict = Unreachable
		r.Summary = "Notion answered in a way this diagnosis does not expect (" + other.Error() + ")."
		r.Steps = []string{"Run notion-mcp with --log-level debug and read its log; the evidence below lists every request."}
		return
	}

	ws := r.Integration.WorkspaceName
	if named := integrationIn(text); named != "" && !strings.EqualFold(named, r.Integration.Name) {
		r.Verdict = WorkspaceMisfit
		r.Summary = fmt.Sprintf("Your app's error names the integration %q, but the token checked here belongs to %q (workspace %q): your app uses another integration's token than this one.", named, r.Integration.Name, ws)
		r.Steps = []string{
			fmt.Sprintf("Give your app the token of the integration that should read %s, or share the object with %q instead.", p.id, r.Integration.Name),
			"Compare the fingerprint from validate_token with the token your app is configured with (same prefix and last 4 characters).",
		}
		return
	}
	if id := integrationIDIn(text); id != "" && r.Integration != nil && p.botID != "" && !strings.EqualFold(id, p.botID) {
		r.Verdict = WorkspaceMisfit
		r.Summary = fmt.Sprintf("The pasted error comes from integration %s, but the token checked here is the bot %s (%q): your app uses another integration's token.", id, p.botID, r.Integration.Name)
		r.Steps = []string{"Configure your app and this server with the same integration token, then diagnose again."}
		return
	}
	if ext.Workspace != "" && ws != "" && !slugMatches(ext.Workspace, ws) {
		r.Verdict = WorkspaceMisfit
		r.Summary = fmt.Sprintf("The link is in the workspace %q, but the token belongs to %q in the workspace %q: an integration only sees its own workspace.", ext.Workspace, r.Integration.Name, ws)
		r.Steps = []string{
			fmt.Sprintf("Create an integration in the workspace %q (https://www.notion.so/profile/integrations → New integration → pick that workspace), share the object with it, and use its token.", ext.Workspace),
			fmt.Sprintf("Or, if the object should be in %q, move it there and share it with %q.", ws, r.Integration.Name),
		}
		return
	}

	r.Verdict = NotShared
	asked := "page, database and block"
	if p.v != notion.V20220628 {
		asked = "page, database, data source and block"
	}
	r.Summary = fmt.Sprintf("The token works, but no %s endpoint can see %s: it is not shared with %q, or it was deleted, or the ID is mistyped — Notion's 404 says the same for all three. Ruled out: the token (valid, workspace %q) and the ID's format.",
		asked, p.id, r.Integration.Name, ws)
	r.Steps = stepsShare(r.Integration.Name, ext)
}

var (
	integrationNameRE = regexp.MustCompile(`shared with your integration "([^"]+)"`)
	integrationIDRE   = regexp.MustCompile(`"integration_id"\s*:\s*"([0-9a-fA-F-]{32,36})"`)
)

// integrationIn finds the integration a newer 404 message names.
func integrationIn(text string) string {
	m := integrationNameRE.FindStringSubmatch(strings.ReplaceAll(text, `\"`, `"`))
	if m == nil {
		return ""
	}
	return m[1]
}

func integrationIDIn(text string) string {
	m := integrationIDRE.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	return strings.ToLower(m[1])
}

// slugMatches compares a link's workspace slug with a workspace name,
// ignoring case and punctuation ("acme-corp" matches "Acme Corp").
func slugMatches(slug, name string) bool {
	norm := func(s string) string {
		var b strings.Builder
		for _, c := range strings.ToLower(s) {
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				b.WriteRune(c)
			}
		}
		return b.String()
	}
	a, b := norm(slug), norm(name)
	return a == "" || b == "" || a == b || strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
}

// tokenFailure: users/me failed, so nothing else was asked.
func tokenFailure(r *Result, t *token.Token, err error) {
	var ne *notion.Error
	if !errors.As(err, &ne) {
		r.Verdict, r.Summary = Unreachable, "The token could not be checked: "+err.Error()
		r.Steps = []string{"Try again; run notion-mcp with --log-level debug for details."}
		return
	}
	switch {
	case ne.IsUnauthorized():
		r.Verdict = TokenInvalid
		r.Summary = fmt.Sprintf("Notion rejects the token from %s (401 unauthorized), so no ID can be read with it: it was revoked or regenerated, or is mistyped.", t.Source())
		r.Steps = stepsNewToken()
	case ne.IsRateLimited():
		r.Verdict = RateLimited
		r.Summary = "Notion is rate-limiting this integration (429), so nothing could be checked."
		r.Steps = []string{"Wait a minute and diagnose again; pause other scripts using the same integration."}
	default:
		r.Verdict = Unreachable
		r.Summary = "Notion's API could not be reached: " + ne.Error()
		r.Steps = []string{"Check https://status.notion.so and the network (proxy, firewall, NOTION_BASE_URL), then diagnose again."}
	}
}

func stepsShare(name string, ext *notionid.Result) []string {
	what := "the page or database"
	if ext.Title != "" {
		what = fmt.Sprintf("%q", ext.Title)
	}
	open := "Open " + what + " in Notion"
	if ext.Source == notionid.SourceURL {
		open += " (the link you gave)"
	}
	return []string{
		open + " as a full page.",
		fmt.Sprintf("Click ••• (top right) → Connections → Add connections, search for %q and confirm. Sharing a parent page shares everything inside it.", name),
		"If it cannot be found in Notion, it was deleted or the ID is mistyped: copy the link again with Share → Copy link.",
		"Wait a few seconds after sharing, then run diagnose_access again.",
	}
}

func stepsNewToken() []string {
	return []string{
		"Open https://www.notion.so/profile/integrations, choose the integration, open Configuration and copy the Internal Integration Secret (Show, or Refresh to regenerate).",
		"Put it in NOTION_TOKEN in your MCP client's config (no quotes, no Bearer prefix), restart the client, and run validate_token.",
	}
}

func stepsCopyLink() []string {
	return []string{
		"Open the page or database in Notion; for a database, open it as a full page (inline: ••• → Open as full page).",
		"Click Share → Copy link (or ••• → Copy link) and pass that link: notion-mcp reads the ID from it.",
	}
}
