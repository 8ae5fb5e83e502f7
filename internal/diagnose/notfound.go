package diagnose

import (
	"errors"
	"fmt"
	"strings"

	"github.com/notion-mcp/notion-mcp/internal/notion"
	"github.com/notion-mcp/notion-mcp/internal/notionid"
	"github.com/notion-mcp/notion-mcp/internal/pasted"
	"github.com/notion-mcp/notion-mcp/internal/token"
)

// notFound: no endpoint settled the type. Either the API could not answer,
// or every endpoint said 404 — then the token's workspace and integration
// are compared with what the input names before "not shared" is said.
func notFound(r *Result, p *prober, all []*outcome, ext *notionid.Result, pe *pasted.Error) {
	name, what := r.Integration.Name, objectOf(ext, p.id)
	var limited, down, other *notion.Error
	for _, o := range all {
		if o == nil || o.err == nil {
			continue
		}
		switch e := o.err; {
		case e.IsRestricted():
			// A 403 on a retrieve is a missing Read content capability: the
			// reference pages of retrieve page, block and view say so.
			r.Verdict = MissingCapability
			r.Summary = fmt.Sprintf("%q lacks the Read content capability Notion requires to read %s (403 restricted_resource on %s: %s).", name, what, e.Path, e.Message)
			r.Steps = []string{
				fmt.Sprintf("Open %s, choose %q, open Capabilities, enable Read content (and what else your app needs), Save.", token.Portal, name),
				againStep(p.id),
			}
			if r.pat() {
				r.Summary = fmt.Sprintf("Notion refused the personal access token of %q reading %s (403 restricted_resource on %s: %s): the token was made without read access, or a workspace policy restricts it.", name, what, e.Path, e.Message)
				r.Steps = []string{
					"Open Notion's Developer portal (https://www.notion.so/developers → Personal access tokens), check the token's access, or make a new one with read access; a workspace admin may have restricted personal access tokens.",
					againStep(p.id),
				}
			}
			return
		case e.IsBlocked(), e.IsOverloaded(), e.IsRateLimited():
			if limited == nil || e.IsBlocked() {
				limited = e
			}
		case e.IsServer(), e.IsNetwork(), e.IsTimeout():
			down = e
		case !e.IsNotFound():
			other = e
		}
	}
	switch {
	case limited != nil:
		limitVerdict(r, limited, what, p.id, name)
		return
	case down != nil:
		r.Verdict = APIUnreachable
		r.Summary = "Notion's API did not answer properly after retries (" + down.Error() + "), so " + what + " could not be checked."
		r.Steps = []string{
			"Check https://status.notion.so and the network (proxy, firewall, NOTION_BASE_URL).",
			fmt.Sprintf("Then diagnose again (diagnose_access on %s); the token of %q itself works.", p.id, name),
		}
		return
	case other != nil:
		r.Verdict = APIUnreachable
		r.Summary = "Notion answered in a way this diagnosis does not expect (" + other.Error() + ")."
		r.Steps = []string{fmt.Sprintf("Run notion-mcp with --log-level debug, diagnose %s again with %q's token and read the log; the evidence below lists every request.", p.id, name)}
		return
	}

	if r.pat() {
		patNotFound(r, p, what)
		return
	}
	ws := r.Integration.WorkspaceName
	named := pe.Integration
	if named != "" && !strings.EqualFold(named, name) {
		r.Verdict = WorkspaceMismatch
		r.Summary = fmt.Sprintf("Your app's error names the integration %q, but the token checked here belongs to %q (workspace %q), which cannot see %s either: your app uses another integration's token than this one.", named, name, ws, what)
		r.Steps = []string{
			fmt.Sprintf("Give this server the token of %q (the one your app uses) and diagnose %s again, or share %s with %q and use its token in your app.", named, p.id, what, name),
			"Compare the fingerprint from validate_token with the token your app is configured with (same prefix and last 4 characters).",
		}
		return
	}
	// additional_data.integration_id only counts when the message names no
	// integration: whether it always equals the bot user's id is unverified.
	if id := pe.IntegrationID; named == "" && id != "" && p.botID != "" && !strings.EqualFold(id, p.botID) {
		r.Verdict = WorkspaceMismatch
		r.Summary = fmt.Sprintf("The pasted error comes from integration %s, but the token checked here is the bot %s (%q): your app uses another integration's token.", id, p.botID, name)
		r.Steps = []string{fmt.Sprintf("Configure your app and this server with the same integration token, then diagnose %s again.", p.id)}
		return
	}
	slug := slugVerdict(ext.Workspace, ws)
	if slug == slugOther {
		r.Verdict = WorkspaceMismatch
		r.Summary = fmt.Sprintf("The link is in the workspace %q, but the token belongs to %q in the workspace %q: an integration only sees its own workspace, so %s cannot be read with it.", ext.Workspace, name, ws, what)
		r.Steps = []string{
			fmt.Sprintf("Create a connection (integration) in the workspace %q: in %s choose New connection and pick that workspace; share %s with it, and use its token.", ext.Workspace, token.Portal, what),
			fmt.Sprintf("Or, if %s should be in %q, move it there and share it with %q.", what, ws, name),
		}
		return
	}

	r.Verdict = NotShared
	asked := "page, database, data source and block"
	if !notion.HasDataSources(p.v) {
		asked = "page, database, block and (with 2025-09-03) data source"
	}
	r.Summary = fmt.Sprintf("The token works, but none of the %s endpoints can see %s: it is not shared with %q, or it was deleted, or the ID is mistyped — Notion's 404 says the same for all three. Ruled out: the token (valid, workspace %q) and the ID's format.",
		asked, p.id, name, ws)
	if p.get(TypeView) != nil {
		r.Summary += " Nor is it a view of a database it can see: GET /v1/views/{id} answered 404 too."
	}
	if slug == slugUnsure {
		r.Summary += fmt.Sprintf(" The link's workspace %q does not obviously match %q; if it is another workspace, an integration of that workspace is needed.", ext.Workspace, ws)
	}
	r.Steps = stepsShare(name, ext, p.id)
}

// objectOf names the input's object before anything is known of it.
func objectOf(ext *notionid.Result, id string) string {
	if ext != nil && ext.Title != "" && id == ext.ID {
		return named(ext.Title, id)
	}
	return id
}

func waitFor(e *notion.Error) string { return e.WaitText() }

// tokenFailure: users/me failed, so nothing else was asked.
func tokenFailure(r *Result, t *token.Token, err error, id string) {
	var ne *notion.Error
	if !errors.As(err, &ne) {
		r.Verdict, r.Summary = APIUnreachable, "The token could not be checked: "+err.Error()
		r.Steps = []string{"Try again; run notion-mcp with --log-level debug for details.", againStep(id)}
		return
	}
	switch {
	case ne.IsUnauthorized():
		r.Verdict = TokenInvalid
		r.Summary = fmt.Sprintf("Notion rejects the token from %s (401 unauthorized), so no ID can be read with it: it was revoked or regenerated, or is mistyped.", t.Source())
		r.Steps = append(stepsNewToken(""), againStep(id))
	case ne.IsBlocked(), ne.IsOverloaded(), ne.WorkspaceLimited():
		limitVerdict(r, ne, "the token", id, "")
	case ne.IsRateLimited():
		r.Verdict = RateLimited
		wait := waitFor(ne)
		r.Summary = fmt.Sprintf("Notion is rate-limiting the integration of the token from %s (429, retry after %s), so nothing could be checked.", t.Source(), wait)
		r.Steps = []string{"Pause other scripts using the same integration: they share its limit of about 3 requests per second (and the workspace's own budget).",
			fmt.Sprintf("Wait %s, then diagnose again (diagnose_access on %s).", wait, id)}
	case ne.IsRestricted():
		// GET /v1/users/me works whatever the capabilities (NOTION_API_NOTES
		// "Users/me works with any capability level"): a 403 there is the
		// account or workspace refusing the public API, not a capability.
		r.Verdict = TokenInvalid
		r.Summary = fmt.Sprintf("Notion refused GET /v1/users/me for the token from %s (403 %s: %s). That endpoint answers whatever a connection's capabilities are, so this is not a missing capability: the token's account or workspace is restricted from the public API (an admin policy, a suspended account, or personal access tokens disabled by the workspace).", t.Source(), ne.Code, ne.Message)
		r.Steps = []string{
			"Ask a workspace owner whether connections or personal access tokens are restricted (Settings → Connections, or the Developer portal's policies), and whether the account that made the token is still allowed.",
			"Or use a token of an internal connection that a workspace owner made in " + token.Portal + ".",
			againStep(id),
		}
	case ne.IsServer(), ne.IsNetwork(), ne.IsTimeout():
		r.Verdict = APIUnreachable
		r.Summary = "Notion's API could not be reached: " + ne.Error()
		r.Steps = []string{"Check https://status.notion.so and the network (proxy, firewall, NOTION_BASE_URL).", againStep(id)}
	default:
		r.Verdict = APIUnreachable
		r.Summary = "Notion answered the token check (GET /v1/users/me) unexpectedly: " + ne.Error()
		r.Steps = []string{"Run notion-mcp with --log-level debug and read its log; the evidence below lists the request.", againStep(id)}
	}
}

func stepsShare(name string, ext *notionid.Result, id string) []string {
	what := "the page or database " + id
	if ext.Title != "" && id == ext.ID {
		what = named(ext.Title, id)
	}
	open := "Open " + what + " in Notion"
	if ext.Source == notionid.SourceURL {
		open += " (the link you gave)"
	}
	return []string{
		open + " as a full page.",
		fmt.Sprintf("Click ••• (top right) → Connections → Add connections, search for %q and confirm. Sharing a parent page shares everything inside it.", name),
		"If it cannot be found in Notion, it was deleted or the ID is mistyped: copy the link again with Share → Copy link.",
		fmt.Sprintf("Wait a few seconds after sharing, then diagnose again (diagnose_access on %s).", id),
	}
}

// stepsNewToken says how to get a working token; name is the integration's
// when known.
func stepsNewToken(name string) []string {
	which := "the integration"
	if name != "" {
		which = fmt.Sprintf("%q", name)
	}
	return []string{
		"Open " + token.Portal + ", choose " + which + ", open Configuration and copy the secret, the Internal Integration Secret (Show, or Refresh to regenerate); for a personal access token, make a new one under Personal access tokens.",
		"Put it in NOTION_TOKEN in your MCP client's config (no quotes, no Bearer prefix), restart the client, and run validate_token.",
	}
}

func againStep(id string) string {
	return fmt.Sprintf("Then diagnose again (diagnose_access on %s).", id)
}

func stepsCopyLink() []string {
	return []string{
		"Open the page or database in Notion; for a database, open it as a full page (inline: ••• → Open as full page).",
		"Click Share → Copy link (or ••• → Copy link) and pass that link: notion-mcp reads the ID from it.",
	}
}
